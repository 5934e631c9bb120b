"""The production set-up over real connections: endpoints.production.yml against the local
PostgreSQL (a throwaway database per session), Redis (a key prefix of this run) and RabbitMQ (an
exchange and a queue of this run), two Rasa servers sharing them, one action server, and nginx in
front of the two (round robin, as deploy/nginx.conf) when nginx is installed.

Services: PRODUCTION_TEST_POSTGRES (default postgresql://postgres@127.0.0.1:5432/postgres),
PRODUCTION_TEST_REDIS (127.0.0.1:6379), PRODUCTION_TEST_RABBITMQ (amqp://guest:guest@127.0.0.1:5672/).
A service that does not answer skips these tests with the reason shown (pytest -ra).
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional
from urllib.parse import urlparse

import aiohttp
import pytest

from tests.conftest import FROZEN, ROOT
from tests.postgres import throwaway_database
from tests.servers import VENV_BIN, _start, free_port, stop, wait_for

REDIS = os.environ.get("PRODUCTION_TEST_REDIS", "127.0.0.1:6379")
RABBITMQ = os.environ.get("PRODUCTION_TEST_RABBITMQ", "amqp://guest:guest@127.0.0.1:5672/")
RUN = secrets.token_hex(5)


def _reachable(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=2).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def postgres():
    """A throwaway database: (admin connection, database name, psycopg2 connect kwargs)."""
    with throwaway_database("eparaksts_prod_test", "PRODUCTION_TEST_POSTGRES", name=f"eparaksts_prod_test_{RUN}") as (url, conn):
        params = dict(host=url.host, port=url.port or 5432, user=url.username, password=url.password or "")
        yield conn, url.database, {**params, "dbname": url.database}


@pytest.fixture(scope="session")
def redis_client():
    import redis

    host, port = REDIS.split(":")
    client = redis.StrictRedis(host=host, port=int(port), db=1, socket_timeout=5)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        pytest.skip(f"Redis not reachable at {REDIS}: {error}")
    yield client
    for key in client.scan_iter(f"eptest{RUN}:*"):
        client.delete(key)


@pytest.fixture(scope="session")
def rabbitmq():
    """Exchange and queue of this run; removed at the end."""
    url = urlparse(RABBITMQ)
    if not _reachable(url.hostname, url.port or 5672):
        pytest.skip(f"RabbitMQ not reachable at {url.hostname}:{url.port}")
    names = {"exchange": f"eparaksts-test-{RUN}", "queue": f"eparaksts_test_{RUN}"}
    yield names

    async def clean():
        import aio_pika

        connection = await aio_pika.connect(RABBITMQ)
        async with connection:
            channel = await connection.channel()
            await channel.queue_delete(names["queue"])
            await channel.exchange_delete(names["exchange"])
    asyncio.run(clean())


class TcpProxy:
    """A TCP forwarder the test can cut: the second Rasa instance reaches the shared Redis through
    it, so a test can make Redis unreachable for that instance without touching the server."""

    def __init__(self, host: str, port: int):
        self.target, self.open, self.sockets = (host, port), True, []
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while True:
                data = a.recv(65536)
                if not data:
                    break
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self) -> None:
        self.open = False
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()
        self.sockets = []

    def restore(self) -> None:
        self.open = True


class Events:
    """Every event the brokers published to this run's queue, read with aio-pika, by sender."""

    def __init__(self, queue: str):
        self.queue = queue
        self.by_sender: Dict[str, List[dict]] = {}

    def drain(self) -> None:
        async def go():
            import aio_pika

            connection = await aio_pika.connect(RABBITMQ)
            async with connection:
                channel = await connection.channel()
                queue = await channel.declare_queue(self.queue, durable=True, passive=True)
                while True:
                    message = await queue.get(fail=False, no_ack=True)
                    if message is None:
                        return
                    event = json.loads(message.body)
                    self.by_sender.setdefault(event.get("sender_id"), []).append(event)
        asyncio.run(go())

    def of(self, sender: str, at_least: int, timeout: float = 15) -> List[dict]:
        """Published events of `sender`, once at least `at_least` arrived (publishing is async)."""
        deadline = time.monotonic() + timeout
        while True:
            self.drain()
            got = self.by_sender.get(sender, [])
            if len(got) >= at_least or time.monotonic() > deadline:
                return got
            time.sleep(0.3)


@dataclass
class Cluster:
    instances: List[str]  # base URLs of the Rasa servers
    action_port: int
    env: Dict[str, str]
    workdir: Path
    postgres: tuple
    redis: object
    key_prefix: str
    events: Events
    redis_proxy: TcpProxy
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)
    nginx: Optional[str] = None  # base URL of nginx in front of the instances

    def webhook(self, base: str) -> str:
        return f"{base}/webhooks/rest/webhook"

    def stored_events(self, sender: str) -> List[dict]:
        import psycopg2

        with psycopg2.connect(**self.postgres[2]) as conn, conn.cursor() as cursor:
            cursor.execute("SELECT id, type_name, data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
            return [dict(json.loads(data), _id=row_id, _type=type_name) for row_id, type_name, data in cursor]

    def start_actions(self) -> None:
        log = self.workdir / "actions.log"
        settings = [str(VENV_BIN / "python"), "-m", "eparaksts.settings"]
        process = _start(
            settings + [str(VENV_BIN / "python"), "-m", "actions.server", "--port", str(self.action_port)],
            {**self.env, "SANIC_HOST": "127.0.0.1"}, log,
        )
        self.processes["actions"] = process
        wait_for(f"http://127.0.0.1:{self.action_port}/health", 120, process, log)


async def post(url: str, sender: str, text: str, timeout: float = 60):
    async with aiohttp.ClientSession() as session:
        async with session.post(
            url, json={"sender": sender, "message": text}, timeout=aiohttp.ClientTimeout(total=timeout)
        ) as response:
            return response.status, await response.json(content_type=None)


def render_nginx(template: Path, listen: int, upstreams: List[str], prefix: Path) -> str:
    """deploy/nginx.conf with this test's ports; error log, pid and temp files under `prefix`."""
    servers = "\n".join(f"        server {u};" for u in upstreams)
    text = template.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^\s*@RASA_SERVERS@\s*$", servers, text).replace("@LISTEN@", f"127.0.0.1:{listen}")
    text = text.replace("@PREFIX@", str(prefix))
    # The test reads which instance served each request.
    text = text.replace("access_log off;", 'log_format upstreams "$upstream_addr $status";\n'
                        f"    access_log {prefix}/logs/access.log upstreams;")
    return text


@pytest.fixture(scope="session")
def cluster(trained_model, tmp_path_factory, postgres, redis_client, rabbitmq):
    workdir = tmp_path_factory.mktemp("production")
    _, database, _ = postgres
    admin_host, admin_port = postgres[2]["host"], postgres[2]["port"]
    key_prefix = f"eptest{RUN}"
    action_port = free_port()
    amqp = urlparse(RABBITMQ)
    env = {
        **os.environ,
        "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(ROOT),
        "ASSISTANT_FROZEN_TIME": FROZEN,
        # PRODUCTION_TEST_ENDPOINTS: try another endpoints file (e.g. one with Rasa's plain `type: SQL`).
        "ENDPOINTS_FILE": os.environ.get("PRODUCTION_TEST_ENDPOINTS", "endpoints.production.yml"),
        "ACTION_SERVER_URL": f"http://127.0.0.1:{action_port}/webhook",
        "OUTBOX_DB": str(workdir / "outbox.db"), "DESK_URL": f"http://127.0.0.1:{free_port()}",
        "POSTGRES_HOST": admin_host, "POSTGRES_PORT": str(admin_port), "POSTGRES_DB": database,
        "POSTGRES_USER": postgres[2]["user"], "POSTGRES_PASSWORD": postgres[2]["password"], "POSTGRES_LOGIN_DB": "",
        "REDIS_HOST": REDIS.split(":")[0], "REDIS_PORT": REDIS.split(":")[1], "REDIS_DB": "1",
        "REDIS_PASSWORD": "", "REDIS_KEY_PREFIX": key_prefix,
        # The guard's per-sender limit, counted in the same Redis for both instances.
        "RATE_LIMIT_STORE": "redis", "RATE_LIMIT_PER_MINUTE": "30",
        "RABBITMQ_HOST": amqp.hostname, "RABBITMQ_PORT": str(amqp.port or 5672),
        "RABBITMQ_USERNAME": amqp.username or "guest", "RABBITMQ_PASSWORD": amqp.password or "guest",
        "RABBITMQ_EXCHANGE": rabbitmq["exchange"], "RABBITMQ_QUEUE": rabbitmq["queue"],
    }
    redis_proxy = TcpProxy(REDIS.split(":")[0], int(REDIS.split(":")[1]))
    cluster = Cluster([], action_port, env, workdir, postgres, redis_client, key_prefix, Events(rabbitmq["queue"]),
                      redis_proxy)
    settings = [str(VENV_BIN / "python"), "-m", "eparaksts.settings"]
    try:
        cluster.start_actions()
        ports = [free_port(), free_port()]
        # Started together (they share the database: Rasa tolerates both creating the tables).
        for number, port in enumerate(ports, 1):
            # The second instance reaches the same Redis through a proxy the fault test can cut.
            instance_env = {**env, "REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(redis_proxy.port)} if number == 2 else env
            cluster.processes[f"rasa{number}"] = _start(
                settings + [str(VENV_BIN / "rasa"), "run", "--model", str(trained_model),
                            "--endpoints", env["ENDPOINTS_FILE"], "--credentials", "credentials.yml",
                            "--port", str(port)],
                instance_env, workdir / f"rasa{number}.log",
            )
        for number, port in enumerate(ports, 1):
            wait_for(f"http://127.0.0.1:{port}/webhooks/rest/", 240, cluster.processes[f"rasa{number}"],
                     workdir / f"rasa{number}.log")
            cluster.instances.append(f"http://127.0.0.1:{port}")
        nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
        if nginx:
            prefix = workdir / "nginx"
            (prefix / "logs").mkdir(parents=True)
            listen = free_port()
            config = prefix / "nginx.conf"
            config.write_text(render_nginx(
                ROOT / "deploy" / "nginx.conf", listen, [u.replace("http://", "") for u in cluster.instances], prefix,
            ))
            process = _start([nginx, "-p", str(prefix), "-c", str(config), "-g", "daemon off;"], env,
                             workdir / "nginx.out")
            cluster.processes["nginx"] = process
            wait_for(f"http://127.0.0.1:{listen}/webhooks/rest/", 20, process, workdir / "nginx.out")
            cluster.nginx = f"http://127.0.0.1:{listen}"
        yield cluster
    finally:
        redis_proxy.cut()
        redis_proxy.listener.close()
        for process in reversed(list(cluster.processes.values())):
            stop(process)

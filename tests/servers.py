"""Start the real action server and Rasa server as subprocesses (for end-to-end tests and benchmarks)."""
from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, Iterator, Optional

import aiohttp

from tests.conftest import ROOT

VENV_BIN = Path(sys.executable).parent
# The token the test desks accept (tests only; the real one comes from .env or var/).
TOKEN = "test-token-" + secrets.token_hex(8)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} not ready after {timeout}s:\n{log.read_text()[-3000:]}")


def _start(args, env, log: Path) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop(process: Optional[subprocess.Popen]) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class Desk:
    def __init__(self, url: str, database_url: str, process, log: Path):
        self.url, self.database_url, self.process, self.log = url, database_url, process, log

    def headers(self, token: str = TOKEN):
        return {"Authorization": f"Bearer {token}"}

    def request(self, method: str, path: str, token: str = TOKEN, **kwargs):
        """(status, json body) of one request; runs its own event loop."""
        async def go():
            async with aiohttp.ClientSession() as session:
                headers = {**(self.headers(token) if token else {}), **kwargs.pop("headers", {})}
                async with session.request(method, self.url + path, headers=headers, **kwargs) as response:
                    return response.status, await response.json(content_type=None)
        return asyncio.run(go())

    def list_cases(self, **filters):
        status, body = self.request("GET", "/api/cases", params={"limit": "500", **filters})
        assert status == 200, body
        return body["cases"]

    def ratings_summary(self):
        status, body = self.request("GET", "/api/ratings/summary")
        assert status == 200, body
        return {row["answer"]: row for row in body["answers"]}


def start_desk(database_url: str, workdir: Path, port: int = 0, env: Optional[Dict[str, str]] = None) -> Desk:
    port = port or free_port()
    log = workdir / f"desk-{port}.log"
    env = {
        **os.environ, "DATABASE_URL": database_url, "DESK_API_TOKEN": TOKEN,
        "DESK_HOST": "127.0.0.1", "DESK_PORT": str(port), "PYTHONPATH": str(ROOT), **(env or {}),
    }
    process = _start([sys.executable, "-m", "desk", "serve"], env, log)
    try:
        wait_for(f"http://127.0.0.1:{port}/health", 30, process, log)
    except Exception:
        stop(process)
        raise
    return Desk(f"http://127.0.0.1:{port}", database_url, process, log)


class Assistant:
    """A running pair of servers; `url` is the Rasa server's base URL."""

    def __init__(self, url: str, action_url: str, rasa: subprocess.Popen, actions: subprocess.Popen, logs: Path,
                 desk: Optional[Desk] = None):
        self.url, self.action_url = url, action_url
        self.rasa, self.actions, self.logs, self.desk = rasa, actions, logs, desk
        self.tracker_db = logs / "tracker.db"

    @property
    def webhook(self) -> str:
        return f"{self.url}/webhooks/rest/webhook"


@contextlib.contextmanager
def running_assistant(
    model: Path, workdir: Path, env: Optional[Dict[str, str]] = None, with_actions: bool = True,
    with_desk: bool = False, endpoints: Optional[str] = None, credentials: str = "credentials.yml",
    webchat: bool = False, desk_env: Optional[Dict[str, str]] = None,
) -> Iterator[Assistant]:
    """The Rasa server and action server (and, with_desk, a case desk on SQLite in workdir).

    `endpoints` is the endpoints file (default: $ENDPOINTS_FILE, else endpoints.yml, the embedded
    SQLite default); `credentials` the channels file. `webchat` (with_desk): the desk's /chat page
    points its widget at this Rasa server (RASA_PUBLIC_URL), and Rasa accepts Socket.IO from the
    desk's origin (CORS_ORIGINS) unless `env` says otherwise. `desk_env` adds to the desk's
    environment."""
    endpoints = endpoints or os.environ.get("ENDPOINTS_FILE") or "endpoints.yml"
    rasa_port, action_port = free_port(), free_port()
    if webchat:
        desk_env = {"RASA_PUBLIC_URL": f"http://127.0.0.1:{rasa_port}", **(desk_env or {})}
    desk = start_desk(f"sqlite:///{workdir / 'desk.db'}", workdir, env=desk_env) if with_desk else None
    base_env = {
        **os.environ,
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONPATH": str(ROOT),
        "TRACKER_DB": str(workdir / "tracker.db"),
        "ACTION_SERVER_URL": f"http://127.0.0.1:{action_port}/webhook",
        "OUTBOX_DB": str(workdir / "outbox.db"),
        **({"DESK_URL": desk.url, "DESK_API_TOKEN": TOKEN} if desk else {}),
        **({"CORS_ORIGINS": desk.url} if desk and webchat else {}),
        **(env or {}),
    }
    settings = [sys.executable, "-m", "eparaksts.settings"]
    actions = None
    try:
        if with_actions:
            actions = _start(
                settings + [sys.executable, "-m", "actions.server", "--port", str(action_port)],
                base_env,
                workdir / "actions.log",
            )
            wait_for(f"http://127.0.0.1:{action_port}/health", 120, actions, workdir / "actions.log")
        rasa = _start(
            settings
            + [
                str(VENV_BIN / "rasa"), "run", "--model", str(model), "--endpoints", str(endpoints),
                "--credentials", str(credentials), "--port", str(rasa_port),
            ]
            + base_env.get("RASA_EXTRA_ARGS", "").split(),
            base_env,
            workdir / "rasa.log",
        )
        try:
            wait_for(f"http://127.0.0.1:{rasa_port}/webhooks/rest/", 240, rasa, workdir / "rasa.log")
            yield Assistant(
                f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}", rasa, actions, workdir, desk
            )
        finally:
            stop(rasa)
    finally:
        stop(actions)
        stop(desk.process if desk else None)

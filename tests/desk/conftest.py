"""The desk as a real subprocess over real HTTP, on SQLite and on PostgreSQL.

PostgreSQL: a throwaway database per test session on DESK_TEST_POSTGRES (default the local
server, user postgres, trust auth), dropped at the end. Without a reachable server those tests
are skipped with the reason shown (pytest -ra).
"""
from __future__ import annotations

import asyncio
import os
import secrets
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.servers import _start, free_port, stop, wait_for

TOKEN = "test-token-" + secrets.token_hex(8)
POSTGRES_ADMIN = os.environ.get("DESK_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


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


def start_desk(database_url: str, workdir: Path, port: int = 0) -> Desk:
    port = port or free_port()
    log = workdir / f"desk-{port}.log"
    env = {
        **os.environ, "DATABASE_URL": database_url, "DESK_API_TOKEN": TOKEN,
        "DESK_HOST": "127.0.0.1", "DESK_PORT": str(port), "PYTHONPATH": str(Path(__file__).parents[2]),
    }
    process = _start([sys.executable, "-m", "desk", "serve"], env, log)
    try:
        wait_for(f"http://127.0.0.1:{port}/health", 30, process, log)
    except Exception:
        stop(process)
        raise
    return Desk(f"http://127.0.0.1:{port}", database_url, process, log)


@pytest.fixture(scope="session")
def postgres_url():
    psycopg2 = pytest.importorskip("psycopg2")
    from sqlalchemy.engine import make_url

    admin = make_url(POSTGRES_ADMIN)
    try:
        conn = psycopg2.connect(
            host=admin.host, port=admin.port or 5432, user=admin.username, password=admin.password,
            dbname=admin.database, connect_timeout=3,
        )
    except psycopg2.OperationalError as error:
        pytest.skip(f"PostgreSQL not reachable at {admin.host}:{admin.port}: {error}")
    conn.autocommit = True
    name = "eparaksts_desk_test_" + secrets.token_hex(6)
    with conn.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield str(admin.set(database=name))
    finally:
        with conn.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def desk(request, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(f"desk-{request.param}")
    if request.param == "sqlite":
        url = f"sqlite:///{workdir / 'desk.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    running = start_desk(url, workdir)
    yield running
    stop(running.process)

"""The desk as a real subprocess over real HTTP, on SQLite and on PostgreSQL.

PostgreSQL: a throwaway database per test session on DESK_TEST_POSTGRES (default the local
server, user postgres, trust auth), dropped at the end. Without a reachable server those tests
are skipped with the reason shown (pytest -ra).
"""
from __future__ import annotations

import os
import secrets

import pytest

from tests.servers import TOKEN, start_desk, stop

POSTGRES_ADMIN = os.environ.get("DESK_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


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

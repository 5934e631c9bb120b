"""A throwaway PostgreSQL database for the tests that need a real one (desk, console, production).

The admin URL comes from the variable the caller names (default: the local server, user postgres,
trust auth). Without a reachable server the test is skipped with the reason shown (pytest -ra).
"""
from __future__ import annotations

import contextlib
import os
import secrets
from typing import Iterator, Optional, Tuple

import pytest

DEFAULT_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


@contextlib.contextmanager
def throwaway_database(prefix: str, admin_variable: str, name: Optional[str] = None) -> Iterator[Tuple[object, object]]:
    """(SQLAlchemy URL of a new, empty database, the admin connection); dropped afterwards."""
    psycopg2 = pytest.importorskip("psycopg2")
    from sqlalchemy.engine import make_url

    admin = make_url(os.environ.get(admin_variable, DEFAULT_ADMIN))
    try:
        conn = psycopg2.connect(host=admin.host, port=admin.port or 5432, user=admin.username,
                                password=admin.password or "", dbname=admin.database, connect_timeout=3)
    except psycopg2.OperationalError as error:
        pytest.skip(f"PostgreSQL not reachable at {admin.host}:{admin.port}: {error}")
    conn.autocommit = True
    name = name or f"{prefix}_{secrets.token_hex(6)}"
    with conn.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name), conn
    finally:
        with conn.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()

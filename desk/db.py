"""The database engine: SQLite by default, PostgreSQL when DATABASE_URL says so.

SQLAlchemy Core with a synchronous engine; the aiohttp handlers run queries in a thread pool
(desk/storage.py), which is plenty for a desk that files a few hundred cases a day.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url


def normalise_url(url: str) -> str:
    # Hosting platforms hand out postgres://, which SQLAlchemy 1.4 no longer accepts.
    if url.startswith("postgres://"):
        return "postgresql://" + url[len("postgres://"):]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    if parsed.get_backend_name() == "postgresql":
        # pre_ping: the desk outlives PostgreSQL restarts without handing out dead connections.
        return create_engine(url, future=True, pool_pre_ping=True, pool_size=5, max_overflow=5)
    raise ValueError(f"DATABASE_URL: only sqlite:/// and postgresql:// are supported, not {parsed.drivername}")


def _sqlite_engine(url: str, database: str) -> Engine:
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take transaction control away from pysqlite (it would BEGIN lazily, deferred): with
        # deferred transactions two writers that both read first deadlock, and SQLite then fails
        # one at once instead of waiting. BEGIN IMMEDIATE below makes writers queue instead.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        mode = "DEFERRED" if connection.get_execution_options().get("readonly") else "IMMEDIATE"
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine

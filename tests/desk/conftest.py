"""The desk as a real subprocess over real HTTP, on SQLite and on PostgreSQL.

PostgreSQL: a throwaway database per test session on DESK_TEST_POSTGRES (default the local
server, user postgres, trust auth), dropped at the end. Without a reachable server those tests
are skipped with the reason shown (pytest -ra).
"""
from __future__ import annotations

import pytest

from tests.postgres import throwaway_database
from tests.servers import TOKEN, start_desk, stop

@pytest.fixture(scope="session")
def postgres_url():
    with throwaway_database("eparaksts_desk_test", "DESK_TEST_POSTGRES") as (url, _):
        yield str(url)


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

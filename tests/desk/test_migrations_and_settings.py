"""Schema migrations (once, in order, re-run is a no-op) on both databases; the shared token file."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from desk.db import make_engine
from desk.migrate import MIGRATIONS, migrate, migration_files
from eparaksts import settings
from tests.conftest import ROOT

VERSIONS = [version for version, _ in migration_files("sqlite")]


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    # The session database already carries the desk's schema: use a fresh schema-less copy.
    base = request.getfixturevalue("postgres_url")
    engine = make_engine(base)
    schema = "fresh_" + tmp_path.name.lower().replace("-", "_")[-20:]
    with engine.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    yield f"{base}?options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    engine.dispose()


def test_migrations_apply_once(empty_database):
    engine = make_engine(empty_database)
    try:
        assert migrate(engine) == VERSIONS
        assert migrate(engine) == []
        with engine.connect() as conn:
            recorded = [row[0] for row in conn.execute(text("SELECT version FROM schema_migrations ORDER BY version"))]
        assert recorded == VERSIONS
        assert {"cases", "case_status_changes", "case_field_updates", "answer_ratings"} <= set(
            inspect(engine).get_table_names()
        )
    finally:
        engine.dispose()


def test_migrate_command(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cmd.db'}", "DESK_API_TOKEN": "x",
           "PYTHONPATH": str(ROOT)}
    run = lambda: subprocess.run([sys.executable, "-m", "desk", "migrate"], env=env, cwd=ROOT,  # noqa: E731
                                 capture_output=True, text=True, check=True).stdout
    assert run().strip() == "applied: " + ", ".join(VERSIONS)
    assert run().strip() == "schema is up to date"


def test_dialect_specific_file_wins(tmp_path):
    for name in ["0001_a.sql", "0002_b.sql", "0002_b.postgresql.sql", "0002_b.sqlite.sql"]:
        (tmp_path / name).write_text("SELECT 1;")
    assert [p.name for _, p in migration_files("postgresql", tmp_path)] == ["0001_a.sql", "0002_b.postgresql.sql"]
    assert [p.name for _, p in migration_files("sqlite", tmp_path)] == ["0001_a.sql", "0002_b.sqlite.sql"]
    assert MIGRATIONS.is_dir()


def test_token_file_is_created_once_private_and_shared(tmp_path):
    first = settings.desk_api_token(tmp_path)
    assert len(first) >= 40
    assert settings.desk_api_token(tmp_path) == first  # the second process reads the same token
    mode = stat.S_IMODE((tmp_path / settings.TOKEN_FILE_NAME).stat().st_mode)
    assert mode == 0o600


def test_token_file_is_git_ignored():
    paths = ["var/desk_api_token", "var/desk.db", "var/outbox.db"]
    result = subprocess.run(["git", "check-ignore", *paths], cwd=ROOT, capture_output=True, text=True)
    if result.returncode == 128:
        pytest.skip("not a git checkout")
    assert result.stdout.split() == paths


def test_the_action_server_token_is_generated_once_and_shared(tmp_path):
    first = settings.shared_token(settings.ACTION_TOKEN_FILE_NAME, tmp_path)
    assert len(first) >= 32
    assert settings.shared_token(settings.ACTION_TOKEN_FILE_NAME, tmp_path) == first
    assert first != settings.desk_api_token(tmp_path)

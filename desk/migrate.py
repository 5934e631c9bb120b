"""Schema migrations: numbered SQL files in desk/migrations, each applied once, in order.

`schema_migrations` records what was applied. A file NNNN_name.sql serves every database; a
pair NNNN_name.sqlite.sql / NNNN_name.postgresql.sql is there for the day the dialects differ.
All pending files run in one transaction (DDL is transactional on both SQLite and PostgreSQL),
so a failed migration leaves the schema as it was.
"""
from __future__ import annotations

import logging
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Tuple

from sqlalchemy import text
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
FILE_RE = re.compile(r"^(\d{4}_[a-z0-9_]+?)(?:\.(sqlite|postgresql))?\.sql$")
# Any constant: PostgreSQL advisory lock so two desks starting together do not both migrate.
LOCK_ID = 4_827_301


def migration_files(dialect: str, folder: Path = MIGRATIONS) -> List[Tuple[str, Path]]:
    chosen: Dict[str, Path] = {}
    specific = set()
    for path in sorted(folder.glob("*.sql")):
        match = FILE_RE.match(path.name)
        if not match:
            raise ValueError(f"{path.name}: migration files are named NNNN_name[.sqlite|.postgresql].sql")
        version, only_for = match.groups()
        if only_for is None and version not in specific:
            chosen[version] = path
        elif only_for == dialect:
            chosen[version] = path
            specific.add(version)
    return sorted(chosen.items())


def statements(sql: str) -> List[str]:
    # Our files are plain DDL: comments are whole lines and every statement ends a line with ";".
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [part.strip() for part in re.split(r";\s*$", "\n".join(lines), flags=re.M) if part.strip()]


def migrate(engine: Engine, folder: Path = MIGRATIONS) -> List[str]:
    """Apply pending migrations; returns the versions applied now (empty when up to date)."""
    dialect = engine.dialect.name
    applied_now = []
    with engine.begin() as conn:
        if dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": LOCK_ID})
        conn.exec_driver_sql(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version VARCHAR(100) PRIMARY KEY, applied_at VARCHAR(32) NOT NULL)"
        )
        done = {row[0] for row in conn.execute(text("SELECT version FROM schema_migrations"))}
        for version, path in migration_files(dialect, folder):
            if version in done:
                continue
            for statement in statements(path.read_text(encoding="utf-8")):
                conn.exec_driver_sql(statement)
            conn.execute(
                text("INSERT INTO schema_migrations (version, applied_at) VALUES (:v, :t)"),
                {"v": version, "t": datetime.now(timezone.utc).isoformat(timespec="seconds")},
            )
            applied_now.append(version)
    for version in applied_now:
        log.info("applied migration %s", version)
    return applied_now

"""Rasa's SQL tracker store, with connections checked before use (production, PostgreSQL).

Rasa 3.6 creates its SQLAlchemy engine without `pool_pre_ping`. When PostgreSQL drops the
pooled connections (a restart, a fail-over, an idle timeout, `pg_terminate_backend`), the next
`retrieve` fails, and Rasa's FailSafeTrackerStore then treats the customer as new: a fresh
conversation (second welcome) whose events are not appended where they belong. With
`pool_pre_ping` a dead connection is noticed at checkout and replaced, so the next message is
answered in its conversation as if nothing happened. Everything else is Rasa's SQLTrackerStore.

endpoints.production.yml: `tracker_store: type: eparaksts.tracker_store.PingingSQLTrackerStore`,
with the same keys as Rasa's `type: SQL` (dialect, url, port, db, username, password, login_db).
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs


class PingingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

"""Current time for the actions: the real clock unless ASSISTANT_FROZEN_TIME pins it."""
from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache

from actions import config
from eparaksts.working_days import WorkingCalendar, load_calendar, to_riga


def now() -> datetime:
    return to_riga(config.frozen_time() or datetime.now(timezone.utc))


@lru_cache(maxsize=1)
def calendar() -> WorkingCalendar:
    return load_calendar()

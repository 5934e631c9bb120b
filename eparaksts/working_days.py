"""Working days and opening hours of eParaksts customer service (pure, no I/O but the calendar file).

Rules, from LVRTC's customer-service standard:
- customer service works on working days 9.00-18.00, Riga time;
- applications are processed within 1 working day; one sent outside working hours starts
  being processed on the next working day.

"Within 1 working day" is read as nine working hours (one full 9.00-18.00 day) counted from
the moment processing starts: sent Monday 10.00 -> due Tuesday 10.00; sent Saturday -> due
Monday 18.00.

Public holidays come from the `holidays` package (it knows Latvian law, including the day off
that follows 4 May or 18 November falling on a weekend). Days moved by Cabinet order bind only
state budget institutions and are merely recommended to others; nobody has confirmed that LVRTC
follows them, so they live in a configurable file (working_calendar.yml) that can be switched off.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import FrozenSet, Iterable, Optional, Tuple
from zoneinfo import ZoneInfo

import holidays
import yaml

RIGA = ZoneInfo("Europe/Riga")
OPENS = time(9, 0)
CLOSES = time(18, 0)
WORKING_DAY = timedelta(hours=9)

DEFAULT_CALENDAR_FILE = Path(__file__).with_name("working_calendar.yml")


@dataclass(frozen=True)
class WorkingCalendar:
    """Latvian working-day calendar with optional Cabinet-ordered transfers."""

    transferred_days_off: FrozenSet[date] = field(default_factory=frozenset)
    transferred_working_days: FrozenSet[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        # holidays.LV expands lazily year by year, so one instance serves any date.
        object.__setattr__(self, "_holidays", holidays.country_holidays("LV"))

    # --- days -----------------------------------------------------------------------------
    def holiday_name(self, day: date) -> Optional[str]:
        return self._holidays.get(day)  # type: ignore[attr-defined]

    def is_working_day(self, day: date) -> bool:
        if day in self.transferred_working_days:
            return True
        if day in self.transferred_days_off:
            return False
        return day.weekday() < 5 and day not in self._holidays  # type: ignore[attr-defined]

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        candidate = day + timedelta(days=1)
        while not self.is_working_day(candidate):
            candidate += timedelta(days=1)
        return candidate

    # --- moments --------------------------------------------------------------------------
    def is_open(self, moment: datetime) -> bool:
        local = to_riga(moment)
        return self.is_working_day(local.date()) and OPENS <= local.time() < CLOSES

    def closes_at(self, moment: datetime) -> Optional[datetime]:
        """Closing time today if open at `moment`, else None."""
        if not self.is_open(moment):
            return None
        local = to_riga(moment)
        return _at(local.date(), CLOSES)

    def next_opening(self, moment: datetime) -> datetime:
        """The next moment customer service opens, strictly after `moment` unless open now.

        When open, returns `moment` itself (in Riga time): it is open already.
        """
        local = to_riga(moment)
        if self.is_open(local):
            return local
        today = local.date()
        if self.is_working_day(today) and local.time() < OPENS:
            return _at(today, OPENS)
        return _at(self.next_working_day(today), OPENS)

    def processing_window(self, submitted: datetime) -> Tuple[datetime, datetime]:
        """(start, deadline) for an application sent at `submitted`.

        Processing starts at once during working hours, otherwise at the next opening; the
        deadline is one working day (nine working hours) after the start.
        """
        start = self.next_opening(submitted)
        return start, self.add_working_time(start, WORKING_DAY)

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """`start` plus `amount` of working time, skipping nights, weekends and holidays."""
        current = self.next_opening(start)
        remaining = amount
        while True:
            closing = _at(current.date(), CLOSES)
            available = closing - current
            if remaining <= available:
                return current + remaining
            remaining -= available
            current = _at(self.next_working_day(current.date()), OPENS)


def to_riga(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware datetime (the service runs on Riga time)")
    return moment.astimezone(RIGA)


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=RIGA)


def load_calendar(path: Optional[Path] = None, apply_transfers: Optional[bool] = None) -> WorkingCalendar:
    """Build the calendar from working_calendar.yml (or WORKING_CALENDAR_FILE).

    APPLY_TRANSFERRED_DAYS=false in the environment (or `apply_transfers=False`) ignores the
    Cabinet-ordered transfers.
    """
    path = Path(path or os.environ.get("WORKING_CALENDAR_FILE") or DEFAULT_CALENDAR_FILE)
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if apply_transfers is None:
        env = os.environ.get("APPLY_TRANSFERRED_DAYS")
        apply_transfers = (
            env.strip().lower() in {"1", "true", "yes"} if env else bool(config.get("apply_transfers", True))
        )
    if not apply_transfers:
        return WorkingCalendar()
    transfers = config.get("transfers") or []
    return WorkingCalendar(
        transferred_days_off=frozenset(_dates(t["day_off"] for t in transfers)),
        transferred_working_days=frozenset(_dates(t["worked_on"] for t in transfers)),
    )


def _dates(values: Iterable[object]) -> Iterable[date]:
    for value in values:
        yield value if isinstance(value, date) else date.fromisoformat(str(value))

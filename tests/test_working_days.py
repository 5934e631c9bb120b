"""The working-day rules at the moments customers get them wrong most easily (Riga time)."""
from datetime import date, datetime, timedelta

import pytest

from eparaksts.working_days import RIGA, WorkingCalendar, load_calendar


def riga(y, mo, d, h=0, mi=0):
    return datetime(y, mo, d, h, mi, tzinfo=RIGA)


@pytest.fixture(scope="module")
def cal():
    return load_calendar(apply_transfers=True)


@pytest.fixture(scope="module")
def plain():
    return load_calendar(apply_transfers=False)


def test_friday_1759_is_open_and_deadline_runs_into_monday(cal):
    friday = riga(2026, 11, 27, 17, 59)
    assert cal.is_open(friday)
    assert cal.closes_at(friday) == riga(2026, 11, 27, 18, 0)
    start, deadline = cal.processing_window(friday)
    assert start == friday
    # one minute on Friday, 8 h 59 min on Monday
    assert deadline == riga(2026, 11, 30, 17, 59)


def test_friday_1800_is_closed_and_processing_starts_monday(cal):
    friday = riga(2026, 11, 27, 18, 0)
    assert not cal.is_open(friday)
    assert cal.closes_at(friday) is None
    assert cal.next_opening(friday) == riga(2026, 11, 30, 9, 0)
    assert cal.processing_window(friday) == (riga(2026, 11, 30, 9, 0), riga(2026, 11, 30, 18, 0))


def test_saturday_is_closed(cal):
    saturday = riga(2026, 11, 28, 11, 0)
    assert not cal.is_working_day(saturday.date())
    assert cal.next_opening(saturday) == riga(2026, 11, 30, 9, 0)


def test_before_nine_on_a_working_day_opens_the_same_morning(cal):
    assert cal.next_opening(riga(2026, 11, 25, 7, 30)) == riga(2026, 11, 25, 9, 0)


def test_ligo_and_jani_are_holidays(cal):
    assert cal.holiday_name(date(2026, 6, 23)) is not None
    assert cal.holiday_name(date(2026, 6, 24)) is not None
    jani = riga(2026, 6, 23, 12, 0)
    assert not cal.is_open(jani)
    assert cal.next_opening(jani) == riga(2026, 6, 25, 9, 0)


def test_christmas_24_to_26_december(cal):
    for day in (24, 25, 26):
        assert not cal.is_working_day(date(2026, 12, day))
    evening_before = riga(2026, 12, 23, 18, 30)
    assert cal.next_opening(evening_before) == riga(2026, 12, 28, 9, 0)
    assert cal.processing_window(evening_before)[1] == riga(2026, 12, 28, 18, 0)


def test_new_years_eve_and_new_year(cal):
    assert not cal.is_working_day(date(2026, 12, 31))
    assert not cal.is_working_day(date(2027, 1, 1))
    assert cal.next_opening(riga(2026, 12, 30, 18, 0)) == riga(2027, 1, 4, 9, 0)


def test_transferred_working_saturday_is_open_when_transfers_apply(cal, plain):
    saturday = riga(2026, 6, 27, 10, 0)
    assert cal.is_open(saturday)
    assert not plain.is_open(saturday)


def test_transferred_day_off_is_closed_when_transfers_apply(cal, plain):
    monday = riga(2026, 6, 22, 10, 0)
    assert not cal.is_open(monday)
    assert plain.is_open(monday)
    # 22 June moved, 23-24 June holidays: next opening is Thursday
    assert cal.next_opening(monday) == riga(2026, 6, 25, 9, 0)


def test_weekend_proclamation_day_gives_a_monday_off():
    # 18 November 2028 is a Saturday; Latvian law makes Monday 20 November a day off.
    assert not WorkingCalendar().is_working_day(date(2028, 11, 20))


def test_deadline_across_daylight_saving_change(cal):
    # Clocks go forward in the night to Sunday 29 March 2026.
    start, deadline = cal.processing_window(riga(2026, 3, 27, 17, 0))
    assert deadline == riga(2026, 3, 30, 17, 0)
    assert deadline.utcoffset() == timedelta(hours=3)


def test_naive_datetimes_are_refused(cal):
    with pytest.raises(ValueError):
        cal.is_open(datetime(2026, 11, 27, 12, 0))


def test_utc_input_is_read_as_riga_time(cal):
    from datetime import timezone

    # 06:30 UTC in winter is 08:30 in Riga: closed, opens at 9.00 local.
    moment = datetime(2026, 11, 25, 6, 30, tzinfo=timezone.utc)
    assert not cal.is_open(moment)
    assert cal.next_opening(moment) == riga(2026, 11, 25, 9, 0)


def test_calendar_file_can_switch_transfers_off(tmp_path, monkeypatch):
    path = tmp_path / "calendar.yml"
    path.write_text("apply_transfers: false\ntransfers:\n  - {day_off: 2026-06-22, worked_on: 2026-06-27}\n")
    monkeypatch.delenv("APPLY_TRANSFERRED_DAYS", raising=False)
    assert load_calendar(path).is_working_day(date(2026, 6, 22))
    monkeypatch.setenv("APPLY_TRANSFERRED_DAYS", "true")
    assert not load_calendar(path).is_working_day(date(2026, 6, 22))

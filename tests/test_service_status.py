"""eparaksts/service_status.py: the maintenance notice trainers publish in webchat/status.yml."""
import os
from datetime import datetime, timedelta, timezone

import pytest
import yaml

from eparaksts import service_status as status
from eparaksts.working_days import RIGA
from tests.conftest import ROOT


def riga(*args):
    return datetime(*args, tzinfo=RIGA)


def write(path, maintenance):
    path.write_text(yaml.safe_dump({"maintenance": maintenance}, allow_unicode=True), encoding="utf-8")
    return path


WINDOW = {"active": True, "from": "2026-11-28 22:00", "until": "2026-11-29 02:00",
          "message": {"lv": "Apkope", "en": "Maintenance", "ru": "Работы"}}


def test_the_tracked_example_loads_and_publishes_nothing():
    example = status.load(ROOT / "webchat" / "status.yml")
    assert example.active is False
    assert set(example.messages) == {"lv", "en", "ru"}
    assert example.start < example.end
    assert example.state(example.start + timedelta(minutes=1)) == status.NONE


@pytest.mark.parametrize("moment, state", [
    (riga(2026, 11, 28, 10, 0), status.PLANNED),
    (riga(2026, 11, 28, 21, 59), status.PLANNED),
    (riga(2026, 11, 28, 22, 0), status.ONGOING),
    (riga(2026, 11, 29, 1, 59), status.ONGOING),
    (riga(2026, 11, 29, 2, 0), status.NONE),
    # The same instants in UTC: the window is Riga time (UTC+2 in winter).
    (datetime(2026, 11, 28, 20, 30, tzinfo=timezone.utc), status.ONGOING),
    (datetime(2026, 11, 28, 19, 30, tzinfo=timezone.utc), status.PLANNED),
])
def test_state_follows_the_window_in_riga_time(tmp_path, moment, state):
    maintenance = status.load(write(tmp_path / "s.yml", WINDOW))
    assert maintenance.state(moment) == state
    assert maintenance.is_down(moment) is (state == status.ONGOING)


def test_summer_time_and_explicit_offsets(tmp_path):
    summer = status.load(write(tmp_path / "s.yml", {**WINDOW, "from": "2026-06-23 10:00", "until": "2026-06-23T12:00:00+03:00"}))
    assert summer.start.utcoffset() == timedelta(hours=3)
    assert summer.is_down(datetime(2026, 6, 23, 7, 30, tzinfo=timezone.utc))
    assert not summer.is_down(datetime(2026, 6, 23, 9, 0, tzinfo=timezone.utc))


def test_inactive_hides_the_notice_whatever_the_dates(tmp_path):
    maintenance = status.load(write(tmp_path / "s.yml", {**WINDOW, "active": False}))
    assert maintenance.state(riga(2026, 11, 28, 23, 0)) == status.NONE
    assert maintenance.to_json(riga(2026, 11, 28, 23, 0), "en")["message"] == ""


def test_open_ended_windows(tmp_path):
    no_start = status.load(write(tmp_path / "a.yml", {**WINDOW, "from": None}))
    assert no_start.state(riga(2026, 1, 1, 0, 0)) == status.ONGOING
    no_end = status.load(write(tmp_path / "b.yml", {**WINDOW, "until": ""}))
    assert no_end.state(riga(2030, 1, 1, 0, 0)) == status.ONGOING
    assert no_end.state(riga(2026, 11, 28, 21, 0)) == status.PLANNED


def test_message_in_the_language_else_latvian_else_generic(tmp_path):
    maintenance = status.load(write(tmp_path / "a.yml", WINDOW))
    assert [maintenance.message(lang) for lang in ("lv", "en", "ru", "de", None)] == \
        ["Apkope", "Maintenance", "Работы", "Apkope", "Apkope"]
    only_lv = status.load(write(tmp_path / "b.yml", {**WINDOW, "message": {"lv": "Apkope", "en": ""}}))
    assert only_lv.message("en") == "Apkope"
    generic = status.load(write(tmp_path / "c.yml", {**WINDOW, "message": None}))
    assert generic.message("en") == ("Planned eParaksts maintenance 28.11.2026 22:00–29.11.2026 02:00. "
                                     "The services may be unavailable during this time.")
    assert generic.message("ru").startswith("Плановые работы eParaksts 28.11.2026 22:00")


def test_json_for_the_page_and_the_chat(tmp_path):
    maintenance = status.load(write(tmp_path / "a.yml", WINDOW))
    assert maintenance.to_json(riga(2026, 11, 28, 23, 0), "ru") == {
        "state": "ongoing", "down": True, "language": "ru", "message": "Работы",
        "from": "2026-11-28T22:00:00+02:00", "until": "2026-11-29T02:00:00+02:00",
        "checked_at": "2026-11-28T23:00:00+02:00",
    }


@pytest.mark.parametrize("maintenance, error", [
    ({**WINDOW, "active": "yes please"}, "active"),
    ({**WINDOW, "from": "next Tuesday"}, "from"),
    ({**WINDOW, "until": "2026-11-28 21:00"}, "until must be after"),
    ({**WINDOW, "message": ["lv"]}, "message"),
])
def test_load_says_what_is_wrong(tmp_path, maintenance, error):
    with pytest.raises(ValueError, match=error):
        status.load(write(tmp_path / "s.yml", maintenance))


def test_current_never_fails_and_rereads_a_changed_file(tmp_path, caplog):
    path = tmp_path / "status.yml"
    assert status.current(path).active is False  # missing: nothing published
    path.write_text("maintenance: [unclosed", encoding="utf-8")
    assert status.current(path).active is False
    assert "ignored" in caplog.text
    write(path, WINDOW)
    os.utime(path, ns=(1, 10**18))  # a different mtime even on coarse file systems
    assert status.current(path).is_down(riga(2026, 11, 28, 23, 0))


def test_path_and_clock_from_the_environment(tmp_path):
    assert status.status_path({}) == ROOT / "webchat" / "status.yml"
    assert status.status_path({"WEBCHAT_STATUS_FILE": str(tmp_path / "x.yml")}) == tmp_path / "x.yml"
    assert status.now({"ASSISTANT_FROZEN_TIME": "2026-11-28T10:00:00+02:00"}) == riga(2026, 11, 28, 10, 0)
    with pytest.raises(ValueError):
        status.now({"ASSISTANT_FROZEN_TIME": "2026-11-28T10:00:00"})

"""Planned maintenance of eParaksts, as trainers announce it in a status file (webchat/status.yml).

One loader for every reader: the web chat page's banner and `GET /chat/status.json` (desk/web/
chat.py) and, once the dialogue side wires it, the answer to "is eParaksts down?" in chat.

The file (YAML; see webchat/status.yml):

    maintenance:
      active: true            # the notice is published; false hides it whatever the dates
      from: 2026-11-28 22:00  # start, Riga time unless an offset is given; empty: already started
      until: 2026-11-29 02:00 # end; empty: until someone sets active: false
      message:
        lv: "…"
        en: "…"
        ru: "…"

`state(now)` is "none" (nothing published, or the window is over), "planned" (published, not
started yet: the banner announces it) or "ongoing" (in the window: the service is down now).
A missing or broken file means "none" and is logged: a typo in the status file must never take
the chat page down. The file is re-read when it changes (trainers edit it on a running system).
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Tuple

import yaml

from eparaksts.working_days import RIGA

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = PROJECT_ROOT / "webchat" / "status.yml"
LANGUAGES = ("lv", "en", "ru")  # eparaksts.language.SUPPORTED, without importing lingua here
DEFAULT_LANGUAGE = "lv"

NONE, PLANNED, ONGOING = "none", "planned", "ongoing"

# Said when a notice is published without a message in any language (from/until filled in).
FALLBACK = {
    "lv": "Plānoti eParaksts apkopes darbi{window}. Šajā laikā pakalpojumi var nebūt pieejami.",
    "en": "Planned eParaksts maintenance{window}. The services may be unavailable during this time.",
    "ru": "Плановые работы eParaksts{window}. В это время услуги могут быть недоступны.",
}
WINDOW = {"lv": " {start}–{end}", "en": " {start}–{end}", "ru": " {start}–{end}"}


def status_path(env: Mapping[str, str] = os.environ) -> Path:
    """WEBCHAT_STATUS_FILE, else webchat/status.yml in the project."""
    value = env.get("WEBCHAT_STATUS_FILE", "").strip()
    return Path(value) if value else DEFAULT_PATH


def now(env: Mapping[str, str] = os.environ) -> datetime:
    """Riga time; ASSISTANT_FROZEN_TIME (ISO 8601 with offset) pins it, as for the actions."""
    frozen = env.get("ASSISTANT_FROZEN_TIME", "").strip()
    moment = datetime.fromisoformat(frozen) if frozen else datetime.now(timezone.utc)
    if moment.tzinfo is None:
        raise ValueError("ASSISTANT_FROZEN_TIME needs an offset, e.g. 2026-06-23T10:00:00+03:00")
    return moment.astimezone(RIGA)


def _moment(value: Any, name: str) -> Optional[datetime]:
    """A YAML timestamp, date or ISO text; without an offset it is Riga time."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"maintenance.{name}: {value!r} is not a date and time (YYYY-MM-DD HH:MM)")
    else:
        raise ValueError(f"maintenance.{name}: {value!r} is not a date and time (YYYY-MM-DD HH:MM)")
    if moment.tzinfo is None:
        # "2026-11-28 22:00" (text) and "2026-11-28 22:00:00" (a naive YAML timestamp) are Riga time.
        moment = moment.replace(tzinfo=RIGA)
    return moment.astimezone(RIGA)


@dataclass(frozen=True)
class Maintenance:
    active: bool = False
    start: Optional[datetime] = None
    end: Optional[datetime] = None
    messages: Dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: Any) -> "Maintenance":
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValueError("the status file must be a mapping with a 'maintenance' key")
        section = data.get("maintenance") or {}
        if not isinstance(section, dict):
            raise ValueError("maintenance: must be a mapping (active, from, until, message)")
        active = section.get("active", False)
        if not isinstance(active, bool):
            raise ValueError(f"maintenance.active: {active!r} is not true or false")
        messages = section.get("message") or {}
        if isinstance(messages, str):
            messages = {DEFAULT_LANGUAGE: messages}
        if not isinstance(messages, dict):
            raise ValueError("maintenance.message: must map lv/en/ru to a text")
        texts = {str(k): str(v).strip() for k, v in messages.items() if k in LANGUAGES and v is not None}
        start, end = _moment(section.get("from"), "from"), _moment(section.get("until"), "until")
        if start and end and end <= start:
            raise ValueError("maintenance.until must be after maintenance.from")
        return cls(active=active, start=start, end=end, messages={k: v for k, v in texts.items() if v})

    def state(self, moment: datetime) -> str:
        if not self.active:
            return NONE
        moment = moment.astimezone(RIGA)
        if self.end is not None and moment >= self.end:
            return NONE  # over: nobody needs to be told any more
        if self.start is not None and moment < self.start:
            return PLANNED
        return ONGOING

    def is_down(self, moment: datetime) -> bool:
        """Inside a published maintenance window right now."""
        return self.state(moment) == ONGOING

    def message(self, lang: Optional[str]) -> str:
        """The notice in `lang`, else in Latvian, else in any language given, else a generic one."""
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        for code in (lang, DEFAULT_LANGUAGE, *LANGUAGES):
            if self.messages.get(code):
                return self.messages[code]
        window = ""
        if self.start and self.end:
            window = WINDOW[lang].format(start=self.start.strftime("%d.%m.%Y %H:%M"),
                                         end=self.end.strftime("%d.%m.%Y %H:%M" if self.end.date() != self.start.date()
                                                               else "%H:%M"))
        return FALLBACK[lang].format(window=window)

    def to_json(self, moment: datetime, lang: Optional[str]) -> Dict[str, Any]:
        state = self.state(moment)
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        return {
            "state": state,
            "down": state == ONGOING,
            "language": lang,
            "message": self.message(lang) if state != NONE else "",
            "from": self.start.isoformat() if self.start and state != NONE else None,
            "until": self.end.isoformat() if self.end and state != NONE else None,
            "checked_at": moment.astimezone(RIGA).isoformat(),
        }


def load(path: Optional[Path] = None) -> Maintenance:
    """Read the status file strictly: ValueError (or OSError) says what is wrong. For tests and
    for a trainer's check; readers on the request path use `current()`."""
    path = path or status_path()
    return Maintenance.from_data(yaml.safe_load(path.read_text(encoding="utf-8")))


_cache: Dict[Path, Tuple[Tuple[int, int], Maintenance]] = {}


def current(path: Optional[Path] = None) -> Maintenance:
    """The status file as it is now (re-read when it changed); nothing published if it is
    missing or broken (logged)."""
    path = path or status_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return Maintenance()
    except OSError as error:
        log.error("service status file %s unreadable: %s", path, error)
        return Maintenance()
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached and cached[0] == key:
        return cached[1]
    try:
        status = load(path)
    except (OSError, ValueError, yaml.YAMLError) as error:
        log.error("service status file %s ignored: %s", path, error)
        status = Maintenance()
    _cache[path] = (key, status)
    return status

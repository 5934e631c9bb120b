"""Dates and times as customers read them in Latvian, English and Russian."""
from __future__ import annotations

from datetime import datetime, timedelta

from babel.dates import format_date

from eparaksts.language import DEFAULT, SUPPORTED
from eparaksts.working_days import to_riga

_DATE_PATTERNS = {"lv": "EEEE, d. MMMM", "en": "EEEE d MMMM", "ru": "EEEE, d MMMM"}
_DATE_WITH_YEAR = {"lv": "EEEE, y. 'gada' d. MMMM", "en": "EEEE d MMMM y", "ru": "EEEE, d MMMM y 'г.'"}
_TODAY = {"lv": "šodien", "en": "today", "ru": "сегодня"}
_TOMORROW = {"lv": "rīt", "en": "tomorrow", "ru": "завтра"}
_AT = {"lv": "plkst. {h}.{m:02d}", "en": "at {h}:{m:02d}", "ru": "в {h}:{m:02d}"}


def clock_time(moment: datetime, lang: str) -> str:
    lang = lang if lang in SUPPORTED else DEFAULT
    local = to_riga(moment)
    sep = "." if lang == "lv" else ":"
    return f"{local.hour}{sep}{local.minute:02d}"


def moment_text(moment: datetime, lang: str, now: datetime) -> str:
    """'rīt, plkst. 9.00' / 'Monday 30 November at 9:00' relative to `now` where it helps."""
    lang = lang if lang in SUPPORTED else DEFAULT
    local, today = to_riga(moment), to_riga(now).date()
    at = _AT[lang].format(h=local.hour, m=local.minute)
    day = local.date()
    if day == today:
        label = _TODAY[lang]
    elif day == today + timedelta(days=1):
        label = _TOMORROW[lang]
    else:
        pattern = _DATE_PATTERNS[lang] if day.year == today.year else _DATE_WITH_YEAR[lang]
        label = format_date(day, pattern, locale=lang)
    return f"{label}, {at}"

"""The console's settings, read once from the environment (eparaksts.settings fills the defaults)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from aiohttp import web

from desk.tracker_store import tracker_url
from eparaksts.settings import PROJECT_ROOT


def _flag(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class ConsoleConfig:
    tracker_url: str
    # Off by default because `make run` serves plain http on 127.0.0.1, where a Secure cookie
    # would never be sent back; behind HTTPS set STAFF_COOKIE_SECURE=true.
    cookie_secure: bool = False
    retention_days: int = 180
    domain_path: Path = PROJECT_ROOT / "domain.yml"
    nlu_data: Path = PROJECT_ROOT / "data" / "nlu"
    model_path: Path = PROJECT_ROOT / "models" / "eparaksts.tar.gz"
    intent_report: Path = PROJECT_ROOT / "results" / "intent_report.json"

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> "ConsoleConfig":
        def path(name: str, default: Path) -> Path:
            value = env.get(name, "").strip()
            return Path(value) if value else default

        return cls(
            tracker_url=tracker_url(env),
            cookie_secure=_flag(env.get("STAFF_COOKIE_SECURE", "false")),
            retention_days=int(env.get("RETENTION_DAYS", "180") or 180),
            domain_path=path("CONSOLE_DOMAIN", cls.domain_path),
            nlu_data=path("CONSOLE_NLU_DATA", cls.nlu_data),
            model_path=path("CONSOLE_MODEL", cls.model_path),
            intent_report=path("CONSOLE_INTENT_REPORT", cls.intent_report),
        )


CONFIG = web.AppKey("console_config", ConsoleConfig)

# Where the application keeps the console's stores (next to desk.storage.STORE).
from desk.staff import StaffStore  # noqa: E402
from desk.tracker_store import TrackerReader  # noqa: E402

STAFF = web.AppKey("staff", StaffStore)
TRACKER = web.AppKey("tracker", TrackerReader)

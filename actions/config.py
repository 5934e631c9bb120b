"""The one place where the action server reads its environment (.env via python-dotenv)."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Optional

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent
load_dotenv(PROJECT_ROOT / ".env")


def frozen_time() -> Optional[datetime]:
    """ASSISTANT_FROZEN_TIME (ISO 8601 with offset) pins the clock, for tests and demos only."""
    value = os.environ.get("ASSISTANT_FROZEN_TIME", "").strip()
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("ASSISTANT_FROZEN_TIME needs an offset, e.g. 2026-06-23T10:00:00+03:00")
    return moment

"""Environment for every process of the project: .env (python-dotenv) over built-in defaults.

Run a command with it: `python -m eparaksts.settings rasa run …`. Variables already set in the
environment win over .env, and .env wins over the defaults, so nothing needs a .env file.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULTS = {
    "RASA_PORT": "5005",
    "ACTION_PORT": "5055",
    "ACTION_SERVER_URL": "http://127.0.0.1:5055/webhook",
    # Embedded default: SQLite tracker store in a git-ignored folder.
    "TRACKER_DB": str(PROJECT_ROOT / "var" / "tracker.db"),
    "MAX_MESSAGE_CHARS": "2000",
}


def load() -> None:
    load_dotenv(PROJECT_ROOT / ".env", override=False)
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    os.environ["EPARAKSTS_ENV_LOADED"] = "1"
    Path(os.environ["TRACKER_DB"]).parent.mkdir(parents=True, exist_ok=True)


def main(argv: list) -> None:
    if not argv:
        sys.exit("usage: python -m eparaksts.settings COMMAND [ARGS…]")
    load()
    os.execvp(argv[0], argv)


if __name__ == "__main__":
    main(sys.argv[1:])

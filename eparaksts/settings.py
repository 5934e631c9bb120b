"""Environment for every process of the project: .env (python-dotenv) over built-in defaults.

Run a command with it: `python -m eparaksts.settings rasa run …`. Variables already set in the
environment win over .env, and .env wins over the defaults, so nothing needs a .env file.
"""
from __future__ import annotations

import os
import secrets
import sys
import time
from pathlib import Path

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR = PROJECT_ROOT / "var"

DEFAULTS = {
    "RASA_PORT": "5005",
    "ACTION_PORT": "5055",
    "ACTION_SERVER_URL": "http://127.0.0.1:5055/webhook",
    # Embedded default: SQLite tracker store in a git-ignored folder.
    "TRACKER_DB": str(VAR / "tracker.db"),
    "MAX_MESSAGE_CHARS": "10000",
    # Case desk (desk/): where it listens, where the action server finds it, where it stores.
    "DESK_HOST": "127.0.0.1",
    "DESK_PORT": "8080",
    "DESK_URL": "http://127.0.0.1:8080",
    "DATABASE_URL": f"sqlite:///{VAR / 'desk.db'}",
    # Cases the action server could not hand to the desk yet wait here (SQLite file).
    "OUTBOX_DB": str(VAR / "outbox.db"),
    "OUTBOX_RETRY_SECONDS": "30",
    # Which endpoints file the Rasa server reads: endpoints.yml (embedded: SQLite, in-memory lock,
    # no broker) or endpoints.production.yml (PostgreSQL, Redis, RabbitMQ; README "Deployment").
    "ENDPOINTS_FILE": "endpoints.yml",
    # Used by endpoints.production.yml only. Secrets (POSTGRES_PASSWORD, RABBITMQ_USERNAME,
    # RABBITMQ_PASSWORD) have no default: Rasa refuses to start and names the one missing.
    "POSTGRES_HOST": "127.0.0.1",
    "POSTGRES_PORT": "5432",
    "POSTGRES_DB": "rasa",
    "POSTGRES_USER": "rasa",
    "POSTGRES_LOGIN_DB": "",
    "REDIS_HOST": "127.0.0.1",
    "REDIS_PORT": "6379",
    "REDIS_DB": "1",
    "REDIS_PASSWORD": "",
    "REDIS_KEY_PREFIX": "eparaksts",
    "RABBITMQ_HOST": "127.0.0.1",
    "RABBITMQ_PORT": "5672",
    "RABBITMQ_EXCHANGE": "rasa-exchange",
    "RABBITMQ_QUEUE": "eparaksts_events",
    # Hardening: where the action server listens (it also checks ACTION_SERVER_TOKEN; keep it
    # on a private address all the same), browser origins allowed to call the Rasa server (space-separated;
    # empty: none), messages one sender may send per minute, counted per Rasa process (memory) or
    # for all instances in Redis (redis; REDIS_* above).
    "ACTION_HOST": "127.0.0.1",
    "CORS_ORIGINS": "",
    "RATE_LIMIT_PER_MINUTE": "30",
    "RATE_LIMIT_STORE": "memory",
}

TOKEN_FILE_NAME = "desk_api_token"
ACTION_TOKEN_FILE_NAME = "action_server_token"


def shared_token(name: str, var_dir: Path = VAR) -> str:
    """A secret shared by this checkout's processes, kept in var/<name> when not configured.

    Every process starts on one machine from one checkout, so a file in the git-ignored var/
    lets `make run` work on a fresh clone without anyone inventing (or committing) a token.
    O_EXCL makes the first process to arrive the only writer; 0600 keeps other users out.
    """
    path = var_dir / name
    var_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # The other process may be between creating and writing the file: give it a moment.
        for _ in range(50):
            token = path.read_text(encoding="ascii").strip()
            if token:
                return token
            time.sleep(0.02)
        raise RuntimeError(f"{path} is empty: delete it or set the variable it stands for")
    token = secrets.token_urlsafe(32)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(token + "\n")
    return token


def desk_api_token(var_dir: Path = VAR) -> str:
    """The shared secret of the desk and the action server when DESK_API_TOKEN is not set."""
    return shared_token(TOKEN_FILE_NAME, var_dir)


def load() -> None:
    load_dotenv(PROJECT_ROOT / ".env", override=False)
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    if not os.environ.get("DESK_API_TOKEN", "").strip():
        os.environ["DESK_API_TOKEN"] = desk_api_token()
    if not os.environ.get("ACTION_SERVER_TOKEN", "").strip():
        # Rasa sends it with every call to the action server (endpoints*.yml, `token`), which
        # refuses calls without it (actions/server.py).
        os.environ["ACTION_SERVER_TOKEN"] = shared_token(ACTION_TOKEN_FILE_NAME)
    os.environ["EPARAKSTS_ENV_LOADED"] = "1"
    Path(os.environ["TRACKER_DB"]).parent.mkdir(parents=True, exist_ok=True)
    Path(os.environ["OUTBOX_DB"]).parent.mkdir(parents=True, exist_ok=True)


def main(argv: list) -> None:
    if not argv:
        sys.exit("usage: python -m eparaksts.settings COMMAND [ARGS…]")
    load()
    os.execvp(argv[0], argv)


if __name__ == "__main__":
    main(sys.argv[1:])

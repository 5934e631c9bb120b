"""The console as a real desk subprocess over real HTTP, with a tracker store written by Rasa's
own SQLTrackerStore, on SQLite and on PostgreSQL (desk database and tracker store alike).

PostgreSQL: a throwaway database per run on DESK_TEST_POSTGRES (as in tests/desk), dropped at
the end; skipped with the reason shown when no server is reachable.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, Optional

import aiohttp
import pytest

from tests.conftest import ROOT
from tests.postgres import throwaway_database
from tests.servers import TOKEN, start_desk, stop

ADMIN_PASSWORD = "admin-" + secrets.token_hex(8)
PASSWORDS = {"admin": ADMIN_PASSWORD, "support1": "support-" + secrets.token_hex(8),
             "trainer1": "trainer-" + secrets.token_hex(8)}
XSS = "<script>alert(1)</script> <b>bold</b> <img src=x onerror=alert(2)>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
def known_example() -> str:
    """A real training example: the inbox must leave it out even though the model was unsure."""
    import yaml

    data = yaml.safe_load((ROOT / "data" / "nlu" / "en" / "contact_hours.yml").read_text(encoding="utf-8"))
    line = data["nlu"][0]["examples"].splitlines()[0]
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip()[2:])


class Client:
    """A browser-like HTTP client (cookie jar, no automatic redirects) with its own event loop."""

    def __init__(self, base: str):
        self.base = base
        self.loop = asyncio.new_event_loop()
        # unsafe=True: aiohttp's jar otherwise ignores cookies from IP-address hosts (127.0.0.1).
        self.session = self.loop.run_until_complete(self._session())
        self.csrf = ""

    async def _session(self):
        return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

    def request(self, method: str, path: str, **kwargs):
        async def go():
            async with self.session.request(method, self.base + path, allow_redirects=False, **kwargs) as r:
                return Response(r.status, dict(r.headers), r.headers.getall("Set-Cookie", []), await r.read())
        return self.loop.run_until_complete(go())

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: Optional[Dict[str, str]] = None, csrf: bool = True, **kwargs):
        form = dict(data or {})
        if csrf:
            form.setdefault("csrf_token", self.csrf)
        return self.request("POST", path, data=form, **kwargs)

    def login(self, username: str, password: Optional[str] = None):
        page = self.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.request("POST", "/login", data={"csrf_token": token, "username": username,
                                                        "password": PASSWORDS.get(username, "") if password is None else password,
                                                        "next": "/"})
        if response.status == 303:
            home = self.get("/")
            self.csrf = re.search(r'name="csrf_token" value="([^"]+)"', home.text).group(1)
        return response

    def close(self):
        self.loop.run_until_complete(self.session.close())
        self.loop.close()


class Response:
    def __init__(self, status, headers, cookies, body):
        self.status, self.headers, self.cookies, self.body = status, headers, cookies, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def seed_tracker(tracker_url: str) -> Dict[str, str]:
    """Write conversations through Rasa's SQLTrackerStore, in a subprocess: importing Rasa is
    slow and noisy, and the console must read what Rasa itself wrote."""
    script = ROOT / "tests" / "console" / "seed_tracker.py"
    result = subprocess.run([sys.executable, str(script), tracker_url, known_example(), XSS], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2"},
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def create_admin(database_url: str, env: Dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desk", "create-admin", "Admin"], cwd=ROOT,
                          env={**os.environ, **env, "DATABASE_URL": database_url, "DESK_API_TOKEN": TOKEN,
                               "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="session")
def console_postgres_url():
    with throwaway_database("eparaksts_console_test", "DESK_TEST_POSTGRES") as (url, _):
        yield str(url)


class Console:
    def __init__(self, desk, tracker_url, workdir, ids, env):
        self.desk, self.tracker_url, self.workdir, self.ids, self.env = desk, tracker_url, workdir, ids, env
        self.url = desk.url
        self.clients = []

    def client(self, username: Optional[str] = None) -> Client:
        client = Client(self.url)
        self.clients.append(client)
        if username:
            response = client.login(username)
            assert response.status == 303, (response.status, response.text[:500])
        return client

    def file_case(self, **overrides):
        body = {
            "kind": "urgent", "case_type": "lost_phone", "language": "lv",
            "conversation_id": self.ids["urgent"], "idempotency_key": "key-" + secrets.token_hex(8),
            "received_at": "2026-11-24T20:15:00+02:00", "deadline": None,
            "fields": {"name": "Jānis", "description": XSS},
        }
        body.update(overrides)
        status, case = self.desk.request("POST", "/api/cases", json=body)
        assert status == 201, case
        return case


@contextlib.contextmanager
def running_console(backend: str, workdir: Path, request) -> Iterator[Console]:
    """A seeded tracker store, an administrator from `create-admin`, support1 and trainer1 made
    on the accounts page, and the desk serving all of it."""
    if backend == "sqlite":
        database_url = f"sqlite:///{workdir / 'desk.db'}"
        tracker_url = f"sqlite:///{workdir / 'tracker.db'}"
        env = {"TRACKER_DB": str(workdir / "tracker.db"), "TRACKER_STORE_URL": ""}
    else:
        database_url = tracker_url = request.getfixturevalue("console_postgres_url")
        env = {"TRACKER_STORE_URL": tracker_url}
    report = workdir / "intent_report.json"
    report.write_text(json.dumps({
        "ask_hours": {"precision": 0.95, "recall": 0.9, "f1-score": 0.924, "support": 40, "confused_with": {}},
        "ask_prices": {"precision": 0.7, "recall": 0.6, "f1-score": 0.646, "support": 12, "confused_with": {}},
        "accuracy": 0.91, "weighted avg": {"precision": 0.9, "recall": 0.9, "f1-score": 0.9, "support": 52},
    }))
    env.update({"CONSOLE_INTENT_REPORT": str(report), "RETENTION_DAYS": "180"})
    ids = seed_tracker(tracker_url)
    created = create_admin(database_url, {**env, "STAFF_ADMIN_PASSWORD": ADMIN_PASSWORD})
    assert created.returncode == 0, created.stderr
    running = start_desk(database_url, workdir, env=env)
    console = Console(running, tracker_url, workdir, ids, env)
    try:
        admin = console.client("admin")
        for username in ("support1", "trainer1"):
            response = admin.post("/admin/users", {"username": username, "password": PASSWORDS[username],
                                                   "role": username[:-1]})
            assert response.status == 303, response.text[:500]
        yield console
    finally:
        for client in console.clients:
            client.close()
        stop(running.process)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def console(request, tmp_path_factory):
    with running_console(request.param, tmp_path_factory.mktemp(f"console-{request.param}"), request) as running:
        yield running

"""Console security over real HTTP: sessions, lock-out, roles, CSRF, escaping, headers, cookies."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from desk.db import make_engine
from tests.console.conftest import ESCAPED_SCRIPT, PASSWORDS, Client
from tests.servers import start_desk, stop

PAGES = ["/", "/queues", "/queues?kind=feedback", "/cases/U-261124-AAAAAA", "/transcripts", "/transcripts.csv",
         "/transcripts/view?id=conv-xss", "/transcripts/export?id=conv-xss", "/inbox", "/inbox/export.yml",
         "/stats", "/model", "/admin/users", "/no-such-page"]
POSTS = ["/cases/U-261124-AAAAAA/status", "/transcripts/keep", "/inbox/annotate", "/admin/users",
         "/admin/users/update", "/logout"]
ADMIN_ONLY = ["/admin/users"]


def test_every_page_redirects_to_login_without_a_session(console):
    anonymous = console.client()
    for path in PAGES:
        response = anonymous.get(path)
        assert response.status == 302, path
        assert response.headers["Location"].startswith("/login?next="), path
    for path in POSTS:
        response = anonymous.post(path, {"status": "done"}, csrf=False)
        assert response.status == 303 and response.headers["Location"] == "/login", path
    assert anonymous.get("/login").status == 200
    assert anonymous.get("/health").status == 200
    # A forged cookie is no session either.
    anonymous.session.cookie_jar.update_cookies({"console_session": "forged"})
    assert anonymous.get("/stats").status == 302


def test_login_redirect_stays_on_this_site(console):
    client = console.client()
    page = client.get("/login?next=//evil.example/x")
    assert 'name="next" value="/"' in page.text


def test_wrong_passwords_lock_the_account_for_15_minutes(console):
    admin = console.client("admin")
    username = "locked" + console.workdir.name[-6:].replace("-", "").lower()
    password = "right-password-123"
    assert admin.post("/admin/users", {"username": username, "password": password, "role": "support"}).status == 303
    client = console.client()
    for attempt in range(1, 5):
        response = client.login(username, "wrong-password")
        assert response.status == 401, attempt
        assert "Wrong user name or password" in response.text
    fifth = client.login(username, "wrong-password")
    assert fifth.status == 429 and "locked for 15 minutes" in fifth.text
    # The right password does not help during the lock-out.
    assert client.login(username, password).status == 429
    users = admin.get("/admin/users").text
    assert re.search(re.escape(username) + r"</td>\s*<td>support</td>\s*<td>locked until", users)
    # Unknown names get the same answer as wrong passwords.
    assert console.client().login("nobody-here", "whatever-123").status == 401


def test_role_limits_are_enforced_on_the_server(console):
    support, trainer = console.client("support1"), console.client("trainer1")
    for path in ADMIN_ONLY + ["/inbox", "/inbox/export.yml", "/model"]:
        assert support.get(path).status == 403, path
    assert support.post("/admin/users", {"username": "sneaky", "password": "x" * 12, "role": "admin"}).status == 403
    assert support.post("/admin/users/update", {"username": "support1", "action": "role", "role": "admin"}).status == 403
    for path in ADMIN_ONLY + ["/queues", "/cases/U-261124-AAAAAA"]:
        assert trainer.get(path).status == 403, path
    # The navigation does not offer what the role cannot open.
    assert "/admin/users" not in support.get("/").text
    assert support.get("/queues").status == 200 and trainer.get("/inbox").status == 200
    assert "sneaky" not in console.client("admin").get("/admin/users").text


def test_post_without_or_with_a_wrong_csrf_token_is_refused(console):
    case = console.file_case()
    support = console.client("support1")
    path = f"/cases/{case['reference']}/status"
    assert support.post(path, {"status": "done"}, csrf=False).status == 403
    assert support.post(path, {"status": "done", "csrf_token": "x" * 43}).status == 403
    other = console.client("support1")  # another session's token is not this session's
    assert support.post(path, {"status": "done", "csrf_token": other.csrf}).status == 403
    assert console.desk.request("GET", f"/api/cases/{case['reference']}")[1]["status"] == "new"
    assert support.post("/logout", csrf=False).status == 403
    assert support.get("/").status == 200  # still logged in
    # The login form has its own token (double-submit cookie).
    fresh = Client(console.url)
    console.clients.append(fresh)
    response = fresh.request("POST", "/login", data={"username": "admin", "password": PASSWORDS["admin"]})
    assert response.status == 403 and not any("console_session=" in c for c in response.cookies)


def test_customer_markup_is_shown_escaped(console):
    case = console.file_case(conversation_id=console.ids["xss"])
    support, trainer = console.client("support1"), console.client("trainer1")
    pages = [
        support.get(f"/cases/{case['reference']}"),
        support.get("/transcripts/view?id=conv-xss"),
        support.get("/transcripts?q=alert"),
        support.get("/transcripts/export?id=conv-xss"),
        trainer.get("/inbox"),
    ]
    for response in pages:
        assert response.status == 200
        assert "<script>alert(1)</script>" not in response.text
        assert "<img src=x" not in response.text and "<b>bold</b>" not in response.text
        assert ESCAPED_SCRIPT in response.text
    assert "&lt;i&gt;markup from a response&lt;/i&gt;" in pages[1].text
    # No page carries a script of its own either.
    assert "<script" not in pages[0].text.lower()


def test_security_headers_on_pages_and_redirects(console):
    support = console.client("support1")
    for response in (support.get("/transcripts"), console.client().get("/login"), console.client().get("/stats")):
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "script-src" not in csp and "unsafe-inline" not in csp
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
    assert support.get("/transcripts").headers["Cache-Control"] == "no-store"


def test_session_cookie_flags_logout_and_stored_secrets(console):
    client = console.client()
    response = client.login("support1")
    cookie = next(c for c in response.cookies if c.startswith("console_session="))
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # STAFF_COOKIE_SECURE defaults to false for local http
    token = cookie.split(";")[0].split("=", 1)[1]
    assert len(token) >= 40
    engine = make_engine(console.desk.database_url)
    try:
        with engine.connect() as conn:
            hashes = [row[0] for row in conn.execute(text("SELECT password_hash FROM staff_users"))]
            sessions = [row[0] for row in conn.execute(text("SELECT token_hash FROM staff_sessions"))]
    finally:
        engine.dispose()
    assert all(h.startswith("scrypt$") for h in hashes)
    assert not any(p in h for h in hashes for p in PASSWORDS.values())
    assert token not in sessions and len(sessions) >= 1
    assert client.post("/logout").status == 303
    client.session.cookie_jar.update_cookies({"console_session": token})  # replaying the old cookie
    assert client.get("/").status == 302


def test_secure_cookie_when_configured(console, tmp_path):
    if not console.desk.database_url.startswith("sqlite"):
        pytest.skip("one backend is enough for a cookie flag")
    desk = start_desk(console.desk.database_url, tmp_path, env={**console.env, "STAFF_COOKIE_SECURE": "true"})
    try:
        client = Client(desk.url)
        console.clients.append(client)
        form = client.get("/login")
        login_cookie = next(c for c in form.cookies if c.startswith("console_login_csrf="))
        assert "Secure" in login_cookie
        # A Secure cookie is not sent back over plain http by a client: hand it over explicitly.
        value = login_cookie.split(";")[0].split("=", 1)[1]
        client.session.cookie_jar.clear()
        response = client.request("POST", "/login", headers={"Cookie": f"console_login_csrf={value}"},
                                  data={"csrf_token": value, "username": "support1", "password": PASSWORDS["support1"]})
        assert response.status == 303
        cookie = next(c for c in response.cookies if c.startswith("console_session="))
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    finally:
        stop(desk.process)


def test_create_admin_needs_a_password(console, tmp_path):
    from tests.console.conftest import create_admin

    result = create_admin(f"sqlite:///{tmp_path / 'x.db'}", {"STAFF_ADMIN_PASSWORD": ""})
    assert result.returncode == 2 and "STAFF_ADMIN_PASSWORD" in result.stderr
    result = create_admin(f"sqlite:///{tmp_path / 'x.db'}", {"STAFF_ADMIN_PASSWORD": "short"})
    assert result.returncode == 1 and "at least 10" in result.stderr

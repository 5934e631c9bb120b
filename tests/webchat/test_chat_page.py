"""The desk's public web chat routes over HTTP (no browser): no staff login, their own CSP while
the console keeps its strict one, languages, the maintenance banner as escaped text, the status
JSON, the widget bundle without third-party fonts."""
from __future__ import annotations

import asyncio

import pytest
import yaml
from aiohttp.test_utils import TestClient, TestServer

from desk.app import DeskSettings, create_app
from desk.web import chat
from desk.web.config import ConsoleConfig
from desk.web.security import CSP as STAFF_CSP

RASA = "http://127.0.0.1:5999"


@pytest.fixture
def get(tmp_path, monkeypatch):
    status = tmp_path / "status.yml"
    monkeypatch.setenv("WEBCHAT_STATUS_FILE", str(status))
    monkeypatch.setenv("RASA_PUBLIC_URL", RASA + "/")
    monkeypatch.setenv("ASSISTANT_FROZEN_TIME", "2026-11-28T10:00:00+02:00")
    settings = DeskSettings(database_url=f"sqlite:///{tmp_path / 'desk.db'}", api_token="t" * 32)
    config = ConsoleConfig(tracker_url=f"sqlite:///{tmp_path / 'tracker.db'}")

    def request(path, **kwargs):
        async def go():
            async with TestClient(TestServer(create_app(settings, config))) as client:
                response = await client.get(path, allow_redirects=False, **kwargs)
                return response, await response.read()
        return asyncio.run(go())

    request.status_file = status
    return request


def publish(path, **maintenance):
    path.write_text(yaml.safe_dump({"maintenance": {
        "active": True, "from": "2026-11-28 22:00", "until": "2026-11-29 02:00",
        "message": {"lv": "Apkope <script>alert(1)</script>", "en": "Maintenance tonight", "ru": "Работы"},
        **maintenance}}, allow_unicode=True), encoding="utf-8")


def test_chat_page_is_public_with_its_own_csp(get):
    response, body = get("/chat")
    assert response.status == 200
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "'unsafe-eval'" not in csp
    assert f"connect-src 'self' {RASA} ws://127.0.0.1:5999;" in csp
    assert "frame-ancestors 'none'" in csp
    html = body.decode()
    assert '<html lang="lv">' in html and 'data-socket-url="http://127.0.0.1:5999"' in html
    assert "<script>" not in html and "style=" not in html  # nothing inline: the CSP allows none


def test_staff_pages_keep_the_strict_policy(get):
    response, _ = get("/")
    assert response.status in (302, 303) and response.headers["Location"].startswith("/login")
    assert response.headers["Content-Security-Policy"] == STAFF_CSP
    response, _ = get("/login")
    assert response.headers["Content-Security-Policy"] == STAFF_CSP
    assert "script-src" not in STAFF_CSP


@pytest.mark.parametrize("lang, title, hint", [
    ("lv", "eParaksts asistents", "Rakstiet savu jautājumu…"),
    ("en", "eParaksts assistant", "Type your question…"),
    ("ru", "Ассистент eParaksts", "Введите вопрос…"),
    ("de", "eParaksts asistents", "Rakstiet savu jautājumu…"),  # unknown: Latvian
])
def test_widget_texts_in_the_page_language(get, lang, title, hint):
    _, body = get(f"/chat?lang={lang}")
    html = body.decode()
    assert f'data-title="{title}"' in html and f'data-hint="{hint}"' in html
    assert f'data-lang="{lang if lang != "de" else "lv"}"' in html


def test_no_banner_without_a_notice(get):
    _, body = get("/chat?lang=en")
    assert 'id="maintenance"' not in body.decode()


def test_banner_is_escaped_text(get):
    publish(get.status_file)
    _, body = get("/chat?lang=lv")
    html = body.decode()
    assert 'id="maintenance"' in html and "Plānoti apkopes darbi" in html
    assert "Apkope &lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    _, body = get("/chat?lang=en")
    assert "Maintenance tonight" in body.decode()


def test_banner_during_the_window_says_so(get):
    publish(get.status_file, **{"from": "2026-11-28 09:00"})
    _, body = get("/chat?lang=en")
    assert "Maintenance in progress" in body.decode()


def test_status_json(get):
    response, body = get("/chat/status.json?lang=en")
    assert response.status == 200 and response.content_type == "application/json"
    assert yaml.safe_load(body) == {"state": "none", "down": False, "language": "en", "message": "",
                                    "from": None, "until": None, "checked_at": "2026-11-28T10:00:00+02:00"}
    publish(get.status_file, **{"from": "2026-11-28 09:00"})
    status = yaml.safe_load(get("/chat/status.json?lang=ru")[1])
    assert (status["state"], status["down"], status["message"]) == ("ongoing", True, "Работы")


def test_broken_status_file_does_not_break_the_page(get):
    get.status_file.write_text("maintenance: [", encoding="utf-8")
    response, body = get("/chat")
    assert response.status == 200 and 'id="maintenance"' not in body.decode()


def test_static_files(get):
    if chat.bundle() is None:
        pytest.fail("webchat/node_modules is missing: run `make webchat-setup`")
    response, body = get("/chat/static/rasa-webchat.js")
    assert response.status == 200 and response.content_type == "application/javascript"
    assert b"fonts.googleapis.com/css" not in body  # no third-party font request from the page
    assert len(body) > 100_000
    for name in ("chat.js", "chat.css"):
        assert get(f"/chat/static/{name}")[0].status == 200
    for name in ("../chat.py", "index.html", "status.yml", "%2e%2e%2fchat.py"):
        assert get(f"/chat/static/{name}")[0].status == 404


def test_rasa_public_url_is_checked():
    assert chat.rasa_public_url({"RASA_PORT": "5100"}) == "http://127.0.0.1:5100"
    assert chat.rasa_public_url({"RASA_PUBLIC_URL": "https://chat.eparaksts.lv/"}) == "https://chat.eparaksts.lv"
    assert "wss://chat.eparaksts.lv" in chat.csp("https://chat.eparaksts.lv")
    for bad in ("javascript:alert(1)", "https://x.lv; script-src *", "ftp://x.lv"):
        with pytest.raises(ValueError):
            chat.rasa_public_url({"RASA_PUBLIC_URL": bad})

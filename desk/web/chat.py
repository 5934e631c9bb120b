"""The customer web chat page: public (no staff login), served by the desk next to the console.

GET /chat?lang=lv|en|ru   the page (webchat/index.html) with the rasa-webchat widget against
                          Rasa's Socket.IO channel (RASA_PUBLIC_URL) and the maintenance banner
GET /chat/status.json     the maintenance notice (eparaksts/service_status.py), read-only
GET /chat/static/<file>   the widget's UMD bundle (webchat/node_modules, `make webchat-setup`),
                          the page's script (the widget's settings) and style sheet

The staff console's CSP forbids every script; these routes get their own, as narrow as the widget
allows: scripts from this site only, connections to this site and the Rasa server (http and ws),
inline styles because the widget injects its style sheets at run time. The conversation is kept
in the tab's sessionStorage (params.storage = "session"), never in localStorage: customers type
PINs and personal data there, and a shared computer must not keep them after the tab is closed.
"""
from __future__ import annotations

import hashlib
import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple
from urllib.parse import urlsplit

import jinja2
from aiohttp import web

from eparaksts import service_status
from eparaksts.settings import PROJECT_ROOT

log = logging.getLogger(__name__)

WEBCHAT = PROJECT_ROOT / "webchat"
BUNDLE = WEBCHAT / "node_modules" / "rasa-webchat" / "lib" / "index.js"
LANGUAGES = ("lv", "en", "ru")
DEFAULT_LANGUAGE = "lv"
PREFIX = "/chat"

# The widget's own texts and the page's, per language.
TEXTS: Dict[str, Dict[str, str]] = {
    "lv": {
        "page_title": "eParaksts – tērzēšana ar virtuālo asistentu",
        "heading": "eParaksts virtuālais asistents",
        "intro": "Atbildam uz jautājumiem par eParaksts arī ārpus klientu apkalpošanas darba laika "
                 "(darba dienās 9.00–18.00). Atveriet tērzēšanu ekrāna labajā apakšējā stūrī.",
        "urgent": "Pazaudēts tālrunis vai eID karte, kāds uzzinājis Jūsu PIN? Apturiet sertifikātus "
                  "visu diennakti vietnē https://www.eparaksts.lv vai pa tālruni 67108787.",
        "never": "Nekad nerakstiet tērzēšanā PIN kodus, paroles vai personas kodu.",
        "noscript": "Tērzēšanai nepieciešams JavaScript.",
        "maintenance": "Plānoti apkopes darbi",
        "maintenance_now": "Notiek apkopes darbi",
        "title": "eParaksts asistents",
        "subtitle": "Atbildam arī ārpus darba laika",
        "hint": "Rakstiet savu jautājumu…",
        "connecting": "Savienojas…",
    },
    "en": {
        "page_title": "eParaksts – chat with the virtual assistant",
        "heading": "eParaksts virtual assistant",
        "intro": "We answer questions about eParaksts also outside customer service working hours "
                 "(working days 9:00–18:00). Open the chat in the bottom right corner of the screen.",
        "urgent": "Lost your phone or eID card, or someone learned your PIN? Suspend your certificates "
                  "24 hours a day at https://www.eparaksts.lv or by phone 67108787.",
        "never": "Never type PIN codes, passwords or your personal code in the chat.",
        "noscript": "The chat needs JavaScript.",
        "maintenance": "Planned maintenance",
        "maintenance_now": "Maintenance in progress",
        "title": "eParaksts assistant",
        "subtitle": "Answers outside working hours too",
        "hint": "Type your question…",
        "connecting": "Connecting…",
    },
    "ru": {
        "page_title": "eParaksts – чат с виртуальным ассистентом",
        "heading": "Виртуальный ассистент eParaksts",
        "intro": "Отвечаем на вопросы об eParaksts и в нерабочее время службы клиентского "
                 "обслуживания (рабочие дни 9.00–18.00). Откройте чат в правом нижнем углу экрана.",
        "urgent": "Потерян телефон или карта eID, кто-то узнал Ваш PIN? Приостановите сертификаты "
                  "круглосуточно на https://www.eparaksts.lv или по телефону 67108787.",
        "never": "Никогда не пишите в чате PIN-коды, пароли или персональный код.",
        "noscript": "Для чата нужен JavaScript.",
        "maintenance": "Плановые работы",
        "maintenance_now": "Идут технические работы",
        "title": "Ассистент eParaksts",
        "subtitle": "Отвечаем и в нерабочее время",
        "hint": "Введите вопрос…",
        "connecting": "Подключение…",
    },
}
LANGUAGE_NAMES = {"lv": "Latviešu", "en": "English", "ru": "Русский"}

# The widget's CSS @imports Google Fonts: a third-party request from a page where customers type
# personal data, and one the CSP would refuse anyway. Removed from the bundle as it is served.
GOOGLE_FONTS_IMPORT = b"@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap);"
STATIC = {"chat.js": "application/javascript", "chat.css": "text/css"}

ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(WEBCHAT)),
    autoescape=True,  # the banner's text comes from a file trainers edit: always text, never markup
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def rasa_public_url(env: Mapping[str, str] = os.environ) -> str:
    """The Rasa server as the customer's browser reaches it (RASA_PUBLIC_URL; by default this
    machine's RASA_PORT)."""
    url = env.get("RASA_PUBLIC_URL", "").strip().rstrip("/")
    if not url:
        url = f"http://127.0.0.1:{env.get('RASA_PORT', '5005') or '5005'}"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in url for c in " ;,'\""):
        raise ValueError(f"RASA_PUBLIC_URL must be an http(s) URL without a path: {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def csp(rasa_url: str) -> str:
    parts = urlsplit(rasa_url)
    websocket = ("wss" if parts.scheme == "https" else "ws") + "://" + parts.netloc
    return ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; "
            f"connect-src 'self' {rasa_url} {websocket}; "
            "form-action 'none'; frame-ancestors 'none'; base-uri 'none'")


def language_of(request: web.Request) -> str:
    lang = request.query.get("lang", "").strip().lower()
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _secure(response: web.StreamResponse, rasa_url: Optional[str] = None) -> web.StreamResponse:
    # Set before the console's middleware, which only fills in what is missing.
    response.headers["Content-Security-Policy"] = csp(rasa_url or rasa_public_url())
    return response


@lru_cache(maxsize=4)
def _bundle(path: Path, mtime_ns: int) -> Tuple[bytes, str]:
    body = path.read_bytes()
    if GOOGLE_FONTS_IMPORT in body:
        body = body.replace(GOOGLE_FONTS_IMPORT, b"")
    else:
        log.warning("rasa-webchat bundle has no Google Fonts @import any more: check %s", path)
    return body, hashlib.sha256(body).hexdigest()[:16]


def bundle() -> Optional[Tuple[bytes, str]]:
    try:
        return _bundle(BUNDLE, BUNDLE.stat().st_mtime_ns)
    except FileNotFoundError:
        log.error("%s is missing: run `make webchat-setup` (npm ci in webchat/)", BUNDLE)
        return None


def _static_version(name: str) -> str:
    try:
        return hashlib.sha256((WEBCHAT / "static" / name).read_bytes()).hexdigest()[:16]
    except OSError:
        return "0"


async def chat_page(request: web.Request) -> web.Response:
    lang = language_of(request)
    rasa_url = rasa_public_url()
    maintenance = service_status.current()
    moment = service_status.now()
    state = maintenance.state(moment)
    found = bundle()
    body = ENV.get_template("index.html").render(
        lang=lang,
        t=TEXTS[lang],
        languages=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        socket_url=rasa_url,
        banner=maintenance.message(lang) if state != service_status.NONE else "",
        banner_state=state,
        bundle_version=found[1] if found else "missing",
        script_version=_static_version("chat.js"),
        style_version=_static_version("chat.css"),
    )
    response = web.Response(text=body, content_type="text/html", charset="utf-8")
    response.headers["Cache-Control"] = "no-store"  # the banner changes when trainers edit the file
    return _secure(response, rasa_url)


async def status_json(request: web.Request) -> web.Response:
    maintenance = service_status.current()
    response = web.json_response(maintenance.to_json(service_status.now(), language_of(request)))
    response.headers["Cache-Control"] = "no-cache"
    return _secure(response)


async def static(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    if name == "rasa-webchat.js":
        found = bundle()
        if found is None:
            raise web.HTTPServiceUnavailable(reason="The chat widget is not installed (make webchat-setup).")
        body, version = found
        response = web.Response(body=body, content_type="application/javascript", charset="utf-8")
        response.headers["ETag"] = f'"{version}"'
    elif name in STATIC:
        path = WEBCHAT / "static" / name
        response = web.Response(body=path.read_bytes(), content_type=STATIC[name], charset="utf-8")
    else:
        raise web.HTTPNotFound()
    # Versioned URLs (?v=…) from the page: a day in the browser's cache is safe.
    response.headers["Cache-Control"] = "public, max-age=86400"
    return _secure(response)


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get(PREFIX, chat_page)
    router.add_get(PREFIX + "/", chat_page)
    router.add_get(PREFIX + "/status.json", status_json)
    router.add_get(PREFIX + "/static/{name}", static)

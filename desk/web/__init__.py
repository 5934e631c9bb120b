"""Staff and trainer console: server-rendered pages in the desk's aiohttp application.

One module per page area (session: login/logout; csrf; queues; transcripts; inbox; stats;
admin; model). Pages are Jinja2 templates with autoescaping; there is no JavaScript, so the
Content-Security-Policy can forbid every script. The public customer web chat (chat: /chat) is
the exception: its routes alone get a policy that allows scripts from the desk itself and
connections to the Rasa server.
"""
from __future__ import annotations

from pathlib import Path

from aiohttp import web

from desk.web import admin, chat, home, inbox, model, queues, session, stats, transcripts
from desk.web.config import CONFIG, ConsoleConfig
from desk.web.security import require_session, security_headers

STATIC = Path(__file__).resolve().parent / "static"
middlewares = (security_headers, require_session)


def add_routes(app: web.Application, config: ConsoleConfig) -> None:
    app[CONFIG] = config
    app.router.add_static("/static/", STATIC, show_index=False, append_version=False)
    for module in (session, home, queues, transcripts, inbox, stats, admin, model, chat):
        module.add_routes(app.router)

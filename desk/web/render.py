"""Templates: Jinja2 with autoescaping on for every template, so customer text (which may hold
markup) is always shown as text. Nothing is marked safe except the server-built SVG charts."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Optional

import jinja2
from aiohttp import web

from eparaksts.working_days import RIGA

TEMPLATES = Path(__file__).resolve().parent / "templates"

ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)),
    autoescape=True,  # all templates, whatever their extension
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def riga(value: Any, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """UTC text from the desk or a datetime from the tracker, shown in Riga time."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    return value.astimezone(RIGA).strftime(fmt)


ENV.filters["riga"] = riga

NAV = [
    ("/", "Overview", None),
    ("/queues", "Queues", ("support", "admin")),
    ("/transcripts", "Transcripts", None),
    ("/inbox", "NLU inbox", ("trainer", "admin")),
    ("/stats", "Statistics", None),
    ("/model", "Model", ("trainer", "admin")),
    ("/admin/users", "Accounts", ("admin",)),
]


def page(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    user: Optional[dict] = request.get("user")
    nav = [(href, label) for href, label, roles in NAV if user and (roles is None or user["role"] in roles)]
    body = ENV.get_template(template).render(
        user=user, csrf=user["csrf"] if user else "", nav=nav, path=request.path, **context
    )
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")


def redirect(location: str, status: int = 303) -> web.Response:
    # Returned, not raised: the security-header middleware then sees it like any other page.
    return web.Response(status=status, headers={"Location": location})

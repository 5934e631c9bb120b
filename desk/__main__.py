"""`python -m desk serve` runs the desk; `python -m desk migrate` only brings the schema up to date;
`python -m desk reconcile [--since-hours 48]` files the urgent cases the action server missed
(desk/reconcile.py: read from Rasa's tracker store, filed through the action server's desk client).

Both read the project's environment (eparaksts.settings: .env over defaults, DESK_API_TOKEN from
var/desk_api_token when unset), so they work from a fresh clone.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys

from aiohttp import web

from eparaksts import settings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desk", description="eParaksts case desk")
    parser.add_argument("command", choices=["serve", "migrate", "reconcile"])
    parser.add_argument(
        "--since-hours", type=float, default=48.0,
        help="reconcile: look back this many hours in the tracker store (default 48)",
    )
    args = parser.parse_args(argv)
    settings.load()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    if args.command == "reconcile":
        from desk.reconcile import reconcile

        print(reconcile(args.since_hours).line(args.since_hours))
        return 0

    from desk.app import DeskSettings, create_app
    from desk.db import make_engine
    from desk.migrate import migrate

    desk_settings = DeskSettings.from_env(os.environ)
    if args.command == "migrate":
        engine = make_engine(desk_settings.database_url)
        applied = migrate(engine)
        engine.dispose()
        print("applied: " + ", ".join(applied) if applied else "schema is up to date")
        return 0
    host, port = os.environ["DESK_HOST"], int(os.environ["DESK_PORT"])
    web.run_app(create_app(desk_settings), host=host, port=port, print=lambda _: None, access_log=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Desk commands (`python -m desk COMMAND`):

  serve                 run the desk: API and staff console
  migrate               only bring the schema up to date
  reconcile [--since-hours 48]
                        file the urgent cases the action server missed (desk/reconcile.py: read
                        from Rasa's tracker store, filed through the action server's desk client)
  create-admin NAME     create a console administrator; the password is read with getpass, or
                        from STAFF_ADMIN_PASSWORD for scripted setups (there is no default)
  retention [--days N] [--dry-run]
                        delete tracker-store conversations older than N days (RETENTION_DAYS,
                        default 180), except those kept on the console's conversation page

All read the project's environment (eparaksts.settings: .env over defaults, DESK_API_TOKEN from
var/desk_api_token when unset), so they work from a fresh clone.
"""
from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys

from aiohttp import web

from eparaksts import settings


def _create_admin(engine, username: str) -> int:
    from desk.staff import AccountError, StaffStore

    password = os.environ.get("STAFF_ADMIN_PASSWORD", "")
    if not password:
        if not sys.stdin.isatty():
            print("no terminal to ask for the password: set STAFF_ADMIN_PASSWORD", file=sys.stderr)
            return 2
        password = getpass.getpass(f"Password for {username}: ")
        if password != getpass.getpass("Again: "):
            print("the passwords differ", file=sys.stderr)
            return 2
    try:
        StaffStore(engine).create_user(username, password, "admin")
    except AccountError as error:
        print(f"not created: {error}", file=sys.stderr)
        return 1
    print(f"administrator {username} created")
    return 0


def _retention(engine, days: int, dry_run: bool) -> int:
    from desk.staff import StaffStore
    from desk.tracker_store import reader_from_env

    reader = reader_from_env(os.environ)
    try:
        expired = reader.expired(days)
        kept = StaffStore(engine).kept(expired)
        doomed = [c for c in expired if c not in kept]
        if dry_run:
            print(f"would delete {len(doomed)} conversations older than {days} days ({len(kept)} kept)")
            return 0
        events = reader.delete(doomed)
        print(f"deleted {len(doomed)} conversations ({events} events) older than {days} days ({len(kept)} kept)")
        return 0
    finally:
        reader.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desk", description="eParaksts case desk and staff console")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="run the desk (API and staff console)")
    commands.add_parser("migrate", help="bring the database schema up to date")
    admin = commands.add_parser("create-admin", help="create a console administrator")
    admin.add_argument("username")
    retention = commands.add_parser("retention", help="delete old conversations from the tracker store")
    retention.add_argument("--days", type=int, default=None, help="default: RETENTION_DAYS or 180")
    retention.add_argument("--dry-run", action="store_true", help="only count what would be deleted")
    reconcile = commands.add_parser("reconcile", help="file urgent cases the action server missed")
    reconcile.add_argument("--since-hours", type=float, default=48.0,
                           help="look back this many hours in the tracker store (default 48)")
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
    if args.command == "serve":
        host, port = os.environ["DESK_HOST"], int(os.environ["DESK_PORT"])
        web.run_app(create_app(desk_settings), host=host, port=port, print=lambda _: None, access_log=None)
        return 0
    engine = make_engine(desk_settings.database_url)
    try:
        applied = migrate(engine)
        if args.command == "migrate":
            print("applied: " + ", ".join(applied) if applied else "schema is up to date")
            return 0
        if args.command == "create-admin":
            return _create_admin(engine, args.username.strip().lower())
        days = args.days if args.days is not None else int(os.environ.get("RETENTION_DAYS", "180") or 180)
        if days < 1:
            print("--days must be at least 1", file=sys.stderr)
            return 2
        return _retention(engine, days, args.dry_run)
    finally:
        engine.dispose()


if __name__ == "__main__":
    sys.exit(main())

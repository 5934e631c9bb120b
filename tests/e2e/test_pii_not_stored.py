"""End to end: personal data typed in the chat never reaches the tracker store or the logs in clear.

The real Rasa server (with --debug, so it logs every message and event it handles) and the real
action server run with the SQLite tracker store in a temporary folder. The customer types an
old-form and a new-form personal code, a card number, a PIN, a PUK and a password over the REST
webhook; each reply starts with the warning. Then the database is read: every text column of every
table, and the raw bytes of the database file (and its -wal/-journal), and the servers' logs. No
clear value may be anywhere, and the placeholders must be there (the messages were stored, masked).
"""
import sqlite3
import uuid
from pathlib import Path

import pytest

from eparaksts.channels import guard
from tests.conftest import FROZEN
from tests.e2e.test_rest_chat import say
from tests.servers import running_assistant

# (message, the clear values that must never be stored – every way they were written –, placeholder)
TYPED = [
    (
        "Mans personas kods ir 010190-12345, kā pieteikties eParakstam?",
        ["010190-12345", "01019012345"],
        "[personal code]",
    ),
    (
        "my new personal code is 325678-90123, how do I sign a document?",
        ["325678-90123", "32567890123"],
        "[personal code]",
    ),
    (
        "мой номер карты 4539 1488 0343 6467, как оплатить?",
        ["4539 1488 0343 6467", "4539148803436467", "1488 0343 6467"],
        "[card number]",
    ),
    ("mans PIN ir 58392716 un tas nestrādā", ["58392716"], "[secret]"),
    ("my PUK is 73915824, I blocked my PIN", ["73915824"], "[secret]"),
    ("parole: Saule2024!Kk kāpēc neder?", ["Saule2024!Kk", "Saule2024"], "[secret]"),
]
CLEAR = [value for _, values, _ in TYPED for value in values]
WARNING_STARTS = [
    guard.response_text("utter_sensitive_data_warning", lang)[:40] for lang in ("lv", "en", "ru")
]


@pytest.fixture(scope="module")
def stored(trained_model, tmp_path_factory):
    """Send every message, stop the servers (so the logs and the database are complete), return
    the replies, the database path and the logs."""
    workdir = tmp_path_factory.mktemp("pii")
    senders, replies = [], []
    env = {"ASSISTANT_FROZEN_TIME": FROZEN, "RASA_EXTRA_ARGS": "--debug"}
    with running_assistant(trained_model, workdir, env=env) as assistant:
        for message, _, _ in TYPED:
            sender = uuid.uuid4().hex
            senders.append(sender)
            replies.append(say(assistant, message, sender))
    logs = {name: (workdir / name).read_text(encoding="utf-8", errors="replace") for name in ("rasa.log", "actions.log")}
    return {"db": workdir / "tracker.db", "senders": senders, "replies": replies, "logs": logs}


def _text_cells(db_path: Path):
    """Every value of every column of every table, as text."""
    with sqlite3.connect(db_path) as db:
        tables = [r[0] for r in db.execute("select name from sqlite_master where type = 'table'")]
        for table in tables:
            columns = [r[1] for r in db.execute(f'pragma table_info("{table}")')]
            for row in db.execute(f'select * from "{table}"'):
                for column, value in zip(columns, row):
                    if value is not None:
                        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
                        yield table, column, text


def test_every_reply_starts_with_the_warning(stored):
    for (message, _, _), replies in zip(TYPED, stored["replies"]):
        assert replies, message
        first = replies[0]["text"]
        assert any(first.startswith(start) for start in WARNING_STARTS), (message, first)
        assert "67108787" in first and "https://www.eparaksts.lv" in first
        assert len(replies) > 1, f"the message was not answered after the warning: {message}"


def test_no_clear_value_in_any_column_of_any_table(stored):
    cells = list(_text_cells(stored["db"]))
    assert cells, "the tracker store is empty"
    leaks = [(table, column, value) for table, column, text in cells for value in CLEAR if value in text]
    assert not leaks


def test_no_clear_value_in_the_raw_database_files(stored):
    files = [stored["db"]] + [
        stored["db"].with_name(stored["db"].name + suffix) for suffix in ("-wal", "-journal", "-shm")
    ]
    raw = b"".join(f.read_bytes() for f in files if f.exists())
    assert raw
    leaks = [value for value in CLEAR if value.encode("utf-8") in raw]
    assert not leaks


def test_no_clear_value_in_the_server_logs(stored):
    rasa_log = stored["logs"]["rasa.log"]
    # --debug: the Rasa log does show the customer's messages (masked).
    assert "[personal code]" in rasa_log and "[secret]" in rasa_log
    leaks = [(name, value) for name, log in stored["logs"].items() for value in CLEAR if value in log]
    assert not leaks


def test_the_messages_were_stored_masked(stored):
    with sqlite3.connect(stored["db"]) as db:
        for sender, (message, _, placeholder) in zip(stored["senders"], TYPED):
            rows = [
                r[0]
                for r in db.execute(
                    "select data from events where sender_id = ? and type_name = 'user'", (sender,)
                )
            ]
            assert len(rows) == 1, message
            assert placeholder in rows[0], (message, rows[0])

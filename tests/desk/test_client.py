"""The action server's client against a real desk, and its outbox when the desk is down."""
from __future__ import annotations

import asyncio
import secrets
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta, timezone

import pytest

from actions.clients import CaseDeskClient, FiledCase
from actions.clients.case_desk import wire_key
from actions.conversation import message_key
from eparaksts.cases import REFERENCE_RE, make_reference
from tests.servers import TOKEN, start_desk
from tests.servers import free_port, stop

RIGA_EVENING = datetime(2026, 11, 24, 23, 30, tzinfo=timezone(timedelta(hours=2)))


def client_for(url: str, outbox) -> CaseDeskClient:
    return CaseDeskClient(url, TOKEN, outbox, retry_seconds=3600)


async def file(client: CaseDeskClient, key: str, **extra) -> FiledCase:
    args = dict(
        kind="urgent", case_type="pin_disclosed", language="en", conversation_id="conv-client",
        idempotency_key=key, received_at=RIGA_EVENING, deadline=None,
        fields={"description": "I told someone my PIN 🙈 <b>{{7*7}}</b>", "consent": True},
    )
    args.update(extra)
    try:
        return await client.file_case(**args)
    finally:
        await client.close()


def test_reference_is_deterministic_and_readable():
    key = message_key("urgent", "conv-1", "9f1c2a")
    reference = make_reference("urgent", RIGA_EVENING, key)
    assert REFERENCE_RE.match(reference) and reference.startswith("U-261124-")
    # Riga date, not UTC: 01:30 in Riga on the 25th is still the 24th in UTC.
    assert make_reference("feedback", datetime(2026, 11, 24, 23, 30, tzinfo=timezone.utc), key).startswith("F-261125-")
    assert not set(reference[-6:]) & set("01IO")
    assert wire_key("plain-key_1") == "plain-key_1"
    assert wire_key("key with spaces ☃").startswith("sha256:")


def test_client_files_rates_and_adds_fields(desk, tmp_path):
    client = client_for(desk.url, tmp_path / "outbox.db")
    key = "client-" + secrets.token_hex(6)
    filed = asyncio.run(file(client, key))
    assert filed == FiledCase(make_reference("urgent", RIGA_EVENING, key), True)
    assert asyncio.run(file(client, key)) == filed  # a retried action: same case, nothing new

    status, case = desk.request("GET", f"/api/cases/{filed.reference}")
    assert status == 200 and case["fields"]["description"] == "I told someone my PIN 🙈 <b>{{7*7}}</b>"

    async def more():
        try:
            added = await client.add_fields(filed.reference, {"callback_phone": "+371 20000001"}, key + "-phone")
            rated = await client.rate_answer(conversation_id="conv-client", answer="utter_urgent_pin",
                                             rating="up", language="en", idempotency_key=key + "-rate")
            return added, rated
        finally:
            await client.close()

    assert asyncio.run(more()) == (True, True)
    status, case = desk.request("GET", f"/api/cases/{filed.reference}")
    assert case["fields"]["callback_phone"] == "+371 20000001"
    assert client.outbox.counts()["pending"] == 0


def test_programming_errors_raise_at_once(tmp_path):
    client = client_for("http://127.0.0.1:9", tmp_path / "outbox.db")
    with pytest.raises(ValueError, match="case_type"):
        asyncio.run(file(client, "k1", case_type="lost_wallet"))
    with pytest.raises(ValueError, match="time zone"):
        asyncio.run(file(client, "k2", received_at=datetime(2026, 11, 24, 20, 0)))
    assert client.outbox.counts() == {"pending": 0, "delivered": 0, "rejected": 0}


def test_desk_down_case_waits_in_the_outbox_and_is_delivered_once(tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    outbox = tmp_path / "outbox.db"
    key = "outage-" + secrets.token_hex(6)

    filed = asyncio.run(file(client_for(url, outbox), key))
    assert filed.delivered is False and filed.reference == make_reference("urgent", RIGA_EVENING, key)
    # Fields given later queue behind their case; nothing is sent while the desk is down.
    later = client_for(url, outbox)

    async def add_phone():
        try:
            return await later.add_fields(filed.reference, {"callback_phone": "+371 20000002"}, key + "-phone")
        finally:
            await later.close()

    assert asyncio.run(add_phone()) is False

    # A new client instance (an action server restart) still holds both rows: the outbox is durable.
    restarted = client_for(url, outbox)
    assert restarted.outbox.counts()["pending"] == 2
    assert asyncio.run(file(restarted, key)) == filed  # the retried action: still one queued row
    assert restarted.outbox.counts()["pending"] == 2

    desk = start_desk(f"sqlite:///{tmp_path / 'desk.db'}", tmp_path, port=port)
    try:
        async def deliver():
            try:
                return await restarted.deliver_pending(), await restarted.deliver_pending()
            finally:
                await restarted.close()

        assert asyncio.run(deliver()) == (2, 0)
        status, listed = desk.request("GET", "/api/cases?limit=500")
        assert [c["reference"] for c in listed["cases"]] == [filed.reference]
        assert listed["cases"][0]["fields"]["callback_phone"] == "+371 20000002"
        assert restarted.outbox.counts() == {"pending": 0, "delivered": 2, "rejected": 0}

        # Desk accepted but the outbox never heard (crash in between): redelivery adds nothing.
        with closing(sqlite3.connect(outbox)) as conn, conn:
            conn.execute("UPDATE outbox SET state = 'pending'")
        assert asyncio.run(deliver())[0] == 2
        status, listed = desk.request("GET", "/api/cases?limit=500")
        assert [c["reference"] for c in listed["cases"]] == [filed.reference]
    finally:
        stop(desk.process)


def test_invalid_request_is_rejected_not_retried_forever(desk, tmp_path):
    client = client_for(desk.url, tmp_path / "outbox.db")
    # Valid for the client, refused by the desk (description above 10,000 characters).
    filed = asyncio.run(file(client, "too-long-" + secrets.token_hex(4), fields={"description": "x" * 10_001}))
    assert filed.delivered is False
    assert client.outbox.counts() == {"pending": 0, "delivered": 0, "rejected": 1}
    [entry] = client.outbox.rejected()
    assert "HTTP 400" in entry.last_error and "10001 characters" in entry.last_error

    async def again():
        try:
            return await client.deliver_pending()
        finally:
            await client.close()

    assert asyncio.run(again()) == 0


def test_wrong_token_keeps_the_case_pending(desk, tmp_path):
    client = CaseDeskClient(desk.url, "not-the-token", tmp_path / "outbox.db", retry_seconds=3600)
    filed = asyncio.run(file(client, "badtoken-" + secrets.token_hex(4)))
    assert filed.delivered is False
    assert client.outbox.counts()["pending"] == 1  # fixable by configuration: never rejected


def test_background_retry_delivers_while_the_server_runs(tmp_path):
    port = free_port()
    client = CaseDeskClient(f"http://127.0.0.1:{port}", TOKEN, tmp_path / "outbox.db", retry_seconds=0.5)
    key = "background-" + secrets.token_hex(6)

    async def scenario():
        try:
            filed = await client.file_case(
                kind="feedback", case_type="suggestion", language="ru", conversation_id="c-bg",
                idempotency_key=key, received_at=RIGA_EVENING, deadline=None, fields={"description": "Идея 💡"},
            )
            desk = await asyncio.to_thread(start_desk, f"sqlite:///{tmp_path / 'desk.db'}", tmp_path, port)
            for _ in range(40):  # no call of ours: the lazily started retry task does the work
                if client.outbox.counts()["delivered"]:
                    break
                await asyncio.sleep(0.25)
            return filed, desk
        finally:
            await client.close()

    filed, desk = asyncio.run(scenario())
    try:
        assert filed.delivered is False
        assert client.outbox.counts() == {"pending": 0, "delivered": 1, "rejected": 0}
        status, case = desk.request("GET", f"/api/cases/{filed.reference}")
        assert status == 200 and case["fields"]["description"] == "Идея 💡"
    finally:
        stop(desk.process)

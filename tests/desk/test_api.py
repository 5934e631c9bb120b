"""The desk's JSON API over real HTTP, on SQLite and PostgreSQL (the `desk` fixture runs both)."""
from __future__ import annotations

import asyncio
import secrets

import aiohttp
import pytest

from tests.servers import TOKEN

HOSTILE = (
    "<script>alert('x')</script> <b>bold</b> '; DROP TABLE cases; -- "
    "{{7*7}} ${7*7} {% raw %} %s %(x)s \\N \"quoted\" "
    "emoji 🙂👍🏽🇱🇻 ZWJ 👩‍💻 Ā ē ī ū š ž Ж ё\n\ttabs and newlines"
)


def new_case(**overrides):
    body = {
        "kind": "urgent",
        "case_type": "lost_phone",
        "language": "lv",
        "conversation_id": "conv-" + secrets.token_hex(4),
        "idempotency_key": "key-" + secrets.token_hex(8),
        "received_at": "2026-11-24T20:15:00+02:00",
        "deadline": None,
        "fields": {"name": "Jānis Bērziņš", "contact": "+371 20000000", "consent": True},
    }
    body.update(overrides)
    return body


def test_health_needs_no_token(desk):
    status, body = desk.request("GET", "/health", token=None)
    assert status == 200 and body["database"] == "reachable"


@pytest.mark.parametrize("token", [None, "wrong", TOKEN + "x"])
def test_api_requires_the_token(desk, token):
    for method, path in [("GET", "/api/cases"), ("POST", "/api/cases"), ("GET", "/api/ratings/summary")]:
        status, body = desk.request(method, path, token=token, json=new_case())
        assert status == 401 and "token" in body["error"]


def test_create_read_list_and_move_status(desk):
    case = new_case(kind="application", case_type="certificate_renewal", deadline="2026-11-25T18:00:00+02:00")
    status, created = desk.request("POST", "/api/cases", json=case)
    assert status == 201
    reference = created["reference"]
    assert reference.startswith("A-261124-") and created["status"] == "new"
    assert created["received_at"] == "2026-11-24T18:15:00Z" and created["deadline"] == "2026-11-25T16:00:00Z"
    assert created["fields"] == case["fields"]

    status, read = desk.request("GET", f"/api/cases/{reference}")
    assert status == 200 and read == created

    status, listed = desk.request("GET", "/api/cases?kind=application&status=new&limit=500")
    assert status == 200 and reference in [c["reference"] for c in listed["cases"]]

    status, moved = desk.request("PATCH", f"/api/cases/{reference}", json={"status": "in_progress", "by": "anna"})
    assert status == 200 and moved["status"] == "in_progress" and moved["status_by"] == "anna"
    assert moved["status_at"].endswith("Z")
    status, done = desk.request("PATCH", f"/api/cases/{reference}", json={"status": "done", "by": "pēteris"})
    assert status == 200 and done["status"] == "done"
    assert [(h["status"], h["by"]) for h in done["history"]] == [
        ("new", "assistant"), ("in_progress", "anna"), ("done", "pēteris")
    ]
    status, listed = desk.request("GET", "/api/cases?kind=application&status=new&limit=500")
    assert reference not in [c["reference"] for c in listed["cases"]]

    status, body = desk.request("PATCH", f"/api/cases/{reference}", json={"status": "new", "by": "anna"})
    assert status == 409 and "cannot move back" in body["error"]
    status, body = desk.request("PATCH", f"/api/cases/{reference}", json={"status": "closed", "by": "anna"})
    assert status == 400 and "status must be one of" in body["error"]
    status, body = desk.request("PATCH", f"/api/cases/{reference}", json={"status": "done"})
    assert status == 400 and "by" in body["error"]
    status, body = desk.request("PATCH", "/api/cases/U-261124-ABCDEF", json={"status": "done", "by": "x"})
    assert status == 404


def test_same_key_twice_files_once(desk):
    case = new_case()
    first_status, first = desk.request("POST", "/api/cases", json=case)
    again_status, again = desk.request("POST", "/api/cases", json={**case, "fields": {"other": "ignored"}})
    assert (first_status, again_status) == (201, 200)
    assert again == first


def test_concurrent_identical_requests_make_one_row(desk):
    case = new_case(conversation_id="conv-concurrent-" + secrets.token_hex(4))

    async def storm():
        async with aiohttp.ClientSession(headers=desk.headers()) as session:
            async def one():
                async with session.post(desk.url + "/api/cases", json=case) as response:
                    return response.status, (await response.json())["reference"]
            return await asyncio.gather(*[one() for _ in range(20)])

    results = asyncio.run(storm())
    assert sorted(status for status, _ in results) == [200] * 19 + [201]
    assert len({reference for _, reference in results}) == 1
    status, listed = desk.request("GET", "/api/cases?limit=500")
    assert [c["conversation_id"] for c in listed["cases"]].count(case["conversation_id"]) == 1


def test_reference_from_client_is_kept_and_checked(desk):
    status, created = desk.request("POST", "/api/cases", json=new_case(reference="U-261124-7K3Q9X"))
    assert status == 201 and created["reference"] == "U-261124-7K3Q9X"
    status, body = desk.request("POST", "/api/cases", json=new_case(reference="U-261124-7K3Q9X"))
    assert status == 409 and "belongs to another case" in body["error"]
    status, body = desk.request("POST", "/api/cases", json=new_case(reference="A-261124-7K3Q9Y"))
    assert status == 400 and "starts with U-" in body["error"]
    status, body = desk.request("POST", "/api/cases", json=new_case(reference="U-261124-0OIL1X"))
    assert status == 400 and "reference must look like" in body["error"]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"kind": "complaint"}, "kind must be one of"),
        ({"case_type": "lost_wallet"}, "case_type for urgent must be one of"),
        ({"kind": "application", "case_type": "Robert'); DROP TABLE cases;--"}, "topic"),
        ({"language": "de"}, "language must be one of"),
        ({"received_at": "yesterday"}, "received_at is not an ISO 8601"),
        ({"received_at": "2026-11-24T20:15:00"}, "needs a UTC offset"),
        ({"idempotency_key": ""}, "idempotency_key"),
        ({"idempotency_key": "has spaces in it"}, "idempotency_key"),
        ({"conversation_id": "x" * 256}, "conversation_id is 256 characters long"),
        ({"fields": {"description": "x" * 10_001}}, "fields.description is 10001 characters long"),
        ({"fields": {"description": "a\x00b"}}, "NUL"),
        ({"fields": {"nested": {"a": 1}}}, "nested"),
        ({"fields": {"Bad Name": 1}}, "is not a field name"),
        ({"fields": ["not", "an", "object"]}, "fields must be a JSON object"),
    ],
)
def test_invalid_cases_are_400_with_a_message(desk, change, message):
    status, body = desk.request("POST", "/api/cases", json=new_case(**change))
    assert status == 400, body
    assert message in body["error"]


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "empty"),
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "must be a JSON object"),
        (b"\xff\xfe", "not UTF-8"),
        ('{"description": "\\ud800"}'.encode(), None),
    ],
)
def test_malformed_bodies_are_400(desk, raw, message):
    status, body = desk.request("POST", "/api/cases", data=raw, headers={"Content-Type": "application/json"})
    assert status == 400
    if message:
        assert message in body["error"]


def test_lone_surrogate_is_refused_not_crashing(desk):
    raw = '{"kind":"feedback","case_type":"praise","language":"en","conversation_id":"c","idempotency_key":"%s",' \
          '"received_at":"2026-11-24T20:15:00+02:00","fields":{"description":"\\ud800"}}' % secrets.token_hex(6)
    status, body = desk.request("POST", "/api/cases", data=raw.encode(), headers={"Content-Type": "application/json"})
    assert status == 400 and "surrogate" in body["error"]


def test_oversized_body_is_refused(desk):
    status, body = desk.request("POST", "/api/cases", json=new_case(fields={"description": "x" * 400_000}))
    assert status == 413 and "error" in body


def test_hostile_text_is_stored_verbatim(desk):
    description = (HOSTILE * (10_000 // len(HOSTILE) + 1))[:10_000]
    assert len(description) == 10_000
    case = new_case(
        kind="feedback", case_type="complaint_customer_service", language="ru",
        conversation_id="'; DROP TABLE cases; -- {{7*7}} 🙂",
        fields={"description": description, "name": "<img src=x onerror=alert(1)>", "contact": "{{7*7}}"},
    )
    status, created = desk.request("POST", "/api/cases", json=case)
    assert status == 201, created
    status, read = desk.request("GET", f"/api/cases/{created['reference']}")
    assert read["fields"] == case["fields"] and read["conversation_id"] == case["conversation_id"]
    status, listed = desk.request("GET", "/api/cases?limit=500")
    assert status == 200 and len(listed["cases"]) >= 1  # the table is still there


def test_list_filters_are_checked(desk):
    for query, message in [("kind=all", "kind must be"), ("status=open", "status must be"), ("limit=0", "limit"),
                           ("limit=abc", "limit"), ("limit=501", "limit")]:
        status, body = desk.request("GET", f"/api/cases?{query}")
        assert status == 400 and message in body["error"], query


def test_fields_added_later_once_per_key(desk):
    status, created = desk.request("POST", "/api/cases", json=new_case())
    reference = created["reference"]
    update = {"fields": {"callback_phone": "+371 29999999"}, "idempotency_key": "f-" + secrets.token_hex(6)}
    status, first = desk.request("PATCH", f"/api/cases/{reference}/fields", json=update)
    assert status == 200 and first["applied"] is True
    assert first["fields"] == {**created["fields"], "callback_phone": "+371 29999999"}
    status, again = desk.request("PATCH", f"/api/cases/{reference}/fields", json=update)
    assert status == 200 and again["applied"] is False and again["fields"] == first["fields"]
    status, body = desk.request("PATCH", "/api/cases/U-261124-ABCDEF/fields", json=update | {"idempotency_key": "f-x1"})
    assert status == 404
    status, body = desk.request("PATCH", f"/api/cases/{reference}/fields", json={"fields": {}, "idempotency_key": "f-x2"})
    assert status == 400 and "at least one" in body["error"]


def test_ratings_and_summary(desk):
    answer = "utter_hours_" + secrets.token_hex(4)
    key = "r-" + secrets.token_hex(6)
    rating = {"conversation_id": "c1", "answer": answer, "rating": "down", "language": "en",
              "idempotency_key": key, "comment": "<b>wrong</b> {{7*7}} 👎"}
    status, stored = desk.request("POST", "/api/ratings", json=rating)
    assert status == 201 and stored["comment"] == rating["comment"]
    status, _ = desk.request("POST", "/api/ratings", json=rating)
    assert status == 200
    for n in range(2):
        desk.request("POST", "/api/ratings", json={**rating, "rating": "up", "idempotency_key": f"{key}-{n}",
                                                    "comment": None})
    status, summary = desk.request("GET", "/api/ratings/summary")
    assert status == 200 and {"answer": answer, "up": 2, "down": 1} in summary["answers"]
    status, summary = desk.request("GET", "/api/ratings/summary?language=lv")
    assert answer not in [a["answer"] for a in summary["answers"]]

    status, body = desk.request("POST", "/api/ratings", json={**rating, "rating": "meh"})
    assert status == 400 and "rating must be" in body["error"]
    status, body = desk.request("POST", "/api/ratings", json={**rating, "answer": "<script>"})
    assert status == 400 and "answer must be" in body["error"]

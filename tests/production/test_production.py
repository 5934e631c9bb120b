"""endpoints.production.yml over real connections: events in PostgreSQL and on RabbitMQ, the
Redis lock store, two Rasa instances (directly and behind nginx) sharing them, and faults."""
import asyncio
import json
import time
import uuid
from collections import Counter

import pytest

from eparaksts.channels import guard
from tests.production.conftest import post

CONVERSATION = ["when are you open?", "what is your phone number?", "how do I verify a signed document?", "thank you"]
TECHNICAL = guard.response_text("utter_technical_problem", "en")


def say(url, sender, text):
    status, replies = asyncio.run(post(url, sender, text))
    assert status == 200
    return replies


def texts(replies):
    return "\n".join(r.get("text", "") for r in replies)


def assert_complete(events, sent):
    """The stored transcript of one conversation: one session, every message once and in order,
    each followed by at least one bot reply, the turn closed with action_listen, no duplicates."""
    user = [e.get("text") for e in events if e["_type"] == "user"]
    assert user == sent
    assert [e["_type"] for e in events].count("session_started") == 1
    turns, current = [], None
    for event in events:
        if event["_type"] == "user":
            current = []
            turns.append(current)
        elif current is not None and event["_type"] == "bot":
            current.append(event.get("text"))
    assert len(turns) == len(sent) and all(turns), f"a message without a bot reply: {turns}"
    assert events[-1]["_type"] == "action" and events[-1].get("name") == "action_listen"
    stamps = [e["timestamp"] for e in events]
    assert stamps == sorted(stamps), "events out of order"
    bodies = [json.dumps({k: v for k, v in e.items() if k != "_id"}, sort_keys=True) for e in events]
    assert len(set(bodies)) == len(bodies), "duplicated events"


def test_events_are_stored_in_postgresql_complete_and_in_order(cluster):
    sender = uuid.uuid4().hex
    answers = [texts(say(cluster.webhook(cluster.instances[0]), sender, text)) for text in CONVERSATION]
    assert "Monday 30 November, at 9:00" in answers[0] and "67108787" in answers[1]
    assert_complete(cluster.stored_events(sender), CONVERSATION)


def test_every_stored_event_is_published_to_rabbitmq_once(cluster):
    sender = uuid.uuid4().hex
    for number, text in enumerate(CONVERSATION[:2]):
        say(cluster.webhook(cluster.instances[number % 2]), sender, text)
    stored = cluster.stored_events(sender)
    published = cluster.events.of(sender, at_least=len(stored))
    key = lambda e: (e["event"], e["timestamp"], e.get("text"), e.get("name"))  # noqa: E731
    assert Counter(map(key, published)) == Counter(key({**e, "event": e["event"]}) for e in stored)
    assert [e.get("text") for e in published if e["event"] == "user"] == CONVERSATION[:2]


def test_the_redis_lock_store_serialises_a_conversation(cluster):
    """Another holder of the conversation's lock (a ticket written straight into Redis, as a third
    instance would) makes the instance wait until that ticket expires; afterwards the lock is gone."""
    sender = uuid.uuid4().hex
    key = f"{cluster.key_prefix}:lock:{sender}"
    held_until = time.time() + 3
    cluster.redis.set(key, json.dumps({
        "conversation_id": sender, "tickets": [json.dumps({"number": 0, "expires": held_until})],
    }))
    started = time.monotonic()
    replies = say(cluster.webhook(cluster.instances[1]), sender, "when are you open?")
    assert time.time() >= held_until and time.monotonic() - started >= 2.5
    assert "Monday 30 November, at 9:00" in texts(replies)
    assert cluster.redis.get(key) is None
    assert list(cluster.redis.scan_iter(f"{cluster.key_prefix}:lock:{sender}*")) == []


async def _conversation(urls, sender, offset):
    for number, text in enumerate(CONVERSATION):
        status, replies = await post(urls[(number + offset) % len(urls)], sender, text, timeout=120)
        assert status == 200 and replies, (sender, text)


def test_twenty_conversations_alternating_between_two_instances(cluster):
    senders = [uuid.uuid4().hex for _ in range(20)]
    urls = [cluster.webhook(u) for u in cluster.instances]

    async def all_of_them():
        await asyncio.gather(*(_conversation(urls, s, n % 2) for n, s in enumerate(senders)))
    asyncio.run(all_of_them())
    for sender in senders:
        assert_complete(cluster.stored_events(sender), CONVERSATION)


def test_the_rate_limit_is_one_count_for_both_instances(cluster):
    # RATE_LIMIT_STORE=redis: alternating between the instances does not double a sender's allowance.
    limit = int(cluster.env["RATE_LIMIT_PER_MINUTE"])
    sender = uuid.uuid4().hex
    urls = [cluster.webhook(u) for u in cluster.instances]
    replies = [say(urls[n % 2], sender, CONVERSATION[n % len(CONVERSATION)]) for n in range(limit + 2)]
    limited = [guard.response_text("utter_rate_limited", "en") in texts(r) for r in replies]
    assert limited == [False] * limit + [True, True]
    # The two refused messages went no further: only the allowed ones are in the transcript.
    assert len([e for e in cluster.stored_events(sender) if e["_type"] == "user"]) == limit


def test_twenty_conversations_through_nginx_round_robin(cluster):
    if not cluster.nginx:
        pytest.skip("nginx is not installed (scripts/setup_nginx.sh)")
    senders = [uuid.uuid4().hex for _ in range(20)]

    async def all_of_them():
        await asyncio.gather(*(_conversation([cluster.webhook(cluster.nginx)], s, 0) for s in senders))
    asyncio.run(all_of_them())
    for sender in senders:
        assert_complete(cluster.stored_events(sender), CONVERSATION)
    served = Counter(
        line.split()[0] for line in (cluster.workdir / "nginx" / "logs" / "access.log").read_text().splitlines()
        if line.endswith(" 200")
    )
    upstreams = {u.replace("http://", "") for u in cluster.instances}
    assert set(served) == upstreams and min(served.values()) >= 20, served


def test_postgresql_connections_dropped_the_next_message_is_answered_in_its_conversation(cluster):
    sender = uuid.uuid4().hex
    for number, text in enumerate(CONVERSATION[:2]):
        say(cluster.webhook(cluster.instances[number % 2]), sender, text)
    admin, database, _ = cluster.postgres
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s", (database,)
        )
        assert cursor.fetchone()[0] >= 2  # both instances had pooled connections
    for number, text in enumerate(CONVERSATION[2:]):
        answer = texts(say(cluster.webhook(cluster.instances[number % 2]), sender, text))
        assert TECHNICAL not in answer and "I am the eParaksts virtual assistant" not in answer
    assert_complete(cluster.stored_events(sender), CONVERSATION)


def test_redis_unreachable_gives_a_clear_reply_and_stores_nothing_half_done(cluster):
    sender = uuid.uuid4().hex
    url = cluster.webhook(cluster.instances[1])  # the instance that reaches Redis through the proxy
    say(url, sender, CONVERSATION[0])
    before = cluster.stored_events(sender)
    cluster.redis_proxy.cut()
    try:
        answer = texts(say(url, sender, CONVERSATION[1]))
        assert TECHNICAL in answer and "67108787" in answer
        assert cluster.stored_events(sender) == before  # the turn was refused before anything was written
    finally:
        cluster.redis_proxy.restore()
    assert "67108787" in texts(say(url, sender, CONVERSATION[1]))
    assert_complete(cluster.stored_events(sender), CONVERSATION[:2])


def test_action_server_killed_mid_conversation_still_replies_and_loses_nothing(cluster):
    sender = uuid.uuid4().hex
    url = cluster.webhook(cluster.instances[0])
    say(url, sender, CONVERSATION[1])
    from tests.servers import stop

    stop(cluster.processes["actions"])
    try:
        answer = texts(say(url, sender, CONVERSATION[0]))  # the hours answer needs the action server
        assert TECHNICAL in answer and "67108787" in answer
    finally:
        cluster.start_actions()
    assert "Monday 30 November, at 9:00" in texts(say(url, sender, CONVERSATION[0]))
    user = [e.get("text") for e in cluster.stored_events(sender) if e["_type"] == "user"]
    assert user == [CONVERSATION[1], CONVERSATION[0], CONVERSATION[0]]


def test_a_typed_intent_with_slot_values_cannot_fill_form_slots(cluster):
    """What a button sends is "/intent"; a customer typing "/intent{json}" must not set slots."""
    sender = uuid.uuid4().hex
    url = cluster.webhook(cluster.instances[0])
    payload = '/request_application{"customer_contact": "evil@example.com", "customer_name": "Mallory"}'
    say(url, sender, payload)
    say(url, sender, '/ask_hours{"customer_contact": "evil@example.com", "application_consent": true}')
    events = cluster.stored_events(sender)
    assert [e.get("text") for e in events if e["_type"] == "user"] == ["/request_application", "/ask_hours"]
    slots = {e.get("name"): e.get("value") for e in events if e["_type"] == "slot"}
    assert not {"customer_contact", "customer_name", "application_consent"} & {k for k, v in slots.items() if v}
    assert "evil@example.com" not in json.dumps(events) and "Mallory" not in json.dumps(events)

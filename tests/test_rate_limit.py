"""The per-sender rate limit shared through a real Redis (127.0.0.1:6379, or RATE_LIMIT_TEST_REDIS),
as several Rasa instances behind a proxy use it, and its fallback when Redis is gone."""
import asyncio
import os
import socket
import time
import uuid

import pytest
import redis.asyncio

from eparaksts.channels.rate_limit import MemoryRateLimiter, RedisRateLimiter, from_settings

REDIS = os.environ.get("RATE_LIMIT_TEST_REDIS", "127.0.0.1:6379")
HOST, PORT = REDIS.split(":")[0], int(REDIS.split(":")[1])


def redis_reachable() -> bool:
    try:
        socket.create_connection((HOST, PORT), timeout=1).close()
        return True
    except OSError:
        return False


needs_redis = pytest.mark.skipif(not redis_reachable(), reason=f"no Redis at {REDIS}")


def limiter(per_minute, prefix, port=PORT, window_seconds=60):
    client = redis.asyncio.Redis(host=HOST, port=port, db=15, socket_connect_timeout=1, socket_timeout=1)
    return RedisRateLimiter(per_minute, client, prefix, window_seconds=window_seconds)


@needs_redis
def test_two_instances_share_one_count_per_sender():
    prefix = f"eptest{uuid.uuid4().hex[:8]}"

    async def run():
        first, second = limiter(4, prefix), limiter(4, prefix)
        # Alternating, as a round-robin proxy sends them: 4 in all, not 4 each.
        answers = [await (first if i % 2 == 0 else second).allow("anna") for i in range(6)]
        other = await second.allow("juris")
        keys = [k async for k in first.client.scan_iter(f"{prefix}:rate:*")]
        await first.client.delete(*keys)
        return answers, other, keys

    answers, other, keys = asyncio.run(run())
    assert answers == [True, True, True, True, False, False]
    assert other is True
    assert len(keys) == 2 and not any(b"anna" in k for k in keys)  # one key per sender, ids hashed


@needs_redis
def test_the_window_slides_and_redis_forgets_a_quiet_sender():
    prefix = f"eptest{uuid.uuid4().hex[:8]}"

    async def run():
        one = limiter(2, prefix, window_seconds=0.5)
        first = [await one.allow("anna") for _ in range(3)]
        time.sleep(0.6)
        later = await one.allow("anna")
        time.sleep(0.6)
        exists = len([k async for k in one.client.scan_iter(f"{prefix}:rate:*")])
        return first, later, exists

    first, later, exists = asyncio.run(run())
    assert first == [True, True, False]
    assert later is True
    assert exists == 0


def test_without_redis_each_process_still_limits_and_nobody_is_refused_for_the_outage():
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        dead_port = sock.getsockname()[1]

    async def run():
        one = limiter(3, "eptestdown", port=dead_port)
        return [await one.allow("anna") for _ in range(4)]

    assert asyncio.run(run()) == [True, True, True, False]


def test_the_store_is_chosen_by_setting():
    assert isinstance(from_settings(30, {}), MemoryRateLimiter)
    assert isinstance(from_settings(30, {"RATE_LIMIT_STORE": "memory"}), MemoryRateLimiter)
    chosen = from_settings(30, {"RATE_LIMIT_STORE": "redis", "REDIS_HOST": HOST, "REDIS_PORT": str(PORT),
                                "REDIS_DB": "1", "REDIS_KEY_PREFIX": "eparaksts"})
    assert isinstance(chosen, RedisRateLimiter) and chosen.key_prefix == "eparaksts"

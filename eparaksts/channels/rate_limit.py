"""How many messages one sender may send in a minute, counted in this process or for all of them.

`make run` is one Rasa process: the count lives in memory. In production several Rasa instances
sit behind a round-robin proxy, and a count per process would let a sender through N times as
often, so RATE_LIMIT_STORE=redis keeps one count per sender in Redis for every instance (the Redis
of the lock store). If Redis cannot be reached, the process falls back to its own count (after a
one-second connection timeout per message): a customer is never refused because the store is down.
"""
from __future__ import annotations

import hashlib
import logging
import os
import secrets
import time
from collections import deque
from typing import Callable, Deque, Dict, Optional, Text

from eparaksts.settings import DEFAULTS

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60


class MemoryRateLimiter:
    """At most `per_minute` messages per sender in any 60 seconds (0: no limit), in this process."""

    MAX_SENDERS = 50_000

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute, self.clock = per_minute, clock
        self.seen: Dict[Text, Deque[float]] = {}

    async def allow(self, sender: Text) -> bool:
        return self.allow_now(sender)

    def allow_now(self, sender: Text) -> bool:
        if self.per_minute <= 0:
            return True
        now = self.clock()
        if len(self.seen) > self.MAX_SENDERS:  # forget senders quiet for a minute
            self.seen = {k: v for k, v in self.seen.items() if v and now - v[-1] < WINDOW_SECONDS}
        times = self.seen.setdefault(sender, deque())
        while times and now - times[0] >= WINDOW_SECONDS:
            times.popleft()
        if len(times) >= self.per_minute:
            return False
        times.append(now)
        return True


# Sliding window in one sorted set per sender, in one step (a script runs atomically), on Redis's
# clock so that instances with drifting clocks count alike.
_SLIDING_WINDOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return 1
"""


class RedisRateLimiter:
    """The same limit, counted in Redis for every process that shares it."""

    def __init__(self, per_minute: int, client, key_prefix: Text, window_seconds: float = WINDOW_SECONDS) -> None:
        self.per_minute, self.client, self.key_prefix = per_minute, client, key_prefix
        self.window_ms = int(window_seconds * 1000)
        self.fallback = MemoryRateLimiter(per_minute)
        self.script = client.register_script(_SLIDING_WINDOW)

    async def allow(self, sender: Text) -> bool:
        if self.per_minute <= 0:
            return True
        # Hashed: a sender id is whatever the client sent, of any length.
        key = f"{self.key_prefix}:rate:{hashlib.sha256(sender.encode('utf-8')).hexdigest()[:32]}"
        try:
            allowed = await self.script(
                keys=[key], args=[self.window_ms, self.per_minute, secrets.token_hex(8)]
            )
        except Exception as error:  # noqa: BLE001 - any Redis failure: count here instead
            logger.warning("Rate limit store unreachable (%s); counting in this process.", type(error).__name__)
            return self.fallback.allow_now(sender)
        return bool(allowed)


def from_settings(per_minute: int, environ: Optional[Dict[Text, Text]] = None):
    """The limiter RATE_LIMIT_STORE asks for: "memory" (default) or "redis" (REDIS_* settings)."""
    env = os.environ if environ is None else environ

    def setting(name: Text) -> Text:
        return env.get(name) or DEFAULTS[name]

    if setting("RATE_LIMIT_STORE").strip().lower() != "redis":
        return MemoryRateLimiter(per_minute)
    import redis.asyncio

    client = redis.asyncio.Redis(
        host=setting("REDIS_HOST"),
        port=int(setting("REDIS_PORT")),
        db=int(setting("REDIS_DB")),
        password=env.get("REDIS_PASSWORD") or None,
        socket_connect_timeout=1,
        socket_timeout=1,
    )
    return RedisRateLimiter(per_minute, client, setting("REDIS_KEY_PREFIX"))

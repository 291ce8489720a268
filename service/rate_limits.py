"""Rate limits on sliding windows in Redis: failed authentications, and each token's writes.

A window is a sorted set of event times. One script drops the events older than the window,
checks every window the event belongs to, and counts it in all of them only if each has room: the
check and the count are one step, so parallel requests cannot slip past the limit, on any number of
processes and replicas. A window slides: at most `limit` events in any `WINDOW_SECONDS`, never a
burst of twice the limit across a minute's boundary.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from service.content.errors import ContentError
from service.store import Store

WINDOW_SECONDS = 60

# KEYS: the windows of one event. ARGV: now (ms), window (ms), limit, a member naming the event.
# Answers {0, 0} when counted, else {ms until the fullest window has room, index of that window}.
TAKE_SCRIPT = """
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local wait, full = 0, 0
for index, key in ipairs(KEYS) do
    redis.call('zremrangebyscore', key, '-inf', now - window)
    if redis.call('zcard', key) >= limit then
        local oldest = tonumber(redis.call('zrange', key, 0, 0, 'WITHSCORES')[2])
        if oldest + window - now > wait then
            wait, full = oldest + window - now, index
        end
    end
end
if full > 0 then
    return {wait, full}
end
for _, key in ipairs(KEYS) do
    redis.call('zadd', key, now, ARGV[4])
    redis.call('pexpire', key, window)
end
return {0, 0}
"""


class RateLimited(ContentError):
    status = 429
    title = "Too many requests"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class SlidingWindows:
    """Counts events in sliding windows of WINDOW_SECONDS, atomically (keys of one call share a slot)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._take = store.client.register_script(TAKE_SCRIPT)

    def take(self, keys: Sequence[str], limit: int, now: datetime) -> tuple[int, int] | None:
        """Count one event in every window of `keys` if each has room (None); else (seconds to wait,
        the index of the full window)."""
        now_ms = int(now.timestamp() * 1000)
        args: list[str | int] = [now_ms, WINDOW_SECONDS * 1000, limit, f"{now_ms}-{secrets.token_hex(6)}"]
        reply = self.store.call(lambda c: self._take(keys=list(keys), args=args, client=c))
        wait_ms, full = (int(value) for value in cast(list[Any], reply))
        return None if full == 0 else (max(math.ceil(wait_ms / 1000), 1), full - 1)


class AuthLimits:
    """Failed authentications (per client address and per token id), and writes (per token)."""

    def __init__(self, store: Store, *, failures_per_minute: int, writes_per_minute: int) -> None:
        self.windows = SlidingWindows(store)
        self.failures_per_minute = failures_per_minute
        self.writes_per_minute = writes_per_minute
        prefix = store.keys.prefix
        self._failures = f"{prefix}:{{auth-failures}}"  # one hash tag: both windows of a failure in one slot
        self._prefix = prefix

    def count_failure(self, client: str, token_id: str | None, now: datetime) -> None:
        """Count a failed authentication from `client` with `token_id`; RateLimited past the limit."""
        keys = [f"{self._failures}:address:{client}"]
        if token_id:
            keys.append(f"{self._failures}:token:{token_id}")
        refused = self.windows.take(keys, self.failures_per_minute, now)
        if refused is not None:
            wait, full = refused
            whom = f"from {client}" if full == 0 else "with this token id"
            raise RateLimited(
                f"Too many failed authentications {whom} ({self.failures_per_minute} in any "
                f"{WINDOW_SECONDS} s); retry in {wait} s. A valid token is never refused.",
                wait,
            )

    def count_write(self, editor: str, now: datetime) -> None:
        """Count one write by the token named `editor`; RateLimited past its limit."""
        refused = self.windows.take([f"{self._prefix}:{{writes:{editor}}}"], self.writes_per_minute, now)
        if refused is not None:
            wait, _ = refused
            raise RateLimited(
                f"The token '{editor}' reached its limit of {self.writes_per_minute} writes in any "
                f"{WINDOW_SECONDS} s (HOROSCOPE_WRITES_PER_MINUTE); retry in {wait} s.",
                wait,
            )

"""Sending queued purges to one backend: at least once, coalesced, rate-limited, retried, or dead-lettered.

Each purge target (a Varnish node, a Fastly service, ...) has a consumer group of its own on the
purge stream, so a failing CDN holds up nobody else, and a node that was down gets every purge it
missed when it returns. Several schedulers may consume at once (each is a consumer of every group).

A step:
1. XAUTOCLAIM: take over events another consumer read and then stopped answering for (it crashed).
2. XREADGROUP: read new events. Each waits in memory, still pending in Redis, until it is due.
3. Coalesce every due event (never one early: the delay is what lets every process drop the old
   text first) into one set of tags (hard purges win over soft ones for a tag), split
   into requests of the backend's size, within the rate limit, and send them.
4. Success: XACK, and count the lag from the write. A retryable failure: back off (doubling up to
   60 s, or the backend's Retry-After), claim the events again (their delivery count is the attempt
   count), and after HOROSCOPE_EDGE_PURGE_ATTEMPTS move them to the dead-letter stream. A failure
   retrying cannot fix (a wrong token, an ACL): to the dead-letter stream at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from redis.exceptions import ResponseError

from service.config import Config
from service.edge.backends import PurgeFailed, PurgeTarget
from service.edge.purges import PurgeEvent, wall_ms
from service.store import Store, StoreUnavailable

log = logging.getLogger(__name__)

LAG_BUCKETS = (0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0, 60.0, 300.0, 3600.0)  # seconds, write to purge
MAX_BACKOFF_SECONDS = 60.0
BATCH = 256  # events read or claimed per call
MAX_DEAD = 10_000  # the dead-letter stream's approximate length


class TokenBucket:
    """At most `rate` requests a second, in bursts of up to max(1, rate)."""

    def __init__(self, rate: float, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.capacity = max(1.0, rate)
        self.tokens = self.capacity
        self.monotonic = monotonic
        self.at = monotonic()

    def take(self) -> float:
        """0 and a request may go now; else the seconds until one may."""
        now = self.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


@dataclass(slots=True)
class Waiting:
    """An event this consumer holds, and how many times it has been delivered (attempts so far)."""

    event: PurgeEvent
    attempts: int


class PurgeConsumer:
    """One target's consumer of the purge stream."""

    def __init__(
        self,
        store: Store,
        target: PurgeTarget,
        config: Config,
        *,
        consumer: str,
        now_ms: Callable[[], int] = wall_ms,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.target = target
        self.stream = store.keys.purges
        self.group = group_name(target.name)
        self.consumer = consumer
        self.max_attempts = config.edge_purge_attempts
        self.backoff_ms = config.edge_purge_backoff_seconds * 1000
        self.claim_ms = round(config.edge_purge_claim_seconds * 1000)
        # A blocking read must return well within the Redis client's socket timeout.
        self.max_block_ms = max(1, min(500, round(config.redis_timeout * 500)))
        self.bucket = TokenBucket(config.edge_purges_per_second, monotonic)
        self.now_ms = now_ms
        self.waiting: dict[str, Waiting] = {}
        self.failures = 0  # consecutive failed requests: the back-off doubles with each
        self.paused_until_ms = 0
        self._sent: dict[tuple[str, bool], int] = {}  # (tag, hard) sent in a step the rate limit cut short
        self._claim_from = "0-0"

    def ensure_group(self) -> None:
        """Create this target's group (reading from the stream's start: nothing queued is skipped)."""

        def create(client: Any) -> None:
            try:
                client.xgroup_create(self.stream, self.group, id="0", mkstream=True)
            except ResponseError as error:
                if "BUSYGROUP" not in str(error):  # it exists already: fine
                    raise

        self.store.call(create)

    def run(self, stop: threading.Event) -> None:
        """Step until `stop` is set; Redis outages and bugs are logged and waited out, never fatal."""
        while not stop.is_set():
            try:
                self.ensure_group()
                while not stop.is_set():
                    self.step(self.block_ms())
            except StoreUnavailable as error:
                log.warning("edge purges to %s wait for Redis: %s", self.target.name, error)
            except Exception:
                log.exception("edge purge consumer for %s failed; it starts again", self.target.name)
            stop.wait(1.0)

    def block_ms(self) -> int:
        """How long the next read may wait for new events: until the next event or retry is due."""
        due = [waiting.event.due_ms for waiting in self.waiting.values()]
        wake = max(min(due, default=float("inf")), self.paused_until_ms)
        return int(max(0, min(self.max_block_ms, wake - self.now_ms())))

    def step(self, block_ms: int = 0) -> int:
        """Claim, read, and send what is due; how many events were settled (acknowledged)."""
        self._claim()
        self._read(block_ms)
        now = self.now_ms()
        due = [w for w in self.waiting.values() if w.event.due_ms <= now]  # never early: see the delay
        if not due or now < self.paused_until_ms:
            return 0
        empty = [w for w in due if not w.event.tags]
        if empty:  # not a purge event: nothing to send, settle it
            self._settle(empty, "skipped")
            due = [w for w in due if w.event.tags]
        return len(empty) + self._send(due, now) if due else len(empty)

    def _send(self, due: list[Waiting], now: int) -> int:
        hard = {tag for w in due if w.event.hard for tag in w.event.tags}
        soft = {tag for w in due if not w.event.hard for tag in w.event.tags} - hard
        # Requests a rate limit held back go out in a later step; those sent since the newest of these
        # events fell due covered them already and are not sent again.
        latest = max(w.event.due_ms for w in due)
        hard = {tag for tag in hard if self._sent.get((tag, True), -1) < latest}
        soft = {tag for tag in soft if self._sent.get((tag, False), -1) < latest}
        receipts = []
        try:
            size = self.target.max_tags
            requests = [*((b, True) for b in batches(hard, size)), *((b, False) for b in batches(soft, size))]
            for tags, is_hard in requests:
                wait = self.bucket.take()
                if wait:  # over the rate limit
                    self.paused_until_ms = now + round(wait * 1000)
                    return 0
                receipts.append(self.target.purge(tags, is_hard))
                self._sent.update({(tag, is_hard): now for tag in tags})
        except PurgeFailed as failure:
            self._sent.clear()
            return self._failed(due, failure, now)
        self._sent.clear()
        self.failures = 0
        self._settle(due, "ok", now)
        log.info(
            "purged %d tags (%d hard) at %s for %d events: %s",
            len(hard) + len(soft),
            len(hard),
            self.target.name,
            len(due),
            "; ".join(receipts),
        )
        return len(due)

    def _failed(self, due: list[Waiting], failure: PurgeFailed, now: int) -> int:
        self.failures += 1
        backoff = min(self.backoff_ms * 2 ** (self.failures - 1), MAX_BACKOFF_SECONDS * 1000)
        if failure.retry_after is not None:
            backoff = max(backoff, failure.retry_after * 1000)
        self.paused_until_ms = now + round(backoff)
        spent = [w for w in due if not failure.retryable or w.attempts >= self.max_attempts]
        again = [w for w in due if w not in spent]
        if again:
            # Delivered again: the delivery count is the attempt count, and another scheduler sees
            # them as ours (not idle) while we keep trying.
            ids: list[Any] = [w.event.id for w in again]
            self.store.call(lambda client: client.xclaim(self.stream, self.group, self.consumer, 0, ids))
            for waiting in again:
                waiting.attempts += 1
            self._count("retried", len(again))
        if spent:
            self._dead_letter(spent, str(failure))
        log.warning(
            "purge at %s failed (%s); %d events retried in %.1f s, %d dead-lettered",
            self.target.name,
            failure,
            len(again),
            backoff / 1000,
            len(spent),
        )
        return len(spent)

    def _dead_letter(self, spent: list[Waiting], error: str) -> None:
        def move(client: Any) -> None:
            pipeline = client.pipeline(transaction=False)
            for waiting in spent:
                record = {
                    **waiting.event.fields(),
                    "id": waiting.event.id,
                    "target": self.target.name,
                    "attempts": str(waiting.attempts),
                    "error": error[:500],
                }
                pipeline.xadd(self.store.keys.dead_purges, record, maxlen=MAX_DEAD, approximate=True)
            pipeline.execute()

        self.store.call(move)
        log.error(
            "%d purges to %s dead-lettered after %s: %s",
            len(spent),
            self.target.name,
            "attempts ran out" if all(w.attempts >= self.max_attempts for w in spent) else "a refusal",
            error,
        )
        self._settle(spent, "dead")

    def _settle(self, settled: list[Waiting], result: str, now: int | None = None) -> None:
        """XACK the events and count them (and the lag of first sendings that succeeded)."""
        keys = self.store.keys
        name = self.target.name

        def ack(client: Any) -> None:
            pipeline = client.pipeline(transaction=False)
            pipeline.xack(self.stream, self.group, *(w.event.id for w in settled))
            pipeline.hincrby(keys.purge_stats, f"purged|{name}|{result}", len(settled))
            for waiting in settled:
                if now is None or waiting.event.repeat:
                    continue
                lag = max(0.0, (now - waiting.event.created_ms) / 1000)
                for bound in (*(b for b in LAG_BUCKETS if lag <= b), "+Inf"):
                    pipeline.hincrby(keys.purge_stats, f"lag|{name}|{bound}", 1)
                pipeline.hincrbyfloat(keys.purge_stats, f"lagsum|{name}", lag)
            pipeline.execute()

        self.store.call(ack)
        for waiting in settled:
            self.waiting.pop(waiting.event.id, None)

    def _count(self, result: str, count: int) -> None:
        key = f"purged|{self.target.name}|{result}"
        self.store.call(lambda client: client.hincrby(self.store.keys.purge_stats, key, count))

    def _read(self, block_ms: int) -> None:
        found = self.store.call(
            lambda client: client.xreadgroup(
                self.group, self.consumer, {self.stream: ">"}, count=BATCH, block=block_ms or None
            )
        )
        for _stream, entries in cast(list[Any], found or []):
            for event_id, fields in entries:
                event = PurgeEvent.read(event_id, fields)
                self.waiting[event.id] = Waiting(event, 1)

    def _claim(self) -> None:
        """Take over events another consumer left pending past the claim time (it stopped answering)."""

        def claim(client: Any) -> Any:
            try:
                return client.xautoclaim(
                    self.stream, self.group, self.consumer, self.claim_ms, self._claim_from, count=BATCH
                )
            except ResponseError as error:
                if "NOGROUP" not in str(error):
                    raise
                return None  # the stream or the group was deleted: make it again

        answer = self.store.call(claim)
        if answer is None:
            self.ensure_group()
            return
        self._claim_from = answer[0].decode() if isinstance(answer[0], bytes) else str(answer[0])
        for event_id, fields in answer[1]:
            if fields is None:
                continue  # trimmed from the stream meanwhile
            event = PurgeEvent.read(event_id, fields)
            if event.id not in self.waiting:
                self.waiting[event.id] = Waiting(event, self._deliveries(event.id))

    def _deliveries(self, event_id: str) -> int:
        found = self.store.call(
            lambda client: client.xpending_range(self.stream, self.group, event_id, event_id, 1)
        )
        return int(cast(list[dict[str, Any]], found)[0]["times_delivered"]) if found else 1


def group_name(target: str) -> str:
    """The consumer group of a purge target."""
    return f"purge:{target}"


def batches(tags: set[str], size: int) -> Iterator[list[str]]:
    """The tags in sorted requests of at most `size`."""
    ordered = sorted(tags)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def backlog(store: Store, targets: Sequence[str]) -> dict[str, tuple[int, int]]:
    """(pending, not yet read) purge events of each target's group: what its edge still waits for."""
    stream = store.keys.purges

    def read(client: Any) -> tuple[int, list[dict[str, Any]]]:
        length = int(client.xlen(stream))
        try:
            groups = client.xinfo_groups(stream) if length else []
        except ResponseError:
            groups = []  # no stream yet
        return length, groups

    length, groups = store.call(read)
    by_name = {text(group["name"]): group for group in groups}
    found = {}
    for target in targets:
        group = by_name.get(group_name(target))
        if group is None:  # no scheduler consumed for it yet: everything waits
            found[target] = (0, length)
            continue
        unread = group.get("lag")
        if unread is None:  # Redis before 7: count what follows the last delivered event
            unread = len(store.call(_after(stream, text(group["last-delivered-id"]))))
        found[target] = (int(group["pending"]), int(unread))
    return found


def _after(stream: str, last: str) -> Callable[[Any], list[Any]]:
    """A command reading the events that follow `last` (at most 10,001: enough to say 'over the limit')."""
    return lambda client: cast(list[Any], client.xrange(stream, f"({last}", "+", count=10_001))


def text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value

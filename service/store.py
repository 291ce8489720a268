"""The Redis adapter: key names, stored entries and the write generation. Nothing else talks to Redis.

Outage policy: every call raises StoreUnavailable when Redis cannot answer; callers decide what
that means (readers may serve what they validated recently, writers fail closed). After a failure
the adapter stops trying for `cooldown` seconds, so an outage costs one timeout per process per
cooldown rather than one per request.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar, cast

import redis
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import OutOfMemoryError, RedisClusterException, RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

from service.config import Config
from service.content.errors import ContentError
from service.days import isoformat_utc
from service.metrics import REDIS_ERRORS

T = TypeVar("T")
log = logging.getLogger(__name__)

EDITORIAL_PREFIX = "custom-"  # topic ids of editor-written listicles: 'custom-three-winter-walks'


class StoreUnavailable(ContentError):
    """Redis did not answer in time, or refused; the answer may come later.

    Clients get only `detail`, which says nothing about Redis (its errors name keys and client
    addresses); `str(error)`, for logs and run records, says what Redis answered.
    """

    status = 503
    title = "Service unavailable"

    def __init__(self, reason: str) -> None:
        super().__init__("The content store is unavailable; retry shortly.")
        self.args = (reason,)


def connect(config: Config) -> redis.Redis:
    """A client for the configured Redis (or Redis Cluster): short timeouts, a timeout not retried."""
    if config.redis_url is None:
        raise StoreUnavailable(
            "HOROSCOPE_REDIS_URL is not set: start the service with `horoscope-service serve`, "
            "which runs an embedded Redis, or point HOROSCOPE_REDIS_URL at your Redis."
        )
    if config.redis_cluster:
        cluster: Any = redis.RedisCluster.from_url(
            config.redis_url,
            socket_timeout=config.redis_timeout,
            socket_connect_timeout=config.redis_connect_timeout,
            retry=quick_retry(),
        )
        return cast(redis.Redis, cluster)  # the subset of commands the store uses behaves the same
    return redis.Redis.from_url(
        config.redis_url,
        socket_timeout=config.redis_timeout,
        socket_connect_timeout=config.redis_connect_timeout,
        # Responses stay bytes (decode_responses is off): records are served as they are stored.
        retry=quick_retry(),
        health_check_interval=30,
    )


def quick_retry() -> Retry:
    """One immediate retry after a connection error, none after a timeout.

    A pooled connection that died with a Redis restart fails at once (reset, broken pipe) and works
    on a new connection, so that is retried. A timeout means Redis is stalled or unreachable and
    would only time out again: redis-py's default retries it, and the health-check PING it nests
    retries it too, which made a request wait 2 to 4 timeouts instead of one. (redis-py's cluster
    client takes only the count from this: it retries a timed-out command once, after refreshing
    its map of the nodes.)
    """
    return Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,))


def close_client(client: Any) -> None:
    """Close a client and every connection it holds.

    redis-py's RedisCluster.close() releases its nodes' clients but not their connection pools (a
    client built on a pool it was given does not close it), so their sockets would wait for the
    garbage collector; disconnect those pools too.
    """
    if isinstance(client, redis.RedisCluster):
        for node in client.get_nodes():  # type: ignore[no-untyped-call]
            if node.redis_connection is not None:
                node.redis_connection.connection_pool.disconnect()
    client.close()


class Keys:
    """Every key name. A hash tag per entry keeps an entry's keys on one Redis Cluster slot.

    An editor-written listicle's keys carry its date's list's tag instead of their own
    (`hs:{listicle-plan:2026-02-05}:listicle:custom-...:2026-02-05:entry`), so that creating,
    withdrawing or restoring it and changing the list is one transaction on a cluster too.
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def entry(self, entry_id: str) -> str:
        return f"{self._tagged(entry_id)}:entry"

    def override(self, entry_id: str) -> str:
        return f"{self._tagged(entry_id)}:override"

    def history(self, entry_id: str) -> str:
        """Every editorial change to one entry, newest first; trimmed past the history retention."""
        return f"{self._tagged(entry_id)}:history"

    @property
    def generation(self) -> str:
        return f"{self.prefix}:{{meta}}:generation"

    @property
    def epoch(self) -> str:
        """The data epoch (service.epoch), in the generation's slot so both are read at once."""
        return f"{self.prefix}:{{meta}}:epoch"

    @property
    def feed_generation(self) -> str:
        """Bumped by each publication; in the generation's slot, so one MGET reads both."""
        return f"{self.prefix}:{{meta}}:feed-generation"

    def index(self, kind: str) -> str:
        """Published entries of a kind, scored by date, for the feed."""
        return f"{self.prefix}:{{index}}:{kind}"

    # The edge's purges (service.edge): one slot, so a consumer's reads and acks are single commands.

    @property
    def purges(self) -> str:
        """The stream of purge events, written with the writes they announce."""
        return f"{self.prefix}:{{edge}}:purges"

    @property
    def dead_purges(self) -> str:
        """Purge events a backend refused, or failed too often: for an operator to look at and retry."""
        return f"{self.prefix}:{{edge}}:purges:dead"

    @property
    def purge_stats(self) -> str:
        """Counters of the purge consumers (by target and result) and their lag, for /metrics."""
        return f"{self.prefix}:{{edge}}:stats"

    def rollover(self, day: str) -> str:
        """Set by the scheduler that queued `day`'s midnight purge, so replicas queue it once."""
        return f"{self.prefix}:{{edge}}:rollover:{day}"

    def _tagged(self, entry_id: str) -> str:
        slot = slot_of(entry_id)
        return f"{self.prefix}:{{{entry_id}}}" if slot == entry_id else f"{self.prefix}:{{{slot}}}:{entry_id}"


HINDI_FEED_INDEX = "horoscope:hi"  # the feed index of the daily Hindi entries (service.hindi_publishing)


def horoscope_id(system: str, period: str, sign: str, first_day: str) -> str:
    """The identity of one horoscope entry: 'horoscope:tropical:daily:leo:2026-02-05'."""
    return f"horoscope:{system}:{period}:{sign}:{first_day}"


def listicle_id(topic: str, day: str) -> str:
    """The identity of one listicle: 'listicle:foods-that-promote-longevity:2026-02-05'."""
    return f"listicle:{topic}:{day}"


def listicle_plan_id(day: str) -> str:
    """The identity of one date's list of listicles: 'listicle-plan:2026-02-05'."""
    return f"listicle-plan:{day}"


def panchang_id(city: str, day: str) -> str:
    """The identity of one city's panchang of one date: 'panchang:new-delhi:2026-02-05'."""
    return f"panchang:{city}:{day}"


def listicle_id_parts(entry_id: str) -> tuple[str, str] | None:
    """(topic, day) of a listicle's id, or None when the id is not a listicle's."""
    kind, _, rest = entry_id.partition(":")
    topic, _, day = rest.rpartition(":")
    return (topic, day) if kind == "listicle" and topic else None


def is_editorial(topic: str) -> bool:
    """Whether a listicle topic is an editor-written listicle's (catalog ids never start so)."""
    return topic.startswith(EDITORIAL_PREFIX)


def slot_of(entry_id: str) -> str:
    """The hash tag of an entry's keys: its own id, or for an editor-written listicle its date's list."""
    parts = listicle_id_parts(entry_id)
    return listicle_plan_id(parts[1]) if parts is not None and is_editorial(parts[0]) else entry_id


class Announcer(Protocol):
    """Queues the edge purges of a write (service.edge.purges.PurgeQueue), on the write's own
    transaction (`pipe`) or, on a Redis Cluster, right after it (`pipe` is then the client)."""

    def announce(self, pipe: Any, entry_ids: Sequence[str], reason: str) -> None: ...


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """An entry's stored record and its editor override, both raw JSON bytes (None when absent)."""

    record: bytes | None
    override: bytes | None
    written: bool = False  # this call stored the record (it was the first publisher)


@dataclass(frozen=True, slots=True)
class Edit:
    """What one editorial change writes to an entry: the new override (None removes it), its history
    record, and the entry's record when the change creates or changes it."""

    override: bytes | None
    history: bytes
    record: bytes | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    """A feed-index change that goes with an editorial change: list `entry_id` at `score`, or unlist it."""

    kind: str
    entry_id: str
    score: int | None  # None: out of the feed


@dataclass(frozen=True, slots=True)
class Change:
    """Edits of entries that share a hash slot, made together, and their feed-index change."""

    edits: Mapping[str, Edit]  # by entry id
    listing: Listing | None = None


@dataclass(frozen=True, slots=True)
class Persistence:
    aof_enabled: bool
    detail: str


@dataclass(frozen=True, slots=True)
class Memory:
    """Redis's memory use (on a cluster, the fullest primary's); maximum 0 means no limit."""

    used: int
    maximum: int
    policy: str

    @property
    def ratio(self) -> float:
        return self.used / self.maximum if self.maximum else 0.0


@dataclass(frozen=True, slots=True)
class HistoryTrim:
    """What a history trim drops: records older than `before`, except the newest `keep`."""

    keep: int
    before: datetime

    @classmethod
    def retention(cls, config: Config, now: datetime) -> HistoryTrim:
        """The configured history retention at `now`: HOROSCOPE_HISTORY_DAYS and _MIN_RECORDS."""
        return cls(config.history_min_records, now - timedelta(days=config.history_days))

    def arguments(self) -> tuple[int, str]:
        """TRIM_HISTORY's arguments."""
        return self.keep, isoformat_utc(self.before)


# Drops the oldest history records that are both past the cutoff and beyond the newest ARGV[1].
# Records are newest first with ascending `at` (ISO 8601 UTC, so they compare as strings): a binary
# search finds the first one to drop, in O(log n) LINDEX calls, in one step on the entry's slot.
TRIM_HISTORY = """
local n = redis.call('llen', KEYS[1])
local keep = tonumber(ARGV[1])
if n <= keep then return 0 end
local function at(index) return cjson.decode(redis.call('lindex', KEYS[1], index))['at'] end
if at(n - 1) >= ARGV[2] then return 0 end
local low, high = keep, n - 1
while low < high do
    local middle = math.floor((low + high) / 2)
    if at(middle) < ARGV[2] then high = middle else low = middle + 1 end
end
redis.call('ltrim', KEYS[1], 0, low - 1)
return n - low
"""

# The history record with id ARGV[1]: ids count up by one per change and only the oldest records
# are ever trimmed, so it sits at (newest id - id), one LINDEX away.
HISTORY_RECORD = """
local newest = redis.call('lindex', KEYS[1], 0)
if not newest then return false end
local index = cjson.decode(newest)['id'] - tonumber(ARGV[1])
if index < 0 then return false end
return redis.call('lindex', KEYS[1], index)
"""

OUT_OF_MEMORY_SECONDS = 60.0  # how long a write refused for lack of memory keeps /readyz degraded


def revision_of(history_record: bytes | None) -> int:
    """The id of a history record (the count of changes up to it); 0 for no record."""
    return 0 if history_record is None else int(json.loads(history_record)["id"])


class Store:
    """Entries, overrides and the write generation in Redis."""

    def __init__(
        self,
        client: redis.Redis,
        keys: Keys,
        *,
        cooldown: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
        announcer: Announcer | None = None,
    ) -> None:
        self.client = client
        self.keys = keys
        # Writes queue their edge purges through it (None: no edge is configured). On a single Redis
        # the event joins the write's transaction; on a cluster the stream lives in another slot, so
        # it is written right after the transaction, like the generation counter.
        self.announcer = announcer
        # On a cluster the generation counter lives in another slot than any entry, so it cannot join
        # an entry's transaction: it is bumped right after it instead.
        self.cluster = isinstance(client, redis.RedisCluster)
        self.cooldown = cooldown
        self._monotonic = monotonic
        self._down_until = 0.0
        self._refused_for_memory_at = float("-inf")

    def close(self) -> None:
        """Close every connection to Redis."""
        close_client(self.client)

    def fetch(self, entry_id: str) -> StoredEntry:
        """The stored record and override of one entry, in one round trip."""
        record, override = self._call(
            lambda: self.client.mget(self.keys.entry(entry_id), self.keys.override(entry_id))
        )
        return StoredEntry(cast(bytes | None, record), cast(bytes | None, override))

    def publish(self, entry_id: str, record: bytes) -> tuple[bytes, bool]:
        """Store `record` unless the entry exists: the stored record (first writer wins), and if ours."""
        key = self.keys.entry(entry_id)
        if self._call(lambda: self.client.set(key, record, nx=True)):
            return record, True
        stored = self._call(lambda: self.client.get(key))
        # Only a prune between the two calls could empty it; then ours is as good as any.
        return (record, False) if stored is None else (cast(bytes, stored), False)

    def replace(self, entry_id: str, expected: bytes, record: bytes) -> bool:
        """Swap a stored record for a new one, unless it changed since it was read (then False)."""
        key = self.keys.entry(entry_id)

        def write(pipe: Any) -> bool:
            if pipe.get(key) != expected:
                return False
            pipe.multi()
            pipe.set(key, record)
            return True

        def write_and_announce(pipe: Any) -> bool:
            replaced = write(pipe)
            if replaced and self.announcer is not None and not self.cluster:
                self.announcer.announce(pipe, [entry_id], "refresh")
            return replaced

        replaced = self.transaction(write_and_announce, key, value_from_callable=True)
        if replaced:
            self.bump_generation()
            if self.cluster:
                self.announce_after([entry_id], "refresh")
        return replaced

    def edit(
        self, entry_id: str, decide: Callable[[StoredEntry, int], Edit], trim: HistoryTrim | None = None
    ) -> StoredEntry:
        """Apply an editorial change atomically: override, history and invalidation, or nothing.

        `decide` sees the entry as it is (and how many changes it has had) and may raise to refuse;
        if anyone writes the entry while it decides, it runs again on what they wrote. With `trim`, the
        same transaction drops the history records past the retention.
        """

        def one(found: Mapping[str, tuple[StoredEntry, int]]) -> Change:
            return Change({entry_id: decide(*found[entry_id])})

        return self.change((entry_id,), one, trim)[entry_id]

    def change(
        self,
        entry_ids: Sequence[str],
        decide: Callable[[Mapping[str, tuple[StoredEntry, int]]], Change],
        trim: HistoryTrim | None = None,
    ) -> dict[str, StoredEntry]:
        """Apply editorial changes to entries of one hash slot atomically, or nothing: records,
        overrides, history records, the feed index and the invalidation, in one MULTI/EXEC.

        `decide` sees each entry (and how many changes it has had) and may raise to refuse; if anyone
        writes one of them while it decides, it runs again on what they wrote. On a cluster the feed
        index and the generation counter live in other slots: an entry is indexed before the
        transaction and unindexed after it, so a crash between leaves at most an index member of an
        entry that is not listed, which the feed skips (service.feed).
        """
        keys = {
            entry_id: (self.keys.entry(entry_id), self.keys.override(entry_id), self.keys.history(entry_id))
            for entry_id in entry_ids
        }

        def write(pipe: Any) -> tuple[Change, dict[str, StoredEntry]]:
            found = {}
            for entry_id, (entry_key, override_key, history_key) in keys.items():
                record, override = (
                    pipe.get(entry_key),
                    pipe.get(override_key),
                )  # cluster pipelines refuse MGET
                found[entry_id] = (StoredEntry(record, override), revision_of(pipe.lindex(history_key, 0)))
            change = decide(found)
            listing = change.listing
            if self.cluster and listing is not None and listing.score is not None:
                self.index(listing.kind, listing.entry_id, listing.score)
            pipe.multi()
            after = {}
            for entry_id, edit in change.edits.items():
                entry_key, override_key, history_key = keys[entry_id]
                if edit.record is not None:
                    pipe.set(entry_key, edit.record)
                if edit.override is None:
                    pipe.delete(override_key)
                else:
                    pipe.set(override_key, edit.override)
                pipe.lpush(history_key, edit.history)
                if trim is not None:  # execute_command: a cluster pipeline refuses eval(), not EVAL
                    pipe.execute_command("EVAL", TRIM_HISTORY, 1, history_key, *trim.arguments())
                after[entry_id] = StoredEntry(edit.record or found[entry_id][0].record, edit.override)
            if not self.cluster:
                if listing is not None:
                    index = self.keys.index(listing.kind)
                    if listing.score is None:
                        pipe.zrem(index, listing.entry_id)
                    else:
                        pipe.zadd(index, {listing.entry_id: listing.score})
                pipe.incr(self.keys.generation)
                if self.announcer is not None:
                    self.announcer.announce(pipe, list(change.edits), "edit")
            return change, after

        watched = [key for triple in keys.values() for key in triple]
        change, after = self.transaction(write, *watched, value_from_callable=True)
        if self.cluster:
            if change.listing is not None and change.listing.score is None:
                self.unindex(change.listing.kind, change.listing.entry_id)
            self.bump_generation()
            self.announce_after(list(change.edits), "edit")
        return after

    def announce_after(self, entry_ids: Sequence[str], reason: str) -> None:
        """On a cluster: queue a write's purges right after its transaction, in the stream's own slot.

        A crash between the two loses the purge (the edge then keeps the old text until its TTL); the
        write itself stands. README, "Behind a CDN", says so.
        """
        announcer = self.announcer
        if announcer is None:
            return
        try:
            self._call(lambda: announcer.announce(self.client, entry_ids, reason))
        except StoreUnavailable as error:  # the write stands: say so, rather than answer 503 for it
            log.error(
                "edge purge of %s not queued after the write (%s): the edge keeps the old text "
                "until its TTL; purge it by hand with `horoscope-service purge`",
                entry_ids,
                error,
            )

    def history(self, entry_id: str, count: int) -> list[bytes]:
        """The newest `count` history records of an entry."""
        found = self._call(lambda: self.client.lrange(self.keys.history(entry_id), 0, count - 1))
        return cast(list[bytes], found)

    def history_record(self, entry_id: str, revision: int) -> bytes | None:
        """The history record of change `revision`, or None (no such change, or trimmed)."""
        key = self.keys.history(entry_id)
        found = self._call(lambda: self.client.eval(HISTORY_RECORD, 1, key, revision))
        if found is None or revision_of(cast(bytes, found)) != revision:
            return None
        return cast(bytes, found)

    def trim_history(self, history_keys: list[bytes], trim: HistoryTrim) -> int:
        """Trim each of these histories; how many records went."""
        arguments = trim.arguments()

        def trim_each(client: Any) -> list[int]:
            pipeline = client.pipeline(transaction=False)  # one script per key: each has its own slot
            for key in history_keys:
                pipeline.execute_command("EVAL", TRIM_HISTORY, 1, key, *arguments)
            return cast(list[int], pipeline.execute())

        return sum(self._call(lambda: trim_each(self.client)))

    def fetch_many(self, entry_ids: list[str]) -> list[StoredEntry]:
        """Records and overrides of many entries in one round trip."""
        pipeline = self.client.pipeline(transaction=False)
        for entry_id in entry_ids:
            pipeline.get(self.keys.entry(entry_id))  # GETs, not MGET: cluster pipelines refuse MGET
            pipeline.get(self.keys.override(entry_id))
        replies = self._call(pipeline.execute)
        pairs = zip(replies[::2], replies[1::2], strict=True)
        return [StoredEntry(cast(bytes | None, r), cast(bytes | None, o)) for r, o in pairs]

    def index(self, kind: str, entry_id: str, score: int) -> None:
        """List an entry in its kind's feed index (before it is stored, so a crash cannot hide it)."""
        self._call(lambda: self.client.zadd(self.keys.index(kind), {entry_id: score}))

    def unindex(self, kind: str, entry_id: str) -> None:
        """Take an entry out of its kind's feed index."""
        self._call(lambda: self.client.zrem(self.keys.index(kind), entry_id))

    def indexed(self, kind: str, max_score: int, count: int, offset: int = 0) -> list[tuple[str, int]]:
        """Entry ids of a kind with the highest scores up to `max_score`, highest first."""
        found = self._call(
            lambda: self.client.zrevrangebyscore(
                self.keys.index(kind), max_score, "-inf", start=offset, num=count, withscores=True
            )
        )
        return [(member.decode(), int(score)) for member, score in cast(list[tuple[bytes, float]], found)]

    def call(self, command: Callable[[redis.Redis], T]) -> T:
        """Run `command` on the client under the adapter's outage policy."""
        return self._call(lambda: command(self.client))

    def transaction(self, write: Callable[[Any], T], *watch: str, value_from_callable: bool = False) -> T:
        """WATCH `watch`, run `write` (which calls pipe.multi() before queueing), retry on conflicts."""
        run: Any = self.client.transaction  # typed as taking callables that return None; ours return values
        return cast(T, self._call(lambda: run(write, *watch, value_from_callable=value_from_callable)))

    def generation(self) -> int:
        """A counter bumped after every write that changes what readers see."""
        value = self._call(lambda: self.client.get(self.keys.generation))
        return int(value or 0)

    def bump_generation(self) -> int:
        """Tell every process that cached renders may be stale."""
        return int(self._call(lambda: self.client.incr(self.keys.generation)))

    def feed_generations(self) -> tuple[int, int]:
        """(the write generation, the feed generation): the feed is stale when either moved."""
        keys = self.keys
        values = self._call(lambda: self.client.mget(keys.generation, keys.feed_generation))
        return int(values[0] or 0), int(values[1] or 0)

    def bump_feed_generation(self) -> int:
        """Tell every process that an entry was published, so cached feeds may be stale."""
        return int(self._call(lambda: self.client.incr(self.keys.feed_generation)))

    def ping(self) -> float:
        """Round-trip time to Redis in milliseconds."""
        started = time.perf_counter()
        self._call(self.client.ping)
        return (time.perf_counter() - started) * 1000

    def persistence(self) -> Persistence:
        """Whether Redis keeps an append-only file (INFO, which managed Redis allows where CONFIG is off)."""
        if self.cluster:  # every primary must keep its part of the data
            cluster: Any = self.client
            per_node = self._call(
                lambda: cluster.info("persistence", target_nodes=redis.RedisCluster.PRIMARIES)
            )
            enabled = all(bool(int(info.get("aof_enabled", 0))) for info in per_node.values())
        else:
            info = self._call(lambda: self.client.info("persistence"))
            enabled = bool(int(info.get("aof_enabled", 0)))
        detail = (
            "append-only file enabled"
            if enabled
            else "append-only file disabled: entries and edits may be lost on restart"
        )
        return Persistence(enabled, detail)

    def memory(self) -> Memory:
        """Used and maximum memory and the eviction policy (INFO; on a cluster, the fullest primary)."""
        if self.cluster:
            cluster: Any = self.client
            per_node = self._call(lambda: cluster.info("memory", target_nodes=redis.RedisCluster.PRIMARIES))
            infos = list(per_node.values())
        else:
            infos = [self._call(lambda: self.client.info("memory"))]
        found = [
            Memory(
                int(info["used_memory"]), int(info.get("maxmemory", 0)), str(info.get("maxmemory_policy", ""))
            )
            for info in infos
        ]
        return max(found, key=lambda memory: (memory.ratio, memory.used))

    def refused_for_memory_within(self, seconds: float) -> float | None:
        """Seconds since Redis last refused this process a command for lack of memory, if within `seconds`."""
        age = self._monotonic() - self._refused_for_memory_at
        return age if age <= seconds else None

    def _call(self, command: Callable[[], T]) -> T:
        if self._monotonic() < self._down_until:
            REDIS_ERRORS.inc()
            raise StoreUnavailable("Redis is unreachable (in the cooldown after a failure)")
        try:
            return command()
        except (RedisConnectionError, RedisTimeoutError, OSError) as error:
            REDIS_ERRORS.inc()
            self._down_until = self._monotonic() + self.cooldown
            raise StoreUnavailable(f"Redis is unreachable ({type(error).__name__}: {error})") from error
        except (RedisError, RedisClusterException) as error:
            REDIS_ERRORS.inc()
            # A refused write inside a pipeline or transaction arrives as a ResponseError quoting it.
            if isinstance(error, OutOfMemoryError) or "maxmemory" in str(error):
                self._refused_for_memory_at = self._monotonic()
            raise StoreUnavailable(f"Redis refused the command ({error})") from error

"""Purge events: what a write tells the edge, written to a Redis Stream with the write itself.

A write (an edit, a listicle created, withdrawn or restored, a refresh that regenerates an entry)
queues its purge inside its own transaction (service.store.Store), so there is no write without its
purge and no purge without its write; the scheduler's consumers (service.edge.consumer) send it to
every configured backend, at least once. Web processes never call a CDN.

Each purge is queued twice: due `delay` after the write (once every process has dropped the old text
from its cache, HOROSCOPE_CACHE_CHECK_SECONDS), and again `repeat` later, for tiered caches that a
first purge can reach in the wrong order (an edge refilled from a shield not yet purged).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from service.config import Config
from service.content.errors import ContentError
from service.edge.tags import EdgeTags
from service.store import Keys, Store, listicle_id_parts, listicle_plan_id

MAX_EVENTS = 100_000  # the stream's approximate length: far more than any backlog worth keeping


def wall_ms() -> int:
    """Now, in milliseconds since the epoch: purges are timed by the real clock, not the portal's."""
    return time.time_ns() // 1_000_000


@dataclass(frozen=True, slots=True)
class PurgeEvent:
    """One purge as read back from the stream."""

    id: str
    tags: tuple[str, ...]
    hard: bool
    reason: str
    created_ms: int  # when the write was made: lag is measured from here
    due_ms: int  # not to be sent before
    repeat: bool = False  # the second sending of a purge (not counted in the lag)

    @classmethod
    def read(cls, event_id: bytes | str, fields: Mapping[bytes, bytes]) -> PurgeEvent:
        """An event from its stream entry (an entry that is not one comes back with no tags)."""
        created = int(fields.get(b"at", b"0"))
        return cls(
            event_id.decode() if isinstance(event_id, bytes) else event_id,
            tuple(fields.get(b"tags", b"").decode().split()),
            fields.get(b"mode") == b"hard",
            fields.get(b"reason", b"").decode(),
            created,
            int(fields.get(b"due", created)),
            fields.get(b"repeat") == b"1",
        )

    def fields(self) -> dict[str, str]:
        """The event as stream fields (also the dead-letter record's)."""
        fields = {
            "tags": " ".join(self.tags),
            "mode": "hard" if self.hard else "soft",
            "reason": self.reason,
            "at": str(self.created_ms),
            "due": str(self.due_ms),
        }
        return fields | {"repeat": "1"} if self.repeat else fields


class PurgeQueue:
    """Writes purge events: into a write's transaction (as the store's announcer), or on their own."""

    def __init__(
        self,
        keys: Keys,
        tags: EdgeTags,
        *,
        delay_seconds: float,
        repeat_seconds: float,
        now_ms: Callable[[], int] = wall_ms,
    ) -> None:
        self.keys = keys
        self.tags = tags
        self.delay_ms = round(delay_seconds * 1000)
        self.repeat_ms = round(repeat_seconds * 1000)
        self.now_ms = now_ms

    def announce(self, pipe: Any, entry_ids: Sequence[str], reason: str) -> None:
        """Queue the purge of what changed with `entry_ids` on `pipe` (service.store.Announcer)."""
        self.queue(pipe, self.tags_for(entry_ids), hard=False, reason=reason)

    def tags_for(self, entry_ids: Iterable[str]) -> list[str]:
        """The tags a change of these entries invalidates: theirs, a listicle's date's list (which
        shows it), and the feed (which shows titles)."""
        entry_ids = list(entry_ids)
        for entry_id in list(entry_ids):
            parts = listicle_id_parts(entry_id)
            if parts is not None:
                entry_ids.append(listicle_plan_id(parts[1]))
        return [*self.tags.entries(dict.fromkeys(entry_ids)), self.tags.feed]

    def queue(self, pipe: Any, tags: Sequence[str], *, hard: bool, reason: str) -> None:
        """XADD the purge of `tags` on `pipe` (a transaction, a pipeline or a client): due after the
        delay, and again after the repeat."""
        now = self.now_ms()
        first = PurgeEvent("", tuple(tags), hard, reason, now, now + self.delay_ms)
        pipe.xadd(self.keys.purges, first.fields(), maxlen=MAX_EVENTS, approximate=True)
        if self.repeat_ms:
            again = PurgeEvent("", tuple(tags), hard, reason, now, first.due_ms + self.repeat_ms, repeat=True)
            pipe.xadd(self.keys.purges, again.fields(), maxlen=MAX_EVENTS, approximate=True)

    def submit(self, store: Store, tags: Sequence[str], *, hard: bool, reason: str) -> list[str]:
        """Queue a purge on its own (a manual purge, the midnight rollover); the events' ids."""

        def write(client: Any) -> list[str]:
            pipeline = client.pipeline(transaction=False)
            self.queue(pipeline, tags, hard=hard, reason=reason)
            return [event_id.decode() for event_id in pipeline.execute()]

        return store.call(write)


def purge_queue(config: Config) -> PurgeQueue | None:
    """The queue writes announce their purges to; None when no edge backend is configured."""
    if not config.edge_backends:
        return None
    return PurgeQueue(
        Keys(config.key_prefix),
        EdgeTags(config.edge_tag_prefix),
        delay_seconds=config.edge_purge_delay_seconds,
        repeat_seconds=config.edge_purge_repeat_seconds,
    )


class InvalidTags(ContentError):
    """Tags a manual purge cannot name: not this deployment's, or not portable."""

    status = 422
    title = "Unprocessable purge"

    def __init__(self, detail: str, bad: Sequence[str]) -> None:
        super().__init__(detail)
        self.bad = list(bad)

    def members(self) -> dict[str, Any]:
        return {"errors": {"json": {"tags": [self.detail]}}}


class EdgeNotConfigured(ContentError):
    """A manual purge with no edge backend to send it to."""

    status = 409
    title = "No edge configured"


def manual_purge(store: Store, tags: Sequence[str], *, hard: bool, by: str) -> list[str]:
    """Queue a purge of `tags` asked for by an admin (route or command); the events' ids."""
    queue = store.announcer
    if not isinstance(queue, PurgeQueue):
        raise EdgeNotConfigured(
            "No edge backend is configured (HOROSCOPE_EDGE_BACKENDS), so nothing would send this purge."
        )
    bad = [tag for tag in tags if not queue.tags.is_ours(tag)]
    if bad or not tags:
        raise InvalidTags(
            f"Name 1 or more tags as answers carry them: '{queue.tags.prefix}' followed by a-z, 0-9, '.' and "
            f"'-', at most 128 characters (e.g. {queue.tags.all}, {queue.tags.date(date(2026, 2, 5))}); "
            f"not {', '.join(bad) or 'none'}.",
            bad,
        )
    return queue.submit(store, list(dict.fromkeys(tags)), hard=hard, reason=f"manual by {by}")


def retry_dead(store: Store) -> int:
    """Queue every dead-lettered purge again (soft and hard ones apart) and drop them; how many."""
    queue = store.announcer
    if not isinstance(queue, PurgeQueue):
        raise EdgeNotConfigured("No edge backend is configured (HOROSCOPE_EDGE_BACKENDS).")
    dead_key = store.keys.dead_purges
    entries = cast(list[Any], store.call(lambda client: client.xrange(dead_key, "-", "+")))
    if not entries:
        return 0
    events = [PurgeEvent.read(event_id, fields) for event_id, fields in entries]
    for hard in (False, True):
        tags = list(dict.fromkeys(tag for event in events if event.hard is hard for tag in event.tags))
        if tags:
            queue.submit(store, tags, hard=hard, reason="dead letters retried")
    store.call(lambda client: client.xdel(dead_key, *(event.id for event in events)))
    return len(events)

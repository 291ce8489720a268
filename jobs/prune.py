"""Dropping generated entries past the retention window, with their feed-index members, and
history records past the history retention.

Only generated records (`...:entry`) go; an editor's override stays, and its history keeps every
change of the last HOROSCOPE_HISTORY_DAYS and at least the last HOROSCOPE_HISTORY_MIN_RECORDS
(edits trim their own entry's history as they write; this trims the ones nobody edits any more).
A weekly or monthly reading goes only when its whole period is before the cutoff, since readers
may still ask for its last days.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

from jobs.tally import Tally
from service.content.calendar import Period, period_days
from service.store import HINDI_FEED_INDEX, HistoryTrim, Store

if TYPE_CHECKING:
    from service.publishing import Publisher

PRUNED_KINDS = ("horoscope", "listicle", "listicle-plan", "panchang")
# The feeds' sorted sets, scored date.toordinal() * 100 + rank.
INDEXED_KINDS = ("horoscope", HINDI_FEED_INDEX, "listicle")
SCAN_BATCH = 500
PERIODS = {period.value for period in Period}


def prune(publisher: Publisher, target: date, tally: Tally) -> None:
    """Remove generated entries dated before `target` minus the retention window; trim histories."""
    prune_before(publisher.store, target - timedelta(days=publisher.config.retention_days), tally)
    trim_histories(publisher.store, HistoryTrim.retention(publisher.config, publisher.clock()), tally)


def trim_histories(store: Store, trim: HistoryTrim, tally: Tally) -> None:
    """Drop every entry's history records past the retention, scanning in batches."""
    keys = _scan(store, f"{_glob_escape(store.keys.prefix)}:{{*}}:history")
    for start in range(0, len(keys), SCAN_BATCH):
        tally.trimmed(store.trim_history(keys[start : start + SCAN_BATCH], trim))


def prune_before(store: Store, cutoff: date, tally: Tally) -> None:
    """Remove generated entries whose last day is before `cutoff`, scanning in batches (never KEYS)."""
    # The index goes first: a crash midway leaves unlisted entries that the retry still finds,
    # never a feed listing entries that are gone.
    for kind in INDEXED_KINDS:
        _drop_index_members_before(store, store.keys.index(kind), cutoff)
    store.bump_feed_generation()  # no process's feed may keep listing what goes next
    prefix = store.keys.prefix
    pattern = f"{_glob_escape(prefix)}:{{*}}:entry"
    keys = _scan(store, pattern)
    expired = [key for key in keys if _before(last_day_of(_entry_id(key, prefix)), cutoff)]
    for start in range(0, len(expired), SCAN_BATCH):
        batch = expired[start : start + SCAN_BATCH]
        _unlink(store, batch)
        tally.removed(len(batch))


def last_day_of(entry_id: str) -> date | None:
    """The last day a generated entry covers, or None when the id is not one of a dated entry."""
    kind, _, rest = entry_id.partition(":")
    if kind not in PRUNED_KINDS:
        return None
    parts = rest.split(":")
    if kind == "horoscope" and len(parts) == 5:
        parts = parts[:-1]  # another language's entry: horoscope:<system>:<period>:<sign>:<first day>:hi
    try:
        first = date.fromisoformat(parts[-1])
    except ValueError:
        return None
    if kind == "horoscope":  # horoscope:<system>:<period>:<sign>:<first day>
        return period_days(Period(parts[1]), first)[1] if len(parts) == 4 and parts[1] in PERIODS else None
    return first


def _entry_id(key: bytes, prefix: str) -> str:
    return key.decode().removeprefix(f"{prefix}:{{").removesuffix("}:entry")


def _before(last_day: date | None, cutoff: date) -> bool:
    return last_day is not None and last_day < cutoff


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[\]\\])", r"\\\1", text)


def _drop_index_members_before(store: Store, index: str, cutoff: date) -> None:
    first_kept_score = cutoff.toordinal() * 100
    store.call(lambda client: client.zremrangebyscore(index, "-inf", f"({first_kept_score}"))


def _scan(store: Store, pattern: str) -> list[bytes]:
    # scan_iter walks every node of a cluster too; the keys of a retention window fit in memory.
    found = store.call(lambda client: list(client.scan_iter(match=pattern, count=SCAN_BATCH)))
    return cast(list[bytes], found)


def _unlink(store: Store, keys: list[bytes]) -> None:
    # One command per key: each entry has its own hash tag, so a multi-key UNLINK could span cluster slots.
    def unlink(client: Any) -> None:
        pipeline = client.pipeline(transaction=False)
        for key in keys:
            pipeline.unlink(key)
        pipeline.execute()

    store.call(unlink)

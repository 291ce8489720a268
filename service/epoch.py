"""The data epoch: a marker that tells a Redis holding the service's data from one that lost it.

Redis restarted empty (a lost volume, an AOF the binary could not read), or from an older copy,
answers PING and has AOF on like any healthy one; the service would then compose past entries
anew with new `published_at` dates, while every override, history, editor listicle and token is
gone. So the first process to use a Redis writes an epoch there (`hs:{meta}:epoch`: a random id
and its creation time), and every process remembers the epoch it saw and the highest write
generation (a counter every edit bumps; service.store).

- No epoch, and this process never saw one: a Redis the service never used (or one it used before
  epochs existed). The process writes the epoch, once (SET NX).
- The epoch this process saw is gone, or another one written by a first start replaced it, or the
  generation went back: data lost. The process replaces the epoch with a "lost" record, so every
  process (including ones started later, which saw nothing) reports it until an operator restores
  the data or acknowledges the loss with `horoscope-service data reset-epoch --yes`, which writes a
  new epoch that every process adopts.

Web processes check on every /readyz and /metrics scrape and before composing an entry dated
before today; the scheduler checks with each heartbeat. A loss that every process missed (all of
them restarted together with the empty Redis) cannot be told from a first start.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from service.content.errors import ContentError
from service.days import isoformat_utc
from service.store import Store

log = logging.getLogger(__name__)

VERDICT_SECONDS = 1.0  # how long a verdict serves the checks before composing past entries
RESET_COMMAND = "horoscope-service data reset-epoch --yes"


class DataLost(ContentError):
    """An entry dated before today was asked for while the store may have lost its data."""

    status = 503
    title = "Service unavailable"


@dataclass(frozen=True, slots=True)
class EpochState:
    """The verdict of one check: whether Redis still holds the data this process saw, and why not."""

    intact: bool
    detail: str


class DataEpoch:
    """One process's memory of the epoch and generation it saw, and the checks against it."""

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.clock = clock
        self._seen: dict[str, Any] | None = None  # the epoch record this process saw intact
        self._generation = 0  # the highest write generation seen under that epoch
        self._verdict: EpochState | None = None
        self._verdict_at = float("-inf")
        self._lock = threading.Lock()

    def check(self) -> EpochState:
        """Read the epoch (writing it on a Redis never used) and judge whether data was lost."""
        with self._lock:
            verdict = self._check()
            if not verdict.intact and (self._verdict is None or self._verdict.intact):
                log.error("data lost: %s", verdict.detail)
            self._verdict, self._verdict_at = verdict, time.monotonic()
            return verdict

    def ensure_intact(self) -> None:
        """DataLost unless the latest verdict (at most VERDICT_SECONDS old) says the data is intact."""
        verdict = self._verdict
        if verdict is None or time.monotonic() - self._verdict_at > VERDICT_SECONDS:
            verdict = self.check()
        if not verdict.intact:
            raise DataLost(
                "Entries dated before today are not served while the service checks its stored data; "
                "retry later."
            )

    def describe(self) -> str:
        """What Redis holds, for an operator (not judged against this process's memory)."""
        raw = self.store.call(lambda client: client.get(self.store.keys.epoch))
        if raw is None:
            return "no data epoch: no service process has used this Redis since it was last emptied"
        record = json.loads(raw)
        if record.get("lost"):
            return _lost_detail(record)
        return f"data epoch {record['id']}, written {record['created_at']} ({record['origin']})"

    def reset(self) -> dict[str, Any]:
        """Acknowledge a loss (or a deliberate wipe): a new epoch that every process adopts."""
        raw = self.store.call(lambda client: client.get(self.store.keys.epoch))
        epoch = self._new("reset", previous=None if raw is None else json.loads(raw))
        self.store.call(lambda client: client.set(self.store.keys.epoch, json.dumps(epoch)))
        log.warning("data epoch reset to %s by an operator", epoch["id"])
        return epoch

    def _check(self) -> EpochState:
        raw, generation_raw = cast(
            list[bytes | None],
            self.store.call(lambda client: client.mget(self.store.keys.epoch, self.store.keys.generation)),
        )
        generation = int(generation_raw or 0)
        found = None if raw is None else cast(dict[str, Any], json.loads(raw))
        if found is None and self._seen is None:
            found = self._initialise()
        if found is None:
            return self._lose(raw, "the data epoch it saw is gone (Redis restarted empty, or was flushed)")
        if found.get("lost"):
            return EpochState(False, _lost_detail(found))
        seen = self._seen
        if seen is not None and found["id"] != seen["id"] and found.get("origin") != "reset":
            return self._lose(
                raw,
                f"Redis holds another data epoch ({found['id']}, written {found['created_at']}) "
                "than the one it saw (Redis restarted empty, or is another Redis)",
            )
        if seen is not None and found["id"] == seen["id"] and generation < self._generation:
            return self._lose(
                raw,
                f"the write generation went back from {self._generation} to {generation} "
                "(Redis restarted from an older copy)",
            )
        if seen is None or found["id"] != seen["id"]:
            self._seen, self._generation = found, generation  # a first sight, or an operator's reset
        self._generation = max(self._generation, generation)
        return EpochState(True, f"data epoch {found['id']}, written {found['created_at']}")

    def _initialise(self) -> dict[str, Any]:
        """Write the first epoch unless another process just did; the epoch Redis now holds."""
        epoch = self._new("initialised")
        key = self.store.keys.epoch
        if self.store.call(lambda client: client.set(key, json.dumps(epoch), nx=True)):
            log.info("data epoch %s written: a Redis this service had not used", epoch["id"])
            return epoch
        raw = self.store.call(lambda client: client.get(key))
        return epoch if raw is None else cast(dict[str, Any], json.loads(raw))

    def _lose(self, found: bytes | None, reason: str) -> EpochState:
        """Record the loss in Redis (unless the epoch changed since it was read); the verdict."""
        assert self._seen is not None
        lost = {
            "lost": True,
            "reason": reason,
            "detected_at": isoformat_utc(self.clock()),
            "previous": self._seen,
        }
        key = self.store.keys.epoch

        def write(pipe: Any) -> None:
            if pipe.get(key) == found:
                pipe.multi()
                pipe.set(key, json.dumps(lost))

        self.store.transaction(write, key)
        return EpochState(False, _lost_detail(lost))

    def _new(self, origin: str, **extra: Any) -> dict[str, Any]:
        return {
            "id": secrets.token_hex(8),
            "created_at": isoformat_utc(self.clock()),
            "origin": origin,
            **extra,
        }


def _lost_detail(lost: dict[str, Any]) -> str:
    previous = lost["previous"]
    return (
        f"data lost: detected at {lost['detected_at']}: {lost['reason']}. Redis no longer holds the data "
        f"stored since {previous['created_at']} (data epoch {previous['id']}): overrides, history, "
        "editor-written listicles, tokens and job records may be gone, and entries dated before today are "
        "not composed again while this lasts. Restore Redis from its append-only file or a backup and "
        f"restart it; if the data was wiped on purpose, run `{RESET_COMMAND}`."
    )

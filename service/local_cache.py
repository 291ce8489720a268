"""Rendered responses kept in process memory, dropped as soon as anyone writes to Redis.

Mechanism: every write bumps a generation counter in Redis; each process reads it at most once per
`check_interval` and clears its cache when it moved. A write is therefore visible to every process
within `check_interval` (1 s by default), and immediately to the process that made it (it bumps and
clears in the same request). While Redis is unreachable, entries are served for `stale_if_error`
seconds after the last successful check: no write can succeed during the outage, so the only thing a
reader can miss is a write made in the last `check_interval` before Redis went away.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from service.store import StoreUnavailable

V = TypeVar("V")


class LocalCache(Generic[V]):
    """A bounded LRU of rendered responses, validated against Redis's write generation."""

    def __init__(
        self,
        generation: Callable[[], Hashable],  # any value that changes with every write
        *,
        size: int,
        check_interval: float,
        stale_if_error: float,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._generation = generation
        self._size = size
        self._check_interval = check_interval
        self._stale_if_error = stale_if_error
        self._monotonic = monotonic
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        self._seen_generation: Hashable = None
        self._checked_at = float("-inf")  # last attempt to read the generation
        self._validated_at = float("-inf")  # last time the generation was read successfully
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> V | None:
        """The cached value if it is still known to be current (or recent enough during an outage)."""
        self._revalidate()
        with self._lock:
            value = self._items.get(key)
            if value is None or not self._trusted():
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: Hashable, value: V) -> None:
        """Remember a value rendered from Redis data fetched after a get() that missed.

        The get() read the generation before the fetch, so a write racing the fetch bumps the
        generation after it and the next check drops this value.
        """
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def invalidate(self) -> None:
        """Forget everything and re-read the generation on next use (this process just wrote)."""
        with self._lock:
            self._items.clear()
            self._checked_at = float("-inf")

    def _trusted(self) -> bool:
        return self._monotonic() - self._validated_at <= max(self._stale_if_error, self._check_interval)

    def _revalidate(self) -> None:
        now = self._monotonic()
        if now - self._checked_at < self._check_interval:
            return
        self._checked_at = now
        try:
            generation = self._generation()
        except StoreUnavailable:
            return  # keep serving within stale_if_error; _trusted() decides
        with self._lock:
            if generation != self._seen_generation:
                self._items.clear()
                self._seen_generation = generation
            self._validated_at = now

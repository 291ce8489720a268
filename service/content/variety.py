"""Deterministic choice: the seed of an entry, and rotations that guarantee variety.

A rotation picks index (t * stride + sign * step + use) % n from a pool of n templates, where t
counts days (or weeks, or months). With stride and step coprime to n, the twelve signs get
twelve different templates on one date when n >= 12, and one sign repeats no template within
n consecutive periods. Per-pool strides come from a CRC of the pool name, so pools do not move
in lockstep.
"""

from __future__ import annotations

import hashlib
import random
import zlib
from collections import Counter
from collections.abc import Sequence
from functools import cache
from math import gcd
from typing import TypeVar

T = TypeVar("T")


def seed_for(*parts: object) -> int:
    """A stable integer seed from the entry's identity (never hash(), which varies per process)."""
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big")


@cache
def _coprimes(n: int) -> tuple[int, ...]:
    return tuple(x for x in range(1, max(n, 2)) if gcd(x, n) == 1) or (1,)


@cache
def _stride_and_step(pool: str, n: int) -> tuple[int, int]:
    coprimes = _coprimes(n)
    salt = zlib.crc32(pool.encode())
    return coprimes[salt % len(coprimes)], coprimes[(salt // 7919) % len(coprimes)]


class Chooser:
    """Picks templates for one entry: by rotation where variety is guaranteed, else by seeded PRNG."""

    def __init__(self, seed: int, period_number: int, sign_index: int) -> None:
        self.rng = random.Random(seed)
        self._t = period_number
        self._sign = sign_index
        self._uses: Counter[str] = Counter()

    def rotate(self, pool: str, items: Sequence[T], offset: int | None = None) -> T:
        """The rotation's pick from `items`, moved on by `offset` or else by earlier uses of `pool`.

        Give an `offset` that is the same for every sign (such as an event's rank among the
        period's events of its kind) when the sentence names nothing sign-specific: then every
        sign still gets its own template for that event.
        """
        n = len(items)
        stride, step = _stride_and_step(pool, n)
        if offset is None:
            offset = self._uses[pool]
            self._uses[pool] += 1
        return items[(self._t * stride + self._sign * step + offset) % n]

    def pick(self, items: Sequence[T]) -> T:
        """A seeded random pick, for choices no variety rule depends on."""
        return items[self.rng.randrange(len(items))]

    def shuffled(self, items: Sequence[T]) -> list[T]:
        """A seeded shuffle of a copy of `items`."""
        copy = list(items)
        self.rng.shuffle(copy)
        return copy

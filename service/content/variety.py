"""Deterministic choice: the seed of an entry, rotations, and fresh picks that guarantee variety.

A rotation picks index (t * stride + sign * step + use) % n from a pool of n templates, where t
counts days (or weeks, or months). With stride and step coprime to n, the twelve signs get
twelve different templates on one date when n >= 12, and one sign repeats no template within
n consecutive periods. Per-pool strides come from a CRC of the pool name, so pools do not move
in lockstep. A rotation has a fixed cycle, which a loyal reader of a small pool notices.

A rotation spreads unevenly over many periods: a stride and a step can line up so that one
template of a pool every sign reads once a month (the new Moon's) falls to 12 of a year's 144
monthly entries. A deal does not: it counts (period, sign) as one running position, period * 12 +
sign, and steps through the pool by it, as cards are dealt round a table. Any run of periods then
uses every template equally often, to within one, and with a pool size coprime to 12 a sign still
meets every template before one comes back.

A fresh pick has no cycle at all: time is cut into blocks of FRESH_WINDOW periods, and the blocks
take turns on the two halves of a pool, each block on its own seeded shuffle of its half, with the
signs at seeded, evenly spread offsets into it. Within a block, a sign walks through its half one item a
period, so it sees no item twice, and on any period the twelve signs stand on twelve different
items. Consecutive blocks use different halves, so an item comes back to a sign at the earliest
FRESH_WINDOW + 1 periods later. That needs a half of at least FRESH_WINDOW items (a pool of 60);
a smaller pool still keeps the signs of a period apart (from 24 items) and repeats sooner.
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

FRESH_WINDOW = 30  # periods within which a fresh pick never repeats for a sign
FRESH_POOL = 2 * FRESH_WINDOW  # the smallest pool that keeps that promise
_SIGNS = 12


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

    def deal(self, pool: str, items: Sequence[T], offset: int | None = None) -> T:
        """Like `rotate`, but spread evenly over any run of periods (see the module's note). With a
        size coprime to 12 a sign meets every item before one comes back; otherwise sooner."""
        n = len(items)
        _, step = _stride_and_step(pool, n)
        if offset is None:
            offset = self._uses[pool]
            self._uses[pool] += 1
        return items[(step * (self._t * _SIGNS + self._sign) + offset) % n]

    def fresh(self, pool: str, items: Sequence[T]) -> T:
        """A pick from `items` that no other sign gets this period and this sign does not get again
        within FRESH_WINDOW periods (given FRESH_POOL items), following no fixed cycle.

        One draw per pool per entry: a second draw could meet another sign's first. Sentences that
        need two picks take them from two pools.
        """
        if self._uses[pool]:
            raise ValueError(f"the fresh pool {pool!r} is drawn twice for one entry")
        self._uses[pool] += 1
        block, step = divmod(self._t, FRESH_WINDOW)
        half = _fresh_half(pool, len(items), block)
        position = (step + _sign_offsets(pool, block, len(half))[self._sign]) % len(half)
        return items[half[position]]

    def pick(self, items: Sequence[T]) -> T:
        """A seeded random pick, for choices no variety rule depends on."""
        return items[self.rng.randrange(len(items))]

    def shuffled(self, items: Sequence[T]) -> list[T]:
        """A seeded shuffle of a copy of `items`."""
        copy = list(items)
        self.rng.shuffle(copy)
        return copy


@cache
def _fresh_half(pool: str, n: int, block: int) -> tuple[int, ...]:
    """The indices a block draws from: its half of the pool (even or odd positions), shuffled."""
    indices = list(range(block % 2, n, 2)) if n >= 2 * _SIGNS else list(range(n))
    random.Random(seed_for("fresh", pool, block)).shuffle(indices)
    return tuple(indices)


@cache
def _sign_offsets(pool: str, block: int, size: int) -> tuple[int, ...]:
    """Each sign's starting offset into its block's half: spread evenly, in a seeded order."""
    order = list(range(_SIGNS))
    random.Random(seed_for("fresh signs", pool, block)).shuffle(order)
    spacing = max(size // _SIGNS, 1)
    return tuple(order[sign] * spacing for sign in range(_SIGNS))

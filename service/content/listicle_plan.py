"""The daily plan of catalog listicles: which topics run on each date, and under which title.

Rules, in the order they give way when a catalog cannot keep them all (the start-up check makes
sure the packaged catalog never needs that within its horizon):
1. a topic runs only in the months it suits;
2. no topic runs twice within PLAN_WINDOW_DAYS;
3. a topic runs only under a title and teaser not published within ROTATION_DAYS;
4. one day's topics come from different categories.
Among the topics that qualify, the least recently run goes first (ties in a fixed, seeded order),
and it takes its least recently used variant: fair turns, and every variant in rotation. Each run
shows the items its topic's last runs did not (listicle_draw), so a repeat reads fresh.

The plan is one sequence from PLAN_EPOCH, computed forward once per process and catalog and kept in
memory (a few bytes a day): the same on every replica, and pure (no clock, no I/O).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from service.content import CONTENT_VERSION
from service.content.listicle_draw import FreshDraws

if TYPE_CHECKING:
    from service.content.listicles import Topic

PLAN_EPOCH = date(2024, 1, 1)  # before the service's first published listicle
PLAN_END = date(2099, 12, 31)  # the sequence is defined this far
PLAN_WINDOW_DAYS = 14  # no topic runs twice within this many days
ROTATION_DAYS = 60  # no title or teaser is published twice within this many days
_NEVER = -(10**9)


class PlanError(ValueError):
    """A plan that cannot exist: a bad count, a date outside the plan, a catalog too small."""


@dataclass(frozen=True, slots=True)
class Relaxed:
    """A date on which the catalog could not keep a rule, and the rule it gave up."""

    day: date
    topic_id: str
    rule: str  # 'season' or 'fresh title'


class Planner:
    """The plan of one catalog at `count` listicles a day, extended on demand and thread-safe."""

    def __init__(self, topics: Sequence[Topic], count: int) -> None:
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise PlanError(f"count must be a positive whole number, got {count!r}")
        if count * PLAN_WINDOW_DAYS > len(topics):
            raise PlanError(
                f"{count} listicles a day with no topic repeated within {PLAN_WINDOW_DAYS} days needs "
                f"at least {count * PLAN_WINDOW_DAYS} topics; the catalog has {len(topics)}"
            )
        ranked = sorted(topics, key=lambda t: _rank(t.id))
        self.count = count
        self._topics = {topic.id: topic for topic in ranked}
        self._lock = threading.Lock()
        self._days: list[tuple[str, ...]] = []  # the plan of PLAN_EPOCH + index
        self._last_run: dict[str, int] = {}  # topic -> ordinal of its latest run
        self._variant_used: dict[str, list[int]] = {t.id: [_NEVER] * len(t.variants) for t in ranked}
        self._runs: dict[str, list[tuple[int, int]]] = {t.id: [] for t in ranked}  # (ordinal, variant)
        self._draws: dict[str, FreshDraws] = {}  # topic -> the items of its runs, drawn forward
        self.relaxed: list[Relaxed] = []

    def topics_on(self, day: date) -> tuple[str, ...]:
        """The topic ids run on `day`, in the order the portal runs them."""
        index = _index(day)
        with self._lock:
            while len(self._days) <= index:
                self._plan_next()
            return self._days[index]

    def variant_on(self, topic: Topic, day: date) -> int:
        """The variant `topic` runs under on `day`; on a day it does not run, the one it would take."""
        self.topics_on(day)  # the sequence reaches `day`
        ordinal = day.toordinal()
        runs = self._runs[topic.id]
        at = bisect.bisect_left(runs, (ordinal, -1))
        if at < len(runs) and runs[at][0] == ordinal:
            return runs[at][1]
        used = [_NEVER] * len(topic.variants)
        for run_day, variant in runs[:at]:
            used[variant] = run_day
        return _freshest(used, ordinal)[0]

    def items_on(self, topic: Topic, day: date) -> tuple[int, ...] | None:
        """Pool indices of the items `topic` shows on `day` (in pool order) when it runs that day in
        this plan; None on a day it does not."""
        self.topics_on(day)  # the sequence reaches `day`
        ordinal = day.toordinal()
        runs = self._runs[topic.id]
        at = bisect.bisect_left(runs, (ordinal, -1))
        if at == len(runs) or runs[at][0] != ordinal:
            return None
        planned = self._topics[topic.id]
        sizes = [planned.variants[variant].size for _, variant in runs[: at + 1]]
        with self._lock:
            draws = self._draws.setdefault(topic.id, FreshDraws(planned))
            return draws.run(at, sizes)

    def _plan_next(self) -> None:
        ordinal = PLAN_EPOCH.toordinal() + len(self._days)
        month = date.fromordinal(ordinal).month
        # Least recently run first; the ranked order breaks ties (dicts keep insertion order).
        queue = sorted(self._topics.values(), key=lambda t: self._last_run.get(t.id, _NEVER))
        spaced = [t for t in queue if ordinal - self._last_run.get(t.id, _NEVER) >= PLAN_WINDOW_DAYS]
        fresh = [t for t in spaced if _freshest(self._variant_used[t.id], ordinal)[1]]
        chosen: list[Topic] = []
        # Each pass gives up one more rule, and only when the stricter passes left a gap.
        passes = (
            ("", [t for t in fresh if month in t.months], True),
            ("", [t for t in fresh if month in t.months], False),
            ("fresh title", [t for t in spaced if month in t.months], False),
            ("season", spaced, False),
        )
        for rule, candidates, distinct_categories in passes:
            for topic in candidates:
                if len(chosen) == self.count:
                    break
                if topic in chosen or (
                    distinct_categories and topic.category in {c.category for c in chosen}
                ):
                    continue
                chosen.append(topic)
                if rule:
                    self.relaxed.append(Relaxed(date.fromordinal(ordinal), topic.id, rule))
        if len(chosen) < self.count:  # unreachable: the constructor checked the catalog's size
            raise PlanError(f"no topic can run on {date.fromordinal(ordinal)}")
        for topic in chosen:
            variant = _freshest(self._variant_used[topic.id], ordinal)[0]
            self._variant_used[topic.id][variant] = ordinal
            self._last_run[topic.id] = ordinal
            self._runs[topic.id].append((ordinal, variant))
        self._days.append(tuple(topic.id for topic in chosen))


def _freshest(used: list[int], ordinal: int) -> tuple[int, bool]:
    """The least recently used variant (the first of equals), and whether it is unused for ROTATION_DAYS."""
    variant = min(range(len(used)), key=lambda v: used[v])
    return variant, ordinal - used[variant] >= ROTATION_DAYS


def _index(day: date) -> int:
    if not PLAN_EPOCH <= day <= PLAN_END:
        raise PlanError(f"the listicle plan covers {PLAN_EPOCH} to {PLAN_END}, not {day}")
    return day.toordinal() - PLAN_EPOCH.toordinal()


def _rank(topic_id: str) -> bytes:
    """A fixed, seeded order of topics, so that ties do not follow file names."""
    return hashlib.sha256(f"plan-rank\x1f{CONTENT_VERSION}\x1f{topic_id}".encode()).digest()


def in_plan(day: date) -> bool:
    """Whether `day` lies within the dates the plan covers."""
    return PLAN_EPOCH <= day <= PLAN_END


@functools.lru_cache(maxsize=8)
def planner(topics: tuple[Topic, ...], count: int) -> Planner:
    """The one planner of a catalog (its topics, compared by identity) at `count` a day."""
    return Planner(topics, count)

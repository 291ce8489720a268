"""Freshness: the items each planned run of a topic shows, preferring what its last runs did not.

A topic's runs in the plan are drawn one after another. Every run keeps the topic's pinned abouts
and fills its other places with the abouts the topic's earlier runs showed least recently (ties in a
seeded order); within an about, it shows the item shown least recently (ties in pool order). So a
run shares with the run before it only its pinned abouts whenever the pool holds enough other abouts
for two runs, and as little as the pool allows otherwise. Items are shown in pool order (the
editor's order: strongest first, planning before doing).

Pure: a function of the topic, the sizes of its runs and CONTENT_VERSION; the caller (the plan)
keeps one FreshDraws per topic and extends it forward.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from service.content import CONTENT_VERSION

if TYPE_CHECKING:
    from service.content.listicles import Topic

_NEVER = -1


class FreshDraws:
    """The picks (pool indices, in pool order) of one topic's successive runs, computed forward."""

    def __init__(self, topic: Topic) -> None:
        self._topic = topic
        self._groups: dict[str, list[int]] = {}
        for index, item in enumerate(topic.items):
            self._groups.setdefault(item.about, []).append(index)
        self._free = [about for about in self._groups if about not in topic.pinned]
        self._about_shown = dict.fromkeys(self._groups, _NEVER)  # about -> the last run that showed it
        self._item_shown = [_NEVER] * len(topic.items)
        self._picks: list[tuple[int, ...]] = []

    def run(self, index: int, sizes: Sequence[int]) -> tuple[int, ...]:
        """The picks of run `index` (from 0), given the sizes of runs 0..index (later ones unused)."""
        while len(self._picks) <= index:
            self._picks.append(self._draw(len(self._picks), sizes[len(self._picks)]))
        return self._picks[index]

    def _draw(self, run: int, size: int) -> tuple[int, ...]:
        topic = self._topic
        places = max(0, size - len(topic.pinned))
        # Least recently shown first; a seeded order among abouts shown equally long ago.
        freshest = sorted(
            self._free, key=lambda about: (self._about_shown[about], _tie(topic.id, run, about))
        )
        picks = []
        for about in (*topic.pinned, *freshest[:places]):
            item = min(self._groups[about], key=lambda i: (self._item_shown[i], i))
            self._about_shown[about] = self._item_shown[item] = run
            picks.append(item)
        return tuple(sorted(picks))


def _tie(topic_id: str, run: int, about: str) -> bytes:
    seed = f"fresh-draw\x1f{CONTENT_VERSION}\x1f{topic_id}\x1f{run}\x1f{about}"
    return hashlib.sha256(seed.encode()).digest()

"""The four life-area sections: a sentence in the tone of the rating, at times a planet's note, a tip.

Every area has a pool of tone sentences for each rating (1 a hard day, 2 mixed, 3 even, 4 good,
5 excellent) and a pool of 100+ tips, all drawn with `Chooser.fresh`: the twelve signs of a period
never share one, and a sign meets none again within 30 periods. A placement note says what a
planet standing in the area's houses means there, from a pool per area and planet, with its own
wording while the planet is retrograde. It appears only where it explains the tone (a helper on a
good day, a hard planet on a poor one) and not every time it could, so a planet that stays in a
house for months is not announced in every entry.
"""

from __future__ import annotations

import random

from service.content.calendar import Period
from service.content.draft import Draft
from service.content.entries import Section, Sections
from service.content.phrases import load_bank, render
from service.content.reading import (
    AREA_HOUSES,
    BENEFICS,
    MALEFICS,
    SLOW_PLANETS,
    EventKind,
    Placement,
    Reading,
)
from service.content.variety import Chooser, seed_for
from service.content.zodiac import Planet

SUPPORTERS = BENEFICS | {Planet.SUN}
NOTED_PLANETS = SUPPORTERS | MALEFICS
# How often an eligible planet gets its note: the Sun, Venus and Mars stay a month or so in a
# house, Jupiter and Saturn a year or more, and a reader should not hear of them every day.
_NOTE_CHANCE = {False: 0.5, True: 0.3}  # keyed by "is a slow planet"
_SPANS = {Period.DAILY: "today", Period.WEEKLY: "this week", Period.MONTHLY: "this month"}


def rating_band(rating: int) -> str:
    """The tone a 1-5 rating asks for: 'low' (1-2), 'mid' (3) or 'high' (4-5)."""
    return "low" if rating <= 2 else "mid" if rating == 3 else "high"


def tone_pool(area: str, rating: int) -> str:
    """The pool of opening sentences for an area at a rating: 'section.love.2'."""
    return f"section.{area}.{rating}"


def note_pool(area: str, placement: Placement) -> str:
    """The pool of notes for a planet in an area's houses: 'section_note.money.saturn_retrograde'."""
    suffix = "_retrograde" if placement.retrograde else ""
    return f"section_note.{area}.{placement.planet.value}{suffix}"


def tone_sentence(chooser: Chooser, area: str, rating: int, period: Period) -> str:
    """An area's opening sentence at a rating, fresh for the sign and period: for any edition's
    writer (the Vedic one too) whose chooser draws no other pick from the pool."""
    pool = tone_pool(area, rating)
    return render(chooser.fresh(pool, load_bank()[pool]), {"span": _SPANS[period]})


def closing_tip(chooser: Chooser, area: str) -> str:
    """An area's closing tip, fresh for the sign and period, for any edition's writer."""
    pool = f"section_tip.{area}"
    return chooser.fresh(pool, load_bank()[pool])


def write_sections(draft: Draft) -> Sections:
    """Love, career, money and health, each with text whose tone matches its rating."""
    reading = draft.reading
    chance = random.Random(
        seed_for(
            "section notes",
            reading.sign.value,
            reading.first_day.isoformat(),
            reading.period.value,
            reading.system.value,
        )
    )
    noted: set[Planet] = set()  # the 6th house serves two areas: tell each planet once
    return Sections(
        love=_section(draft, "love", noted, chance),
        career=_section(draft, "career", noted, chance),
        money=_section(draft, "money", noted, chance),
        health=_section(draft, "health", noted, chance),
    )


def _section(draft: Draft, area: str, noted: set[Planet], chance: random.Random) -> Section:
    rating = draft.reading.ratings[area]
    sentences = [tone_sentence(draft.chooser, area, rating, draft.reading.period)]
    note = _placement_worth_noting(draft.reading, area, rating_band(rating), noted)
    if note is not None and chance.random() < _NOTE_CHANCE[note.planet in SLOW_PLANETS]:
        noted.add(note.planet)
        sentences.append(draft.placement(note_pool(area, note), note, fresh=True))
    sentences.append(closing_tip(draft.chooser, area))
    return Section(text=" ".join(sentences), rating=rating)


def _placement_worth_noting(reading: Reading, area: str, band: str, noted: set[Planet]) -> Placement | None:
    """A planet steady in the area's houses that explains the tone: a direct helper on a good
    day, a hard planet on a poor one, either on an even one. A planet that turns retrograde or
    direct within the period is left out: its note would hold for only part of it."""
    stationing = {e.planet for e in reading.events if e.kind is EventKind.STATION}
    guests = [
        p
        for p in reading.placements.values()
        if p.house in AREA_HOUSES[area]
        and p.steady
        and p.planet in NOTED_PLANETS
        and p.planet not in noted | stationing
    ]
    helpers = [p for p in guests if p.planet in SUPPORTERS]
    hindrances = [p for p in guests if p.planet in MALEFICS]
    direct_helpers = [p for p in helpers if not p.retrograde]
    preferred = {"high": direct_helpers, "low": hindrances, "mid": helpers + hindrances}[band]
    return preferred[0] if preferred else None

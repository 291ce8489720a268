"""An editor's judgement of a period's sky for one sign: what leads, what is told, what is mentioned.

Pure: a `Reading` in, a `Brief` out. The composer writes what the brief lists and decides nothing
about importance. Events rank by tier, most important first:

    eclipse > slow planets (Jupiter to Pluto) changing sign or direction, or meeting each other
    > Mercury, Venus or Mars turning > new and full Moons (then quarters)
    > the reader's ruling planet's own events (and the Sun entering their sign) > the rest

and within a tier by how closely the event touches the sign (the houses it falls in, whether it
is the reader's ruler acting). A lunation that is also an eclipse is told as the eclipse.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import IntEnum
from types import MappingProxyType

from service.content.calendar import Period
from service.content.reading import AREA_HOUSES, SLOW_PLANETS, EventKind, Placement, Reading, SkyEvent
from service.content.sky import LunarPhase
from service.content.wording import opposite
from service.content.zodiac import Planet


class Tier(IntEnum):
    ECLIPSE = 0
    SLOW = 1
    STATION = 2
    LUNATION = 3
    RULER = 4
    REST = 5


# Tiers whose lead is the day's story: it leads the headline as well as the first paragraph.
BIG = frozenset({Tier.ECLIPSE, Tier.SLOW, Tier.STATION})

# How closely a house concerns the reader: their own 1st, then the angles, then the trines.
_HOUSE_TOUCH: Mapping[int, float] = MappingProxyType(
    {1: 3.0, 4: 2.0, 7: 2.0, 10: 2.0, 5: 1.5, 9: 1.5, 2: 1.0, 6: 1.0, 8: 1.0, 11: 1.0, 3: 0.75, 12: 0.75}
)
_RULER_TOUCH = 2.0
_MAJOR_LUNATIONS = frozenset({LunarPhase.NEW_MOON.value, LunarPhase.FULL_MOON.value})
_PERSONAL = (Planet.MERCURY, Planet.VENUS, Planet.MARS)
_SLOW_IN_ORDER = tuple(p for p in Planet if p in SLOW_PLANETS)

# Daily: at most this many events besides the lead, aspects included (and at most two aspects).
_DAILY_TOLD = 3
_DAILY_TOLD_AFTER_BIG_LEAD = 2
_MAX_ASPECTS = 2
# Weekly and monthly: events told besides the lead, beyond those that must always be named.
_PERIOD_TOLD = {Period.WEEKLY: 4, Period.MONTHLY: 6}


@dataclass(frozen=True, slots=True)
class Ranked:
    """An event with the editor's view of it for one sign."""

    event: SkyEvent
    tier: Tier
    touch: float  # how closely it concerns the sign; higher is closer
    ruler: bool  # the reader's own ruling planet is the one acting

    @property
    def big(self) -> bool:
        return self.tier in BIG


@dataclass(frozen=True, slots=True)
class Brief:
    """What an entry says about the sky: its lead story, the other events, brief retrograde notes."""

    lead: Ranked | None  # leads the first paragraph (and the headline when big)
    secondary: tuple[Ranked, ...]  # told after the lead, in time order
    mentions: tuple[Placement, ...]  # long retrogrades worth one short line, most relevant first

    @property
    def headline_lead(self) -> Ranked | None:
        """The lead when it is big enough to name the entry."""
        return self.lead if self.lead is not None and self.lead.big else None


def tier_of(event: SkyEvent, reading: Reading) -> Tier:
    """The editorial tier of one event for this reader."""
    if event.kind is EventKind.ECLIPSE:
        return Tier.ECLIPSE
    if event.planet in SLOW_PLANETS and event.kind in (EventKind.INGRESS, EventKind.STATION):
        return Tier.SLOW
    if event.slow_conjunction:
        return Tier.SLOW
    if event.kind is EventKind.STATION:
        return Tier.STATION
    if event.kind is EventKind.LUNATION:
        return Tier.LUNATION
    if _is_rulers(event, reading) or _enters_own_sign(event, reading):
        return Tier.RULER
    return Tier.REST


def rank(reading: Reading) -> list[Ranked]:
    """Every event of the reading worth telling, most important first."""
    ranked = [
        Ranked(event, tier_of(event, reading), _touch(event, reading), _is_rulers(event, reading))
        for event in reading.events
        if not _told_by_an_eclipse(event, reading)
    ]
    return sorted(ranked, key=lambda r: (r.tier, -(r.touch + r.event.weight), r.event.at))


def brief_for(reading: Reading) -> Brief:
    """The brief the composer writes from."""
    ranked = rank(reading)
    lead = ranked[0] if ranked and ranked[0].tier <= Tier.LUNATION else None
    rest = [r for r in ranked if r is not lead]
    if reading.period is Period.DAILY and lead is not None and lead.big:
        # Beside a big story the Moon's passing aspects are noise.
        rest = [
            r for r in rest if not (r.tier is Tier.REST and Planet.MOON in (r.event.planet, r.event.other))
        ]
        secondary = _daily_told(rest, _DAILY_TOLD_AFTER_BIG_LEAD)
    elif reading.period is Period.DAILY:
        secondary = _daily_told(rest, _DAILY_TOLD)
    else:
        secondary = _period_told(rest, reading)
    return Brief(
        lead=lead,
        secondary=tuple(sorted(secondary, key=lambda r: r.event.at)),
        mentions=tuple(_retrograde_mentions(reading)),
    )


def _daily_told(ranked: list[Ranked], limit: int) -> list[Ranked]:
    told: list[Ranked] = []
    aspects = 0
    for r in ranked:
        if len(told) >= limit:
            break
        if r.event.kind is EventKind.ASPECT and not r.event.slow_conjunction:
            if aspects >= _MAX_ASPECTS:
                continue
            aspects += 1
        told.append(r)
    return told


def _period_told(ranked: list[Ranked], reading: Reading) -> list[Ranked]:
    """All that must be named (big events, new and full Moons, the Sun's ingress), then the best."""
    must = [r for r in ranked if _must_name(r)]
    aspects = [r for r in ranked if r.event.kind is EventKind.ASPECT and r not in must][:_MAX_ASPECTS]
    others = [r for r in ranked if r not in must and r.event.kind is not EventKind.ASPECT]
    room = max(0, _PERIOD_TOLD[reading.period] - len(must))
    return must + others[:room] + aspects


def _must_name(ranked: Ranked) -> bool:
    event = ranked.event
    if ranked.big:
        return True
    if event.kind is EventKind.LUNATION:
        return event.detail in _MAJOR_LUNATIONS
    return event.kind is EventKind.INGRESS and event.planet is Planet.SUN


def _retrograde_mentions(reading: Reading) -> list[Placement]:
    """Long retrogrades worth a line: never at every turn, only when something brings them up.

    Stations and sign changes are events of their own. Otherwise a daily reading mentions a
    retrograde only when the Moon passes through its sign, or for Mercury, Venus and Mars when it
    is the reader's ruler or sits in the houses of the day's focus; a week or a month mentions the
    reader's ruler or one of those three.
    """
    turning = {e.planet for e in reading.events if e.kind is EventKind.STATION}
    candidates = [
        p
        for planet in dict.fromkeys((reading.ruler, *_PERSONAL, *_SLOW_IN_ORDER))
        if (p := reading.placements[planet]).retrograde and p.steady and planet not in turning
    ]
    if reading.period is not Period.DAILY:
        wanted = [p for p in candidates if p.planet is reading.ruler or p.planet in _PERSONAL]
    else:
        focus_houses = AREA_HOUSES[reading.focus]
        wanted = [
            p
            for p in candidates
            if p.sign is reading.moon.sign
            or (p.planet in _PERSONAL and (p.planet is reading.ruler or p.house in focus_houses))
        ]
    return wanted[:1]


def _touch(event: SkyEvent, reading: Reading) -> float:
    houses = _houses(event, reading)
    touch = max((_HOUSE_TOUCH[h] for h in houses), default=0.5)
    if _is_rulers(event, reading):
        touch += _RULER_TOUCH
    if event.kind is EventKind.LUNATION and event.detail in _MAJOR_LUNATIONS:
        touch += 1.0
    return touch


def _houses(event: SkyEvent, reading: Reading) -> list[int]:
    """The reader's houses an event falls in: both ends of a lunar eclipse's axis."""
    if event.house is not None:
        if event.kind is EventKind.ECLIPSE and event.planet is Planet.MOON:
            return [event.house, opposite(event.house)]
        return [event.house]
    bodies = (event.planet, event.other)
    return [reading.placements[b].house for b in bodies if b is not None and b is not Planet.MOON]


def _is_rulers(event: SkyEvent, reading: Reading) -> bool:
    if event.kind in (EventKind.LUNATION, EventKind.ECLIPSE):
        return False
    return reading.ruler in (event.planet, event.other) and reading.ruler is not Planet.MOON


def _enters_own_sign(event: SkyEvent, reading: Reading) -> bool:
    return event.kind is EventKind.INGRESS and event.planet is Planet.SUN and event.sign is reading.sign


def _told_by_an_eclipse(event: SkyEvent, reading: Reading) -> bool:
    """A new or full Moon that is also an eclipse: the eclipse tells it."""
    if event.kind is not EventKind.LUNATION:
        return False
    return any(
        e.kind is EventKind.ECLIPSE and abs(e.at - event.at) < timedelta(days=1) for e in reading.events
    )

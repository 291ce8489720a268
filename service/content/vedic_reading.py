"""The Vedic reading of a period's sky for one rashi: gochar (transits) counted from the Moon sign.

Houses are whole signs counted from the reader's rashi (chandra rashi, the Moon sign): the rashi is
the 1st house. Only the nine grahas are read. What is read, each by one written rule:
- drishti and yuti (conjunction) by sign (see `grahas`);
- Shani's Sade Sati: Shani in the 12th (first phase, rising), 1st (second, peak) or 2nd (third,
  setting) from the rashi; Dhaiya: Shani in the 4th (kantak) or 8th (ashtam);
- the Moon's gochar: good in the 1st, 3rd, 6th, 7th, 10th and 11th from the rashi, trying in the
  4th, 8th and 12th (the rule Indian daily rashifals follow);
- malefics do well in the upachaya houses (3rd, 6th, 10th, 11th), benefics in the rest;
- vakri (retrograde) and ast (combust, within its orb of Surya).
Life areas read these houses: love 5th, 7th; career 10th, 6th; money 2nd, 11th; health 1st, 6th, 8th.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType

from service.content.calendar import Period
from service.content.ephemeris import timescale
from service.content.grahas import (
    BENEFICS,
    COMBUSTION_ORB,
    MALEFICS,
    UPACHAYA,
    VISIBLE,
    Graha,
    glanced_houses,
    ketu_of,
    lord_of,
    mean_rahu_sidereal,
)
from service.content.muhurat import Muhurat, after_grahan, shubh_muhurats
from service.content.panchang import Panchang, panchang_for
from service.content.places import Place
from service.content.reading import EventKind, Reading, SkyEvent, read_sky
from service.content.sky import Sky, local_day_bounds
from service.content.wording import local_time
from service.content.zodiac import Planet, Sign, System

VEDIC_AREA_HOUSES: Mapping[str, tuple[int, ...]] = MappingProxyType(
    {"love": (5, 7), "career": (10, 6), "money": (2, 11), "health": (1, 6, 8)}
)
# The life area a house stands for when the Moon lights it (the focus of a daily reading).
HOUSE_AREA = MappingProxyType(
    {
        1: "health",
        2: "money",
        3: "learning",
        4: "home",
        5: "love",
        6: "career",
        7: "love",
        8: "health",
        9: "learning",
        10: "career",
        11: "money",
        12: "renewal",
    }
)
GOOD_MOON_HOUSES = frozenset({1, 3, 6, 7, 10, 11})
HARD_MOON_HOUSES = frozenset({4, 8, 12})
_OUTER = frozenset({Planet.URANUS, Planet.NEPTUNE, Planet.PLUTO})


class ShaniSpell(StrEnum):
    SADE_SATI_RISING = "sade sati, first phase"  # Shani in the 12th
    SADE_SATI_PEAK = "sade sati, second phase"  # in the rashi itself
    SADE_SATI_SETTING = "sade sati, third phase"  # in the 2nd
    KANTAK_DHAIYA = "dhaiya, fourth house"
    ASHTAM_DHAIYA = "dhaiya, eighth house"

    @property
    def sade_sati(self) -> bool:
        return self.value.startswith("sade sati")


_SPELLS = {
    12: ShaniSpell.SADE_SATI_RISING,
    1: ShaniSpell.SADE_SATI_PEAK,
    2: ShaniSpell.SADE_SATI_SETTING,
    4: ShaniSpell.KANTAK_DHAIYA,
    8: ShaniSpell.ASHTAM_DHAIYA,
}


@dataclass(frozen=True, slots=True)
class GrahaPlacement:
    graha: Graha
    sign: Sign
    house: int
    degree: float  # degrees into the sign
    vakri: bool  # retrograde (Rahu and Ketu always are, and are not called so)
    ast: bool  # combust: within its orb of Surya
    steady: bool  # in this sign through the whole period


@dataclass(frozen=True, slots=True)
class Yuti:
    """Two or more grahas in one sign."""

    grahas: tuple[Graha, ...]
    sign: Sign
    house: int


@dataclass(frozen=True, slots=True)
class Glance:
    """A graha's drishti on one of the reader's houses: `nth` counted from the graha's own sign."""

    graha: Graha
    house: int
    nth: int


@dataclass(frozen=True, slots=True)
class NodeIngress:
    at: datetime  # UTC
    day: date
    graha: Graha
    sign: Sign
    house: int


@dataclass(frozen=True, slots=True)
class VedicReading:
    """A period's gochar for one rashi, with the day's panchang for a daily reading."""

    base: Reading  # the sidereal reading without Western aspects and outer planets
    rashi: Sign
    lord: Graha
    placements: Mapping[Graha, GrahaPlacement]
    yutis: tuple[Yuti, ...]
    glances: tuple[Glance, ...]
    shani: ShaniSpell | None
    node_ingresses: tuple[NodeIngress, ...]
    panchang: Panchang | None  # daily readings only
    muhurats: tuple[Muhurat, ...]  # the first day's shubh muhurats
    rahu_kaal_day: Panchang  # the first day's panchang, for the muhurat and Rahu Kaal
    ratings: Mapping[str, int]
    focus: str

    @property
    def period(self) -> Period:
        return self.base.period

    @property
    def moon(self) -> GrahaPlacement:
        return self.placements[Graha.CHANDRA]

    def glances_on(self, house: int) -> tuple[Glance, ...]:
        return tuple(g for g in self.glances if g.house == house)

    def in_house(self, house: int) -> tuple[GrahaPlacement, ...]:
        return tuple(p for p in self.placements.values() if p.house == house)


def read_vedic(sky: Sky, rashi: Sign, period: Period, place: Place) -> VedicReading:
    """Read a period's sky for a rashi: the nine grahas, their drishti, Shani's spell, the panchang."""
    western = read_sky(sky, rashi, System.SIDEREAL, period)
    placements = _placements(sky, western, rashi)
    glances = tuple(
        Glance(p.graha, house, nth)
        for p in placements.values()
        for nth, house in zip(p.graha.drishti, glanced_houses(p.graha, p.house), strict=True)
    )
    yutis = _yutis(placements)
    shani = _SPELLS.get(placements[Graha.SHANI].house)
    first_panchang = panchang_for(sky.first_day, place)
    daily = period is Period.DAILY
    ratings = _ratings(placements, glances, shani, daily)
    focus = HOUSE_AREA[placements[Graha.CHANDRA].house] if daily else _period_focus(placements)
    base = _without_western(western, ratings, focus)
    return VedicReading(
        base=base,
        rashi=rashi,
        lord=lord_of(rashi),
        placements=MappingProxyType(placements),
        yutis=yutis,
        glances=glances,
        shani=shani,
        node_ingresses=_node_ingresses(sky, rashi),
        panchang=first_panchang if daily else None,
        muhurats=_muhurats(first_panchang),
        rahu_kaal_day=first_panchang,
        ratings=MappingProxyType(ratings),
        focus=focus,
    )


def _muhurats(panchang: Panchang) -> tuple[Muhurat, ...]:
    """The day's shubh muhurats; on a grahan day that leaves none, the evening after it."""
    found = shubh_muhurats(panchang)
    if not found and (after := after_grahan(panchang)) is not None:
        return (after,)
    return found


def _placements(sky: Sky, western: Reading, rashi: Sign) -> dict[Graha, GrahaPlacement]:
    sun = sky.positions[Planet.SUN].sidereal_longitude
    found = {}
    for graha in VISIBLE:
        planet = graha.planet
        assert planet is not None
        position = sky.positions[planet]
        placement = western.placements[planet]
        orb = COMBUSTION_ORB.get(graha)
        distance = abs((position.sidereal_longitude - sun + 180.0) % 360.0 - 180.0)
        found[graha] = GrahaPlacement(
            graha,
            placement.sign,
            placement.house,
            position.sidereal_longitude % 30.0,
            vakri=placement.retrograde,
            ast=orb is not None and distance < orb[1 if placement.retrograde else 0],
            steady=placement.steady,
        )
    rahu = mean_rahu_sidereal(_jd_tt(sky.moment))
    moves = bool(_node_ingresses(sky, rashi))
    for graha, longitude in ((Graha.RAHU, rahu), (Graha.KETU, ketu_of(rahu))):
        sign = Sign.from_longitude(longitude)
        found[graha] = GrahaPlacement(
            graha, sign, rashi.house_of(sign), longitude % 30.0, vakri=False, ast=False, steady=not moves
        )
    return found


def _yutis(placements: Mapping[Graha, GrahaPlacement]) -> tuple[Yuti, ...]:
    by_sign: dict[Sign, list[Graha]] = {}
    for p in placements.values():
        by_sign.setdefault(p.sign, []).append(p.graha)
    return tuple(
        Yuti(tuple(grahas), sign, placements[grahas[0]].house)
        for sign, grahas in by_sign.items()
        if len(grahas) > 1
    )


def _jd_tt(at: datetime) -> float:
    return float(timescale().from_datetime(at.astimezone(UTC)).tt)


def node_sign_at(at: datetime) -> Sign:
    """Rahu's sidereal sign at an instant."""
    return Sign.from_longitude(mean_rahu_sidereal(_jd_tt(at)))


def _node_ingresses(sky: Sky, rashi: Sign) -> tuple[NodeIngress, ...]:
    """Rahu (and so Ketu) changing sign inside the period: found by bisection to the minute."""
    start, end = local_day_bounds(sky.first_day, sky.last_day, sky.timezone)
    if node_sign_at(start) is node_sign_at(end):
        return ()
    low, high = start, end
    while high - low > timedelta(minutes=1):
        middle = low + (high - low) / 2
        low, high = (middle, high) if node_sign_at(middle) is node_sign_at(start) else (low, middle)
    entered = node_sign_at(end)
    day = local_time(high, sky.timezone).date()
    ketu = entered.shifted(6)
    return (
        NodeIngress(high, day, Graha.RAHU, entered, rashi.house_of(entered)),
        NodeIngress(high, day, Graha.KETU, ketu, rashi.house_of(ketu)),
    )


def _ratings(
    placements: Mapping[Graha, GrahaPlacement],
    glances: tuple[Glance, ...],
    shani: ShaniSpell | None,
    daily: bool,
) -> dict[str, int]:
    moon_house = placements[Graha.CHANDRA].house
    ratings = {}
    for area, houses in VEDIC_AREA_HOUSES.items():
        score = 3.0
        if daily:
            score += (
                0.5 if moon_house in GOOD_MOON_HOUSES else -0.5 if moon_house in HARD_MOON_HOUSES else 0.0
            )
        for p in placements.values():
            if p.house not in houses or (p.graha is Graha.CHANDRA and not daily):
                continue
            if p.graha is Graha.CHANDRA:
                score += 1.0 if moon_house in GOOD_MOON_HOUSES else -1.0
            elif p.graha in BENEFICS:
                score += 0.5 if p.ast else 1.0
            elif p.graha in MALEFICS:
                score += 0.5 if p.house in UPACHAYA else -1.0
        for g in glances:
            if g.house in houses and g.graha is Graha.GURU:
                score += 0.5
            elif g.house in houses and g.graha in (Graha.SHANI, Graha.MANGAL) and g.house not in UPACHAYA:
                score -= 0.5
        if shani is not None and area in ("health", "career" if shani.sade_sati else "money"):
            score -= 0.5
        ratings[area] = min(5, max(1, math.floor(score + 0.5)))
    return ratings


def _period_focus(placements: Mapping[Graha, GrahaPlacement]) -> str:
    weights = {Graha.SURYA: 1.5, Graha.BUDH: 1.0, Graha.SHUKRA: 1.0, Graha.MANGAL: 1.0}
    score: dict[str, float] = dict.fromkeys(HOUSE_AREA.values(), 0.0)
    for p in placements.values():
        score[HOUSE_AREA[p.house]] += weights.get(p.graha, 0.5 if p.graha is not Graha.CHANDRA else 0.0)
    return max(score, key=lambda area: (score[area], -list(score).index(area)))


def _without_western(reading: Reading, ratings: Mapping[str, int], focus: str) -> Reading:
    """The sidereal reading stripped of what jyotish does not read: degree aspects, outer planets."""
    events = tuple(e for e in reading.events if _vedic_event(e))
    # The outer planets' placements stay (the ranking reads them) but no writer of this edition does.
    return replace(
        reading,
        events=events,
        ruler=reading.sign.facts.rashi_lord,
        ratings=MappingProxyType(dict(ratings)),
        focus=focus,
        factors=(),
    )


def _vedic_event(event: SkyEvent) -> bool:
    return event.kind is not EventKind.ASPECT and event.planet not in _OUTER

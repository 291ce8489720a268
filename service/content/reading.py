"""What the sky means for one sign: the houses it lights, its events, the focus area and ratings.

Houses are whole-sign solar houses: the reader's sign is the 1st house, the next sign the 2nd,
and so on. Life areas read these houses (the 6th, daily work and wellbeing, counts for both
career and health):

    love 5th, 7th    career 10th, 6th    money 2nd, 8th    health 6th, 1st
    home 4th         learning 3rd, 9th   friendship 11th   renewal 12th

Only the first four are rated. Everything here is arithmetic on the `Sky`; no text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType

from service.content.calendar import Period
from service.content.eclipses import Luminary
from service.content.entries import LIFE_AREAS
from service.content.sky import Aspect, LunarPhase, Sky
from service.content.wording import local_time
from service.content.zodiac import Planet, Sign, System

AREA_HOUSES: Mapping[str, tuple[int, ...]] = MappingProxyType(
    {
        "love": (5, 7),
        "career": (10, 6),
        "money": (2, 8),
        "health": (6, 1),
        "home": (4,),
        "learning": (3, 9),
        "friendship": (11,),
        "renewal": (12,),
    }
)
FOCUS_AREAS = tuple(AREA_HOUSES)

BENEFICS = frozenset({Planet.VENUS, Planet.JUPITER})
MALEFICS = frozenset({Planet.MARS, Planet.SATURN})
HARMONIOUS = frozenset({Aspect.TRINE, Aspect.SEXTILE})
CHALLENGING = frozenset({Aspect.SQUARE, Aspect.OPPOSITION})

# The natural rulers of each rated area: an aspect to one of them colours that area.
SIGNIFICATORS: Mapping[str, frozenset[Planet]] = MappingProxyType(
    {
        "love": frozenset({Planet.VENUS}),
        "career": frozenset({Planet.SATURN, Planet.SUN}),
        "money": frozenset({Planet.JUPITER, Planet.VENUS}),
        "health": frozenset({Planet.MARS, Planet.SUN}),
    }
)

# How much a body standing in a house draws attention to it (the focus score, not the rating).
_PRESENCE = MappingProxyType(
    {
        Planet.MOON: 3.0,
        Planet.SUN: 1.5,
        Planet.MERCURY: 1.0,
        Planet.VENUS: 1.0,
        Planet.MARS: 1.0,
        Planet.JUPITER: 0.75,
        Planet.SATURN: 0.75,
        Planet.URANUS: 0.25,
        Planet.NEPTUNE: 0.25,
        Planet.PLUTO: 0.25,
    }
)
_MAJOR_LUNATIONS = frozenset({LunarPhase.NEW_MOON, LunarPhase.FULL_MOON})
_ASPECT_CAP = 1.5  # a busy month of aspects must not swamp the placements


SLOW_PLANETS = frozenset({Planet.JUPITER, Planet.SATURN, Planet.URANUS, Planet.NEPTUNE, Planet.PLUTO})


class EventKind(StrEnum):
    ECLIPSE = "eclipse"
    LUNATION = "lunation"
    STATION = "station"
    INGRESS = "ingress"
    ASPECT = "aspect"


@dataclass(frozen=True, slots=True)
class SkyEvent:
    """One event of the period as it concerns the reader: its local day, sign and house."""

    kind: EventKind
    at: datetime  # UTC
    day: date  # local date in the reading's zone
    planet: Planet  # the eclipsed body for an eclipse: the Moon (lunar) or the Sun (solar)
    detail: str  # lunar phase, station direction, aspect name, eclipse kind; "retrograde" for
    # backward ingresses
    sign: Sign | None = None  # in the reading's system; None for aspects but slow conjunctions
    house: int | None = None
    other: Planet | None = None  # the second body of an aspect

    @property
    def slow_conjunction(self) -> bool:
        """Two of Jupiter to Pluto meeting: a rare, long-lasting event."""
        return (
            self.kind is EventKind.ASPECT
            and self.detail == "conjunction"
            and {self.planet, self.other} <= SLOW_PLANETS
        )

    @property
    def weight(self) -> float:
        """How much this event deserves a sentence: lunations, then stations, ingresses, aspects."""
        if self.kind is EventKind.ECLIPSE:
            return 6.0
        if self.kind is EventKind.LUNATION:
            return 5.0 if self.detail in _MAJOR_LUNATIONS else 3.0
        if self.kind is EventKind.STATION:
            return 4.5
        if self.kind is EventKind.INGRESS:
            return 4.0 - 0.2 * list(Planet).index(self.planet)
        bodies = {self.planet, self.other}
        return 2.0 + 0.5 * len(bodies & (BENEFICS | MALEFICS)) - (1.0 if Planet.MOON in bodies else 0.0)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a body stands at the reading's moment, in the reader's houses."""

    planet: Planet
    sign: Sign
    house: int
    retrograde: bool
    steady: bool  # stays in this sign through the whole period (no ingress inside it)


@dataclass(frozen=True, slots=True)
class MoonChange:
    """The Moon crossing into a new sign during a daily reading's day."""

    at: datetime  # UTC
    from_sign: Sign
    from_house: int
    sign: Sign
    house: int


@dataclass(frozen=True, slots=True)
class RatingFactor:
    """One reason an area's rating moved, kept so a rating can be explained."""

    area: str
    delta: float
    reason: str


@dataclass(frozen=True, slots=True)
class Reading:
    """The sky of a period read for one sign in one system."""

    sign: Sign
    system: System
    period: Period
    first_day: date
    last_day: date
    timezone: str
    moon_phase: LunarPhase
    placements: Mapping[Planet, Placement]
    moon_change: MoonChange | None  # daily readings only
    events: tuple[SkyEvent, ...]  # lunations, stations, ingresses (not the Moon's), aspects; by time
    ruler: Planet
    activation: Mapping[str, float]  # focus area -> how strongly the period lights it
    focus: str
    ratings: Mapping[str, int]
    factors: tuple[RatingFactor, ...]

    @property
    def moon(self) -> Placement:
        """The Moon at the reading's moment (for a daily reading, its sign for most of the day)."""
        return self.placements[Planet.MOON]

    @property
    def retrograde(self) -> tuple[Planet, ...]:
        """Planets retrograde at the reading's moment, in Planet order."""
        return tuple(p for p, placement in self.placements.items() if placement.retrograde)

    def best_house(self, area: str) -> int:
        """The house of `area` the period lights most (the first listed on a tie)."""
        houses = AREA_HOUSES[area]
        return max(houses, key=lambda h: (self._house_activation(h), -houses.index(h)))

    def _house_activation(self, house: int) -> float:
        return sum(_PRESENCE[p.planet] for p in self.placements.values() if p.house == house) + sum(
            e.weight for e in self.events if e.house == house
        )


def read_sky(sky: Sky, sign: Sign, system: System, period: Period) -> Reading:
    """Read a period's sky for one sign: placements, events, focus area and ratings."""
    daily = period is Period.DAILY
    ingresses = [i for i in sky.ingresses if i.system is system]
    moving = {i.planet for i in ingresses}
    placements = {
        planet: Placement(
            planet=planet,
            sign=(where := position.sign(system)),
            house=sign.house_of(where),
            retrograde=position.retrograde,
            steady=planet not in moving,
        )
        for planet, position in sky.positions.items()
    }
    moon_change = None
    if daily:
        moon_change = next(
            (
                MoonChange(
                    i.at, i.sign.shifted(-1), sign.house_of(i.sign.shifted(-1)), i.sign, sign.house_of(i.sign)
                )
                for i in ingresses
                if i.planet is Planet.MOON
            ),
            None,
        )
    events = _events(sky, sign, system, include_moon_aspects=daily)
    activation = _activation(placements, events, daily)
    factors = _rating_factors(sign, placements, events, daily)
    ratings = {
        area: min(5, max(1, math.floor(3.5 + sum(f.delta for f in factors if f.area == area))))
        for area in LIFE_AREAS
    }
    focus = max(FOCUS_AREAS, key=lambda area: (activation[area], -FOCUS_AREAS.index(area)))
    return Reading(
        sign=sign,
        system=system,
        period=period,
        first_day=sky.first_day,
        last_day=sky.last_day,
        timezone=sky.timezone,
        moon_phase=sky.moon_phase,
        placements=MappingProxyType(placements),
        moon_change=moon_change,
        events=events,
        ruler=sign.facts.ruler,
        activation=MappingProxyType(activation),
        focus=focus,
        ratings=MappingProxyType(ratings),
        factors=tuple(factors),
    )


def _events(sky: Sky, sign: Sign, system: System, *, include_moon_aspects: bool) -> tuple[SkyEvent, ...]:
    def day_of(at: datetime) -> date:
        return local_time(at, sky.timezone).date()

    events = [
        SkyEvent(
            EventKind.LUNATION,
            lun.at,
            day_of(lun.at),
            Planet.MOON,
            lun.phase.value,
            lun.sign(system),
            sign.house_of(lun.sign(system)),
        )
        for lun in sky.lunations
    ]
    for station in sky.stations:
        where = Sign.from_longitude(
            station.longitude if system is System.TROPICAL else station.sidereal_longitude
        )
        events.append(
            SkyEvent(
                EventKind.STATION,
                station.at,
                day_of(station.at),
                station.planet,
                station.direction,
                where,
                sign.house_of(where),
            )
        )
    events.extend(
        SkyEvent(
            EventKind.INGRESS,
            i.at,
            day_of(i.at),
            i.planet,
            "retrograde" if i.retrograde else "direct",
            i.sign,
            sign.house_of(i.sign),
        )
        for i in sky.ingresses
        if i.system is system and i.planet is not Planet.MOON
    )
    for eclipse in sky.eclipses:
        where = eclipse.sign(system)
        eclipsed = Planet.MOON if eclipse.eclipsed is Luminary.MOON else Planet.SUN
        events.append(
            SkyEvent(
                EventKind.ECLIPSE,
                eclipse.at,
                day_of(eclipse.at),
                eclipsed,
                eclipse.kind.value,
                where,
                sign.house_of(where),
            )
        )
    for hit in sky.aspects:
        if not include_moon_aspects and Planet.MOON in (hit.first, hit.second):
            continue
        event = SkyEvent(
            EventKind.ASPECT, hit.at, day_of(hit.at), hit.first, hit.aspect.value, other=hit.second
        )
        if event.slow_conjunction:
            # Told with the sign they meet in, which the slower one holds at that moment.
            where = sky.sign_at(hit.second, system, hit.at)
            event = replace(event, sign=where, house=sign.house_of(where))
        events.append(event)
    return tuple(sorted(events, key=lambda e: (e.at, e.kind, e.planet.value)))


def _activation(
    placements: Mapping[Planet, Placement], events: tuple[SkyEvent, ...], daily: bool
) -> dict[str, float]:
    houses = dict.fromkeys(range(1, 13), 0.0)
    for placement in placements.values():
        # Over a week or a month the Moon visits every house: it only steers a single day.
        if daily or placement.planet is not Planet.MOON:
            houses[placement.house] += _PRESENCE[placement.planet]
    for event in events:
        if event.house is not None:
            houses[event.house] += event.weight * (1.0 if daily else 0.6)
        else:
            for body in (event.planet, event.other):
                if body is not None and body is not Planet.MOON:
                    houses[placements[body].house] += 0.5
    return {area: sum(houses[h] for h in area_houses) for area, area_houses in AREA_HOUSES.items()}


def _rating_factors(
    sign: Sign, placements: Mapping[Planet, Placement], events: tuple[SkyEvent, ...], daily: bool
) -> list[RatingFactor]:
    factors: list[RatingFactor] = []
    ruler = sign.facts.ruler
    for area in LIFE_AREAS:
        houses = AREA_HOUSES[area]
        for p in placements.values():
            if p.house not in houses:
                continue
            where = f"{p.planet.value} in house {p.house}"
            if p.planet is Planet.MOON and daily:
                factors.append(RatingFactor(area, 1.0, f"{where}: the day's emphasis"))
            elif p.planet in BENEFICS:
                factors.append(RatingFactor(area, 1.0, f"{where}: a benefic"))
            elif p.planet in MALEFICS:
                factors.append(RatingFactor(area, -1.0, f"{where}: a malefic"))
            elif p.planet is Planet.SUN:
                factors.append(RatingFactor(area, 0.5, f"{where}: vitality"))
        factors.extend(_aspect_factors(area, houses, placements, events))
        factors.extend(_event_factors(area, houses, events))
        if placements[ruler].retrograde:
            factors.append(RatingFactor(area, -0.5, f"your ruler {ruler.value} retrograde"))
        house_rulers = {sign.shifted(h - 1).facts.ruler for h in houses} - {ruler}
        if any(placements[p].retrograde for p in house_rulers):
            factors.append(RatingFactor(area, -0.5, "a ruler of this area's houses retrograde"))
    return factors


def _aspect_factors(
    area: str,
    houses: tuple[int, ...],
    placements: Mapping[Planet, Placement],
    events: tuple[SkyEvent, ...],
) -> list[RatingFactor]:
    found: list[RatingFactor] = []
    for event in events:
        if event.kind is not EventKind.ASPECT or event.other is None:
            continue
        bodies = {event.planet, event.other}
        touches = any(placements[b].house in houses for b in bodies) or bool(bodies & SIGNIFICATORS[area])
        if not touches:
            continue
        aspect = Aspect(event.detail)
        delta = 0.0
        if aspect in HARMONIOUS:
            delta = 1.0 if bodies & BENEFICS else 0.5
        elif aspect in CHALLENGING:
            delta = -1.0 if bodies & MALEFICS else -0.5
        elif bodies & BENEFICS and not bodies & MALEFICS:
            delta = 0.5
        elif bodies & MALEFICS and not bodies & BENEFICS:
            delta = -0.5
        if Planet.MOON in bodies:
            delta /= 2  # the Moon's aspects last hours, not days
        if delta:
            found.append(RatingFactor(area, delta, f"{event.planet.value} {aspect} {event.other.value}"))
    total = sum(f.delta for f in found)
    if abs(total) > _ASPECT_CAP:
        scale = _ASPECT_CAP / abs(total)
        found = [RatingFactor(f.area, f.delta * scale, f.reason) for f in found]
    return found


def _event_factors(area: str, houses: tuple[int, ...], events: tuple[SkyEvent, ...]) -> list[RatingFactor]:
    found = []
    for event in events:
        if event.house not in houses:
            continue
        if event.kind is EventKind.LUNATION and event.detail == LunarPhase.NEW_MOON:
            found.append(RatingFactor(area, 0.5, f"new moon in house {event.house}"))
        elif event.kind is EventKind.STATION:
            delta = -1.0 if event.detail == "retrograde" else 0.5
            found.append(RatingFactor(area, delta, f"{event.planet.value} turns {event.detail}"))
        elif event.kind is EventKind.INGRESS and event.planet in BENEFICS:
            found.append(RatingFactor(area, 0.5, f"{event.planet.value} arrives in house {event.house}"))
    return found

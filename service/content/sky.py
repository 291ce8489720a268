"""The real sky of a range of days: planet positions, the Moon's phase, and the events within.

Positions are apparent geocentric ecliptic longitudes of date (true equinox and ecliptic; light
time, light deflection and aberration applied by skyfield's `apparent()`) from JPL DE421, taken
at local noon of the first day. Sidereal longitudes subtract the Lahiri (Chitrapaksha) ayanamsa as the
Swiss Ephemeris defines SE_SIDM_LAHIRI: the Indian Calendar Reform Committee's 23°15'00.658" at
1956-03-21 0h TT less that day's nutation (mean 23.245524743°), carried along with the IAU 2006
general precession in longitude, plus the nutation in longitude of the date (the "true"
ayanamsa, as Lahiri's ephemeris and the panchangs print it). See `ephemeris.lahiri_ayanamsa`.

Events are found by sampling every body hourly across the local days, spotting sign changes and
crossings in numpy and interpolating between samples: times are good to well under a minute
(a few minutes for a planet crossing a boundary right beside its station).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from itertools import combinations
from typing import Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from service.content import ephemeris
from service.content.crossings import FloatArray, angle_at, boundary_crossings, turning_points
from service.content.eclipses import EclipseKind, Luminary, eclipse_at
from service.content.ephemeris import BODIES, Samples, sample
from service.content.errors import DateOutOfRange
from service.content.zodiac import Planet, Sign, System

DEFAULT_TIMEZONE = "Asia/Kolkata"
MAX_RANGE_DAYS = 366  # a year; hourly samples of longer spans would cost memory for no reader


class Aspect(StrEnum):
    CONJUNCTION = "conjunction"
    SEXTILE = "sextile"
    SQUARE = "square"
    TRINE = "trine"
    OPPOSITION = "opposition"

    @property
    def angle(self) -> float:
        return {
            "conjunction": 0.0,
            "sextile": 60.0,
            "square": 90.0,
            "trine": 120.0,
            "opposition": 180.0,
        }[self.value]


class LunarPhase(StrEnum):
    NEW_MOON = "new moon"
    WAXING_CRESCENT = "waxing crescent"
    FIRST_QUARTER = "first quarter"
    WAXING_GIBBOUS = "waxing gibbous"
    FULL_MOON = "full moon"
    WANING_GIBBOUS = "waning gibbous"
    LAST_QUARTER = "last quarter"
    WANING_CRESCENT = "waning crescent"


@dataclass(frozen=True, slots=True)
class Position:
    """Where a body stands: apparent geocentric ecliptic longitude of date, in degrees."""

    planet: Planet
    longitude: float  # tropical, [0, 360)
    sidereal_longitude: float  # longitude minus the Lahiri ayanamsa, [0, 360)
    speed: float  # degrees per day of tropical longitude; negative while retrograde

    @property
    def retrograde(self) -> bool:
        return self.speed < 0

    def longitude_in(self, system: System) -> float:
        return self.longitude if system is System.TROPICAL else self.sidereal_longitude

    def sign(self, system: System) -> Sign:
        return Sign.from_longitude(self.longitude_in(system))

    def degree(self, system: System) -> float:
        """Degrees into its sign, [0, 30)."""
        return self.longitude_in(system) % 30.0


@dataclass(frozen=True, slots=True)
class Ingress:
    """A body entering a sign (each system has its own ingresses)."""

    at: datetime  # UTC
    planet: Planet
    system: System
    sign: Sign  # the sign entered
    retrograde: bool  # entered backwards, while retrograde


@dataclass(frozen=True, slots=True)
class Station:
    """A planet standing still and turning retrograde or direct."""

    at: datetime  # UTC
    planet: Planet
    direction: Literal["retrograde", "direct"]
    longitude: float  # tropical; the sign per system follows from it and the ayanamsa
    sidereal_longitude: float


@dataclass(frozen=True, slots=True)
class Lunation:
    """A principal phase of the Moon: new, first quarter, full, last quarter."""

    at: datetime  # UTC
    phase: LunarPhase
    longitude: float  # the Moon's tropical longitude at that instant
    sidereal_longitude: float

    def sign(self, system: System) -> Sign:
        return Sign.from_longitude(self.longitude if system is System.TROPICAL else self.sidereal_longitude)


@dataclass(frozen=True, slots=True)
class AspectHit:
    """Two bodies reaching an exact major aspect (Sun-Moon aspects are lunations, not here)."""

    at: datetime  # UTC
    first: Planet  # the faster body
    second: Planet
    aspect: Aspect


@dataclass(frozen=True, slots=True)
class SkyEclipse:
    """An eclipse peaking inside the days, placed in the zodiac by its new or full Moon."""

    at: datetime  # UTC, greatest eclipse
    eclipsed: Luminary
    kind: EclipseKind
    longitude: float  # the Moon's tropical longitude at the new or full Moon
    sidereal_longitude: float

    def sign(self, system: System) -> Sign:
        return Sign.from_longitude(self.longitude if system is System.TROPICAL else self.sidereal_longitude)


@dataclass(frozen=True, slots=True)
class Sky:
    """The sky of local civil days `first_day`..`last_day` (inclusive) in `timezone`."""

    first_day: date
    last_day: date
    timezone: str
    moment: datetime  # UTC instant of `positions`: local noon of first_day
    positions: Mapping[Planet, Position]
    ayanamsa: float  # Lahiri, degrees, at `moment`
    moon_phase: LunarPhase  # at `moment`
    moon_illumination: float  # illuminated fraction 0..1 at `moment`
    ingresses: tuple[Ingress, ...]  # every event tuple is sorted by time and lies inside the range
    stations: tuple[Station, ...]
    lunations: tuple[Lunation, ...]
    aspects: tuple[AspectHit, ...]
    eclipses: tuple[SkyEclipse, ...]

    @property
    def retrograde(self) -> tuple[Planet, ...]:
        """Planets retrograde at `moment`, in Planet order."""
        return tuple(p for p, pos in self.positions.items() if pos.retrograde)

    def sign_at(self, planet: Planet, system: System, at: datetime) -> Sign:
        """The sign a body stands in at an instant of the days, from `positions` and the ingresses."""
        sign = self.positions[planet].sign(system)
        moves = [i for i in self.ingresses if i.planet is planet and i.system is system]
        for ingress in moves:
            if self.moment < ingress.at <= at:
                sign = ingress.sign
        for ingress in reversed(moves):
            if at < ingress.at <= self.moment:  # undo an entry made after `at`
                sign = ingress.sign.shifted(1 if ingress.retrograde else -1)
        return sign


def sky_for(first_day: date, last_day: date | None = None, timezone: str = DEFAULT_TIMEZONE) -> Sky:
    """The (memoized) sky of local days first_day..last_day; DateOutOfRange beyond the ephemeris."""
    last = first_day if last_day is None else last_day
    _check_request(first_day, last, timezone)
    return _cached_sky(first_day, last, timezone)


def local_day_bounds(first_day: date, last_day: date, timezone: str) -> tuple[datetime, datetime]:
    """UTC instants of local midnight starting first_day and local midnight after last_day."""
    zone = _zone(timezone)
    start = datetime.combine(first_day, time(0), zone)
    end = datetime.combine(last_day + timedelta(days=1), time(0), zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def _check_request(first_day: date, last_day: date, timezone: str) -> None:
    """Reject what the cache should never see: bad zones, datetimes, reversed, unknown or long ranges."""
    _zone(timezone)
    if isinstance(first_day, datetime) or isinstance(last_day, datetime):
        raise TypeError("sky_for takes calendar dates, not datetimes")
    if last_day < first_day:
        raise ValueError(f"last_day {last_day} is before first_day {first_day}")
    for day in (first_day, last_day):
        if not ephemeris.FIRST_SUPPORTED_DAY <= day <= ephemeris.LAST_SUPPORTED_DAY:
            raise DateOutOfRange(
                f"{day.isoformat()} is outside the dates the sky can be computed for: "
                f"{ephemeris.FIRST_SUPPORTED_DAY.isoformat()} to "
                f"{ephemeris.LAST_SUPPORTED_DAY.isoformat()} (the JPL DE421 ephemeris)."
            )
    if (last_day - first_day).days + 1 > MAX_RANGE_DAYS:
        raise ValueError(f"A sky spans at most {MAX_RANGE_DAYS} days; split longer ranges.")


def _zone(timezone: str) -> ZoneInfo:
    """The IANA zone, or ValueError naming the bad key."""
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError, TypeError) as error:
        raise ValueError(
            f"Unknown time zone {timezone!r}: use an IANA name such as 'Asia/Kolkata'."
        ) from error


# The Moon moves about half a degree an hour, so hourly samples interpolate to within seconds.
_STEP_HOURS = 1.0
_MARGIN_STEPS = 2  # samples beyond each end, so events at the very edges are still bracketed
_HOURS_PER_DAY = 24.0
_ASPECTS_BY_ANGLE = {aspect.angle: aspect for aspect in Aspect}
_LUNATION_PHASES = {
    0.0: LunarPhase.NEW_MOON,
    90.0: LunarPhase.FIRST_QUARTER,
    180.0: LunarPhase.FULL_MOON,
    270.0: LunarPhase.LAST_QUARTER,
}
_BETWEEN_LUNATIONS = (
    LunarPhase.WAXING_CRESCENT,
    LunarPhase.WAXING_GIBBOUS,
    LunarPhase.WANING_GIBBOUS,
    LunarPhase.WANING_CRESCENT,
)
_STATIONING = frozenset(BODIES) - {Planet.SUN, Planet.MOON}
_ASPECT_PAIRS: tuple[tuple[int, int], ...] = tuple(
    (i, j)
    for i, j in combinations(range(len(BODIES)), 2)
    if {BODIES[i], BODIES[j]} != {Planet.SUN, Planet.MOON}
)
_Event = TypeVar("_Event", Ingress, Station, Lunation, AspectHit)


@dataclass(frozen=True, slots=True)
class _Timeline:
    """Hourly sample instants around a range of local days, aligned on the snapshot moment."""

    moment: datetime  # UTC, local noon of the first day
    start: datetime  # UTC, local midnight starting the range
    end: datetime  # UTC, local midnight ending it
    first_step: int  # steps from `moment` to the first sample (negative)
    count: int

    @classmethod
    def around(cls, moment: datetime, start: datetime, end: datetime) -> _Timeline:
        step = timedelta(hours=_STEP_HOURS)
        first = math.floor((start - moment) / step) - _MARGIN_STEPS
        last = math.ceil((end - moment) / step) + _MARGIN_STEPS
        return cls(moment, start, end, first, last - first + 1)

    @property
    def offsets_hours(self) -> FloatArray:
        """Each sample's offset from `moment`, in hours."""
        return (np.arange(self.count, dtype=np.float64) + self.first_step) * _STEP_HOURS

    @property
    def moment_index(self) -> int:
        """The sample taken exactly at `moment`."""
        return -self.first_step

    def instant(self, at: float) -> datetime:
        """The UTC instant of a fractional sample index, to the second."""
        seconds = (self.first_step + at) * _STEP_HOURS * 3600.0
        return self.moment + timedelta(seconds=round(seconds))

    def contains(self, instant: datetime) -> bool:
        """Whether an instant lies in [start, end)."""
        return self.start <= instant < self.end


@dataclass(frozen=True, slots=True)
class _Series:
    """Sampled longitudes, both zodiacs, and speeds of every body (rows in BODIES order)."""

    tropical: FloatArray
    sidereal: FloatArray
    ayanamsa: FloatArray
    speed: FloatArray  # degrees per day

    @classmethod
    def of(cls, samples: Samples) -> _Series:
        tropical = samples.longitudes
        unwrapped = np.unwrap(tropical, period=360.0, axis=1)
        speed = np.gradient(unwrapped, axis=1) * (_HOURS_PER_DAY / _STEP_HOURS)
        sidereal = (tropical - samples.ayanamsa) % 360.0
        return cls(tropical, sidereal, samples.ayanamsa, speed)

    def row(self, planet: Planet) -> int:
        """The row holding a body."""
        return BODIES.index(planet)

    def sidereal_of(self, tropical_longitude: float, at: float) -> float:
        """A tropical longitude at a fractional sample index, moved into the sidereal zodiac."""
        ayanamsa = float(np.interp(at, np.arange(len(self.ayanamsa)), self.ayanamsa))
        return (tropical_longitude - ayanamsa) % 360.0


@lru_cache(maxsize=2048)
def _cached_sky(first_day: date, last_day: date, timezone: str) -> Sky:
    """The sky of a validated request; cached because every caller asks for the same few days."""
    zone = _zone(timezone)
    start, end = local_day_bounds(first_day, last_day, timezone)
    moment = datetime.combine(first_day, time(12), zone).astimezone(UTC)
    timeline = _Timeline.around(moment, start, end)
    samples = sample(moment, timeline.offsets_hours)
    series = _Series.of(samples)
    every_lunation = _lunations(series, timeline)
    lunations = _inside(every_lunation, timeline)
    phase, illumination = _moon_phase(samples, series, timeline, lunations, first_day, zone)
    return Sky(
        first_day=first_day,
        last_day=last_day,
        timezone=timezone,
        moment=moment,
        positions=_positions(series, timeline.moment_index),
        ayanamsa=float(series.ayanamsa[timeline.moment_index]),
        moon_phase=phase,
        moon_illumination=illumination,
        ingresses=_ingresses(series, timeline),
        stations=_stations(series, timeline),
        lunations=lunations,
        aspects=_aspects(series, timeline),
        eclipses=_eclipses(every_lunation, timeline),
    )


def _positions(series: _Series, index: int) -> dict[Planet, Position]:
    """Every body's position at one sample, in Planet order."""
    return {
        planet: Position(
            planet=planet,
            longitude=float(series.tropical[row, index]),
            sidereal_longitude=float(series.sidereal[row, index]),
            speed=float(series.speed[row, index]),
        )
        for row, planet in enumerate(BODIES)
    }


def _ingresses(series: _Series, timeline: _Timeline) -> tuple[Ingress, ...]:
    """Sign ingresses of every body, in both zodiacs."""
    found = []
    for system, longitudes in (
        (System.TROPICAL, series.tropical),
        (System.SIDEREAL, series.sidereal),
    ):
        crossed = boundary_crossings(longitudes, 30.0)
        for row, at, boundary, forward in zip(
            crossed.row, crossed.at, crossed.boundary, crossed.forward, strict=True
        ):
            entered = Sign.from_longitude(boundary if forward else boundary - 30.0)
            instant = timeline.instant(at)
            found.append(Ingress(instant, BODIES[row], system, entered, retrograde=not forward))
    return _inside(found, timeline)


def _stations(series: _Series, timeline: _Timeline) -> tuple[Station, ...]:
    """Mercury to Pluto standing still, turning retrograde or direct."""
    found = []
    turns = turning_points(series.tropical)
    for row, at, maximum in zip(turns.row, turns.at, turns.maximum, strict=True):
        if BODIES[row] not in _STATIONING:
            continue
        longitude = angle_at(series.tropical[row], at)
        found.append(
            Station(
                at=timeline.instant(at),
                planet=BODIES[row],
                direction="retrograde" if maximum else "direct",
                longitude=longitude,
                sidereal_longitude=series.sidereal_of(longitude, at),
            )
        )
    return _inside(found, timeline)


def _lunations(series: _Series, timeline: _Timeline) -> list[Lunation]:
    """New moons, quarters and full moons: the Moon's elongation crossing a multiple of 90°.

    Those in the sampling margins too, since an eclipse may peak inside the days from just outside.
    """
    moon = series.tropical[series.row(Planet.MOON)]
    elongation = (moon - series.tropical[series.row(Planet.SUN)]) % 360.0
    crossed = boundary_crossings(elongation[np.newaxis, :], 90.0)
    found = []
    for at, boundary in zip(crossed.at, crossed.boundary, strict=True):
        longitude = angle_at(moon, at)
        found.append(
            Lunation(
                at=timeline.instant(at),
                phase=_LUNATION_PHASES[float(boundary)],
                longitude=longitude,
                sidereal_longitude=series.sidereal_of(longitude, at),
            )
        )
    return found


def _eclipses(lunations: list[Lunation], timeline: _Timeline) -> tuple[SkyEclipse, ...]:
    """The eclipses of the new and full Moons, those peaking inside the days."""
    syzygies = {LunarPhase.NEW_MOON: False, LunarPhase.FULL_MOON: True}
    found = []
    for lunation in lunations:
        if lunation.phase not in syzygies:
            continue
        eclipse = eclipse_at(lunation.at, full=syzygies[lunation.phase])
        if eclipse is not None and timeline.contains(eclipse.at):
            found.append(
                SkyEclipse(
                    eclipse.at,
                    eclipse.eclipsed,
                    eclipse.kind,
                    lunation.longitude,
                    lunation.sidereal_longitude,
                )
            )
    return tuple(found)


def _aspects(series: _Series, timeline: _Timeline) -> tuple[AspectHit, ...]:
    """Exact major aspects between every pair of bodies except the Sun and the Moon."""
    first_rows = [i for i, _ in _ASPECT_PAIRS]
    second_rows = [j for _, j in _ASPECT_PAIRS]
    separation = (series.tropical[first_rows] - series.tropical[second_rows]) % 360.0
    crossed = boundary_crossings(separation, 30.0)
    found = []
    for pair, at, boundary in zip(crossed.row, crossed.at, crossed.boundary, strict=True):
        angle = min(float(boundary), 360.0 - float(boundary))
        if angle not in _ASPECTS_BY_ANGLE:
            continue
        faster, slower = _by_speed(series, _ASPECT_PAIRS[pair], at)
        found.append(AspectHit(timeline.instant(at), faster, slower, _ASPECTS_BY_ANGLE[angle]))
    return _inside(found, timeline)


def _by_speed(series: _Series, rows: tuple[int, int], at: float) -> tuple[Planet, Planet]:
    """The pair ordered faster first, by absolute speed at the nearest sample."""
    nearest = round(at)
    first, second = sorted(rows, key=lambda row: -abs(float(series.speed[row, nearest])))
    return BODIES[first], BODIES[second]


def _inside(events: list[_Event], timeline: _Timeline) -> tuple[_Event, ...]:
    """The events inside the local days, sorted by time."""
    return tuple(sorted((e for e in events if timeline.contains(e.at)), key=lambda e: e.at))


def _moon_phase(
    samples: Samples,
    series: _Series,
    timeline: _Timeline,
    lunations: tuple[Lunation, ...],
    first_day: date,
    zone: ZoneInfo,
) -> tuple[LunarPhase, float]:
    """The phase name and illuminated fraction at the snapshot moment.

    A principal name (new, first quarter, full, last quarter) is given on the local day of the
    exact lunation, that is within about half a day of it; otherwise crescent or gibbous.
    """
    on_first_day = [lun for lun in lunations if lun.at.astimezone(zone).date() == first_day]
    index = timeline.moment_index
    if on_first_day:
        phase = on_first_day[0].phase
    else:
        moon = series.tropical[series.row(Planet.MOON), index]
        sun = series.tropical[series.row(Planet.SUN), index]
        phase = _BETWEEN_LUNATIONS[int(((moon - sun) % 360.0) // 90.0)]
    return phase, _illuminated_fraction(samples, index)


def _illuminated_fraction(samples: Samples, index: int) -> float:
    """Lit fraction of the Moon's disc from the Sun-Moon-Earth phase angle."""
    moon = samples.of(Planet.MOON)[:, index]
    sun_from_moon = samples.of(Planet.SUN)[:, index] - moon
    cos_phase_angle = np.dot(sun_from_moon, -moon) / (np.linalg.norm(sun_from_moon) * np.linalg.norm(moon))
    return float(np.clip((1.0 + cos_phase_angle) / 2.0, 0.0, 1.0))

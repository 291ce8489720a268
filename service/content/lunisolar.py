"""The Sun and the Moon as a panchang reads them: the angles behind its limbs, and when each changes.

Longitudes are apparent and geocentric, on the ecliptic and equinox of date (DE421 through skyfield),
as Indian almanacs compute them; sidereal ones subtract the true Lahiri ayanamsa. Each limb is an
angle cut into equal slots: the tithi is the Moon's elongation from the Sun in 12° steps, the karana
in 6° steps, the nakshatra the sidereal Moon in 13°20' steps, the yoga the sum of the sidereal Sun
and Moon in 13°20' steps, a rashi 30° of the sidereal Moon or Sun. All of these angles only grow,
so a limb changes exactly where its angle crosses a multiple of the slot width: found by sampling,
interpolating, then Newton's method on the real positions, all roots of a request refined together
in one ephemeris call per step (the calls, not the arithmetic, are what cost).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol

import numpy as np
from skyfield.framelib import ecliptic_frame, itrs
from skyfield.nutationlib import iau2000b_radians

from service.content.crossings import wrap180
from service.content.ephemeris import FloatArray, kernel, lahiri_ayanamsa, timescale

IntArray = np.ndarray[Any, np.dtype[np.intp]]

_AU_KM = 149_597_870.7
SYNODIC_DEGREES_PER_DAY = 360.0 / 29.530589  # the Moon's mean elongation rate
SOLAR_DEGREES_PER_DAY = 0.9856  # the Sun's mean motion
_DERIVATIVE_STEP_DAYS = 1.0 / 1440.0  # Newton's slope from the value one minute later
REFINE_STEPS = 4  # enough for a root first guessed within a few days (new Moons), and for all others


@dataclass(frozen=True, slots=True)
class Angles:
    """Apparent geocentric longitudes (degrees) of the Sun and the Moon at a run of instants."""

    sun: FloatArray  # tropical
    moon: FloatArray  # tropical
    ayanamsa: FloatArray  # true Lahiri


@dataclass(frozen=True, slots=True)
class Positions:
    """The Sun and the Moon at a run of instants: what the panchang and the horizon need."""

    jd: FloatArray  # TT Julian dates
    sun: FloatArray  # (3, time): apparent geocentric position (GCRS), km
    moon: FloatArray
    to_itrs: FloatArray  # (3, 3, time): GCRS to the Earth-fixed frame
    angles: Angles
    moon_latitude: FloatArray  # ecliptic latitude of date, degrees

    def take(self, part: slice) -> Positions:
        """The positions at a slice of the instants."""
        return Positions(
            self.jd[part],
            self.sun[:, part],
            self.moon[:, part],
            self.to_itrs[:, :, part],
            Angles(self.angles.sun[part], self.angles.moon[part], self.angles.ayanamsa[part]),
            self.moon_latitude[part],
        )


def positions_at(jd_tt: FloatArray) -> Positions:
    """The Sun and the Moon at TT Julian dates: one ephemeris call for any number of instants."""
    jd = np.asarray(jd_tt, dtype=np.float64)
    times = timescale().tt_jd(jd)
    # IAU 2000B nutation (within 1 mas of 2000A), as skyfield's own almanac uses: the full series
    # would cost most of the time here.
    times._nutation_angles_radians = nutation = iau2000b_radians(times)
    bodies = kernel()
    earth = bodies["earth"].at(times)
    vectors, longitudes = [], []
    for name in ("sun", "moon"):
        # No gravitational deflection: under a milliarcsecond for these two, and costly to compute.
        apparent = earth.observe(bodies[name]).apparent(deflectors=())
        latitude, longitude, _ = apparent.frame_latlon(ecliptic_frame)
        vectors.append(np.asarray(apparent.position.au, dtype=np.float64) * _AU_KM)
        longitudes.append(np.asarray(longitude.degrees, dtype=np.float64))
    ayanamsa = lahiri_ayanamsa(times.tt, np.degrees(np.asarray(nutation[0], dtype=np.float64)))
    return Positions(
        jd=jd,
        sun=vectors[0],
        moon=vectors[1],
        to_itrs=np.asarray(itrs.rotation_at(times), dtype=np.float64),
        angles=Angles(longitudes[0], longitudes[1], np.asarray(ayanamsa, dtype=np.float64)),
        moon_latitude=np.asarray(latitude.degrees, dtype=np.float64),
    )


class Limb(Enum):
    """An angle of the Sun and Moon, and the width of the slots a panchang cuts it into."""

    TITHI = ("tithi", 12.0)
    KARANA = ("karana", 6.0)
    NAKSHATRA = ("nakshatra", 360.0 / 27)
    YOGA = ("yoga", 360.0 / 27)
    MOON_RASHI = ("moon_rashi", 30.0)
    SUN_RASHI = ("sun_rashi", 30.0)

    def __init__(self, key: str, width: float) -> None:
        self.key = key
        self.width = width

    @property
    def slots(self) -> int:
        """How many slots make the full circle (30 tithis, 60 karanas, 27 nakshatras, ...)."""
        return round(360.0 / self.width)

    def angle(self, angles: Angles) -> FloatArray:
        """This limb's angle, degrees in [0, 360)."""
        if self in (Limb.TITHI, Limb.KARANA):
            raw = angles.moon - angles.sun
        elif self in (Limb.NAKSHATRA, Limb.MOON_RASHI):
            raw = angles.moon - angles.ayanamsa
        elif self is Limb.YOGA:
            raw = angles.sun + angles.moon - 2.0 * angles.ayanamsa
        else:
            raw = angles.sun - angles.ayanamsa
        folded: FloatArray = raw % 360.0
        return folded

    def slot(self, angles: Angles) -> IntArray:
        """The slot (0-based) each instant is in."""
        slots: IntArray = np.floor(self.angle(angles) / self.width).astype(np.intp) % self.slots
        return slots


class RootSearch(Protocol):
    """Instants being refined towards where some function of the positions is zero."""

    def points(self) -> FloatArray:
        """The instants to evaluate at this step."""
        ...

    def update(self, at: Positions) -> None:
        """Take the positions at `points()` and move each instant closer to its root."""
        ...


class Newton:
    """Newton's method on f(positions) at each instant, the slope taken a minute later."""

    def __init__(self, guesses: FloatArray, residual: Any) -> None:
        self.at = np.asarray(guesses, dtype=np.float64)
        self._residual = residual  # Positions -> FloatArray, zero at the root

    def points(self) -> FloatArray:
        return np.concatenate([self.at, self.at + _DERIVATIVE_STEP_DAYS])

    def update(self, at: Positions) -> None:
        values = self._residual(at)
        now, later = values[: len(self.at)], values[len(self.at) :]
        slope = (later - now) / _DERIVATIVE_STEP_DAYS
        self.at = self.at - now / slope


def edge_residual(limb: Limb, edges: FloatArray) -> Any:
    """The residual whose roots are where a limb's angle reaches each edge (degrees)."""

    def residual(at: Positions) -> FloatArray:
        twice = np.concatenate([edges, edges])
        return wrap180(limb.angle(at.angles) - twice)

    return residual


def refine(searches: Sequence[RootSearch], steps: int = REFINE_STEPS) -> None:
    """Run every search `steps` times, evaluating all their points in one ephemeris call per step."""
    searches = [search for search in searches if len(search.points())]
    for _ in range(steps if searches else 0):
        points = [search.points() for search in searches]
        at = positions_at(np.concatenate(points))
        offset = 0
        for search, part in zip(searches, points, strict=True):
            search.update(at.take(slice(offset, offset + len(part))))
            offset += len(part)


@dataclass(frozen=True, slots=True)
class Changes:
    """When one limb enters each new slot within a span: times ascending."""

    first_slot: int  # the slot at the span's start
    at: FloatArray  # TT Julian dates
    slot: IntArray  # the slot entered

    def slot_at(self, jd_tt: float) -> int:
        """The slot at an instant of the span."""
        entered = int(np.searchsorted(self.at, jd_tt, side="right"))
        return self.first_slot if entered == 0 else int(self.slot[entered - 1])

    def end_of_slot_at(self, jd_tt: float) -> float | None:
        """When the slot held at an instant ends (None if not within the span)."""
        entered = int(np.searchsorted(self.at, jd_tt, side="right"))
        return float(self.at[entered]) if entered < len(self.at) else None


class ChangeSearch:
    """The slot changes of one limb across sampled positions, then refined (a RootSearch)."""

    def __init__(self, limb: Limb, sampled: Positions) -> None:
        self.limb = limb
        slot = limb.slot(sampled.angles)
        (before,) = np.nonzero(slot[1:] != slot[:-1])
        self.first_slot = int(slot[0])
        self.entered = slot[before + 1]
        self._start, self._end = float(sampled.jd[0]), float(sampled.jd[-1])
        edges: FloatArray = self.entered.astype(np.float64) * limb.width
        angle = limb.angle(sampled.angles)
        step = sampled.jd[before + 1] - sampled.jd[before]
        fraction = wrap180(edges - angle[before]) / wrap180(angle[before + 1] - angle[before])
        self._newton = Newton(sampled.jd[before] + fraction * step, edge_residual(limb, edges))

    def points(self) -> FloatArray:
        return self._newton.points()

    def update(self, at: Positions) -> None:
        self._newton.update(at)

    def result(self) -> Changes:
        at = self._newton.at
        keep = (at >= self._start) & (at <= self._end)
        return Changes(first_slot=self.first_slot, at=at[keep], slot=self.entered[keep])


def sample_times(start_tt: float, end_tt: float, step_days: float) -> FloatArray:
    """Equally spaced instants covering [start_tt, end_tt]."""
    count = int(np.ceil((end_tt - start_tt) / step_days)) + 1
    times: FloatArray = start_tt + step_days * np.arange(count, dtype=np.float64)
    return times


def changes(limbs: tuple[Limb, ...], start_tt: float, end_tt: float, step_days: float) -> dict[Limb, Changes]:
    """Every slot change of each limb in [start_tt, end_tt], sampled every `step_days` then refined.

    The step must be shorter than the time any limb takes to cross one slot.
    """
    sampled = positions_at(sample_times(start_tt, end_tt, step_days))
    searches = [ChangeSearch(limb, sampled) for limb in limbs]
    refine(searches)
    return {search.limb: search.result() for search in searches}


@dataclass(frozen=True, slots=True)
class LunarMonth:
    """The amanta (new Moon to new Moon) month around an instant."""

    index: int  # 0 Chaitra ... 11 Phalguna
    adhik: bool  # no sankranti within it: an intercalary month, named like the month after it
    start_tt: float  # the new Moon that begins it
    end_tt: float  # the new Moon that ends it


def month_named(sun_rashi_at_start: int, sun_rashi_at_end: int) -> tuple[int, bool]:
    """A lunar month's index and adhik flag from the Sun's sidereal rashi at its two new Moons.

    A lunar month takes the name of the month after the rashi the Sun holds at its new Moon (the Sun
    in Meena names Chaitra), so the month in which the Sun enters Mesha is Chaitra. When the Sun
    holds the same rashi at both new Moons, no sankranti fell in between: the month is adhik.
    """
    return (sun_rashi_at_start + 1) % 12, sun_rashi_at_start == sun_rashi_at_end


class MonthSearch:
    """The new Moons around an instant (a RootSearch): the one before it and the next two.

    Three, so that the month of any instant up to the next new Moon can be named, e.g. of a sunrise
    that follows a new Moon falling between midnight and dawn.
    """

    def __init__(self, jd_tt: float, elongation: float) -> None:
        previous = jd_tt - elongation / SYNODIC_DEGREES_PER_DAY
        following = jd_tt + (360.0 - elongation) / SYNODIC_DEGREES_PER_DAY
        guesses = np.array([previous, following, following + 360.0 / SYNODIC_DEGREES_PER_DAY])
        self._newton = Newton(guesses, edge_residual(Limb.TITHI, np.zeros(3, dtype=np.float64)))
        self._sun_rashi = np.zeros(3, dtype=np.intp)

    def points(self) -> FloatArray:
        return self._newton.points()

    def update(self, at: Positions) -> None:
        self._newton.update(at)
        self._sun_rashi = Limb.SUN_RASHI.slot(at.angles)[:3]

    def month_at(self, jd_tt: float) -> LunarMonth:
        """The amanta month holding an instant between the first and the last new Moon found."""
        new_moons = self._newton.at
        first = 0 if jd_tt < new_moons[1] else 1
        index, adhik = month_named(int(self._sun_rashi[first]), int(self._sun_rashi[first + 1]))
        return LunarMonth(index, adhik, float(new_moons[first]), float(new_moons[first + 1]))


class SankrantiSearch:
    """When the Sun next enters a sidereal rashi after an instant (a RootSearch)."""

    def __init__(self, jd_tt: float, sun_sidereal: float) -> None:
        self.rashi = (int(sun_sidereal // 30.0) + 1) % 12
        guess = jd_tt + (30.0 - sun_sidereal % 30.0) / SOLAR_DEGREES_PER_DAY
        self._newton = Newton(
            np.array([guess]), edge_residual(Limb.SUN_RASHI, np.array([self.rashi * 30.0], dtype=np.float64))
        )

    def points(self) -> FloatArray:
        return self._newton.points()

    def update(self, at: Positions) -> None:
        self._newton.update(at)

    @property
    def at(self) -> float:
        return float(self._newton.at[0])

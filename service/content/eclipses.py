"""Eclipses of the Sun and the Moon within a span of time, from the ephemeris.

Lunar eclipses come from skyfield's `eclipselib` (the Explanatory Supplement's method). Solar ones
from the geometry of each new Moon: the Moon's shadow is a pair of cones along the line from the
Sun through the Moon, and the eclipse is found where that axis passes closest to the Earth's centre
(gamma, in Earth radii, as NASA's catalogues give it). The penumbra touching the Earth makes a
partial eclipse; the axis itself touching it, a central one, total where the umbra still reaches
the surface under the axis and annular where only its antumbra does. The spherical Earth shifts
times by a minute or two at most and misjudges only eclipses that graze the poles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

import numpy as np
from skyfield import almanac, eclipselib
from skyfield.searchlib import find_discrete

from service.content.ephemeris import FloatArray, kernel, timescale

EARTH_RADIUS_KM = 6378.137
MOON_RADIUS_KM = 1737.4
SUN_RADIUS_KM = 696_000.0
_AU_KM = 149_597_870.7
_SEARCH_HOURS = 5.0  # greatest eclipse lies within a few hours of the new Moon
_STEP_MINUTES = 2.0


class EclipseKind(StrEnum):
    TOTAL = "total"
    ANNULAR = "annular"
    PARTIAL = "partial"
    PENUMBRAL = "penumbral"  # lunar only: the Moon passes through the Earth's penumbra alone


class Luminary(StrEnum):
    SUN = "sun"
    MOON = "moon"


@dataclass(frozen=True, slots=True)
class Eclipse:
    at: datetime  # UTC, greatest eclipse
    eclipsed: Luminary
    kind: EclipseKind

    @property
    def summary(self) -> str:
        """'A total eclipse of the Moon', as an event list names it."""
        article = "An" if self.kind is EclipseKind.ANNULAR else "A"
        return f"{article} {self.kind} eclipse of the {self.eclipsed.value.title()}"


_LUNAR_KINDS = (EclipseKind.PENUMBRAL, EclipseKind.PARTIAL, EclipseKind.TOTAL)  # eclipselib's codes


def eclipses(start: datetime, end: datetime) -> tuple[Eclipse, ...]:
    """Every eclipse whose greatest phase falls in [start, end), in time order (aware datetimes)."""
    ts = timescale()
    margin = timedelta(hours=_SEARCH_HOURS)  # a syzygy just outside may peak just inside
    times, quarters = find_discrete(
        ts.from_datetime(start - margin), ts.from_datetime(end + margin), almanac.moon_phases(kernel())
    )
    found = (
        eclipse_at(syzygy, full=quarter == 2)
        for syzygy, quarter in zip(times.utc_datetime(), quarters, strict=True)
        if quarter in (0, 2)
    )
    return tuple(eclipse for eclipse in found if eclipse is not None and start <= eclipse.at < end)


def eclipse_at(syzygy: datetime, *, full: bool) -> Eclipse | None:
    """The eclipse of the new Moon (or, with `full`, the full Moon) at `syzygy`, if there is one."""
    if not full:
        return _solar_eclipse_near(syzygy)
    ts = timescale()
    margin = timedelta(hours=_SEARCH_HOURS)
    times, codes, _ = eclipselib.lunar_eclipses(
        ts.from_datetime(syzygy - margin), ts.from_datetime(syzygy + margin), kernel()
    )
    return next(
        (
            Eclipse(moment, Luminary.MOON, _LUNAR_KINDS[code])
            for moment, code in zip(times.utc_datetime(), codes, strict=True)
        ),
        None,
    )


def _solar_eclipse_near(new_moon: datetime) -> Eclipse | None:
    """The eclipse of this new Moon, if its shadow touches the Earth."""
    offsets = np.arange(-_SEARCH_HOURS * 60, _SEARCH_HOURS * 60 + _STEP_MINUTES, _STEP_MINUTES)
    sun, moon = _geocentric_km(new_moon, offsets)
    axis = moon - sun
    axis /= np.linalg.norm(axis, axis=0)
    # The shadow axis's closest approach to the Earth's centre, and how far behind the Moon that is.
    behind_moon = -np.einsum("it,it->t", moon, axis)
    closest = np.linalg.norm(moon + behind_moon * axis, axis=0)
    best = int(np.argmin(closest))
    gamma = closest[best] / EARTH_RADIUS_KM
    sun_to_moon = float(np.linalg.norm(moon[:, best] - sun[:, best]))
    penumbra = MOON_RADIUS_KM + behind_moon[best] * (SUN_RADIUS_KM + MOON_RADIUS_KM) / sun_to_moon
    if gamma >= 1.0 + penumbra / EARTH_RADIUS_KM:
        return None
    at = new_moon + timedelta(minutes=float(offsets[best] + _vertex_offset(closest, best)))
    if gamma >= 1.0:
        return Eclipse(at.astimezone(UTC), Luminary.SUN, EclipseKind.PARTIAL)
    # Under the axis, the surface is this much nearer the Moon than the fundamental plane is.
    surface = behind_moon[best] - np.sqrt(1.0 - gamma**2) * EARTH_RADIUS_KM
    umbra = MOON_RADIUS_KM - surface * (SUN_RADIUS_KM - MOON_RADIUS_KM) / sun_to_moon
    kind = EclipseKind.TOTAL if umbra > 0 else EclipseKind.ANNULAR
    return Eclipse(at.astimezone(UTC), Luminary.SUN, kind)


def _geocentric_km(origin: datetime, offsets_minutes: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Geocentric positions (light time applied) of the Sun and the Moon, km, shape (axis, time)."""
    utc = origin.astimezone(UTC)
    seconds = utc.second + utc.microsecond / 1e6 + offsets_minutes * 60.0
    times = timescale().utc(utc.year, utc.month, utc.day, utc.hour, utc.minute, seconds)
    earth = kernel()["earth"].at(times)
    sun = earth.observe(kernel()["sun"]).position.au * _AU_KM
    moon = earth.observe(kernel()["moon"]).position.au * _AU_KM
    return sun, moon


def _vertex_offset(values: FloatArray, index: int) -> float:
    """Minutes from sample `index` to the parabola's vertex through it and its neighbours."""
    if index in (0, len(values) - 1):
        return 0.0
    before, at, after = values[index - 1], values[index], values[index + 1]
    curvature = before - 2 * at + after
    return 0.0 if curvature <= 0 else float(0.5 * (before - after) / curvature * _STEP_MINUTES)

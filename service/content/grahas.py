"""The nine grahas of jyotish and their fixed rules: lords, drishti, combustion, friendships, nodes.

Rules as the classical texts (Brihat Parashara Hora Shastra, Phaladeepika) give them and Indian
almanacs apply:
- Rashi lords are the seven visible planets' traditional rulerships; Uranus, Neptune and Pluto
  have no place.
- Drishti (aspect) is cast on whole signs: every graha looks at the 7th sign from itself; Mangal
  also at the 4th and 8th, Guru at the 5th and 9th, Shani at the 3rd and 10th. Rahu and Ketu cast
  none here (the classics disagree on theirs, and portals rarely print them).
- A graha is ast (combust) within these degrees of Surya: Chandra 12, Mangal 17, Budh 14 (12 while
  vakri), Guru 11, Shukra 10 (8 while vakri), Shani 15 (Surya Siddhanta's limits).
- Rahu is the Moon's mean ascending node (Meeus, Astronomical Algorithms, 2nd ed., eq. 47.7), as
  most Indian almanacs print it; Ketu is exactly opposite. Both always move backwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

import numpy as np

from service.content.ephemeris import lahiri_ayanamsa
from service.content.zodiac import Planet, Sign

_J2000 = 2451545.0


class Graha(StrEnum):
    """The navagraha, in their traditional order (that of the weekdays, then the nodes)."""

    SURYA = "surya"
    CHANDRA = "chandra"
    MANGAL = "mangal"
    BUDH = "budh"
    GURU = "guru"
    SHUKRA = "shukra"
    SHANI = "shani"
    RAHU = "rahu"
    KETU = "ketu"

    @property
    def label(self) -> str:
        """The name as printed: 'Shani'."""
        return self.value.capitalize()

    @property
    def planet(self) -> Planet | None:
        """The body of the ephemeris it is; None for Rahu and Ketu, which are points."""
        return _PLANETS.get(self)

    @property
    def english(self) -> str:
        """'Saturn', 'the Moon', 'the north node'."""
        return _ENGLISH[self]

    @property
    def hindi(self) -> str:
        return _HINDI[self]

    @property
    def drishti(self) -> tuple[int, ...]:
        """The houses counted from its own sign (that being the 1st) on which it casts its glance."""
        return DRISHTI.get(self, (7,)) if self not in NODES else ()

    @classmethod
    def of(cls, planet: Planet) -> Graha:
        """The graha a visible planet is; ValueError for Uranus, Neptune and Pluto."""
        for graha, body in _PLANETS.items():
            if body is planet:
                return graha
        raise ValueError(f"{planet.value} is not one of the nine grahas")


_PLANETS = {
    Graha.SURYA: Planet.SUN,
    Graha.CHANDRA: Planet.MOON,
    Graha.MANGAL: Planet.MARS,
    Graha.BUDH: Planet.MERCURY,
    Graha.GURU: Planet.JUPITER,
    Graha.SHUKRA: Planet.VENUS,
    Graha.SHANI: Planet.SATURN,
}
_ENGLISH = {
    Graha.SURYA: "the Sun",
    Graha.CHANDRA: "the Moon",
    Graha.MANGAL: "Mars",
    Graha.BUDH: "Mercury",
    Graha.GURU: "Jupiter",
    Graha.SHUKRA: "Venus",
    Graha.SHANI: "Saturn",
    Graha.RAHU: "the Moon's north node",
    Graha.KETU: "the Moon's south node",
}
_HINDI = {
    Graha.SURYA: "सूर्य",
    Graha.CHANDRA: "चंद्र",
    Graha.MANGAL: "मंगल",
    Graha.BUDH: "बुध",
    Graha.GURU: "गुरु",
    Graha.SHUKRA: "शुक्र",
    Graha.SHANI: "शनि",
    Graha.RAHU: "राहु",
    Graha.KETU: "केतु",
}
VISIBLE = tuple(_PLANETS)
NODES = (Graha.RAHU, Graha.KETU)
DRISHTI: Mapping[Graha, tuple[int, ...]] = MappingProxyType(
    {Graha.MANGAL: (4, 7, 8), Graha.GURU: (5, 7, 9), Graha.SHANI: (3, 7, 10)}
)
# Natural benefics and malefics (Chandra counts as a benefic while waxing, handled by the reader).
BENEFICS = frozenset({Graha.GURU, Graha.SHUKRA, Graha.BUDH})
MALEFICS = frozenset({Graha.SHANI, Graha.MANGAL, Graha.RAHU, Graha.KETU, Graha.SURYA})
UPACHAYA = frozenset({3, 6, 10, 11})  # houses of growth, where malefics do well
COMBUSTION_ORB: Mapping[Graha, tuple[float, float]] = MappingProxyType(
    {  # (direct, vakri) degrees from Surya
        Graha.CHANDRA: (12.0, 12.0),
        Graha.MANGAL: (17.0, 17.0),
        Graha.BUDH: (14.0, 12.0),
        Graha.GURU: (11.0, 11.0),
        Graha.SHUKRA: (10.0, 8.0),
        Graha.SHANI: (15.0, 15.0),
    }
)
# Naisargika maitri, the natural friendships of Brihat Parashara Hora Shastra (ch. 3).
FRIENDS: Mapping[Graha, frozenset[Graha]] = MappingProxyType(
    {
        Graha.SURYA: frozenset({Graha.CHANDRA, Graha.MANGAL, Graha.GURU}),
        Graha.CHANDRA: frozenset({Graha.SURYA, Graha.BUDH}),
        Graha.MANGAL: frozenset({Graha.SURYA, Graha.CHANDRA, Graha.GURU}),
        Graha.BUDH: frozenset({Graha.SURYA, Graha.SHUKRA}),
        Graha.GURU: frozenset({Graha.SURYA, Graha.CHANDRA, Graha.MANGAL}),
        Graha.SHUKRA: frozenset({Graha.BUDH, Graha.SHANI}),
        Graha.SHANI: frozenset({Graha.BUDH, Graha.SHUKRA}),
    }
)
# The numbers Indian numerology gives the grahas (Surya 1 ... Mangal 9) and their colours.
NUMBERS: Mapping[Graha, int] = MappingProxyType(
    {
        Graha.SURYA: 1,
        Graha.CHANDRA: 2,
        Graha.GURU: 3,
        Graha.RAHU: 4,
        Graha.BUDH: 5,
        Graha.SHUKRA: 6,
        Graha.KETU: 7,
        Graha.SHANI: 8,
        Graha.MANGAL: 9,
    }
)
COLOURS: Mapping[Graha, tuple[str, ...]] = MappingProxyType(
    {
        Graha.SURYA: ("Saffron", "Copper", "Orange"),
        Graha.CHANDRA: ("White", "Silver", "Pearl White"),
        Graha.MANGAL: ("Red", "Coral", "Maroon"),
        Graha.BUDH: ("Green", "Parrot Green", "Emerald Green"),
        Graha.GURU: ("Yellow", "Turmeric Yellow", "Golden"),
        Graha.SHUKRA: ("Cream", "Pink", "Off-White"),
        Graha.SHANI: ("Navy Blue", "Dark Blue", "Black"),
    }
)


def lord_of(sign: Sign) -> Graha:
    """The rashi's lord: Mesh and Vrishchik Mangal, Vrishabh and Tula Shukra, ... Kumbh Shani."""
    return Graha.of(sign.facts.rashi_lord)


def glanced_houses(graha: Graha, house: int) -> tuple[int, ...]:
    """The reader's houses a graha standing in `house` casts drishti on, in its drishti order."""
    return tuple((house + n - 2) % 12 + 1 for n in graha.drishti)


def mean_rahu_tropical(jd_tt: float) -> float:
    """Longitude of the Moon's mean ascending node, degrees, mean equinox of date (Meeus 47.7)."""
    t = (jd_tt - _J2000) / 36525.0
    omega = 125.0445479 - 1934.1362891 * t + 0.0020754 * t**2 + t**3 / 467441.0 - t**4 / 60616000.0
    return omega % 360.0


def mean_rahu_sidereal(jd_tt: float) -> float:
    """Rahu's sidereal longitude: the mean node less the mean Lahiri ayanamsa (both of mean equinox)."""
    ayanamsa = float(lahiri_ayanamsa(np.array([jd_tt]))[0])
    return (mean_rahu_tropical(jd_tt) - ayanamsa) % 360.0


def ketu_of(rahu_longitude: float) -> float:
    """Ketu, the descending node, is always opposite Rahu."""
    return (rahu_longitude + 180.0) % 360.0

"""Zodiac facts: the twelve signs, the planets, and the two zodiac systems."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from service.content.errors import UnknownSign
from service.content.panchang_names import RASHIS


class Planet(StrEnum):
    """The bodies a reading uses; Sun and Moon count as planets, as astrologers say."""

    SUN = "sun"
    MOON = "moon"
    MERCURY = "mercury"
    VENUS = "venus"
    MARS = "mars"
    JUPITER = "jupiter"
    SATURN = "saturn"
    URANUS = "uranus"
    NEPTUNE = "neptune"
    PLUTO = "pluto"

    @property
    def label(self) -> str:
        """The name as printed: 'the Sun', 'the Moon', 'Mercury'."""
        return f"the {self.value.title()}" if self in (Planet.SUN, Planet.MOON) else self.value.title()


class System(StrEnum):
    """Tropical (Western, season-based) or sidereal: the Vedic edition (Lahiri ayanamsa, read from
    the reader's Moon sign, the nine grahas and their traditional lords); 'vedic' names it too."""

    TROPICAL = "tropical"
    SIDEREAL = "sidereal"

    @classmethod
    def _missing_(cls, value: object) -> System | None:
        """'vedic' (any case) is the sidereal edition; 'Tropical' is tropical."""
        if isinstance(value, str):
            key = value.strip().lower()
            if key in SYSTEM_SYNONYMS:
                return cls(SYSTEM_SYNONYMS[key])
        return None


SYSTEM_SYNONYMS = {"tropical": "tropical", "sidereal": "sidereal", "vedic": "sidereal"}


class Element(StrEnum):
    FIRE = "fire"
    EARTH = "earth"
    AIR = "air"
    WATER = "water"


class Modality(StrEnum):
    CARDINAL = "cardinal"
    FIXED = "fixed"
    MUTABLE = "mutable"


class Sign(StrEnum):
    """The twelve signs in zodiac order; `index` 0 is Aries at 0 degrees of longitude."""

    ARIES = "aries"
    TAURUS = "taurus"
    GEMINI = "gemini"
    CANCER = "cancer"
    LEO = "leo"
    VIRGO = "virgo"
    LIBRA = "libra"
    SCORPIO = "scorpio"
    SAGITTARIUS = "sagittarius"
    CAPRICORN = "capricorn"
    AQUARIUS = "aquarius"
    PISCES = "pisces"

    @property
    def index(self) -> int:  # type: ignore[override]  # str.index is of no use on a sign
        """Position in the zodiac, 0 for Aries to 11 for Pisces."""
        return _ORDER.index(self)

    @property
    def title(self) -> str:  # type: ignore[override]
        """The name as printed: 'Sagittarius'."""
        return self.value.capitalize()

    @property
    def facts(self) -> SignFacts:
        """This sign's fixed facts."""
        return SIGNS[self]

    def shifted(self, houses: int) -> Sign:
        """The sign `houses` places further along the zodiac."""
        return _ORDER[(self.index + houses) % 12]

    def house_of(self, other: Sign) -> int:
        """The whole-sign house (1-12) that `other` occupies, counted from this sign as the 1st."""
        return (other.index - self.index) % 12 + 1

    @classmethod
    def from_longitude(cls, longitude: float) -> Sign:
        """The sign holding an ecliptic longitude in degrees."""
        return _ORDER[int(longitude % 360.0 // 30.0)]

    @classmethod
    def parse(cls, name: str) -> Sign:
        """A sign from its English or sidereal (rashi) name, any case; UnknownSign otherwise."""
        key = unicodedata.normalize("NFC", " ".join(name.split()).lower())
        sign = _BY_NAME.get(key) or _BY_NAME.get(key.removesuffix(" rashi").removesuffix(" राशि"))
        if sign is None:
            raise UnknownSign(
                f"'{name}' is not a zodiac sign. Use one of: {', '.join(s.value for s in _ORDER)}"
                " (rashi names such as 'dhanu', 'meen' or 'vrishchika' work too)."
            )
        return sign


@dataclass(frozen=True, slots=True)
class SignFacts:
    """What every reader of a horoscope page expects to know about a sign."""

    sign: Sign
    symbol: str
    glyph: str
    start: tuple[int, int]  # (month, day) the Sun enters the sign, typical year
    end: tuple[int, int]
    element: Element
    modality: Modality
    ruler: Planet  # modern rulers: Mars, Venus, Mercury, Moon, Sun, Mercury, Venus, Pluto, ...
    traditional_ruler: Planet  # the seven-planet lords, which are also the rashi lords of jyotish
    sidereal_name: str  # the rashi, as Hindi portals print it: Mesh, Vrishabh, ... Meen

    @property
    def rashi_lord(self) -> Planet:
        """The lord (swami) of the rashi in jyotish: Mangal for Mesh and Vrishchik, Guru for Meen."""
        return self.traditional_ruler

    @property
    def name(self) -> str:
        return self.sign.title


_ORDER: tuple[Sign, ...] = tuple(Sign)

_F, _E, _A, _W = Element.FIRE, Element.EARTH, Element.AIR, Element.WATER
_C, _X, _M = Modality.CARDINAL, Modality.FIXED, Modality.MUTABLE
_P = Planet

SIGNS: dict[Sign, SignFacts] = {
    facts.sign: facts
    for facts in (
        SignFacts(Sign.ARIES, "Ram", "♈", (3, 21), (4, 19), _F, _C, _P.MARS, _P.MARS, "Mesh"),
        SignFacts(Sign.TAURUS, "Bull", "♉", (4, 20), (5, 20), _E, _X, _P.VENUS, _P.VENUS, "Vrishabh"),
        SignFacts(Sign.GEMINI, "Twins", "♊", (5, 21), (6, 20), _A, _M, _P.MERCURY, _P.MERCURY, "Mithun"),
        SignFacts(Sign.CANCER, "Crab", "♋", (6, 21), (7, 22), _W, _C, _P.MOON, _P.MOON, "Kark"),
        SignFacts(Sign.LEO, "Lion", "♌", (7, 23), (8, 22), _F, _X, _P.SUN, _P.SUN, "Singh"),
        SignFacts(Sign.VIRGO, "Maiden", "♍", (8, 23), (9, 22), _E, _M, _P.MERCURY, _P.MERCURY, "Kanya"),
        SignFacts(Sign.LIBRA, "Scales", "♎", (9, 23), (10, 22), _A, _C, _P.VENUS, _P.VENUS, "Tula"),
        SignFacts(
            Sign.SCORPIO,
            "Scorpion",
            "♏",
            (10, 23),
            (11, 21),
            _W,
            _X,
            _P.PLUTO,
            _P.MARS,
            "Vrishchik",
        ),
        SignFacts(
            Sign.SAGITTARIUS,
            "Archer",
            "♐",
            (11, 22),
            (12, 21),
            _F,
            _M,
            _P.JUPITER,
            _P.JUPITER,
            "Dhanu",
        ),
        SignFacts(
            Sign.CAPRICORN,
            "Sea-Goat",
            "♑",
            (12, 22),
            (1, 19),
            _E,
            _C,
            _P.SATURN,
            _P.SATURN,
            "Makar",
        ),
        SignFacts(
            Sign.AQUARIUS,
            "Water-Bearer",
            "♒",
            (1, 20),
            (2, 18),
            _A,
            _X,
            _P.URANUS,
            _P.SATURN,
            "Kumbh",
        ),
        SignFacts(Sign.PISCES, "Fish", "♓", (2, 19), (3, 20), _W, _M, _P.NEPTUNE, _P.JUPITER, "Meen"),
    )
}

# Spellings readers type for each rashi: Sanskrit forms, portal forms and common variants.
RASHI_VARIANTS: dict[Sign, tuple[str, ...]] = {
    Sign.ARIES: ("mesh", "mesha", "mesham"),
    Sign.TAURUS: ("vrishabh", "vrishabha", "vrushabh", "vrushabha", "vrishab", "vrishabham", "rishabh"),
    Sign.GEMINI: ("mithun", "mithuna", "mithunam"),
    Sign.CANCER: ("kark", "karka", "karkat", "karkata", "karkataka", "karkatakam", "karkidakam"),
    Sign.LEO: ("singh", "simha", "sinh", "simham", "sinha"),
    Sign.VIRGO: ("kanya", "kanni"),
    Sign.LIBRA: ("tula", "tulaa", "thula", "tulam"),
    Sign.SCORPIO: (
        "vrishchik",
        "vrishchika",
        "vrischik",
        "vrischika",
        "vrushchik",
        "vrishchikam",
        "brishchik",
    ),
    Sign.SAGITTARIUS: ("dhanu", "dhanus", "dhanush", "dhanur", "dhanusu"),
    Sign.CAPRICORN: ("makar", "makara", "makaram"),
    Sign.AQUARIUS: ("kumbh", "kumbha", "kumbham"),
    Sign.PISCES: ("meen", "meena", "mina", "meenam"),
}

_BY_NAME: dict[str, Sign] = (
    {s.value: s for s in _ORDER}
    | {variant: sign for sign, variants in RASHI_VARIANTS.items() for variant in variants}
    | {hindi: sign for sign, (_, hindi) in zip(_ORDER, RASHIS, strict=True)}
)

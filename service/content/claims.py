"""The sky facts a composed text asserts, recorded as data so tests can check them against the sky."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from service.content.zodiac import Planet, Sign


class ClaimKind(StrEnum):
    MOON_SIGN = "moon_sign"  # the Moon is in `sign` (`house`) at the reading's moment
    MOON_INGRESS = "moon_ingress"  # the Moon enters `sign` on `day`, at the `detail` time of day
    MOON_PHASE = "moon_phase"  # the Moon's phase (`detail`) at the reading's moment
    PLANET_SIGN = "planet_sign"  # `planet` is in `sign` (`house`) at the reading's moment
    RETROGRADE = "retrograde"  # `planet` is retrograde at the reading's moment
    STATION = "station"  # `planet` turns `detail` (retrograde/direct) in `sign` on `day`
    INGRESS = "ingress"  # `planet` enters `sign` on `day` (`detail` "retrograde" when backwards)
    LUNATION = "lunation"  # the `detail` phase falls in `sign` (`house`) on `day`
    ASPECT = "aspect"  # `planet` and `other` make the exact `detail` aspect on `day` (in `sign`, if given)
    ECLIPSE = "eclipse"  # a `detail` (total, partial...) eclipse of `planet` (Sun or Moon) in `sign` on `day`
    RULER = "ruler"  # `planet` is called the reader's ruling planet


@dataclass(frozen=True, slots=True)
class Claim:
    """One astronomical statement the text makes, in the reading's zodiac system and time zone."""

    kind: ClaimKind
    planet: Planet
    sign: Sign | None = None
    house: int | None = None
    day: date | None = None  # the local date the text names, for events
    detail: str = ""
    other: Planet | None = None

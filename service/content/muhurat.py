"""The day's shubh muhurat: an auspicious day choghadiya (Amrit, Shubh or Labh) clear of Rahu Kaal.

The daytime (sunrise to sunset) is cut into eight choghadiyas. The first belongs to the weekday's
lord and the rest follow the fixed order Udveg (Surya), Chal (Shukra), Labh (Budh), Amrit (Chandra),
Kaal (Shani), Shubh (Guru), Rog (Mangal), as the almanacs print them. Amrit, Shubh and Labh are good
for beginnings. Rahu Kaal and Yamaganda are also eighths of the daytime, so a choghadiya either is
one of them or does not touch it: those that are never count as a shubh muhurat (a Tuesday's Shubh
choghadiya is its Rahu Kaal, for instance). Nor does any choghadiya inside an eclipse seen from the
place or its sutak.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from service.content.panchang import Panchang

_ORDER = ("Udveg", "Chal", "Labh", "Amrit", "Kaal", "Shubh", "Rog")
_FIRST = (3, 6, 2, 5, 1, 4, 0)  # Monday first: Amrit, Rog, Labh, Shubh, Chal, Kaal, Udveg
_GOOD = frozenset({"Amrit", "Shubh", "Labh"})
GRAHAN = "after the grahan"


@dataclass(frozen=True, slots=True)
class Muhurat:
    name: str  # the choghadiya: 'Labh'
    start: datetime  # aware, the place's zone
    end: datetime


def day_choghadiyas(panchang: Panchang) -> tuple[Muhurat, ...]:
    """The eight day choghadiyas, sunrise to sunset."""
    eighth = (panchang.sunset - panchang.sunrise) / 8
    first = _FIRST[panchang.date.weekday()]
    return tuple(
        Muhurat(_ORDER[(first + k) % 7], panchang.sunrise + eighth * k, panchang.sunrise + eighth * (k + 1))
        for k in range(8)
    )


def shubh_muhurats(panchang: Panchang) -> tuple[Muhurat, ...]:
    """The good choghadiyas of the day that overlap neither Rahu Kaal nor Yamaganda."""
    avoided = [
        (panchang.rahu_kaal.start, panchang.rahu_kaal.end),
        (panchang.yamaganda.start, panchang.yamaganda.end),
    ]
    if (grahan := _grahan(panchang)) is not None:
        avoided.append(grahan)
    # The panchang's periods are given to the second: a shared edge may differ by a fraction of it.
    slack = timedelta(seconds=1)
    return tuple(
        m
        for m in day_choghadiyas(panchang)
        if m.name in _GOOD
        and not any(m.start + slack < end and start + slack < m.end for start, end in avoided)
    )


def after_grahan(panchang: Panchang) -> Muhurat | None:
    """On a day whose eclipse (with its sutak) leaves no good choghadiya: the first 90 minutes after
    the grahan ends and the evening begins, when the almanacs advise bathing, charity and prayer."""
    grahan = _grahan(panchang)
    if grahan is None:
        return None
    start = max(grahan[1], panchang.sunset)
    start = start.replace(second=0, microsecond=0) + timedelta(minutes=15 - start.minute % 15)
    return Muhurat(GRAHAN, start, start + timedelta(minutes=90))


def _grahan(panchang: Panchang) -> tuple[datetime, datetime] | None:
    """The sutak and the eclipse, when one is seen from the place: no muhurat falls in them."""
    eclipse = panchang.eclipse
    if eclipse is None or not eclipse.visible_here or eclipse.start is None or eclipse.end is None:
        return None
    return (eclipse.sutak_start or eclipse.start, eclipse.end)


def printable(muhurat: Muhurat) -> tuple[datetime, datetime]:
    """Its bounds to the minute, rounded inwards, so the printed window never spills outside it."""
    start = muhurat.start.replace(second=0, microsecond=0)
    if start < muhurat.start:
        start += timedelta(minutes=1)
    return start, muhurat.end.replace(second=0, microsecond=0)

"""An eclipse India cannot see is told as such: no sutak or grahan customs as if they were kept.

The annular solar eclipse of 17 February 2026 is seen only from Antarctica and the far south; the
partial lunar eclipse of 28 August 2026 (Raksha Bandhan) happens after moonset over all of India
(timeanddate.com, drikpanchang.com). The total lunar eclipse of 3 March 2026 is seen here.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from service.content.calendar import Period
from service.content.composer import compose_horoscope
from service.content.copy_checks import sentences
from service.content.zodiac import Sign, System

_UNSEEN = re.compile(
    r"(not visible|cannot be seen|not seen|not be seen|unseen|invisible|out of (sight|view)|hidden|not)"
    r" from (anywhere in )?India"
)
_AS_IF_KEPT = re.compile(r"known across India|keeps? the \w+ grahan customs|mark the \w+ grahan", re.I)


def _sentences(day: date, period: Period, sign: Sign, system: System = System.TROPICAL) -> list[str]:
    h = compose_horoscope(sign, day, period, system, today=day)
    return [s for paragraph in h.body for s in sentences(paragraph)]


@pytest.mark.parametrize(
    ("day", "period"),
    [
        (date(2026, 2, 17), Period.DAILY),
        (date(2026, 2, 16), Period.WEEKLY),
        (date(2026, 2, 1), Period.MONTHLY),
        (date(2026, 8, 28), Period.DAILY),
        (date(2026, 8, 24), Period.WEEKLY),
        (date(2026, 8, 1), Period.MONTHLY),
    ],
)
@pytest.mark.parametrize("system", list(System))
def test_an_eclipse_india_cannot_see_is_said_to_be_unseen_and_keeps_no_sutak(
    day: date, period: Period, system: System
) -> None:
    for sign in Sign:
        said = _sentences(day, period, sign, system)
        assert any(_UNSEEN.search(s) for s in said), (sign, said)
        for s in said:
            assert not _AS_IF_KEPT.search(s), (sign, s)
            if "sutak" in s:
                assert _UNSEEN.search(s) or re.search(r"\bno sutak\b", s), (sign, s)


@pytest.mark.parametrize("system", list(System))
def test_an_eclipse_seen_from_india_is_not_called_unseen(system: System) -> None:
    for sign in Sign:
        said = _sentences(date(2026, 3, 3), Period.DAILY, sign, system)
        assert not any(_UNSEEN.search(s) for s in said), (sign, said)

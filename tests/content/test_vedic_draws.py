"""The Vedic edition's draws, read back from a year of entries: the remedy follows the weekday's
graha, and the lines every sign reads on one day (the remedy, the festival, Ekadashi, Purnima and
Amavasya, the Moon's house, the longer periods' framing) differ between the 12 signs and never
come back to a sign within 30 days (or in the next month, for monthly entries)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache

import pytest

from service.content.calendar import Period
from service.content.composer import Composition, compose_with_claims
from service.content.festivals import festivals_in
from service.content.grahas import Graha, lord_of
from service.content.vedic_writer import vedic_bank
from service.content.zodiac import Sign, System
from tests.content import year_corpus

pytestmark = pytest.mark.timeout(900)  # it may be the one composing the sidereal year
# Monday first, as date.weekday() counts: Somvar is Chandra's ... Ravivar is Surya's.
WEEKDAY_GRAHAS = (
    Graha.CHANDRA, Graha.MANGAL, Graha.BUDH, Graha.GURU, Graha.SHUKRA, Graha.SHANI, Graha.SURYA,
)  # fmt: skip
REPEAT_DAYS = 30


@cache
def _patterns(prefix: str) -> tuple[tuple[str, int, re.Pattern[str]], ...]:
    """Every template of the pools named `prefix...`, as a pattern its sentences match."""
    found = []
    for pool, items in vedic_bank().items():
        if pool.startswith(prefix):
            for index, template in enumerate(items):
                parts = re.split(r"(\{[^}]*\})", template)
                pattern = "".join(".+?" if p.startswith("{") else re.escape(p) for p in parts)
                found.append((pool, index, re.compile(pattern, re.IGNORECASE)))
    return tuple(found)


def picks(composition: Composition, prefix: str) -> list[tuple[str, int]]:
    """The (pool, index) of each body sentence written from a pool named `prefix...`."""
    return [
        (pool, index)
        for paragraph in composition.sentences
        for sentence in paragraph
        for pool, index, pattern in _patterns(prefix)
        if pattern.fullmatch(sentence)
    ]


def _year(period: Period) -> dict[date, dict[Sign, Composition]]:
    return year_corpus.year_of(System.SIDEREAL, period)


def _too_soon(earlier: date, later: date, period: Period) -> bool:
    if period is Period.MONTHLY:
        return (later.year * 12 + later.month) - (earlier.year * 12 + earlier.month) <= 1
    return (later - earlier).days < REPEAT_DAYS


def _spread_and_repeats(
    entries: dict[date, dict[Sign, Composition]], prefix: str, period: Period
) -> Iterator[tuple[str, object]]:
    """('shared', ...) for a day on which two signs read the same line of the pools, ('repeat', ...)
    for a sign that reads one again too soon."""
    last_seen: dict[tuple[Sign, tuple[str, int]], date] = {}
    for day in sorted(entries):
        chosen = {sign: picks(composition, prefix) for sign, composition in entries[day].items()}
        lines = [pick for found in chosen.values() for pick in found]
        if len(set(lines)) != len(lines):
            yield "shared", (day, sorted(lines))
        for sign, found in chosen.items():
            for pick in found:
                seen = last_seen.get((sign, pick))
                if seen is not None and _too_soon(seen, day, period):
                    yield "repeat", (sign.value, pick, seen, day)
                last_seen[sign, pick] = day


@pytest.mark.parametrize(
    ("period", "prefix"),
    [
        (Period.DAILY, "upay."),
        (Period.DAILY, "tithi.ekadashi"),
        (Period.DAILY, "tithi.purnima"),
        (Period.DAILY, "tithi.amavasya"),
        (Period.DAILY, "moon_house."),
        (Period.WEEKLY, "upay."),
        (Period.WEEKLY, "period_open"),
        (Period.WEEKLY, "period_close"),
        (Period.WEEKLY, "period_lucky"),
        (Period.MONTHLY, "upay."),
        (Period.MONTHLY, "period_open"),
        (Period.MONTHLY, "period_close"),
        (Period.MONTHLY, "period_lucky"),
    ],
)
def test_no_two_signs_share_a_line_on_a_day_and_none_comes_back_within_30_days(
    period: Period, prefix: str
) -> None:
    entries = _year(period)
    read = sum(len(picks(c, prefix)) for by_sign in entries.values() for c in by_sign.values())
    assert read >= 12 * 12  # the pools are read: by every sign, on a dozen days of the year at least
    assert list(_spread_and_repeats(entries, prefix, period))[:5] == []


def test_the_daily_remedy_is_for_the_weekdays_graha_and_comes_back_after_12_weeks() -> None:
    gaps: set[int] = set()
    last_seen: dict[tuple[Sign, tuple[str, int]], date] = {}
    for day, by_sign in sorted(_year(Period.DAILY).items()):
        for sign, composition in by_sign.items():
            (pick,) = picks(composition, "upay.")
            assert pick[0] == f"upay.{WEEKDAY_GRAHAS[day.weekday()].value}", (day, sign)
            if (seen := last_seen.get((sign, pick))) is not None:
                gaps.add((day - seen).days)
            last_seen[sign, pick] = day
    assert gaps == {84}  # a sign meets its weekday's pool once a week and walks its 12 lines


# Shani stays in Meen (sidereal) all through 2026: Sade Sati for Mesh, Kumbh and Meen, Dhaiya for
# Singh and Dhanu.
SHANI_SPELLS_2026 = {Sign.ARIES, Sign.AQUARIUS, Sign.PISCES, Sign.LEO, Sign.SAGITTARIUS}


@pytest.mark.parametrize("period", [Period.WEEKLY, Period.MONTHLY])
def test_a_longer_periods_remedy_is_for_shani_in_sade_sati_or_dhaiya_else_for_the_lord(
    period: Period,
) -> None:
    for day, by_sign in _year(period).items():
        for sign, composition in by_sign.items():
            (pick,) = picks(composition, "upay.")
            graha = Graha.SHANI if sign in SHANI_SPELLS_2026 else lord_of(sign)
            assert pick[0] == f"upay.{graha.value}", (day, sign)


@pytest.mark.parametrize("year", [2026, 2027, 2028])
def test_festival_lines_differ_between_signs_and_a_season_never_repeats_one(year: int) -> None:
    days = sorted({occasion.day for occasion in festivals_in(year)})
    entries = {
        day: {
            sign: compose_with_claims(sign, day, Period.DAILY, System.SIDEREAL, today=day - timedelta(1))
            for sign in Sign
        }
        for day in days
    }
    assert all(len(picks(c, "festival")) == 1 for by_sign in entries.values() for c in by_sign.values())
    assert list(_spread_and_repeats(entries, "festival", Period.DAILY)) == []

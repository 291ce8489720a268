"""Lucky times on grahan days: clear of the sutak and the eclipse as well as Rahu Kaal."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

import pytest

from service.content.calendar import Period
from service.content.composer import compose_horoscope
from service.content.copy_checks import parse_window
from service.content.grahan import eclipse_on
from service.content.lucky import lucky_starts
from service.content.panchang import panchang_for
from service.content.places import default_place
from service.content.zodiac import Sign, System

# The grahans seen from New Delhi with sutak in 2026-2027 (grahan.py; test_eclipses.py proves them).
GRAHAN_DAYS = [date(2026, 3, 3), date(2027, 8, 2)]


def _window(day: date, text: str, zone: tzinfo | None) -> tuple[datetime, datetime]:
    parsed = parse_window(text)
    assert parsed is not None, text
    start, end = (datetime.combine(day, moment, zone) for moment in parsed)
    return start, end


@pytest.mark.parametrize("day", GRAHAN_DAYS)
def test_a_grahan_days_lucky_times_avoid_the_sutak_and_rahu_kaal(day: date) -> None:
    eclipse = eclipse_on(day, default_place())
    assert eclipse is not None
    assert eclipse.sutak_start is not None
    assert eclipse.end is not None
    rahu = panchang_for(day).rahu_kaal
    for system in System:
        for sign in Sign:
            lucky = compose_horoscope(sign, day, Period.DAILY, system, today=day).lucky
            assert lucky.time is not None
            start, end = _window(day, lucky.time, eclipse.end.tzinfo)
            assert end <= eclipse.sutak_start or start >= eclipse.end, (sign, lucky.time)
            assert end <= rahu.start or start >= rahu.end, (sign, lucky.time)


def test_the_eve_of_a_grahan_keeps_clear_of_a_sutak_that_starts_that_day() -> None:
    """A lunar eclipse's sutak starts nine hours before it: on the eve of an early one, that day."""
    day = date(2026, 3, 2)
    eclipse = eclipse_on(day + timedelta(days=1), default_place())
    assert eclipse is not None
    assert eclipse.sutak_start is not None
    _, starts = lucky_starts(day, default_place(), "Asia/Kolkata", 60, near_eclipse=True)
    assert starts
    if eclipse.sutak_start.date() == day:  # not so in 2026 (6:20 AM on the day): the rule holds anyway
        limit = eclipse.sutak_start.hour * 60 + eclipse.sutak_start.minute
        assert all(start + 60 <= limit for start in starts)


def test_days_of_2026_have_windows_of_every_length_clear_of_rahu_kaal() -> None:
    place = default_place()
    for n in range(0, 365, 13):  # every weekday, in every season (the year is in test_content_quality)
        day = date(2026, 1, 1) + timedelta(days=n)
        rahu = panchang_for(day).rahu_kaal
        for length in (60, 75, 90, 120):
            used, starts = lucky_starts(day, place, "Asia/Kolkata", length)
            assert used == length
            midnight = datetime.combine(day, datetime.min.time(), rahu.start.tzinfo)
            for start in starts:
                begin, end = midnight + timedelta(minutes=start), midnight + timedelta(minutes=start + length)
                assert end <= rahu.start or begin >= rahu.end, (day, length, start)

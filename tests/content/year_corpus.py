"""A year of compositions (2026, New Delhi), composed once per test session and shared by the
modules that read it: composing every daily, weekly and monthly entry of both systems takes most
of a minute, so the quality tests and the copy lint read the same one."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from service.content.calendar import Period, period_days
from service.content.composer import Composition, compose_with_claims
from service.content.sky import DEFAULT_TIMEZONE
from service.content.zodiac import Sign, System

YEAR = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
MONDAYS = sorted({period_days(Period.WEEKLY, day)[0] for day in YEAR})
MONTHS = [date(2026, month, 1) for month in range(1, 13)]
TODAY = date(2026, 1, 1)
STARTS = {Period.DAILY: YEAR, Period.WEEKLY: MONDAYS, Period.MONTHLY: MONTHS}


def compose_days(
    system: System, period: Period, days: list[date], timezone: str
) -> dict[date, dict[Sign, Composition]]:
    return {
        day: {
            sign: compose_with_claims(sign, day, period, system, today=TODAY, timezone=timezone)
            for sign in Sign
        }
        for day in days
    }


@cache
def year_of(system: System, period: Period) -> dict[date, dict[Sign, Composition]]:
    """Every entry of 2026 in one system and period at the default place, by first day and sign."""
    return compose_days(system, period, STARTS[period], DEFAULT_TIMEZONE)

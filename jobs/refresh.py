"""Publishing ahead of readers: tomorrow's refresh, the look-ahead prefill, and backfills of a date range.

Every step goes through `Publisher.refresh_horoscope` / `refresh_listicles`,
`service.hindi_publishing.refresh_hindi` and `service.panchang_publishing.refresh_panchang`, which
publish what is missing, regenerate future entries an older engine wrote, and leave overrides and
frozen entries alone. So each job is idempotent: a retry after a crash counts what the first attempt
stored as present. Every edition is published ahead: English in both systems, and Hindi (Vedic only).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from jobs.tally import Tally
from service.content.calendar import Period, period_start
from service.content.zodiac import Sign, System

if TYPE_CHECKING:
    from service.publishing import Publisher

Reading = tuple[Period, date]  # a period and its first day
# The language codes of schemas.language, named here: the jobs' commands load no marshmallow.
ENGLISH, HINDI = "en", "hi"
Edition = tuple[System, str]  # a zodiac system and a language
EDITIONS: tuple[Edition, ...] = (
    (System.TROPICAL, ENGLISH),
    (System.SIDEREAL, ENGLISH),
    (System.SIDEREAL, HINDI),  # the Hindi rashifal is Vedic only (service.editions)
)


def readings_starting(day: date) -> list[Reading]:
    """The readings whose period starts on `day`: the daily one, a week's on Mondays, a month's on the 1st."""
    starting = [(Period.DAILY, day)]
    if day.weekday() == 0:
        starting.append((Period.WEEKLY, day))
    if day.day == 1:
        starting.append((Period.MONTHLY, day))
    return starting


def readings_covering(first_day: date, last_day: date, periods: Iterable[Period]) -> list[Reading]:
    """Every reading of `periods` whose period contains a day from `first_day` to `last_day`."""
    days = [first_day + timedelta(days=offset) for offset in range((last_day - first_day).days + 1)]
    return [
        (period, first) for period in periods for first in sorted({period_start(period, d) for d in days})
    ]


def refresh_readings(
    publisher: Publisher, readings: Iterable[Reading], editions: Iterable[Edition], tally: Tally
) -> None:
    """Refresh all twelve signs' readings in each edition."""
    # Imported here: `jobs list` and the other commands that compose nothing load no phrase bank.
    from service.hindi_publishing import refresh_hindi

    editions = tuple(editions)
    for period, first in readings:
        for system, lang in editions:
            for sign in Sign:
                if lang == HINDI:
                    tally.add(refresh_hindi(publisher, sign, first, period))
                else:
                    tally.add(publisher.refresh_horoscope(sign, first, period, system))


def refresh_day_panchang(publisher: Publisher, day: date, tally: Tally) -> None:
    """The panchang of `day` at the default city (HOROSCOPE_PLACE)."""
    # Imported here: `jobs list` and the other commands that compose nothing load no ephemeris.
    from service.panchang_publishing import default_city, refresh_panchang

    tally.add(refresh_panchang(publisher, default_city(publisher), day))


def refresh_tomorrow(publisher: Publisher, target: date, tally: Tally) -> None:
    """The readings starting on `target` (daily; weekly on Mondays; monthly on the 1st) in every
    edition, its listicles and its panchang."""
    refresh_readings(publisher, readings_starting(target), EDITIONS, tally)
    tally.add_all(publisher.refresh_listicles(target))
    refresh_day_panchang(publisher, target, tally)


def prefill(publisher: Publisher, target: date, tally: Tally) -> None:
    """Every reading, listicle and panchang of `target` and the look-ahead days, so no reader waits."""
    last_day = target + timedelta(days=publisher.config.lookahead_days)
    refresh_readings(publisher, readings_covering(target, last_day, tuple(Period)), EDITIONS, tally)
    for offset in range(publisher.config.lookahead_days + 1):
        day = target + timedelta(days=offset)
        tally.add_all(publisher.refresh_listicles(day))
        refresh_day_panchang(publisher, day, tally)

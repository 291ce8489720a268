"""Lucky details Indian readers can trust: a time clear of Rahu Kaal, or a day of the week or month.

A daily entry's lucky time is a window of an hour to two that never overlaps the day's Rahu Kaal
at the portal's place (HOROSCOPE_PLACE, New Delhi by default), nor a grahan's sutak and the eclipse
itself. Weekly and monthly entries carry a lucky day inside their period instead, never an
eclipse day nor a day the Moon spends in the reader's 8th house (chandrashtama, which South and
North Indian almanacs alike warn against), preferring days it spends in their 1st, 5th, 9th or
11th house. The number and colour are seeded per entry like every other choice.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from service.content import ephemeris
from service.content.calendar import Period
from service.content.draft import Draft
from service.content.entries import Lucky
from service.content.ephemeris import FloatArray
from service.content.grahan import eclipse_on
from service.content.horizon import sun_times
from service.content.places import Place
from service.content.reading import EventKind
from service.content.sky import Sky
from service.content.wording import clock, local_time, zone
from service.content.zodiac import Planet, Sign, System

_WINDOWS = (60, 75, 90, 120)  # minutes
_FIRST_START, _LAST_START = 7 * 60, 20 * 60 + 45  # quarter hours from 7:00 AM to 8:45 PM
_AVOIDED_HOUSES = frozenset({8})
# Between these illuminated fractions (at noon) no eclipse's sutak can touch the day.
_QUIET_ILLUMINATION = (0.03, 0.95)
_FAVOURED_HOUSES = frozenset({1, 5, 9, 11})

# Which eighth of the daytime (sunrise to sunset) is Rahu Kaal, Monday first, as service.content.panchang.
RAHU_KAAL_EIGHTHS = (2, 7, 5, 6, 4, 3, 8)

Span = tuple[int, int]  # minutes after local midnight, [start, end)


def lucky_details(draft: Draft, sky: Sky, place: Place) -> Lucky:
    """The entry's lucky number and colour, with a time (daily) or a day (weekly, monthly)."""
    rng = draft.chooser.rng
    reading = draft.reading
    if reading.period is Period.DAILY:
        length = _WINDOWS[rng.randrange(len(_WINDOWS))]
        # A grahan's sutak can start the evening before: near a new or full Moon, ask both days.
        syzygy = not _QUIET_ILLUMINATION[0] < sky.moon_illumination < _QUIET_ILLUMINATION[1]
        length, starts = lucky_starts(reading.first_day, place, reading.timezone, length, near_eclipse=syzygy)
        start = starts[rng.randrange(len(starts))]
        number = rng.randint(1, 99)
        window = f"{clock(start)} - {clock(start + length)}"
        return Lucky(number, draft.chooser.rotate("colour", draft.bank["colour"]), time=window)
    days = lucky_days(
        sky, reading.sign, reading.system, (reading.first_day, reading.last_day), _eclipse_days(draft)
    )
    day = days[rng.randrange(len(days))]
    number = rng.randint(1, 99)
    return Lucky(number, draft.chooser.rotate("colour", draft.bank["colour"]), day=day)


def lucky_starts(
    day: date, place: Place, timezone: str, length: int, *, near_eclipse: bool = False
) -> tuple[int, list[int]]:
    """A window length and the starts (minutes after local midnight) of windows that long clear of
    the day's avoided spans: `length` if any fit, else the longest shorter one that does, else
    windows clear of Rahu Kaal alone (a long sutak can cover most of a day)."""
    avoided = avoided_spans(day, place, timezone, near_eclipse=near_eclipse)
    for spans in (avoided, avoided[:1]):
        for minutes in (length, *(w for w in reversed(_WINDOWS) if w < length)):
            starts = [
                start
                for start in range(_FIRST_START, _LAST_START + 1, 15)
                if not any(start < end and begin < start + minutes for begin, end in spans)
            ]
            if starts:
                return minutes, starts
    raise AssertionError("Rahu Kaal is an eighth of the daytime: some window always fits")


def avoided_spans(day: date, place: Place, timezone: str, *, near_eclipse: bool = False) -> list[Span]:
    """Rahu Kaal, then near a new or full Moon any grahan's sutak (to the eclipse's end) that
    touches the day, in local minutes."""
    spans = [rahu_kaal_minutes(day, place, timezone)]
    for when in (day, day + timedelta(days=1)) if near_eclipse else ():
        eclipse = eclipse_on(when, place)
        if eclipse is not None and eclipse.sutak_start is not None and eclipse.end is not None:
            spans.append(_minutes(eclipse.sutak_start, eclipse.end, day, timezone))
    return spans


@lru_cache(maxsize=1024)
def rahu_kaal_minutes(day: date, place: Place, timezone: str) -> Span:
    """The day's Rahu Kaal at a place in local minutes, widened by a minute each side: the panchang
    finds sunrise by another search, which can land a few seconds away."""
    sunrise, sunset = _sun_times(day.year, place)
    index = (day - _year_start(day.year)).days
    eighth = (sunset[index] - sunrise[index]) / 8.0
    start = sunrise[index] + eighth * (RAHU_KAAL_EIGHTHS[day.weekday()] - 1)
    return _minutes(_instant(start), _instant(start + eighth), day, timezone)


@lru_cache(maxsize=16)
def _sun_times(year: int, place: Place) -> tuple[FloatArray, FloatArray]:
    """Sunrise and sunset (TT) of every day of a year at a place: one vectorised search a year."""
    return sun_times(place, _year_start(year), min(date(year, 12, 31), ephemeris.LAST_SUPPORTED_DAY))


def _year_start(year: int) -> date:
    return max(date(year, 1, 1), ephemeris.FIRST_SUPPORTED_DAY)


def _instant(jd_tt: float) -> datetime:
    utc: datetime = ephemeris.timescale().tt_jd(float(jd_tt)).utc_datetime()
    return utc


def lucky_days(
    sky: Sky, sign: Sign, system: System, period: tuple[date, date], eclipse_days: frozenset[date]
) -> list[date]:
    """The period's days fit to be lucky: favoured ones if any, else any that is not avoided."""
    first, last = period
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    houses = {d: sign.house_of(moon_sign_at_noon(sky, d, system)) for d in days}
    allowed = [d for d in days if d not in eclipse_days and houses[d] not in _AVOIDED_HOUSES]
    favoured = [d for d in allowed if houses[d] in _FAVOURED_HOUSES]
    return favoured or allowed or days


def moon_sign_at_noon(sky: Sky, day: date, system: System) -> Sign:
    """The Moon's sign in a zodiac system at local noon of a day of the sky's range."""
    return sky.sign_at(Planet.MOON, system, datetime.combine(day, time(12), zone(sky.timezone)))


def _eclipse_days(draft: Draft) -> frozenset[date]:
    return frozenset(e.day for e in draft.reading.events if e.kind is EventKind.ECLIPSE)


def _minutes(start: datetime, end: datetime, day: date, timezone: str) -> Span:
    midnight = datetime.combine(day, time(0), zone(timezone))
    begin = (local_time(start, timezone) - midnight).total_seconds() / 60
    finish = (local_time(end, timezone) - midnight).total_seconds() / 60
    return math.floor(begin) - 1, math.ceil(finish) + 1

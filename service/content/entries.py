"""The horoscope as the domain hands it out: plain frozen dataclasses, and its title."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from service.content.calendar import Period, long_date, period_days, range_label, relative_word
from service.content.zodiac import Sign, System

LIFE_AREAS = ("love", "career", "money", "health")


@dataclass(frozen=True, slots=True)
class Section:
    """One life area's paragraph and its 1-5 rating."""

    text: str
    rating: int


@dataclass(frozen=True, slots=True)
class Lucky:
    """Lucky number and colour, with a time of day (daily) or a day of the period (weekly, monthly)."""

    number: int
    color: str
    time: str | None = None  # daily: a local window clear of Rahu Kaal, '2:00 PM - 3:30 PM'
    day: date | None = None  # weekly and monthly: a day inside the period


@dataclass(frozen=True, slots=True)
class OccasionFact:
    """A festival the entry names, on its civil day at the portal's place."""

    day: date
    slug: str  # 'diwali', as service/content/festivals.py names it
    name: str  # 'Diwali'
    hindi: str  # 'दिवाली'


@dataclass(frozen=True, slots=True)
class SkyEventFact:
    """An event the text relies on, for readers and editors who want to check it."""

    kind: str  # ingress, station, lunation
    at: str  # ISO 8601 instant, UTC
    summary: str  # 'Mercury turns retrograde in Scorpio'


@dataclass(frozen=True, slots=True)
class AspectFact:
    at: str  # ISO 8601 instant, UTC
    first: str  # planet names, lower case
    second: str
    aspect: str
    summary: str  # 'Venus trine Jupiter'


@dataclass(frozen=True, slots=True)
class SkyFacts:
    """The facts of the sky a reading used, in the reading's zodiac system."""

    moon_sign: Sign
    moon_phase: str
    moon_illumination: float
    retrograde: tuple[str, ...]
    events: tuple[SkyEventFact, ...]
    aspects: tuple[AspectFact, ...]


@dataclass(frozen=True, slots=True)
class Sections:
    love: Section
    career: Section
    money: Section
    health: Section


@dataclass(frozen=True, slots=True)
class Horoscope:
    """A complete reading for one sign, period and system; `date` is the period's first day."""

    sign: Sign
    date: date
    period: Period
    system: System
    headline: str  # 'Financial Strength And Strategic Investments'
    title: str  # the headline in the portal's style, relative to the `today` it was composed for
    teaser: str
    body: tuple[str, ...]
    sections: Sections
    lucky: Lucky
    mood: str
    compatibility: Sign
    sky: SkyFacts
    version: str
    occasions: tuple[OccasionFact, ...] = ()  # the festivals of the period the text names


def horoscope_title(sign: Sign, first_day: date, period: Period, headline: str, today: date) -> str:
    """The portal's headline: 'Sagittarius Horoscope Tomorrow, February 05, 2026: Theme And Theme'."""
    if period is Period.WEEKLY:
        return f"{sign.title} Weekly Horoscope, {range_label(*period_days(period, first_day))}: {headline}"
    if period is Period.MONTHLY:
        month = calendar.month_name[first_day.month]
        return f"{sign.title} Monthly Horoscope, {month} {first_day.year}: {headline}"
    word = relative_word(first_day, today)
    separator = (
        " " if word == "For" else ", "
    )  # 'Leo Horoscope For February 10, 2026', 'Leo Horoscope Today, ...'
    return f"{sign.title} Horoscope {word}{separator}{long_date(first_day)}: {headline}"


def headline_in_title(title: str, sign: Sign, first_day: date, period: Period) -> str | None:
    """The headline of a title written in the house style for this entry, else None.

    Any relative word is accepted ('Leo Horoscope Today, February 05, 2026: ...' for an entry read
    tomorrow), and a daily title may leave out the date ('Leo Horoscope Tomorrow: ...'): the prefix
    is composed again at read time, so only the headline is kept.
    """
    prefix, separator, headline = title.partition(": ")
    if not separator or not headline.strip():
        return None
    if period is Period.DAILY:
        words = ("Today", "Tomorrow", "Yesterday")
        dated = [f"{sign.title} Horoscope {word}, {long_date(first_day)}" for word in words]
        prefixes = [*dated, f"{sign.title} Horoscope For {long_date(first_day)}"]
        prefixes += [f"{sign.title} Horoscope {word}" for word in words]
    else:
        prefixes = [horoscope_title(sign, first_day, period, "", first_day).removesuffix(": ")]
    wanted = " ".join(prefix.split()).casefold()
    if any(wanted == known.casefold() for known in prefixes):
        return headline.strip()
    return None

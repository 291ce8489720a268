"""Small words the composer prints: ordinals, sign names per system, dates and times of day."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from service.content.sky import LunarPhase
from service.content.zodiac import Planet, Sign, System

_ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth",
    "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
)  # fmt: skip

# How a phase reads before the word 'Moon': 'a waxing gibbous Moon', 'the full Moon'.
PHASE_ADJECTIVES: dict[LunarPhase, str] = {
    LunarPhase.NEW_MOON: "new",
    LunarPhase.WAXING_CRESCENT: "waxing crescent",
    LunarPhase.FIRST_QUARTER: "first-quarter",
    LunarPhase.WAXING_GIBBOUS: "waxing gibbous",
    LunarPhase.FULL_MOON: "full",
    LunarPhase.WANING_GIBBOUS: "waning gibbous",
    LunarPhase.LAST_QUARTER: "last-quarter",
    LunarPhase.WANING_CRESCENT: "waning crescent",
}


def ordinal(house: int) -> str:
    """The house number as a word: 5 -> 'fifth'."""
    return _ORDINALS[house - 1]


def opposite(house: int) -> int:
    """The house across the zodiac: 1 -> 7, 9 -> 3."""
    return (house + 5) % 12 + 1


def eclipse_name(eclipsed: Planet, kind: str) -> str:
    """'total lunar eclipse', 'annular solar eclipse'."""
    return f"{kind} {'lunar' if eclipsed is Planet.MOON else 'solar'} eclipse"


def grahan(eclipsed: Planet) -> str:
    """An eclipse's name on Indian calendars: Chandra Grahan (the Moon's), Surya Grahan (the Sun's)."""
    return "Chandra Grahan" if eclipsed is Planet.MOON else "Surya Grahan"


def sign_name(sign: Sign, system: System) -> str:
    """A sign as printed in a system: 'Scorpio', or 'Scorpio (Vrishchika)' for sidereal readers."""
    if system is System.SIDEREAL:
        return f"{sign.title} ({sign.facts.sidereal_name})"
    return sign.title


@cache
def zone(timezone: str) -> ZoneInfo:
    """The ZoneInfo of a time zone name, built once."""
    return ZoneInfo(timezone)


def local_time(at: datetime, timezone: str) -> datetime:
    """An instant as wall-clock time in the zone."""
    return at.astimezone(zone(timezone))


def time_of_day(at: datetime, timezone: str) -> str:
    """When in the local day an instant falls, as a phrase: 'this afternoon'."""
    hour = local_time(at, timezone).hour
    if hour < 5:
        return "before dawn"
    if hour < 12:
        return "this morning"
    if hour < 17:
        return "this afternoon"
    if hour < 21:
        return "this evening"
    return "late tonight"


def on_day(day: date) -> str:
    """A date inside a week or month, as prose: 'on February 17'."""
    return f"on {calendar.month_name[day.month]} {day.day}"


def clock(minutes: int) -> str:
    """Minutes after local midnight on the 12-hour clock: 870 -> '2:30 PM'."""
    hour, minute = divmod(minutes % (24 * 60), 60)
    suffix = "AM" if hour < 12 else "PM"
    return f"{(hour - 1) % 12 + 1}:{minute:02d} {suffix}"

"""The portal's calendar in real time: local today, and the day words in URLs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from service.content.errors import ContentError

DAY_ALIASES = {"today": 0, "tomorrow": 1, "yesterday": -1}


def alias_of(text: str) -> str | None:
    """The day word a URL's day is written as ('today', 'tomorrow', 'yesterday'), or None for a date."""
    lowered = text.strip().lower()
    return lowered if lowered in DAY_ALIASES else None


class InvalidDay(ContentError):
    """A day in a URL that is neither an alias nor an ISO date."""

    status = 404  # a path segment that names no day names no resource
    title = "Invalid day"


def utc_now() -> datetime:
    """The current instant, UTC-aware; the only clock read in the service."""
    return datetime.now(UTC)


def local_today(now: datetime, zone: ZoneInfo) -> date:
    """The portal's civil date at instant `now`."""
    return now.astimezone(zone).date()


def parse_day(text: str, today: date) -> date:
    """'today', 'tomorrow', 'yesterday' (against the portal's today) or YYYY-MM-DD."""
    lowered = text.strip().lower()
    if lowered in DAY_ALIASES:
        return today + timedelta(days=DAY_ALIASES[lowered])
    try:
        if len(lowered) != 10:
            raise ValueError
        return date.fromisoformat(lowered)
    except ValueError:
        raise InvalidDay(
            f"'{text}' is not a day: use today, tomorrow, yesterday or a date as YYYY-MM-DD."
        ) from None


def isoformat_utc(instant: datetime) -> str:
    """'2026-02-04T18:35:00Z': how instants appear in stored records and responses."""
    return instant.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")

"""When a cron schedule fired: the firing a run belongs to, and the firings a stopped scheduler missed."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from service.schedules import next_fire

# How many local days back a starting scheduler looks for firings it missed: a scheduler down longer
# has more to fix than yesterday's run, and the prefill covers the readers' window anyway.
CATCH_UP_DAYS = 2


def firings(schedule: str, zone: ZoneInfo, after: datetime, until: datetime) -> list[datetime]:
    """Firings of cron `schedule` (in `zone`) strictly after `after` and at or before `until`, in UTC."""
    found: list[datetime] = []
    fire = next_fire(schedule, zone, after)
    while fire is not None and fire <= until:
        found.append(fire)
        fire = next_fire(schedule, zone, fire)  # strictly later, even inside a repeated (fall-back) hour
    return found


def recent_firings(schedule: str, zone: ZoneInfo, now: datetime) -> list[datetime]:
    """Firings from local midnight CATCH_UP_DAYS days before today up to `now`, in UTC."""
    # Counted in local days, not hours: a 25-hour day must not push yesterday's firing out.
    first_day = now.astimezone(zone).date() - timedelta(days=CATCH_UP_DAYS)
    midnight = datetime.combine(first_day, time(), zone).astimezone(UTC)
    return firings(schedule, zone, midnight - timedelta(microseconds=1), now)


def latest_firing(schedule: str, zone: ZoneInfo, now: datetime) -> datetime | None:
    """The last firing at or before `now` in the catch-up window (None if there was none)."""
    recent = recent_firings(schedule, zone, now)
    return recent[-1] if recent else None

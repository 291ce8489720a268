"""When a cron schedule fired: the firing a run belongs to, and the firings a stopped scheduler missed."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from service.schedules import next_fire

# How far back a starting scheduler looks for firings it missed: a scheduler down longer than this
# has more to fix than yesterday's run, and the prefill covers the readers' window anyway.
CATCH_UP_WINDOW = timedelta(days=2)


def firings(schedule: str, zone: ZoneInfo, after: datetime, until: datetime) -> list[datetime]:
    """Firings of cron `schedule` (in `zone`) strictly after `after` and at or before `until`, in UTC."""
    found: list[datetime] = []
    fire = next_fire(schedule, zone, after)
    while fire is not None and fire <= until:
        found.append(fire)
        fire = next_fire(schedule, zone, fire)
    return found


def latest_firing(schedule: str, zone: ZoneInfo, now: datetime) -> datetime | None:
    """The last firing at or before `now` within the catch-up window (None if there was none)."""
    recent = firings(schedule, zone, now - CATCH_UP_WINDOW, now)
    return recent[-1] if recent else None

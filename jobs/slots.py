"""When a cron schedule fired: the firing a run belongs to, and the firings a stopped scheduler missed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from service.schedules import WallClockCronTrigger, next_fire

# How far back a starting scheduler looks for firings it missed: a scheduler down longer than this
# has more to fix than yesterday's run, and the prefill covers the readers' window anyway.
CATCH_UP_WINDOW = timedelta(days=2)


def firings(schedule: str, zone: ZoneInfo, after: datetime, until: datetime) -> list[datetime]:
    """Firings of cron `schedule` (in `zone`) strictly after `after` and at or before `until`, in UTC."""
    trigger = WallClockCronTrigger.from_crontab(schedule, timezone=zone)
    found: list[datetime] = []
    fire = next_firing(schedule, zone, after)
    while fire is not None and fire <= until:
        found.append(fire)
        # Stepping from the previous firing, as APScheduler does: asked without one, APScheduler 3
        # can answer the first 01:30 again inside a repeated (fall-back) hour, and this would never end.
        local = fire.astimezone(zone)
        following: datetime | None = trigger.get_next_fire_time(local, local)
        fire = None if following is None else following.astimezone(UTC)
    return found


def next_firing(schedule: str, zone: ZoneInfo, now: datetime) -> datetime | None:
    """The first firing strictly after `now`, in UTC (next_fire, kept strictly later in a fall-back hour)."""
    fire = next_fire(schedule, zone, now)
    if fire is not None and fire <= now:
        trigger = WallClockCronTrigger.from_crontab(schedule, timezone=zone)
        local = fire.astimezone(zone)
        later: datetime | None = trigger.get_next_fire_time(local, local)
        fire = None if later is None else later.astimezone(UTC)
    return fire


def latest_firing(schedule: str, zone: ZoneInfo, now: datetime) -> datetime | None:
    """The last firing at or before `now` within the catch-up window (None if there was none)."""
    recent = firings(schedule, zone, now - CATCH_UP_WINDOW, now)
    return recent[-1] if recent else None

"""Cron schedules in the portal's time zone that keep to the wall clock across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger


class WallClockCronTrigger(CronTrigger):  # type: ignore[misc]
    """CronTrigger that does not skip a day around a daylight-saving change.

    APScheduler 3's CronTrigger steps a day forward by adding the wall-clock difference as a UTC
    duration, so on a 23-hour day "5 0 * * *" asked at 00:10 answers the day after next. Asking
    again from each local midnight in between finds the firing it stepped over.
    """

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        found: datetime | None = super().get_next_fire_time(previous_fire_time, now)
        if found is None:
            return None
        start = (
            now if previous_fire_time is None else min(now, previous_fire_time + timedelta(microseconds=1))
        )
        zone = self.timezone
        day = start.astimezone(zone).date() + timedelta(days=1)
        while day <= found.astimezone(zone).date():
            midnight = datetime.combine(day, time(), tzinfo=zone)
            candidate: datetime | None = super().get_next_fire_time(None, midnight)
            if candidate is not None and start < candidate < found:
                return candidate
            day += timedelta(days=1)
        return found


def next_fire(schedule: str, zone: ZoneInfo, now: datetime) -> datetime | None:
    """The first firing of cron `schedule` (in `zone`) strictly after `now`, in UTC."""
    trigger = WallClockCronTrigger.from_crontab(schedule, timezone=zone)
    fire: datetime | None = trigger.get_next_fire_time(None, now.astimezone(zone) + timedelta(microseconds=1))
    # In a repeated hour (clocks going back) APScheduler may answer the same wall time again, even
    # when told it already fired; step a minute (cron's resolution) past it until it moves on.
    probe = now
    while fire is not None and fire <= now:
        probe += timedelta(minutes=1)
        fire = trigger.get_next_fire_time(None, probe.astimezone(zone))
    return None if fire is None else fire.astimezone(UTC)

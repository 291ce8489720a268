from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from service.schedules import WallClockCronTrigger

NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("previous", "expected"),
    [
        # The spring-forward day, 2026-03-08, has 23 hours; the fall-back day, 2026-11-01, has 25.
        (datetime(2026, 3, 7, 5, 5, tzinfo=UTC), datetime(2026, 3, 8, 5, 5, tzinfo=UTC)),
        (datetime(2026, 3, 8, 5, 5, tzinfo=UTC), datetime(2026, 3, 9, 4, 5, tzinfo=UTC)),
        (datetime(2026, 10, 31, 4, 5, tzinfo=UTC), datetime(2026, 11, 1, 4, 5, tzinfo=UTC)),
        (datetime(2026, 11, 1, 4, 5, tzinfo=UTC), datetime(2026, 11, 2, 5, 5, tzinfo=UTC)),
    ],
)
def test_daily_firings_keep_to_the_wall_clock_over_dst(previous: datetime, expected: datetime) -> None:
    trigger = WallClockCronTrigger.from_crontab("5 0 * * *", timezone=NEW_YORK)
    fire = trigger.get_next_fire_time(previous.astimezone(NEW_YORK), previous.astimezone(NEW_YORK))
    assert fire is not None
    assert fire.astimezone(UTC) == expected


def test_every_local_day_fires_once_through_a_dst_year() -> None:
    trigger = WallClockCronTrigger.from_crontab("5 0 * * *", timezone=NEW_YORK)
    fire = datetime(2026, 1, 1, 0, 5, tzinfo=NEW_YORK)
    days = []
    for _ in range(364):
        fire = trigger.get_next_fire_time(fire, fire)
        local = fire.astimezone(NEW_YORK)
        assert (local.hour, local.minute) == (0, 5)
        days.append(local.date())
    assert len(set(days)) == 364
    assert (days[-1] - days[0]).days == 363

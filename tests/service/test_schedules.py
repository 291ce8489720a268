from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from service.schedules import WallClockCronTrigger, next_fire

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


def test_next_fire_is_strictly_later_in_a_repeated_hour() -> None:
    # 2026-11-01 01:30 happens twice in New York; at the second (06:30 UTC) the next is a day later.
    now = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    fire = next_fire("30 1 * * *", NEW_YORK, now)
    assert fire is not None
    assert fire > now
    assert fire == datetime(2026, 11, 2, 6, 30, tzinfo=UTC)

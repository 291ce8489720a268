"""The target-date rule, in the portal's zone, around local midnight and daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from jobs.definitions import JOBS, job_named
from jobs.errors import InvalidTarget, UnknownJob
from jobs.prune import last_day_of
from jobs.refresh import readings_covering, readings_starting
from jobs.slots import firings, latest_firing
from service.config import Config
from service.content.calendar import Period
from service.schedules import next_fire
from tests.jobs.conftest import KOLKATA, NEW_YORK, local

REFRESH = job_named("refresh-tomorrow")


def scheduled_target(schedule: str, zone, now: datetime) -> date:  # type: ignore[no-untyped-def]
    firing = latest_firing(schedule, zone, now)
    assert firing is not None
    return REFRESH.target_of(firing, zone)


@pytest.mark.parametrize(
    ("wall_clock", "target"),
    [
        ((2026, 2, 4, 0, 5), date(2026, 2, 5)),  # the firing itself
        ((2026, 2, 4, 0, 4), date(2026, 2, 4)),  # a minute early: still the Feb 3 firing's date
        ((2026, 2, 4, 10, 0), date(2026, 2, 5)),
        ((2026, 2, 4, 23, 59), date(2026, 2, 5)),  # late on Feb 4: Feb 5, which runs only if not done
        ((2026, 2, 5, 0, 1), date(2026, 2, 5)),  # a Feb 4 firing delayed past midnight keeps its date
    ],
)
def test_a_refresh_targets_the_day_after_its_firing_in_kolkata(
    wall_clock: tuple[int, ...], target: date
) -> None:
    assert scheduled_target("5 0 * * *", KOLKATA, local(KOLKATA, *wall_clock)) == target


def test_the_kolkata_firing_is_local_midnight_not_utc() -> None:
    firing = latest_firing("5 0 * * *", KOLKATA, local(KOLKATA, 2026, 2, 4, 10, 0))
    assert firing == datetime(2026, 2, 3, 18, 35, tzinfo=UTC)  # 00:05 IST on Feb 4 is 18:35 UTC on Feb 3


@pytest.mark.parametrize(("first", "hours"), [(date(2026, 3, 8), 23), (date(2026, 11, 1), 25)])
def test_daylight_saving_days_fire_once_per_local_day(first: date, hours: int) -> None:
    days_before, days_after = first - timedelta(days=3), first + timedelta(days=3)
    daily = firings(
        "5 0 * * *",
        NEW_YORK,
        local(NEW_YORK, *days_before.timetuple()[:3]),
        local(NEW_YORK, *days_after.timetuple()[:3]),
    )
    targets = [REFRESH.target_of(firing, NEW_YORK) for firing in daily]
    assert all(f.astimezone(NEW_YORK).time().isoformat() == "00:05:00" for f in daily)
    assert targets == [days_before + timedelta(days=i) for i in range(1, 7)], "no date skipped or repeated"
    midnight = local(NEW_YORK, first.year, first.month, first.day)
    next_midnight = local(NEW_YORK, *(first + timedelta(days=1)).timetuple()[:3])
    assert (next_midnight - midnight) == timedelta(hours=hours)
    hourly = firings("30 * * * *", NEW_YORK, midnight, next_midnight)
    assert len(hourly) == hours == len(set(hourly)), "every local hour fires once, the repeated one twice"


@pytest.mark.parametrize(
    ("wall_clock", "target"),
    [
        ((2026, 3, 8, 0, 5), date(2026, 3, 9)),
        ((2026, 3, 8, 23, 30), date(2026, 3, 9)),  # the 23-hour day
        ((2026, 3, 9, 0, 5), date(2026, 3, 10)),
        ((2026, 11, 1, 0, 5), date(2026, 11, 2)),
        ((2026, 11, 1, 23, 30), date(2026, 11, 2)),  # the 25-hour day
        ((2026, 11, 2, 0, 5), date(2026, 11, 3)),
    ],
)
def test_new_york_targets_around_daylight_saving(wall_clock: tuple[int, ...], target: date) -> None:
    assert scheduled_target("5 0 * * *", NEW_YORK, local(NEW_YORK, *wall_clock)) == target


def test_next_firing_is_strictly_later_inside_the_repeated_hour() -> None:
    second_half_past_one = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)  # 01:30 EST, after 01:30 EDT
    fire = next_fire("30 * * * *", NEW_YORK, second_half_past_one + timedelta(microseconds=1))
    assert fire == datetime(2026, 11, 1, 7, 30, tzinfo=UTC)


def test_readings_starting_a_day() -> None:
    assert readings_starting(date(2026, 2, 5)) == [(Period.DAILY, date(2026, 2, 5))]
    assert readings_starting(date(2026, 2, 9)) == [
        (Period.DAILY, date(2026, 2, 9)),
        (Period.WEEKLY, date(2026, 2, 9)),
    ]
    assert readings_starting(date(2026, 6, 1)) == [
        (Period.DAILY, date(2026, 6, 1)),
        (Period.WEEKLY, date(2026, 6, 1)),
        (Period.MONTHLY, date(2026, 6, 1)),
    ]


def test_readings_covering_a_range_include_periods_that_started_before_it() -> None:
    readings = readings_covering(date(2026, 2, 28), date(2026, 3, 2), (Period.WEEKLY, Period.MONTHLY))
    assert readings == [
        (Period.WEEKLY, date(2026, 2, 23)),
        (Period.WEEKLY, date(2026, 3, 2)),
        (Period.MONTHLY, date(2026, 2, 1)),
        (Period.MONTHLY, date(2026, 3, 1)),
    ]


def test_manual_targets_stay_inside_the_readers_window() -> None:
    config, today = Config(past_days=10, future_days=5), date(2026, 2, 4)
    REFRESH.check_target(date(2026, 2, 9), today, config)
    with pytest.raises(InvalidTarget, match="2026-01-25 to 2026-02-09"):
        REFRESH.check_target(date(2026, 2, 10), today, config)
    with pytest.raises(InvalidTarget, match="not 2026-02-05"):
        job_named("prune").check_target(date(2026, 2, 5), today, config)


def test_jobs_have_stable_names_and_one_instance_each() -> None:
    assert [job.name for job in JOBS] == ["refresh-tomorrow", "prefill", "prune"]
    assert all(job.max_instances == 1 and job.coalesce for job in JOBS)
    with pytest.raises(UnknownJob, match="refresh-tomorrow, prefill, prune"):
        job_named("refresh-today")


@pytest.mark.parametrize(
    ("entry_id", "last_day"),
    [
        ("horoscope:tropical:daily:leo:2026-02-05", date(2026, 2, 5)),
        ("horoscope:sidereal:weekly:leo:2026-02-02", date(2026, 2, 8)),
        ("horoscope:tropical:monthly:leo:2026-02-01", date(2026, 2, 28)),
        ("listicle:foods-that-promote-longevity:2026-02-05", date(2026, 2, 5)),
        ("listicle-plan:2026-02-05", date(2026, 2, 5)),
        ("horoscope:tropical:yearly:leo:2026-01-01", None),
        ("tokens", None),
        ("listicle-plan:someday", None),
    ],
)
def test_the_last_day_an_entry_covers(entry_id: str, last_day: date | None) -> None:
    assert last_day_of(entry_id) == last_day

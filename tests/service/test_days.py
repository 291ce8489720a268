from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from service.days import InvalidDay, alias_of, isoformat_utc, local_today, parse_day

KOLKATA = ZoneInfo("Asia/Kolkata")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 2, 4)),
        ("Tomorrow", date(2026, 2, 5)),
        ("YESTERDAY", date(2026, 2, 3)),
        ("2026-02-05", date(2026, 2, 5)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_days_parse_against_the_portals_today(text: str, expected: date) -> None:
    assert parse_day(text, today=date(2026, 2, 4)) == expected


@pytest.mark.parametrize("text", ["2026-13-01", "2026-02-30", "20260205", "2026-2-5", "next week", ""])
def test_bad_days_are_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(InvalidDay, match="YYYY-MM-DD"):
        parse_day(text, today=date(2026, 2, 4))


def test_local_today_turns_at_midnight_in_kolkata() -> None:
    # Kolkata is UTC+05:30: its midnight is 18:30 UTC the day before.
    assert local_today(datetime(2026, 2, 4, 18, 29, 59, tzinfo=UTC), KOLKATA) == date(2026, 2, 4)
    assert local_today(datetime(2026, 2, 4, 18, 30, 0, tzinfo=UTC), KOLKATA) == date(2026, 2, 5)


def test_local_today_follows_daylight_saving() -> None:
    # New York is UTC-5 in winter, UTC-4 from 2026-03-08 02:00 local.
    assert local_today(datetime(2026, 3, 8, 4, 59, tzinfo=UTC), NEW_YORK) == date(2026, 3, 7)
    assert local_today(datetime(2026, 3, 8, 5, 0, tzinfo=UTC), NEW_YORK) == date(2026, 3, 8)
    assert local_today(datetime(2026, 3, 9, 3, 59, tzinfo=UTC), NEW_YORK) == date(2026, 3, 8)
    assert local_today(datetime(2026, 3, 9, 4, 0, tzinfo=UTC), NEW_YORK) == date(2026, 3, 9)


def test_instants_are_written_in_utc() -> None:
    assert isoformat_utc(datetime(2026, 2, 5, 0, 5, tzinfo=KOLKATA)) == "2026-02-04T18:35:00Z"


def test_the_day_word_of_a_url() -> None:
    assert [alias_of(text) for text in ("today", "Tomorrow", "YESTERDAY", "2026-02-05")] == [
        "today",
        "tomorrow",
        "yesterday",
        None,
    ]

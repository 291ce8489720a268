"""The festival calendar against published New Delhi dates, with the source beside each date.

Where portals disagree, drikpanchang.com's New Delhi date (as the cited article quotes it) is the
one expected. The years before 2026 pin the rules' edge cases: Diwali with Amavasya on two
evenings (2024: the second; 2025: the first), Dussehra moved by Shravana nakshatra (2022),
Raksha Bandhan under Bhadra (2023), Janmashtami by udaya tithi (2025).
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from service.content.errors import DateOutOfRange
from service.content.festivals import FESTIVALS, festivals_in, festivals_on
from service.content.places import place

# slug -> (date, source). "Not found" marks a date no published 2026 calendar in reach confirmed:
# it is what the festival's written rule gives, the rule being checked on other years below.
PUBLISHED_2026: dict[str, tuple[date, str]] = {
    "makar-sankranti": (
        date(2026, 1, 14),
        "News18 via Glance: 14 Jan, Sankranti 3:13 PM; 2026 holiday list (Staunch)",
    ),
    "valentines-day": (date(2026, 2, 14), "14 February"),
    "maha-shivaratri": (date(2026, 2, 15), "LiveMint, 15 Feb 2026, citing Drik Panchang"),
    "holika-dahan": (
        date(2026, 3, 2),
        "India Today, 2 Mar 2026, citing Drik Panchang (some calendars: 3 March)",
    ),
    "holi": (
        date(2026, 3, 4),
        "India Today citing Drik Panchang; Moneycontrol: moved by the 3 March eclipse",
    ),
    "ram-navami": (date(2026, 3, 26), "India Today, 6 Mar 2026"),
    "raksha-bandhan": (date(2026, 8, 28), "2026 holiday list (Staunch Digital Marketing)"),
    "janmashtami": (date(2026, 9, 4), "2026 holiday list (Staunch Digital Marketing)"),
    "ganesh-chaturthi": (date(2026, 9, 14), "2026 holiday list (Staunch Digital Marketing)"),
    "navratri": (date(2026, 10, 11), "not found: Ashwin Shukla Pratipada holds sunrise on 11 Oct"),
    "dussehra": (date(2026, 10, 20), "2026 holiday list (Staunch Digital Marketing)"),
    "karva-chauth": (date(2026, 10, 29), "not found: Chaturthi holds the moonrise of 29 Oct"),
    "dhanteras": (date(2026, 11, 6), "GrahaGuru and Vividh Gyan, Diwali 2026 guides"),
    "diwali": (date(2026, 11, 8), "GrahaGuru and Vividh Gyan, Diwali 2026 guides"),
    "chhath": (date(2026, 11, 15), "not found: Kartika Shukla Shashthi holds sunrise on 15 Nov"),
}

# Only Holi's dates were found published for 2027; the rest pin what the rules give (regression).
PUBLISHED_2027: dict[str, tuple[date, str]] = {
    "makar-sankranti": (date(2027, 1, 15), "computed: the Sun enters Makara after sunset on 14 Jan"),
    "valentines-day": (date(2027, 2, 14), "14 February"),
    "maha-shivaratri": (date(2027, 3, 6), "computed"),
    "holika-dahan": (date(2027, 3, 21), "ABP Live, Holi 2027: Holika Dahan Sunday 21 March"),
    "holi": (date(2027, 3, 22), "ABP Live, Holi 2027: Monday 22 March"),
    "ram-navami": (date(2027, 4, 15), "computed"),
    "raksha-bandhan": (date(2027, 8, 17), "computed"),
    "janmashtami": (date(2027, 8, 25), "computed"),
    "ganesh-chaturthi": (date(2027, 9, 4), "computed"),
    "navratri": (date(2027, 9, 30), "computed"),
    "dussehra": (date(2027, 10, 9), "computed"),
    "karva-chauth": (date(2027, 10, 18), "computed"),
    "dhanteras": (date(2027, 10, 27), "computed"),
    "diwali": (date(2027, 10, 29), "computed"),
    "chhath": (date(2027, 11, 4), "computed"),
}

EARLIER: list[tuple[str, date, str]] = [
    ("diwali", date(2020, 11, 14), "Mid-day, 14 Nov 2020"),
    ("diwali", date(2021, 11, 4), "Republic World, 4 Nov 2021"),
    ("diwali", date(2023, 11, 12), "Free Press Journal, Diwali 2023"),
    ("diwali", date(2024, 11, 1), "Business Today, 1 Nov 2024: 'Drik Panchang recommends November 1'"),
    ("diwali", date(2025, 10, 20), "eNews Bharat: Amavasya ends before the 21st's pradosh"),
    ("holika-dahan", date(2021, 3, 28), "LatestLY, Holika Dahan 2021"),
    ("holi", date(2021, 3, 29), "LatestLY, Holika Dahan 2021"),
    ("dussehra", date(2022, 10, 5), "Aaj Tak: Dashami till noon on 5 Oct, Shravana nakshatra"),
    ("dussehra", date(2024, 10, 12), "Outlook India, LiveMint, Dussehra 2024"),
    ("raksha-bandhan", date(2023, 8, 30), "Moneycontrol: Purnima till 07:07 on 31 Aug"),
    ("janmashtami", date(2025, 8, 16), "Hindustan, 13 Aug 2025: by udaya tithi, 16 August"),
    ("karva-chauth", date(2021, 10, 24), "Patrika, 22 Oct 2021"),
    ("karva-chauth", date(2024, 10, 20), "Royal Cake: Karva Chauth 2024 on 20 October"),
    ("karva-chauth", date(2025, 10, 10), "Johar Desh: Karva Chauth Friday 10 October"),
    ("navratri", date(2024, 10, 3), "AstroPanchang: Sharad Navratri from 3 October"),
    ("maha-shivaratri", date(2021, 3, 11), "Business Today, 10 Mar 2021"),
]


def day_of(year: int, slug: str) -> list[date]:
    return [o.day for o in festivals_in(year) if o.festival.slug == slug]


@pytest.mark.parametrize(("year", "published"), [(2026, PUBLISHED_2026), (2027, PUBLISHED_2027)])
def test_a_years_festivals_in_new_delhi(year: int, published: dict[str, tuple[date, str]]) -> None:
    found = {o.festival.slug: o.day for o in festivals_in(year)}
    assert found == {slug: day for slug, (day, _) in published.items()}


@pytest.mark.parametrize(("slug", "day", "source"), EARLIER, ids=[f"{s}-{d.year}" for s, d, _ in EARLIER])
def test_the_rules_edge_cases_in_earlier_years(slug: str, day: date, source: str) -> None:
    assert day_of(day.year, slug) == [day], source


def test_every_festival_once_a_year_in_date_order_with_its_rule() -> None:
    occasions = festivals_in(2026)
    assert [o.day for o in occasions] == sorted(o.day for o in occasions)
    assert sorted(o.festival.slug for o in occasions) == sorted(f.slug for f in FESTIVALS)
    for festival in FESTIVALS:
        assert festival.name
        assert festival.rule.endswith(".")
        assert festival.hindi == unicodedata.normalize("NFC", festival.hindi)


def test_festivals_on_a_day() -> None:
    assert [f.name for f in festivals_on(date(2026, 11, 8))] == ["Diwali"]
    assert [(f.name, f.hindi) for f in festivals_on(date(2026, 3, 4))] == [("Holi", "होली")]
    assert festivals_on(date(2026, 3, 3)) == ()  # Chandra Grahan: no colours under sutak
    assert [f.slug for f in festivals_on(date(2026, 2, 14))] == ["valentines-day"]


def test_the_calendar_is_computed_at_the_place() -> None:
    """The Sun entered Makara at 17:27 IST on 14 January 2003: before sunset in New Delhi (17:45),
    after it in Kolkata (17:12), so Kolkata kept Makar Sankranti on the 15th."""
    assert day_of(2003, "makar-sankranti") == [date(2003, 1, 14)]
    kolkata = festivals_in(2003, place("kolkata"))
    assert [o.day for o in kolkata if o.festival.slug == "makar-sankranti"] == [date(2003, 1, 15)]


def test_years_beyond_the_ephemeris_and_datetimes_are_refused() -> None:
    with pytest.raises(DateOutOfRange):
        festivals_in(1899)
    with pytest.raises(DateOutOfRange):
        festivals_in(2054)
    with pytest.raises(TypeError):
        festivals_on(datetime(2026, 3, 4, tzinfo=ZoneInfo("Asia/Kolkata")))  # type: ignore[arg-type]

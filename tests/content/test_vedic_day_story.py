"""The Vedic daily tells one story of its day: the house it is read from, the festival it falls on,
and no graha placed in a sign it leaves that day (issue 14's review of the Vedic edition)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import product

import pytest

from service.content.calendar import Period
from service.content.composer import compose_horoscope
from service.content.festivals import festivals_in
from service.content.grahas import Graha
from service.content.hindi.rashifal_writer import compose_hindi_entry
from service.content.occasions import occasion_bank
from service.content.panchang import panchang_for
from service.content.places import default_place
from service.content.reading import EventKind
from service.content.sky import sky_for
from service.content.vedic_reading import read_vedic
from service.content.vedic_writer import ordinal, rashi
from service.content.zodiac import Sign, System

DELHI = default_place()
NAKSHATRA_LORDS = (
    Graha.KETU, Graha.SHUKRA, Graha.SURYA, Graha.CHANDRA, Graha.MANGAL,
    Graha.RAHU, Graha.GURU, Graha.SHANI, Graha.BUDH,
)  # fmt: skip


def _vedic(sign: Sign, day: date) -> str:
    h = compose_horoscope(sign, day, Period.DAILY, System.SIDEREAL, today=day)
    return " ".join((h.title, h.teaser, *h.body))


def _moon_change_days(year: int, *, late: bool) -> list[date]:
    """Days the Moon changes sign, after local noon (late) or before it."""
    found = []
    for n in range(0, 60):
        day = date(year, 1, 1) + timedelta(n)
        reading = read_vedic(sky_for(day, day, DELHI.timezone), Sign.ARIES, Period.DAILY, DELHI)
        change = reading.base.moon_change
        if change is not None and (reading.moon.house == change.from_house) is late:
            found.append(day)
    return found


@pytest.mark.parametrize("late", [True, False], ids=["after noon", "before noon"])
def test_on_a_moon_change_day_the_entry_leads_with_the_house_it_is_read_from(late: bool) -> None:
    for day, sign in product(_moon_change_days(2026, late=late)[:3], Sign):
        reading = read_vedic(sky_for(day, day, DELHI.timezone), sign, Period.DAILY, DELHI)
        change = reading.base.moon_change
        assert change is not None
        day_house, other = (change.from_house, change.house) if late else (change.house, change.from_house)
        assert reading.moon.house == day_house  # the reading (focus, teaser, meaning) uses it
        h = compose_horoscope(sign, day, Period.DAILY, System.SIDEREAL, today=day)
        named = f"the {ordinal(day_house)} house" if day_house > 1 else "your own sign"
        assert named in h.teaser or f"the {ordinal(day_house)} house" in h.teaser, h.teaser
        sentence = next(
            s
            for paragraph in h.body
            for s in paragraph.split(". ")
            if rashi(change.from_sign) in s and rashi(change.sign) in s
        )
        if late:  # the house the day is read from leads, though Chandra leaves it later
            assert sentence.index(ordinal(day_house)) < sentence.index(ordinal(other)), sentence
            assert "most of the day" in sentence.lower() or "until" in sentence.lower(), sentence


def test_a_nakshatra_lord_changing_sign_that_day_is_not_placed_in_the_sign_it_leaves() -> None:
    checked = 0
    for n in range(366):
        day = date(2026, 1, 1) + timedelta(n)
        panchang = panchang_for(day, DELHI)
        reading = read_vedic(sky_for(day, day, DELHI.timezone), Sign.ARIES, Period.DAILY, DELHI)
        lord = reading.placements[NAKSHATRA_LORDS[(panchang.nakshatra.number - 1) % 9]]
        if lord.steady or lord.graha is Graha.CHANDRA:
            continue
        checked += 1
        for sign in Sign:
            for sentence in _vedic(sign, day).split(". "):
                told = panchang.nakshatra.name in sentence and lord.graha.label in sentence
                assert not (told and rashi(lord.sign) in sentence), f"{day} {sign.value}: {sentence}"
    assert checked, "2026 has days whose nakshatra lord changes sign (Budh, 22 August)"


def test_a_major_festival_names_the_vedic_headline_in_both_languages() -> None:
    majors = [o for o in festivals_in(2026, DELHI) if occasion_bank().festivals[o.festival.slug].major]
    assert majors
    for occasion in majors:
        # An eclipse takes the headline from a festival (Holi, 3 March 2026), as in the Western edition.
        day = occasion.day
        events = read_vedic(sky_for(day, day, DELHI.timezone), Sign.ARIES, Period.DAILY, DELHI).base.events
        if any(e.kind is EventKind.ECLIPSE for e in events):
            continue
        themes = occasion_bank().festivals[occasion.festival.slug].headline
        for sign in Sign:
            title = compose_horoscope(sign, day, Period.DAILY, System.SIDEREAL, today=day).title
            assert any(theme in title for theme in themes), title
            hindi, _ = compose_hindi_entry(sign, day, Period.DAILY, today=day)
            assert occasion.festival.hindi in hindi.title, hindi.title


def test_the_teaser_speaks_of_the_house_chandra_lights() -> None:
    """The 3rd house is short trips and siblings, the 9th faith, teachers and long journeys."""
    seen = set()
    for n in range(40):
        day = date(2026, 3, 1) + timedelta(n)
        for sign in Sign:
            reading = read_vedic(sky_for(day, day, DELHI.timezone), sign, Period.DAILY, DELHI)
            teaser = compose_horoscope(sign, day, Period.DAILY, System.SIDEREAL, today=day).teaser
            house = reading.moon.house
            seen.add(house)
            wrong = {9: ("short", "sibling", "brother"), 3: ("long journeys", "faith")}.get(house, ())
            assert not [w for w in wrong if w in teaser], teaser
    assert seen == set(range(1, 13))

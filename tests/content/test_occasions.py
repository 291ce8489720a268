"""Festivals in the horoscopes: every sign on every festival day, weeklies and monthlies, Holi and the grahan.

The festival days are festivals.py's, which test_festivals.py proves against published 2026
calendars; here the entries are read as a reader would: does each one say what day it is?
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from service.content.calendar import Period, period_days
from service.content.composer import Composition, compose_with_claims
from service.content.festivals import Occasion, festivals_in
from service.content.occasions import occasion_bank, occasions_for
from service.content.places import default_place, place
from service.content.reading import EventKind
from service.content.zodiac import Sign, System

TODAY = date(2026, 1, 1)


def _day(sign: Sign, day: date, system: System = System.TROPICAL) -> Composition:
    return compose_with_claims(sign, day, Period.DAILY, system, today=TODAY)


def _names(slug: str) -> tuple[str, ...]:
    """The words that name a festival in prose: 'Sankranti' names Makar Sankranti."""
    return occasion_bank().festivals[slug].words


def _strip_sign(sentence: str, sign: Sign) -> str:
    return re.sub(rf"\b{sign.title}\b", "<sign>", sentence)


@pytest.mark.parametrize("year", [2026, 2027])
def test_every_sign_names_each_festival_on_its_day(year: int) -> None:
    missing, headlines = [], []
    for occasion in festivals_in(year):
        slug = occasion.festival.slug
        copy = occasion_bank().festivals[slug]
        firsts = set()
        for sign in Sign:
            composition = _day(sign, occasion.day)
            h = composition.horoscope
            early = " ".join(h.body[:2])
            if not any(name in early for name in _names(slug)):
                missing.append((occasion.day, slug, sign, h.body[:2]))
            assert slug in {o.slug for o in h.occasions}
            assert all(o.day == occasion.day for o in h.occasions)
            lead = composition.brief.headline_lead
            eclipse_leads = lead is not None and lead.event.kind is EventKind.ECLIPSE
            if copy.major and not eclipse_leads and not any(n in h.headline for n in _names(slug)):
                headlines.append((occasion.day, slug, sign, h.headline))
            firsts.add(
                _strip_sign(next(s for p in composition.sentences for s in p if _tells(s, slug)), sign)
            )
        if occasions_for(occasion.day, occasion.day, Period.DAILY, default_place()).holi_grahan is None:
            assert len(firsts) == 12, (occasion.day, slug, firsts)  # twelve signs, twelve festival lines
    assert missing == []
    assert headlines == []


def _tells(sentence: str, slug: str) -> bool:
    return any(name in sentence for name in _names(slug))


def test_a_sidereal_reader_hears_of_diwali_too() -> None:
    # The Vedic edition opens its body with the festival (its headline does not name it yet)
    h = _day(Sign.LIBRA, date(2026, 11, 8), System.SIDEREAL).horoscope
    assert h.body[0].startswith(("It is Diwali", "With Diwali", "Today is Diwali"))
    assert "Rikta" not in " ".join(h.body)


def test_holi_beside_the_chandra_grahan_of_3_march_2026() -> None:
    for sign in Sign:
        eve = _day(sign, date(2026, 3, 2)).horoscope
        assert "Holika Dahan" in " ".join(eve.body[:2])
        assert "March 4" in " ".join(eve.body[:2]), eve.body
        grahan = _day(sign, date(2026, 3, 3))
        text = " ".join(grahan.horoscope.body)
        assert "eclipse" in text
        assert "Chandra Grahan" in text
        assert "Holi" in text
        assert "March 4" in text
        assert grahan.brief.headline_lead is not None
        assert grahan.brief.headline_lead.event.kind is EventKind.ECLIPSE
        assert "Holi" not in grahan.horoscope.headline  # the eclipse leads
        # The eclipse leads the body; Holi's date follows it.
        assert "eclipse" in grahan.horoscope.body[0] or "Grahan" in grahan.horoscope.body[0]
        holi = _day(sign, date(2026, 3, 4)).horoscope
        assert "Holi" in holi.headline
        assert "Holi" in holi.body[0]
        assert "grahan" in holi.body[0].lower()


def test_the_grahan_line_gives_the_eclipse_end_it_computes() -> None:
    texts = [" ".join(_day(sign, date(2026, 3, 3)).horoscope.body) for sign in Sign]
    ends = {m for t in texts for m in re.findall(r"\d{1,2}:\d{2} [AP]M", t)}
    assert ends <= {"6:47 PM"}  # the umbral eclipse ends at 18:47 IST (grahan.py)


def test_karva_chauth_moonrise_is_the_panchangs() -> None:
    day = next(o.day for o in festivals_in(2026) if o.festival.slug == "karva-chauth")
    found = occasions_for(day, day, Period.DAILY, default_place())
    texts = [" ".join(_day(sign, day).horoscope.body) for sign in Sign]
    told = {m for t in texts for m in re.findall(r"about (\d{1,2}:\d{2} [AP]M)", t)}
    assert told
    assert told == {found.moonrise}


def _festivals_within(first: date, last: date) -> list[Occasion]:
    return [o for year in {first.year, last.year} for o in festivals_in(year) if first <= o.day <= last]


@pytest.mark.parametrize("period", [Period.WEEKLY, Period.MONTHLY])
def test_weeklies_and_monthlies_name_each_festival_of_their_period_with_its_date(period: Period) -> None:
    starts = sorted({period_days(period, o.day)[0] for o in festivals_in(2026)})
    missing = []
    for first in starts:
        held = _festivals_within(*period_days(period, first))
        for sign in (Sign.ARIES, Sign.LEO, Sign.SCORPIO):
            h = compose_with_claims(sign, first, period, System.TROPICAL, today=TODAY).horoscope
            text = " ".join(h.body)
            for occasion in held:
                name = occasion_bank().festivals[occasion.festival.slug].name
                when = f"{name} on {occasion.day.strftime('%A, %B')} {occasion.day.day}"
                if when not in text:
                    missing.append((period, first, sign, when))
            assert [o.slug for o in h.occasions] == [o.festival.slug for o in held]
    assert missing == []


def test_a_week_without_festivals_names_none() -> None:
    first = date(2026, 6, 1)
    assert _festivals_within(first, first + timedelta(days=6)) == []
    h = compose_with_claims(Sign.LEO, first, Period.WEEKLY, System.TROPICAL, today=TODAY).horoscope
    assert h.occasions == ()
    text = " ".join(h.body)
    assert not any(copy.name in text for copy in occasion_bank().festivals.values())


def test_festivals_follow_the_configured_place() -> None:
    """Another city's calendar can differ by a day; the entry follows the place it is given."""
    chennai = place("chennai")
    day = date(2026, 11, 8)
    ours = compose_with_claims(Sign.LEO, day, Period.DAILY, System.TROPICAL, today=TODAY, place=chennai)
    expected = {o.festival.slug for o in festivals_in(2026, chennai) if o.day == day}
    assert {o.slug for o in ours.horoscope.occasions} == expected


def test_the_occasion_bank_covers_every_festival_with_twelve_lines() -> None:
    bank = occasion_bank()
    for slug, copy in bank.festivals.items():
        assert len(copy.lines) >= 12, slug
        assert not any("{sign}" in line for line in copy.lines), slug  # the tie after it names the sign
    assert all("{sign}" in tie for ties in bank.ties.values() for tie in ties)

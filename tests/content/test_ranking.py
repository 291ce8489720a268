"""The editor's judgement: what ranks first, what leads, and the big days of 2026 told for all signs."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from service.content.calendar import Period
from service.content.claims import Claim, ClaimKind
from service.content.composer import Composition, compose_with_claims
from service.content.cycles import meeting_cycle_years, previous_conjunction_year
from service.content.eclipses import EclipseKind, Luminary
from service.content.phrases import load_bank
from service.content.ranking import Tier, brief_for, rank
from service.content.reading import EventKind, read_sky
from service.content.sky import Ingress, LunarPhase, Lunation, SkyEclipse, Station
from service.content.wording import ordinal
from service.content.zodiac import Planet, Sign, System
from tests.content.test_composer import AYANAMSA, DAY, compose, ist, make_sky

TODAY = date(2026, 1, 1)


def twelve(day: date, period: Period = Period.DAILY, system: System = System.TROPICAL) -> list[Composition]:
    return [compose_with_claims(sign, day, period, system, today=TODAY) for sign in Sign]


def first_paragraph_and_headline(composition: Composition) -> str:
    return f"{composition.horoscope.headline} {composition.horoscope.body[0]}"


# A busy hand-made day: Jupiter changes sign, Mercury turns, a full Moon, Venus moves on.
JUPITER_IN = Ingress(ist(DAY, 9), Planet.JUPITER, System.TROPICAL, Sign.LEO, False)
MERCURY_TURNS = Station(ist(DAY, 18), Planet.MERCURY, "retrograde", 325.0, 325.0 - AYANAMSA)
FULL_MOON = Lunation(ist(DAY, 20), LunarPhase.FULL_MOON, 215.0, 215.0 - AYANAMSA)
VENUS_IN = Ingress(ist(DAY, 7), Planet.VENUS, System.TROPICAL, Sign.PISCES, False)
BUSY = make_sky(
    {Planet.JUPITER: 120.5, Planet.VENUS: 330.5},
    ingresses=(JUPITER_IN, VENUS_IN),
    stations=(MERCURY_TURNS,),
    lunations=(FULL_MOON,),
)


def test_events_rank_by_tier_then_by_how_closely_they_touch_the_sign() -> None:
    taurus = read_sky(BUSY, Sign.TAURUS, System.TROPICAL, Period.DAILY)  # Venus rules Taurus
    order = [(r.tier, r.event.planet, r.event.kind) for r in rank(taurus)]

    assert order == [
        (Tier.SLOW, Planet.JUPITER, EventKind.INGRESS),
        (Tier.STATION, Planet.MERCURY, EventKind.STATION),
        (Tier.LUNATION, Planet.MOON, EventKind.LUNATION),
        (Tier.RULER, Planet.VENUS, EventKind.INGRESS),
    ]
    leo = read_sky(BUSY, Sign.LEO, System.TROPICAL, Period.DAILY)
    assert [r.tier for r in rank(leo)][-1] is Tier.REST  # Venus is not Leo's ruler


def test_an_eclipse_outranks_everything_and_tells_its_own_full_moon() -> None:
    eclipse = SkyEclipse(ist(DAY, 20, 5), Luminary.MOON, EclipseKind.TOTAL, 215.0, 215.0 - AYANAMSA)
    sky = replace(BUSY, eclipses=(eclipse,))
    brief = brief_for(read_sky(sky, Sign.ARIES, System.TROPICAL, Period.DAILY))

    assert brief.lead is not None
    assert brief.lead.tier is Tier.ECLIPSE
    assert all(r.event.kind is not EventKind.LUNATION for r in brief.secondary)
    composition = compose(sky, Sign.ARIES)
    assert Claim(ClaimKind.ECLIPSE, Planet.MOON, Sign.SCORPIO, 8, DAY, "total") in composition.claims
    assert "Chandra Grahan" in composition.horoscope.body[0]
    assert composition.horoscope.headline.split(" And ")[0] in load_bank()["headline.lead.eclipse.lunar"]
    assert [e.summary for e in composition.horoscope.sky.events if e.kind == "eclipse"] == [
        "Total lunar eclipse in Scorpio"
    ]


def test_the_big_lead_opens_the_body_and_names_the_headline() -> None:
    composition = compose(BUSY, Sign.AQUARIUS)  # Jupiter enters Leo: Aquarius' seventh house

    assert composition.horoscope.body[0].split(". ")[0].count("Jupiter") == 1
    assert "Leo" in composition.horoscope.body[0]
    assert "seventh house" in composition.horoscope.body[0]
    assert composition.horoscope.headline.split(" And ")[0] in load_bank()["headline.lead.ingress"]


def test_the_readers_ruler_is_called_theirs_when_it_acts() -> None:
    gemini = " ".join(compose(BUSY, Sign.GEMINI).horoscope.body)
    leo = " ".join(compose(BUSY, Sign.LEO).horoscope.body)

    assert re.search(r"[Yy]our ruling planet, Mercury, [^.]*retrograde", gemini), gemini
    assert "your ruling planet" not in leo.lower()
    assert Claim(ClaimKind.RULER, Planet.MERCURY) in compose(BUSY, Sign.VIRGO).claims


def test_a_long_retrograde_is_mentioned_only_when_something_brings_it_up() -> None:
    saturn_back = frozenset({Planet.SATURN})
    # Saturn at 5 (Aries) retrograde; the Moon at 215 (Scorpio) is elsewhere: no mention.
    assert (
        brief_for(
            read_sky(make_sky(retrograde=saturn_back), Sign.LEO, System.TROPICAL, Period.DAILY)
        ).mentions
        == ()
    )
    # The Moon passing through Aries brings it up.
    moon_on_it = make_sky({Planet.MOON: 10.0}, retrograde=saturn_back)
    mentions = brief_for(read_sky(moon_on_it, Sign.LEO, System.TROPICAL, Period.DAILY)).mentions
    assert [p.planet for p in mentions] == [Planet.SATURN]
    # A retrograde is never the closing paragraph.
    assert "retrograde" not in compose(moon_on_it, Sign.LEO).horoscope.body[-1]


@pytest.mark.parametrize("system", list(System))
def test_the_holi_lunar_eclipse_leads_every_signs_day(system: System) -> None:
    """3 March 2026: the total lunar eclipse (Chandra Grahan) on Holi, in Virgo (sidereal Leo)."""
    where = "Virgo" if system is System.TROPICAL else "Singh"  # the Vedic edition prints the rashi
    for composition in twelve(date(2026, 3, 3), system=system):
        lead = first_paragraph_and_headline(composition)
        assert "eclipse" in lead.lower(), lead
        assert "Chandra Grahan" in lead, lead
        assert f"in {where}" in lead
        events = [e.summary for e in composition.horoscope.sky.events if e.kind == "eclipse"]
        if system is System.TROPICAL:
            assert events == [f"Total lunar eclipse in {where}"]
        else:
            assert events == [f"Chandra Grahan (total lunar eclipse) in {where}"]


def test_every_weekly_of_the_week_names_jupiter_entering_leo() -> None:
    for composition in twelve(date(2026, 6, 29), Period.WEEKLY):
        body = " ".join(composition.horoscope.body)
        assert re.search(r"Jupiter[^.]*(enters|into|arrives in|entering|stay in) Leo", body), body
        assert "June 30" in body
        assert any(
            (c.kind, c.planet, c.sign, c.day)
            == (ClaimKind.INGRESS, Planet.JUPITER, Sign.LEO, date(2026, 6, 30))
            for c in composition.claims
        )


def test_every_october_monthly_names_mercury_turning_retrograde() -> None:
    for sign, composition in zip(Sign, twelve(date(2026, 10, 1), Period.MONTHLY), strict=True):
        body = " ".join(composition.horoscope.body)
        assert re.search(
            r"Mercury,?[^.]*retrograde[^.]*October 24|October 24[^.]*Mercury[^.]*retrograde", body
        ), body
        house = sign.house_of(Sign.SCORPIO)
        claim = Claim(
            ClaimKind.STATION, Planet.MERCURY, Sign.SCORPIO, house, date(2026, 10, 24), "retrograde"
        )
        assert claim in composition.claims


def test_the_saturn_neptune_conjunction_is_the_days_lead_story() -> None:
    """20 February 2026: Saturn meets Neptune at 0 Aries, their first conjunction since 1989."""
    for sign, composition in zip(Sign, twelve(date(2026, 2, 20)), strict=True):
        lead = composition.horoscope.body[0]
        assert re.search(r"Saturn[^.]*Neptune[^.]*since 1989|Neptune[^.]*Saturn[^.]*since 1989", lead), lead
        assert f"{ordinal(sign.house_of(Sign.ARIES))} house" in lead
        assert composition.horoscope.headline.split(" And ")[0] in load_bank()["headline.lead.conjunction"]


def test_a_stations_day_tells_gemini_and_virgo_their_ruler_turns() -> None:
    """26 February 2026: Mercury turns retrograde in Pisces."""
    for sign in (Sign.GEMINI, Sign.VIRGO):
        body = compose_with_claims(sign, date(2026, 2, 26), today=TODAY).horoscope.body[0]
        assert re.search(r"[Yy]our ruling planet, Mercury, [^.]*retrograde", body), body


def test_previous_conjunctions_match_the_published_dates() -> None:
    """Saturn-Neptune met in 1989 (3 times), Jupiter-Saturn in 2000, Saturn-Uranus in 1988."""
    assert previous_conjunction_year(Planet.SATURN, Planet.NEPTUNE, datetime(2026, 2, 20, tzinfo=UTC)) == 1989
    assert (
        previous_conjunction_year(Planet.JUPITER, Planet.SATURN, datetime(2020, 12, 21, tzinfo=UTC)) == 2000
    )
    assert previous_conjunction_year(Planet.SATURN, Planet.URANUS, datetime(2032, 6, 28, tzinfo=UTC)) == 1988
    assert meeting_cycle_years(Planet.SATURN, Planet.NEPTUNE) == 36
    assert meeting_cycle_years(Planet.JUPITER, Planet.SATURN) == 20


def test_a_headline_never_repeats_a_word_nor_promises_an_area_rated_low() -> None:
    bank = load_bank()
    for day in (date(2026, 3, 3), date(2026, 6, 30), date(2026, 5, 20), date(2026, 2, 20)):
        for composition in twelve(day):
            headline = composition.horoscope.headline
            words = [w.lower() for w in re.split(r"[ -]", headline) if w != "And"]
            assert len(words) == len(set(words)), headline
            for area, rating in composition.reading.ratings.items():
                if rating <= 2:
                    promising = set(bank[f"headline.daily.{area}"])
                    assert not set(headline.split(" And ")) & promising, (headline, area, rating)


_LEAD_POOLS = (
    "event.eclipse.lunar",
    "event.eclipse.solar",
    "event.ingress.slow",
    "event.conjunction.slow",
    "event.station.retrograde",
    "event.station.direct",
    "event.ingress.direct",
    "event.ingress.retrograde",
    "event.lunation.new moon",
    "event.lunation.first quarter",
    "event.lunation.full moon",
    "event.lunation.last quarter",
    "lead.eclipse.lunar",
    "lead.eclipse.solar",
    "lead.eclipse.note",
    "lead.ingress",
    "lead.station.retrograde",
    "lead.station.direct",
    "lead.conjunction",
    "retrograde_note",
)
# Word-list slots of those pools and the lists that fill them.
_FILLERS = {
    "house_matters": [f"house_matters.{h}" for h in range(1, 13)],
    "axis_matters": [f"house_matters.{h}" for h in range(1, 13)],
    "planet_gift": [f"planet_gift.{p}" for p in ("jupiter", "saturn", "uranus", "neptune", "pluto")],
    "other_gift": [f"planet_gift.{p}" for p in ("jupiter", "saturn", "uranus", "neptune", "pluto")],
    "retro_advice": [
        f"retro_advice.{p}"
        for p in ("mercury", "venus", "mars", "jupiter", "saturn", "uranus", "neptune", "pluto")
    ],
    "cycle": [f"slow_cycle.{p}" for p in ("jupiter", "saturn", "uranus", "neptune", "pluto")],
}
# Words too common to count as a repeat.
_COMMON = frozenset(
    re.findall(
        r"\w+",
        "your with that this from into about over more than what when while where which them their "
        "there have been will just only each some also once every back house houses",
    )
)


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", re.sub(r"\{[a-z_]+\}", " ", text.lower()))
    return {w[:5] for w in words if len(w) > 3 and w not in _COMMON}


def test_no_slot_filling_repeats_a_word_of_its_sentence() -> None:
    """'patience with patience': a filled word list never repeats a word of its template or of
    another filled list in the same sentence (stems compared: 'rest' and 'restful' collide)."""
    bank = load_bank()
    collisions = []
    for pool in _LEAD_POOLS:
        for template in bank[pool]:
            slots = [s for s in _FILLERS if "{" + s + "}" in template]
            for slot in slots:
                for values in _FILLERS[slot]:
                    for value in bank[values]:
                        if shared := _stems(value) & _stems(template):
                            collisions.append((pool, template, value, shared))
            for first, second in (("house_matters", "axis_matters"), ("planet_gift", "other_gift")):
                if first in slots and second in slots:
                    for a in (v for values in _FILLERS[first] for v in bank[values]):
                        for b in (v for values in _FILLERS[second] for v in bank[values]):
                            if a != b and _stems(a) & _stems(b) and first == "planet_gift":
                                collisions.append((pool, template, a, b))
    assert collisions == []

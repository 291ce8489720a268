"""The composer on hand-made skies: which facts it states, how it rates, and its fixed formats."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from service.content import CONTENT_VERSION
from service.content.calendar import Period
from service.content.claims import Claim, ClaimKind
from service.content.composer import Composition, compose_from_sky, compose_horoscope
from service.content.phrases import BankError, load_bank, render, validate
from service.content.reading import read_sky
from service.content.sky import (
    Aspect,
    AspectHit,
    Ingress,
    LunarPhase,
    Lunation,
    Position,
    Sky,
    Station,
)
from service.content.variety import Chooser, seed_for
from service.content.zodiac import SIGNS, Element, Planet, Sign, System

IST = ZoneInfo("Asia/Kolkata")
DAY = date(2026, 2, 5)
AYANAMSA = 24.2

# A quiet sky: every body mid-sign, moving forward, nothing happening.
QUIET = {
    Planet.SUN: 316.0,
    Planet.MOON: 215.0,
    Planet.MERCURY: 325.0,
    Planet.VENUS: 320.0,
    Planet.MARS: 305.0,
    Planet.JUPITER: 105.0,
    Planet.SATURN: 5.0,
    Planet.URANUS: 57.0,
    Planet.NEPTUNE: 0.5,
    Planet.PLUTO: 303.0,
}
SPEEDS = {Planet.MOON: 13.0, Planet.SUN: 1.0, Planet.MERCURY: 1.5, Planet.VENUS: 1.2}


def ist(day: date, hour: int, minute: int = 0) -> datetime:
    """A local Kolkata wall-clock time as a UTC instant."""
    return datetime.combine(day, time(hour, minute), IST).astimezone(UTC)


def make_sky(
    longitudes: Mapping[Planet, float] | None = None,
    *,
    first_day: date = DAY,
    last_day: date | None = None,
    retrograde: frozenset[Planet] = frozenset(),
    phase: LunarPhase = LunarPhase.WAXING_GIBBOUS,
    ingresses: tuple[Ingress, ...] = (),
    stations: tuple[Station, ...] = (),
    lunations: tuple[Lunation, ...] = (),
    aspects: tuple[AspectHit, ...] = (),
) -> Sky:
    """A Sky with the given tropical longitudes (defaults: QUIET) and events."""
    where = {**QUIET, **(longitudes or {})}
    positions = {
        planet: Position(
            planet,
            where[planet] % 360,
            (where[planet] - AYANAMSA) % 360,
            -0.3 if planet in retrograde else SPEEDS.get(planet, 0.05),
        )
        for planet in Planet
    }
    return Sky(
        first_day=first_day,
        last_day=last_day or first_day,
        timezone="Asia/Kolkata",
        moment=ist(first_day, 12),
        positions=positions,
        ayanamsa=AYANAMSA,
        moon_phase=phase,
        moon_illumination=0.8,
        ingresses=ingresses,
        stations=stations,
        lunations=lunations,
        aspects=aspects,
        eclipses=(),
    )


def compose(
    sky: Sky, sign: Sign, system: System = System.TROPICAL, period: Period = Period.DAILY
) -> Composition:
    return compose_from_sky(sky, sign, period, system, today=DAY)


def body_text(composition: Composition) -> str:
    return " ".join(composition.horoscope.body)


def claims_of(composition: Composition, kind: ClaimKind) -> list[Claim]:
    return [c for c in composition.claims if c.kind is kind]


def test_the_moons_sign_and_house_are_stated_and_claimed() -> None:
    composition = compose(make_sky(), Sign.CANCER)  # Moon at 215: Scorpio, Cancer's 5th house

    assert claims_of(composition, ClaimKind.MOON_SIGN) == [
        Claim(ClaimKind.MOON_SIGN, Planet.MOON, Sign.SCORPIO, 5, detail="throughout")
    ]
    assert "Scorpio" in composition.horoscope.body[0]
    assert "fifth house" in composition.horoscope.body[0]
    assert composition.horoscope.sky.moon_sign is Sign.SCORPIO


def test_a_moon_changing_sign_is_told_with_the_time_of_day() -> None:
    ingress = Ingress(ist(DAY, 14, 10), Planet.MOON, System.TROPICAL, Sign.SCORPIO, False)
    composition = compose(make_sky({Planet.MOON: 209.0}, ingresses=(ingress,)), Sign.CANCER)

    assert claims_of(composition, ClaimKind.MOON_SIGN) == []
    assert claims_of(composition, ClaimKind.MOON_INGRESS) == [
        Claim(ClaimKind.MOON_INGRESS, Planet.MOON, Sign.SCORPIO, 5, DAY, "this afternoon")
    ]
    opening = composition.horoscope.body[0].lower()
    assert all(word in opening for word in ("libra", "scorpio", "this afternoon", "fourth", "fifth"))


def test_the_other_systems_ingress_is_not_the_moons_change() -> None:
    sidereal_only = Ingress(ist(DAY, 9), Planet.MOON, System.SIDEREAL, Sign.LIBRA, False)
    composition = compose(make_sky(ingresses=(sidereal_only,)), Sign.CANCER)

    assert claims_of(composition, ClaimKind.MOON_INGRESS) == []
    assert claims_of(composition, ClaimKind.MOON_SIGN)[0].sign is Sign.SCORPIO


def test_sidereal_readings_use_sidereal_longitudes_and_rashi_names() -> None:
    composition = compose(make_sky(), Sign.CANCER, System.SIDEREAL)  # 215 - 24.2: Libra

    assert claims_of(composition, ClaimKind.MOON_SIGN)[0].sign is Sign.LIBRA
    # The sidereal system is the Vedic edition: rashi names as portals print them, houses from the rashi.
    # Any of the Moon's templates: the sentence naming Tula names Chandra and the 4th house, in either order.
    told = [s for s in composition.horoscope.body[0].split(". ") if re.search(r"\bTula\b", s)]
    assert len(told) == 1, told
    assert "Chandra" in told[0]
    assert re.search(r"\b4th\b", told[0]), told[0]
    assert "Libra" not in " ".join(composition.horoscope.body)
    assert composition.horoscope.sky.moon_sign is Sign.LIBRA


def test_a_station_is_announced_on_its_day_with_its_sign_and_house() -> None:
    station = Station(ist(DAY, 18), Planet.MERCURY, "retrograde", 325.0, 325.0 - AYANAMSA)
    composition = compose(make_sky(stations=(station,)), Sign.LEO)

    assert claims_of(composition, ClaimKind.STATION) == [
        Claim(ClaimKind.STATION, Planet.MERCURY, Sign.AQUARIUS, 7, DAY, "retrograde")
    ]
    assert re.search(r"Mercury[^.]*retrograde[^.]*Aquarius|Mercury[^.]*Aquarius", body_text(composition))
    summaries = [e.summary for e in composition.horoscope.sky.events]
    assert summaries == ["Mercury turns retrograde in Aquarius"]


def test_a_lunations_house_comes_from_its_longitude_in_the_system() -> None:
    full = Lunation(ist(DAY, 20), LunarPhase.FULL_MOON, 130.0, 130.0 - AYANAMSA)
    sky = make_sky(lunations=(full,))

    tropical = claims_of(compose(sky, Sign.ARIES), ClaimKind.LUNATION)
    sidereal = claims_of(compose(sky, Sign.ARIES, System.SIDEREAL), ClaimKind.LUNATION)

    assert tropical == [Claim(ClaimKind.LUNATION, Planet.MOON, Sign.LEO, 5, DAY, "full moon")]
    assert sidereal == [Claim(ClaimKind.LUNATION, Planet.MOON, Sign.CANCER, 4, DAY, "full moon")]


def test_a_retrograde_planet_is_only_called_retrograde_when_it_is() -> None:
    direct = compose(make_sky(), Sign.GEMINI)
    retrograde = compose(make_sky(retrograde=frozenset({Planet.MERCURY})), Sign.GEMINI)

    assert "retrograde" not in body_text(direct)
    assert direct.horoscope.sky.retrograde == ()
    assert Claim(ClaimKind.RETROGRADE, Planet.MERCURY) in retrograde.claims
    assert "Mercury" in body_text(retrograde)
    assert retrograde.horoscope.sky.retrograde == ("mercury",)


def test_weekly_text_names_each_events_date() -> None:
    monday = date(2026, 2, 16)
    new_moon = Lunation(ist(date(2026, 2, 17), 17, 31), LunarPhase.NEW_MOON, 328.8, 304.6)
    sky = make_sky(first_day=monday, last_day=date(2026, 2, 22), lunations=(new_moon,))
    composition = compose(sky, Sign.TAURUS, period=Period.WEEKLY)

    assert "on february 17" in body_text(composition).lower()
    assert claims_of(composition, ClaimKind.LUNATION)[0].day == date(2026, 2, 17)
    assert composition.horoscope.title.startswith("Taurus Weekly Horoscope, February 16 - 22, 2026: ")


def test_benefics_in_the_love_houses_lift_love_and_malefics_in_the_career_houses_lower_it() -> None:
    baseline = read_sky(make_sky(), Sign.ARIES, System.TROPICAL, Period.DAILY)
    # Libra (205) is Aries' 7th house; Capricorn (285) its 10th.
    lifted = read_sky(
        make_sky({Planet.VENUS: 200.0, Planet.JUPITER: 205.0}),
        Sign.ARIES,
        System.TROPICAL,
        Period.DAILY,
    )
    lowered = read_sky(
        make_sky({Planet.MARS: 280.0, Planet.SATURN: 285.0}),
        Sign.ARIES,
        System.TROPICAL,
        Period.DAILY,
    )

    assert lifted.ratings["love"] > baseline.ratings["love"]
    assert lowered.ratings["career"] < baseline.ratings["career"]
    assert all(1 <= r <= 5 for r in (*lifted.ratings.values(), *lowered.ratings.values()))


def test_aspects_and_a_retrograde_ruler_move_ratings() -> None:
    trine = AspectHit(ist(DAY, 10), Planet.VENUS, Planet.JUPITER, Aspect.TRINE)
    square = AspectHit(ist(DAY, 10), Planet.MARS, Planet.SATURN, Aspect.SQUARE)
    baseline = read_sky(make_sky(), Sign.TAURUS, System.TROPICAL, Period.DAILY)
    harmonious = read_sky(make_sky(aspects=(trine,)), Sign.TAURUS, System.TROPICAL, Period.DAILY)
    tense = read_sky(make_sky(aspects=(square,)), Sign.TAURUS, System.TROPICAL, Period.DAILY)
    ruler_back = read_sky(
        make_sky(retrograde=frozenset({Planet.VENUS})), Sign.TAURUS, System.TROPICAL, Period.DAILY
    )

    assert harmonious.ratings["love"] > baseline.ratings["love"]
    assert tense.ratings["career"] < baseline.ratings["career"]
    assert sum(ruler_back.ratings.values()) < sum(baseline.ratings.values())
    assert any("retrograde" in f.reason for f in ruler_back.factors)


def test_the_focus_follows_the_moon_and_drives_the_headline() -> None:
    # Moon in Taurus is Aries' 2nd house (money); the planets are spread over other houses.
    spread = {Planet.MOON: 45.0, Planet.MERCURY: 345.0, Planet.VENUS: 15.0, Planet.MARS: 75.0}
    composition = compose(make_sky(spread), Sign.ARIES)
    themes = load_bank()["headline.daily.money"]

    assert composition.reading.focus == "money"
    first, second = composition.horoscope.headline.split(" And ")
    assert {first, second} <= set(themes)
    assert first != second


@pytest.mark.parametrize("sign", [Sign.ARIES, Sign.VIRGO, Sign.PISCES])
def test_each_section_opens_in_the_tone_of_its_rating(sign: Sign) -> None:
    composition = compose(make_sky({Planet.VENUS: 200.0, Planet.SATURN: 95.0}), sign)
    bank = load_bank()
    for area in ("love", "career", "money", "health"):
        section = getattr(composition.horoscope.sections, area)
        openings = {render(t, {"span": "today"}) for t in bank[f"section.{area}.{section.rating}"]}
        assert any(section.text.startswith(opening) for opening in openings), (area, section)


def test_the_daily_title_uses_the_relative_word_and_two_title_case_themes() -> None:
    horoscope = compose_horoscope(Sign.SAGITTARIUS, DAY, today=date(2026, 2, 4))

    assert horoscope.title.startswith("Sagittarius Horoscope Tomorrow, February 05, 2026: ")
    assert horoscope.title.endswith(horoscope.headline)
    assert re.fullmatch(r"[A-Z][\w-]*( [A-Z][\w-]*)* And [A-Z][\w-]*( [A-Z][\w-]*)*", horoscope.headline)


def test_weekly_and_monthly_entries_are_dated_by_their_first_day() -> None:
    weekly = compose_horoscope(Sign.LEO, DAY, Period.WEEKLY, today=DAY)
    monthly = compose_horoscope(Sign.LEO, DAY, Period.MONTHLY, System.SIDEREAL, today=DAY)

    assert weekly.date == date(2026, 2, 2)
    assert weekly.title.startswith("Leo Weekly Horoscope, February 02 - 08, 2026: ")
    assert monthly.date == date(2026, 2, 1)
    assert monthly.title.startswith("Leo Monthly Horoscope, February 2026: ")
    assert re.search(r"\bon February \d{1,2}\b", " ".join(monthly.body))


def test_the_teaser_follows_the_portal_style() -> None:
    horoscope = compose(make_sky(), Sign.SAGITTARIUS).horoscope
    pattern = (
        r"Sagittarius Horoscope: Hello, [a-z-]+ Sagittarius! Your [a-z' -]+, [a-z' -]+, and "
        r"[a-z' -]+ make you the [a-z' -]+ (of|in) the zodiac\."
    )
    assert re.fullmatch(pattern, horoscope.teaser), horoscope.teaser


def test_lucky_fields_mood_and_compatibility_are_well_formed() -> None:
    bank = load_bank()
    for sign in Sign:
        horoscope = compose(make_sky(), sign).horoscope
        assert 1 <= horoscope.lucky.number <= 99
        assert horoscope.lucky.color in bank["colour"]
        hour = r"(1[0-2]|[1-9]):[0-5]\d (AM|PM)"
        assert re.fullmatch(f"{hour} - {hour}", horoscope.lucky.time), horoscope.lucky.time
        assert 1 <= len(horoscope.mood.split()) <= 2
        assert horoscope.compatibility is not sign
        partner = SIGNS[horoscope.compatibility].element
        complement = {
            Element.FIRE: Element.AIR,
            Element.AIR: Element.FIRE,
            Element.EARTH: Element.WATER,
            Element.WATER: Element.EARTH,
        }
        assert partner in (sign.facts.element, complement[sign.facts.element])


def test_composition_is_deterministic_and_version_stamped() -> None:
    sky = make_sky()
    first, second = compose(sky, Sign.LIBRA), compose(sky, Sign.LIBRA)

    assert first.horoscope == second.horoscope
    assert first.horoscope.version == CONTENT_VERSION
    assert compose(sky, Sign.LIBRA, System.SIDEREAL).horoscope != first.horoscope


def test_the_seed_is_a_sha256_of_the_identity_not_hash() -> None:
    # First 8 bytes of sha256(b"a|1"), big-endian: fixed on every machine and process.
    assert seed_for("a", 1) == int("df4504ce92500fe8", 16) == seed_for("a", "1")
    assert seed_for("leo", "2026-02-05") != seed_for("leo", "2026-02-06")


@pytest.mark.slow
def test_output_does_not_depend_on_hash_randomisation() -> None:
    script = (
        "from datetime import date\n"
        "from service.content.composer import compose_horoscope\n"
        "from service.content.zodiac import Sign, System\n"
        "from service.content.calendar import Period\n"
        "print(repr([compose_horoscope(s, date(2026, 2, 5), p, y, today=date(2026, 2, 4))"
        " for s in Sign for p in Period for y in System]))\n"
    )
    root = Path(__file__).resolve().parents[2]
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
        for seed in ("1", "4242")
    }
    assert len(outputs) == 1
    assert "Sagittarius Horoscope Tomorrow" in outputs.pop()


def test_rotation_gives_twelve_signs_different_picks_and_no_repeat_in_30_days() -> None:
    for size in (12, 13, 31, 36):
        items = list(range(size))
        on_one_day = {Chooser(0, 739000, sign).rotate("pool", items) for sign in range(12)}
        assert len(on_one_day) == 12
        if size >= 30:
            month = [Chooser(0, 739000 + t, 7).rotate("pool", items) for t in range(30)]
            assert len(set(month)) == 30


def test_a_template_with_an_unknown_slot_fails_validation() -> None:
    pools = dict(load_bank().pools)
    pools["advice"] = (*pools["advice"], "Trust your {gut_feeling}.")
    with pytest.raises(BankError, match="unknown slots"):
        validate(pools)


def test_a_factual_template_must_name_its_facts() -> None:
    pools = dict(load_bank().pools)
    pools["moon_lead"] = (*pools["moon_lead"], "The Moon lights your {house_ordinal} house.")
    with pytest.raises(BankError, match="lacks required slots"):
        validate(pools)


def test_a_generic_pool_may_not_name_the_sky() -> None:
    pools = dict(load_bank().pools)
    pools["closer"] = (*pools["closer"], "Mercury smiles on you.")
    with pytest.raises(BankError, match="names the sky"):
        validate(pools)


def test_a_pool_below_its_rotation_size_fails_validation() -> None:
    pools = dict(load_bank().pools)
    pools["family"] = pools["family"][:12]
    with pytest.raises(BankError, match="needs at least 60"):
        validate(pools)


def test_a_dealt_pool_of_a_size_sharing_a_factor_with_12_fails_validation() -> None:
    """A deal over 30 would bring a template back to a sign every 5 months, not every 30."""
    pools = dict(load_bank().pools)
    pools["event.lunation.new moon"] = (
        *pools["event.lunation.new moon"],
        "A new Moon in {event_sign} {when}, your {house_ordinal} house.",
    )
    assert len(pools["event.lunation.new moon"]) == 30
    with pytest.raises(BankError, match="share no factor with 12"):
        validate(pools)


def test_articles_agree_with_the_filled_word() -> None:
    assert render("a {aspect} between them.", {"aspect": "opposition"}) == "An opposition between them."
    assert render("It is an {aspect}.", {"aspect": "trine"}) == "It is a trine."
    assert render("A {x} aim.", {"x": "unique"}) == "A unique aim."


def test_sky_facts_list_the_events_and_aspects_of_the_day() -> None:
    moon_in = Ingress(ist(DAY, 3), Planet.MOON, System.TROPICAL, Sign.SCORPIO, False)
    venus_in = Ingress(ist(DAY, 9), Planet.VENUS, System.TROPICAL, Sign.PISCES, False)
    trine = AspectHit(ist(DAY, 10), Planet.VENUS, Planet.JUPITER, Aspect.TRINE)
    sky = make_sky(ingresses=(moon_in, venus_in), aspects=(trine,))
    facts = compose(sky, Sign.VIRGO).horoscope.sky

    assert [e.summary for e in facts.events] == ["The Moon enters Scorpio", "Venus enters Pisces"]
    assert facts.events[0].at == moon_in.at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert [a.summary for a in facts.aspects] == ["Venus trine Jupiter"]
    assert replace(facts, events=(), aspects=()).retrograde == ()

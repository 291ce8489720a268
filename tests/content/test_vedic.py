"""The Vedic edition's rules: lords, drishti, yuti, Shani's spells, the nodes, muhurat and names."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from service.content.calendar import Period
from service.content.composer import compose_with_claims
from service.content.ephemeris import timescale
from service.content.grahas import Graha, glanced_houses, lord_of, mean_rahu_sidereal
from service.content.muhurat import after_grahan, day_choghadiyas, printable, shubh_muhurats
from service.content.panchang import panchang_for
from service.content.places import default_place
from service.content.sky import sky_for
from service.content.vedic_reading import ShaniSpell, node_sign_at, read_vedic
from service.content.zodiac import Sign, System

IST = ZoneInfo("Asia/Kolkata")
DELHI = default_place()


def test_the_rashi_lords_are_the_traditional_ones() -> None:
    lords = {s.facts.sidereal_name: lord_of(s).label for s in Sign}
    assert lords == {
        "Mesh": "Mangal",
        "Vrishabh": "Shukra",
        "Mithun": "Budh",
        "Kark": "Chandra",
        "Singh": "Surya",
        "Kanya": "Budh",
        "Tula": "Shukra",
        "Vrishchik": "Mangal",
        "Dhanu": "Guru",
        "Makar": "Shani",
        "Kumbh": "Shani",
        "Meen": "Guru",
    }


@pytest.mark.parametrize(
    ("graha", "house", "glanced"),
    [
        (Graha.SURYA, 1, (7,)),
        (Graha.CHANDRA, 10, (4,)),
        (Graha.BUDH, 6, (12,)),
        (Graha.SHUKRA, 12, (6,)),
        (Graha.MANGAL, 1, (4, 7, 8)),
        (Graha.MANGAL, 10, (1, 4, 5)),
        (Graha.GURU, 1, (5, 7, 9)),
        (Graha.GURU, 11, (3, 5, 7)),
        (Graha.SHANI, 1, (3, 7, 10)),
        (Graha.SHANI, 12, (2, 6, 9)),
        (Graha.RAHU, 1, ()),
        (Graha.KETU, 7, ()),
    ],
)
def test_drishti_falls_on_whole_signs_counted_from_the_graha(
    graha: Graha, house: int, glanced: tuple[int, ...]
) -> None:
    assert glanced_houses(graha, house) == glanced


def test_a_real_day_reads_yuti_and_drishti_by_sign() -> None:
    # 5 February 2026: Surya, Mangal and Shukra together in sidereal Makar; Shani in Meen; Guru in Mithun.
    reading = read_vedic(sky_for(date(2026, 2, 5)), Sign.LEO, Period.DAILY, DELHI)
    makar = [y for y in reading.yutis if y.sign is Sign.CAPRICORN]
    assert len(makar) == 1
    assert set(makar[0].grahas) == {Graha.SURYA, Graha.MANGAL, Graha.SHUKRA}
    assert makar[0].house == 6  # from Singh
    shani = reading.placements[Graha.SHANI]
    assert (shani.sign, shani.house) == (Sign.PISCES, 8)
    assert {(g.house, g.nth) for g in reading.glances if g.graha is Graha.SHANI} == {(10, 3), (2, 7), (5, 10)}
    guru = reading.placements[Graha.GURU]
    assert (guru.sign, guru.house, guru.vakri) == (Sign.GEMINI, 11, True)
    assert {g.house for g in reading.glances if g.graha is Graha.GURU} == {3, 5, 7}
    # Mangal within 17° of Surya is ast (combust); Guru, opposite the Sun, is not.
    assert reading.placements[Graha.MANGAL].ast
    assert not guru.ast


SADE_SATI_2026 = {
    Sign.ARIES: ShaniSpell.SADE_SATI_RISING,
    Sign.PISCES: ShaniSpell.SADE_SATI_PEAK,
    Sign.AQUARIUS: ShaniSpell.SADE_SATI_SETTING,
    Sign.LEO: ShaniSpell.ASHTAM_DHAIYA,
    Sign.SAGITTARIUS: ShaniSpell.KANTAK_DHAIYA,
}


@pytest.mark.parametrize("month", range(1, 13))
def test_sade_sati_and_dhaiya_in_2026(month: int) -> None:
    # Shani stays in sidereal Meen from 29 March 2025 to June 2027: Sade Sati for Mesh, Meen and
    # Kumbh, Dhaiya for Singh and Dhanu, all through 2026.
    sky = sky_for(date(2026, month, 15))
    spells = {sign: read_vedic(sky, sign, Period.DAILY, DELHI).shani for sign in Sign}
    assert {s: v for s, v in spells.items() if v is not None} == SADE_SATI_2026


def test_rahu_is_the_mean_node_and_changes_sign_when_the_almanacs_say() -> None:
    # Rahu leaves Kumbh for Makar on 5 December 2026 at 10:33 PM IST (jagran.com, "Rahu Ketu transit
    # 2026", after drikpanchang.com's mean node); Ketu leaves Singh for Kark with it.
    ingress = datetime(2026, 12, 5, 22, 33, tzinfo=IST)
    assert node_sign_at(ingress - timedelta(minutes=15)) is Sign.AQUARIUS
    assert node_sign_at(ingress + timedelta(minutes=15)) is Sign.CAPRICORN
    reading = read_vedic(sky_for(date(2026, 12, 1), date(2026, 12, 31)), Sign.ARIES, Period.MONTHLY, DELHI)
    rahu, ketu = reading.node_ingresses
    assert (rahu.graha, rahu.sign, rahu.day, rahu.house) == (
        Graha.RAHU,
        Sign.CAPRICORN,
        date(2026, 12, 5),
        10,
    )
    assert (ketu.graha, ketu.sign, ketu.house) == (Graha.KETU, Sign.CANCER, 4)
    assert abs(rahu.at - ingress.astimezone(UTC)) < timedelta(minutes=15)

    # Rahu enters Dhanishtha nakshatra (from 306°40') on 2 August 2026 (patrika.com, "Rahu Gochar 2026").
    def longitude(at: datetime) -> float:
        return mean_rahu_sidereal(float(timescale().from_datetime(at).tt))

    assert (
        longitude(datetime(2026, 8, 1, 12, tzinfo=IST))
        > 306 + 40 / 60
        > longitude(datetime(2026, 8, 2, 12, tzinfo=IST))
    )


def test_rahu_and_ketu_stand_opposite_all_year() -> None:
    for month in range(1, 13):
        reading = read_vedic(sky_for(date(2026, month, 1)), Sign.ARIES, Period.DAILY, DELHI)
        rahu, ketu = reading.placements[Graha.RAHU], reading.placements[Graha.KETU]
        assert ketu.sign is rahu.sign.shifted(6)
        assert rahu.sign is Sign.AQUARIUS  # on the 1st of every month: Makar only from 5 December


def test_the_shubh_muhurat_is_never_in_rahu_kaal_over_a_year() -> None:
    grahan_days: list[date] = []
    for n in range(365):
        panchang = panchang_for(date(2026, 1, 1) + timedelta(days=n), DELHI)
        good = shubh_muhurats(panchang)
        if not good:  # an eclipse seen from Delhi, whose sutak covers the day's good choghadiyas
            after = after_grahan(panchang)
            assert after is not None, panchang.date
            assert panchang.eclipse is not None
            assert panchang.eclipse.end is not None
            assert after.start >= max(panchang.eclipse.end, panchang.sunset)
            good = (after,)
            grahan_days.append(panchang.date)
        elif panchang.eclipse is not None and panchang.eclipse.visible_here:
            assert panchang.eclipse.end is not None
            sutak = panchang.eclipse.sutak_start or panchang.eclipse.start
            assert all(m.end <= sutak or m.start >= panchang.eclipse.end for m in good)
        assert len(day_choghadiyas(panchang)) == 8
        for muhurat in good:
            start, end = printable(muhurat)
            assert muhurat.start <= start < end <= muhurat.end
            for avoided in (panchang.rahu_kaal, panchang.yamaganda):
                assert end <= avoided.start or start >= avoided.end, (panchang.date, muhurat)
    assert grahan_days == [date(2026, 3, 3)]  # the total lunar eclipse, seen rising from Delhi


def test_the_choghadiyas_start_with_the_weekday_lord() -> None:
    firsts = [
        day_choghadiyas(panchang_for(date(2026, 2, 2) + timedelta(days=n), DELHI))[0].name for n in range(7)
    ]
    assert firsts == ["Amrit", "Rog", "Labh", "Shubh", "Chal", "Kaal", "Udveg"]  # Monday to Sunday


_CLOCK = re.compile(r"(\d{1,2}):(\d{2}) (AM|PM)")


def _minutes(text: str) -> int:
    match = _CLOCK.fullmatch(text)
    assert match is not None, text
    hour = int(match[1]) % 12 + (12 if match[3] == "PM" else 0)
    return hour * 60 + int(match[2])


def test_entries_print_the_muhurat_and_rahu_kaal_of_the_day() -> None:
    day = date(2026, 2, 5)
    panchang = panchang_for(day, DELHI)
    rahu_kaal = (panchang.rahu_kaal.start.hour * 60 + panchang.rahu_kaal.start.minute,
                 panchang.rahu_kaal.end.hour * 60 + panchang.rahu_kaal.end.minute)  # fmt: skip
    for sign in Sign:
        entry = compose_with_claims(sign, day, Period.DAILY, System.SIDEREAL, today=day).horoscope
        start, end = (_minutes(t) for t in entry.lucky.time.split(" - "))
        assert end <= rahu_kaal[0] or start >= rahu_kaal[1]
        body = " ".join(entry.body)
        assert "Rahu Kaal" in body
        assert entry.lucky.time.replace(" - ", " to ") in body
        assert "Uttara Phalguni" in body  # the day's nakshatra
        assert "Krishna Chaturthi" in body  # and tithi
        assert (
            300
            <= len(
                " ".join(
                    (
                        *entry.body,
                        *(
                            s.text
                            for s in (
                                entry.sections.love,
                                entry.sections.career,
                                entry.sections.money,
                                entry.sections.health,
                            )
                        ),
                    )
                ).split()
            )
            <= 420
        )


@pytest.mark.parametrize(
    ("name", "sign"),
    [
        ("Mesh", Sign.ARIES), ("mesha", Sign.ARIES), ("Vrishabh", Sign.TAURUS), ("vrishabha", Sign.TAURUS),
        ("Mithun", Sign.GEMINI), ("mithuna", Sign.GEMINI), ("Kark", Sign.CANCER), ("karka", Sign.CANCER),
        ("karkata", Sign.CANCER), ("Singh", Sign.LEO), ("simha", Sign.LEO), ("Kanya", Sign.VIRGO),
        ("Tula", Sign.LIBRA), ("Vrishchik", Sign.SCORPIO), ("vrishchika", Sign.SCORPIO),
        ("vrischika", Sign.SCORPIO), ("Dhanu", Sign.SAGITTARIUS), ("dhanush", Sign.SAGITTARIUS),
        ("Makar", Sign.CAPRICORN), ("makara", Sign.CAPRICORN), ("Kumbh", Sign.AQUARIUS),
        ("kumbha", Sign.AQUARIUS), ("Meen", Sign.PISCES), ("meena", Sign.PISCES), ("mina", Sign.PISCES),
        ("मीन", Sign.PISCES), ("Singh Rashi", Sign.LEO), ("  LEO ", Sign.LEO),
    ],
)  # fmt: skip
def test_rashi_names_and_their_variants_are_accepted(name: str, sign: Sign) -> None:
    assert Sign.parse(name) is sign


def test_vedic_is_a_name_of_the_sidereal_system() -> None:
    assert System("vedic") is System("Vedic") is System.SIDEREAL
    with pytest.raises(ValueError, match="sidreal"):
        System("sidreal")


_OUTER = re.compile(r"\b(Uranus|Neptune|Pluto)\b")


@pytest.mark.parametrize("period", [Period.WEEKLY, Period.MONTHLY])
def test_longer_vedic_entries_name_only_the_nine_grahas(period: Period) -> None:
    day = date(2026, 7, 1)  # Saturn and Neptune station near each other in July 2026
    for sign in Sign:
        entry = compose_with_claims(sign, day, period, System.SIDEREAL, today=day).horoscope
        text = " ".join((entry.teaser, *entry.body, *(e.summary for e in entry.sky.events)))
        assert not _OUTER.search(text)
        assert not {"uranus", "neptune", "pluto"} & set(entry.sky.retrograde)
        assert entry.sky.aspects == ()

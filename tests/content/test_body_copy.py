"""The body copy: slots that never echo their sentence, a family note every day, retrograde
planets that lend nothing, and fresh lines that neither repeat for a sign nor pass between signs."""

from __future__ import annotations

import re
import statistics
from datetime import date, timedelta
from functools import cache
from itertools import pairwise

import pytest

from service.content.calendar import Period
from service.content.composer import compose_with_claims
from service.content.phrases import load_bank, render
from service.content.sky import Aspect, AspectHit
from service.content.zodiac import Planet, Sign
from tests.content.test_composer import DAY, compose, ist, make_sky

# Pools whose templates take word-list slots, and the lists that fill those slots.
_LISTS = {
    "house_matters": "house_matters.",
    "focus": "focus_matters.",
    "effect": "aspect_effect.",
    "planet_help": "planet_help.",
}
_TEMPLATED = (
    "moon_lead",
    "moon_change",
    "ruler_note",
    "placement_note",
    "opening_placement",
    "retrograde_note",
    "focus_note",
    "lead.lunation.new moon",
    "lead.lunation.full moon",
)
_COMMON = frozenset(
    re.findall(
        r"\w+",
        "your with that this from into about over more than what when while where which them their "
        "there have been will just only each some also once every back house houses",
    )
)
# Sentences drawn fresh, which no sign reads twice in 30 days and no two signs share on a day.
_FRESH = ("audience", "family", "advice", "closer", "focus_note", *(f"moon_house.{h}" for h in range(1, 13)))


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", re.sub(r"\{[a-z_]+\}", " ", text.lower()))
    return {w[:5] for w in words if len(w) > 3 and w not in _COMMON}


def test_no_word_list_repeats_a_word_of_the_sentence_it_fills() -> None:
    """'set goals for your first house of personal goals': never, for any list value."""
    pools = load_bank().pools
    templated = [*_TEMPLATED, *(name for name in pools if name.startswith("event."))]
    collisions = []
    for pool in templated:
        for template in pools[pool]:
            used = [slot for slot in _LISTS if "{" + slot + "}" in template]
            values = {
                slot: [v for name, vs in pools.items() if name.startswith(_LISTS[slot]) for v in vs]
                for slot in used
            }
            for slot in used:
                collisions += [(pool, template, v) for v in values[slot] if _stems(v) & _stems(template)]
            if "planet_help" in used and "house_matters" in used:
                collisions += [
                    (pool, a, b)
                    for a in values["planet_help"]
                    for b in values["house_matters"]
                    if _stems(a) & _stems(b)
                ]
    assert collisions == []


def test_no_template_says_matters_of() -> None:
    pools = load_bank().pools
    assert [t for items in pools.values() for t in items if "matters of" in t] == []


def _fresh_lines(sign: Sign, day: date) -> dict[str, frozenset[str]]:
    """Every line each fresh pool can print for this sign on this day."""
    return _lines_for(sign, day.strftime("%A"))


@cache
def _lines_for(sign: Sign, weekday: str) -> dict[str, frozenset[str]]:
    slots = {"sign": sign.title, "weekday": weekday, "span": "today", "period_word": "day"}
    pools = load_bank().pools
    focus = [v for name, vs in pools.items() if name.startswith("focus_matters.") for v in vs]
    lines = {}
    for pool in _FRESH:
        fills = [slots | {"focus": f} for f in focus] if pool == "focus_note" else [slots]
        lines[pool] = frozenset(render(t, fill) for t in pools[pool] for fill in fills)
    return lines


DAYS = [date(2026, 5, 1) + timedelta(days=n) for n in range(45)]


@pytest.fixture(scope="module")
def season() -> dict[tuple[date, Sign], list[str]]:
    """Body sentences of 45 daily entries for every sign."""
    return {
        (day, sign): [s for p in compose_with_claims(sign, day, Period.DAILY, today=day).sentences for s in p]
        for day in DAYS
        for sign in Sign
    }


def test_every_daily_body_has_a_family_note_advice_and_a_closer(
    season: dict[tuple[date, Sign], list[str]],
) -> None:
    for (day, sign), sentences in season.items():
        lines = _fresh_lines(sign, day)
        for pool in ("family", "advice", "closer", "focus_note"):
            assert sum(s in lines[pool] for s in sentences) == 1, (day, sign, pool)


def test_no_two_sentences_in_a_row_open_with_today(season: dict[tuple[date, Sign], list[str]]) -> None:
    """'Today, the Moon smiles on Jupiter... Today, the square of the Moon to Venus...' reads as a list."""
    rows = [
        (day, sign, first, second)
        for (day, sign), sentences in season.items()
        for first, second in pairwise(sentences)
        if first.startswith("Today, ") and second.startswith("Today, ")
    ]
    assert rows[:3] == []


def test_daily_bodies_run_to_about_two_hundred_words(season: dict[tuple[date, Sign], list[str]]) -> None:
    words = [sum(len(s.split()) for s in sentences) for sentences in season.values()]
    assert 165 <= statistics.median(words) <= 230, statistics.median(words)
    assert min(words) >= 120


def test_fresh_lines_neither_repeat_for_a_sign_within_30_days_nor_pass_between_signs(
    season: dict[tuple[date, Sign], list[str]],
) -> None:
    last_seen: dict[tuple[Sign, str], date] = {}
    checked = 0
    for day in DAYS:
        seen_today: dict[str, Sign] = {}
        for sign in Sign:
            fresh = frozenset().union(*_fresh_lines(sign, day).values())
            for sentence in season[day, sign]:
                if sentence not in fresh:
                    continue
                checked += 1
                plain = sentence.replace(sign.title, "{sign}").replace(day.strftime("%A"), "{weekday}")
                earlier = last_seen.get((sign, plain))
                assert earlier is None or (day - earlier).days >= 30, (sign, sentence, earlier, day)
                last_seen[sign, plain] = day
                assert seen_today.setdefault(plain, sign) is sign, (day, sentence)
    assert checked >= len(DAYS) * 12 * 5


def test_a_retrograde_planet_lends_no_gifts_in_an_aspect() -> None:
    """A harmonious aspect to a retrograde Mercury reads as a review, never as quick replies."""
    trine = AspectHit(ist(DAY, 10), Planet.MOON, Planet.MERCURY, Aspect.TRINE)
    bank = load_bank()
    gifts = bank["aspect_effect.harmonious.mercury"]
    reviews = bank["aspect_effect.review.mercury"]
    told = 0
    for sign in Sign:
        backwards = " ".join(
            compose(make_sky(retrograde=frozenset({Planet.MERCURY}), aspects=(trine,)), sign).horoscope.body
        )
        forwards = " ".join(compose(make_sky(aspects=(trine,)), sign).horoscope.body)
        assert not any(g in backwards for g in gifts), sign
        assert not any(r in forwards for r in reviews), sign
        told += any(r in backwards for r in reviews)
    assert told >= 6

"""The Indian year: topics run only in their season, teasers promise only what every list holds,
and no title or teaser is published twice within 60 days."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import pytest

from service.content.listicle_plan import PLAN_WINDOW_DAYS, ROTATION_DAYS
from service.content.listicles import Topic, compose_listicle, daily_plan, load_catalog, plan_problem

CATALOG = load_catalog()
TWO_YEARS = [date(2026, 1, 1) + timedelta(days=k) for k in range(730)]
PIECES = [compose_listicle(topic_id, day) for day in TWO_YEARS for topic_id in daily_plan(day)]

# The months a topic may run in, by the season it names. Diwali falls in October or November,
# Holi in March; board exams run from January to March, results come out in April to June.
SEASONS = {
    r"\b(winter|dry skin|smog|pollution)": {10, 11, 12, 1, 2},
    r"\b(monsoon|rains?\b|rainy|damp|mould|mosquito|dengue)": {6, 7, 8, 9, 10},
    r"\b(summer|heat|sweat|hydrat|cool)": {3, 4, 5, 6, 7, 8, 9, 10},
    r"\b(board exam|exam prep|exam season|exam stress)": {12, 1, 2, 3},
    r"\bdiwali": {10, 11},
    r"\bholi\b": {3},
    r"\b(festiv|mithai)": {3, 10, 11},
}


def named_season_months(topic: Topic) -> set[int]:
    """The months every season `topic` names allows (all twelve if it names none)."""
    words = " ".join((topic.id, *topic.tags, *topic.titles())).lower()
    allowed = set(range(1, 13))
    for pattern, months in SEASONS.items():
        if re.search(pattern, words):
            allowed &= months
    return allowed


@pytest.mark.parametrize(
    ("topic_id", "season"),
    [
        ("habits-that-soothe-dry-skin", {11, 12, 1, 2}),
        ("skincare-habits-that-help-sweaty-sticky-skin", {4, 5, 6, 7, 8, 9}),
        ("habits-that-keep-damp-and-mould-out-of-your-home", {6, 7, 8, 9}),
        ("food-safety-tips-for-every-kitchen", {6, 7, 8, 9}),
        ("tips-that-make-exam-preparation-less-stressful", {1, 2, 3}),
        ("ways-to-enjoy-festive-sweets-without-overdoing-it", {3, 10, 11}),
        ("foods-and-drinks-that-help-keep-you-hydrated", {3, 4, 5, 6, 7, 8, 9, 10}),
    ],
)
def test_seasonal_topics_carry_their_months(topic_id: str, season: set[int]) -> None:
    assert CATALOG[topic_id].months == season


@pytest.mark.parametrize("topic", CATALOG.values(), ids=lambda t: t.id)
def test_a_topic_that_names_a_season_runs_only_in_it(topic: Topic) -> None:
    assert topic.months <= named_season_months(topic), sorted(topic.months)


def test_two_years_of_plans_run_every_topic_only_in_its_season() -> None:
    out_of_season = [(p.date, p.topic_id) for p in PIECES if p.date.month not in CATALOG[p.topic_id].months]
    assert out_of_season == []
    ran = {(p.topic_id, p.date.month) for p in PIECES}
    for topic in CATALOG.values():
        assert {month for topic_id, month in ran if topic_id == topic.id} == topic.months, topic.id


def test_every_month_has_enough_topics_in_season_for_three_a_day() -> None:
    # Each topic runs at most once in any 14 days, so 3 a day needs 42 in season; and at most
    # once per fresh variant in any 60 days, so their variants must cover 180 pieces in 60 days.
    for month in range(1, 13):
        in_season = [t for t in CATALOG.values() if month in t.months]
        assert len(in_season) >= 3 * PLAN_WINDOW_DAYS + 6, month
        assert sum(min(len(t.variants), 5) for t in in_season) >= 3 * ROTATION_DAYS, month
    assert plan_problem(CATALOG, 3) is None


def test_no_title_or_teaser_is_published_twice_within_60_days() -> None:
    last: dict[str, date] = {}
    repeats = []
    for piece in PIECES:
        for text in (piece.title, piece.teaser):
            if text in last and (piece.date - last[text]).days < ROTATION_DAYS:
                repeats.append((last[text], piece.date, text))
            last[text] = piece.date
    assert repeats == []


def test_titles_vary_and_every_variant_gets_its_turn() -> None:
    used = Counter((p.topic_id, p.title) for p in PIECES)
    for topic in CATALOG.values():
        for title in topic.titles():
            assert used[(topic.id, title)] >= 1, (topic.id, title)
    in_60_days = {p.title for p in PIECES if p.date < TWO_YEARS[0] + timedelta(days=60)}
    assert len(in_60_days) == 3 * 60  # every piece of two months under its own title


# ---- teasers promise only what every list holds -----------------------------------------

# Words a teaser may use without promising any one item: what every list of a topic is about.
_GENERIC = frozenset(
    re.findall(
        r"[a-z]+",
        """
    the and but not you for are who how one use get out put its was all any has had her his our about
    after again also always around away back before being best better body both bring build calm can
    care changes clean clear come cook cooking day days daily down each easier easy every everyday extra
    feel few find first five fresh from full gentle gently give good habits have help helps here home
    hours into just keep kitchen know less life like little long make makes many more most much need
    needs new night nothing often only other over part people plan plenty product products protect
    protects really regular right room routine same should simple skin small some start steady step
    steps still such take tasks than that their them there these they thing things this those three
    through time tips tired tiredness today together two under until very want ways well what when where
    which while with within without work working works worth your yours itchy rash rashes sugar salt
    fried
    """,
    )
)
_WORD = re.compile(r"[a-z]+")


def _words(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.lower()) if len(word) >= 3 and word not in _GENERIC}


# A teaser promises by listing: "from washing and oiling to heat, hard water and pollution".
_PHRASE = r"[\w'-]+(?: [\w'-]+){0,3}"
_ENUMERATION = re.compile(rf"(?:{_PHRASE}, )+{_PHRASE},? (?:and|or) {_PHRASE}|from {_PHRASE} to {_PHRASE}")


def _names(word: str, heading_word: str) -> bool:
    """Whether a teaser's word is a heading's word or an inflection of it ('oiling' and 'oil')."""
    stem, longer = sorted((word, heading_word), key=len)
    return longer.startswith(stem) and len(longer) - len(stem) <= 3


def unkept_promises(topic: Topic) -> dict[str, set[str]]:
    """Words of each teaser's lists that name what only some pieces hold: a non-pinned item's heading
    word that neither the titles, the tags, nor the pinned items carry."""
    kept = _words(" ".join((topic.id.replace("-", " "), *topic.tags, *topic.titles())))
    kept |= {word for item in topic.items if item.about in topic.pinned for word in _words(item.heading)}
    drawn = {word for item in topic.items if item.about not in topic.pinned for word in _words(item.heading)}
    # A word many items share ('sleep', 'water') is what the whole list is about, not a promise.
    share = Counter(word for item in topic.items for word in _words(item.heading))
    common = {word for word, n in share.items() if n * 4 >= len(topic.items)}
    found = {}
    for teaser in topic.teasers():
        promised = {
            word
            for span in _ENUMERATION.findall(teaser)
            for word in _words(span)
            if any(_names(word, h) for h in drawn) and not any(_names(word, k) for k in kept | common)
        }
        if promised:
            found[teaser] = promised
    return found


@pytest.mark.parametrize("topic", CATALOG.values(), ids=lambda t: t.id)
def test_every_teaser_promises_only_what_every_draw_delivers(topic: Topic) -> None:
    assert unkept_promises(topic) == {}


def test_the_promise_check_catches_the_old_hair_care_teaser() -> None:
    hair = CATALOG["hair-care-habits-worth-keeping"]
    old = (
        "Healthy-looking hair starts with a few gentle, consistent habits. Here is what helps, from "
        "washing and oiling to protecting your hair from heat, hard water and pollution."
    )
    from dataclasses import replace

    from service.content.listicles import Variant

    broken = replace(hair, variants=(Variant("{n} Hair Habits", old, 10), *hair.variants[1:]))
    assert {"oiling", "heat"} <= unkept_promises(broken)[old]

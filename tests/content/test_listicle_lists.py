"""Lists hold what their titles say: food lists hold foods, no two items on one thing, pinned items."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import pytest

from service.content.listicles import FORMS, Listicle, Topic, compose_listicle, daily_plan, load_catalog

CATALOG = load_catalog()
A_YEAR = [date(2026, 1, 1) + timedelta(days=k) for k in range(365)]
PLANNED = [compose_listicle(topic_id, day) for day in A_YEAR for topic_id in daily_plan(day)]
FOODS_TITLE = re.compile(r"\b(Foods|Drinks|Snacks?)\b")
# Advice that the review found posing as foods; it belongs in a tips list or an item's body.
ADVICE = ("Limit Cola Drinks", "Go Easy On Salt", "Sunlight For Vitamin D", "Weight-Bearing Exercise",
          "Less Salt", "Less Sugar", "Avoid Trans Fats", "Spread Protein Through The Day",
          "Reminders For Older Adults", "Extra Fluid When Unwell", "Go Easy On Alcohol")  # fmt: skip


def items_of(listicle: Listicle) -> list[tuple[str, str]]:
    """(about, kind) of each item of a composed list, through its topic's pool."""
    pool = {item.heading: item for item in CATALOG[listicle.topic_id].items}
    return [(pool[item.heading].about, pool[item.heading].kind) for item in listicle.items]


@pytest.mark.parametrize("topic", CATALOG.values(), ids=lambda t: t.id)
def test_a_title_that_promises_foods_is_a_foods_list(topic: Topic) -> None:
    if any(FOODS_TITLE.search(title) for title in topic.titles()):
        assert topic.form == "foods", topic.titles()
    if topic.form == "foods":
        assert {item.kind for item in topic.items} <= FORMS["foods"]
        assert not {item.heading for item in topic.items} & set(ADVICE)


def test_a_year_of_food_lists_holds_only_foods_and_drinks() -> None:
    food_lists = [listicle for listicle in PLANNED if CATALOG[listicle.topic_id].form == "foods"]
    assert len(food_lists) > 50
    strays = [
        (listicle.slug, kind)
        for listicle in food_lists
        for _, kind in items_of(listicle)
        if kind not in FORMS["foods"]
    ]
    assert strays == []


def test_no_list_of_a_year_holds_two_items_on_one_thing() -> None:
    overlaps = {
        listicle.slug: about
        for listicle in PLANNED
        for about, count in Counter(about for about, _ in items_of(listicle)).items()
        if count > 1
    }
    assert overlaps == {}


@pytest.mark.parametrize("topic", CATALOG.values(), ids=lambda t: t.id)
def test_no_list_of_any_topic_on_any_date_holds_two_items_on_one_thing(topic: Topic) -> None:
    for day in A_YEAR[::3]:
        abouts = [about for about, _ in items_of(compose_listicle(topic.id, day))]
        assert len(abouts) == len(set(abouts)), (day, abouts)


@pytest.mark.parametrize(
    ("topic_id", "must_have"),
    [
        ("calcium-rich-foods", {"ragi", "sesame"}),
        ("high-protein-vegetarian-foods", {"paneer", "soy", "dal"}),
        ("foods-and-drinks-that-help-keep-you-hydrated", {"water"}),
        ("ways-you-can-support-someone-who-is-struggling", {"encourage-professional-help"}),
    ],
)
def test_pinned_items_are_in_every_list_of_a_year(topic_id: str, must_have: set[str]) -> None:
    assert set(CATALOG[topic_id].pinned) == must_have
    for day in A_YEAR:
        abouts = {about for about, _ in items_of(compose_listicle(topic_id, day))}
        assert must_have <= abouts, day


def test_ragi_leads_every_calcium_list() -> None:
    for day in A_YEAR:
        assert compose_listicle("calcium-rich-foods", day).items[0].heading == "Ragi"


@pytest.mark.parametrize("topic", CATALOG.values(), ids=lambda t: t.id)
def test_items_appear_in_the_editors_pool_order(topic: Topic) -> None:
    order = {item.heading: n for n, item in enumerate(topic.items)}
    for day in A_YEAR[::31]:
        shown = [order[item.heading] for item in compose_listicle(topic.id, day).items]
        assert shown == sorted(shown)


def test_move_more_holds_one_walking_item_at_most() -> None:
    walking = {i.heading for i in CATALOG["easy-ways-to-move-more-every-day"].items if i.about == "walking"}
    assert len(walking) >= 6
    for day in A_YEAR:
        headings = {i.heading for i in compose_listicle("easy-ways-to-move-more-every-day", day).items}
        assert len(headings & walking) <= 1

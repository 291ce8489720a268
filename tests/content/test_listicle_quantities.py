"""Numbers with sources: every quantity a listicle prints comes from data/nutrients.yaml, which
holds each value with its source and food code, and every listicle that prints one cites it."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from service.content.listicles import Topic, compose_listicle, daily_plan, load_catalog
from service.content.nutrition import NUTRIENTS, InvalidNutrients, load_nutrients, parse_nutrients

CATALOG = load_catalog()
DATA = load_nutrients()
A_YEAR = [date(2026, 1, 1) + timedelta(days=k) for k in range(365)]
NUTRIENT_TOPICS = [topic for topic in CATALOG.values() if topic.nutrients]
FACT = re.compile(
    r"(?P<label>.+): (?P<value>\d+(?:\.\d)?) (?P<unit>mg|g) (?P<nutrient>\w+) per 100 g \((?P<cite>[^)]+)\)"
)
QUANTITY = re.compile(r"\b\d+(?:\.\d+)? ?(?:mg|g|grams?|milligrams?|kg)\b")


def check_quantities(topic: Topic, day: date) -> int:
    """Assert every quantity fact of the topic's list for `day` against the data file; count them."""
    listicle = compose_listicle(topic.id, day)
    pool = {item.heading: item for item in topic.items}
    checked = 0
    for item in listicle.items:
        foods = {food.label: food for food in pool[item.heading].foods}
        for fact in item.facts:
            match = FACT.fullmatch(fact)
            if match is None:
                assert not QUANTITY.search(fact), fact  # no other fact carries a number
                continue
            food = foods[match["label"]]
            assert match["nutrient"] in topic.nutrients
            assert f"{match['value']} {match['unit']}" == food.quantity(match["nutrient"])
            field, unit = NUTRIENTS[match["nutrient"]]
            assert abs(float(match["value"]) - food.per_100g[field]) <= (0.5 if unit == "mg" else 0.051)
            assert match["cite"] == food.source.short
            assert food.source in listicle.sources
            checked += 1
    return checked


@pytest.mark.parametrize("topic", NUTRIENT_TOPICS, ids=lambda t: t.id)
def test_every_quantity_matches_the_data_file_on_every_date(topic: Topic) -> None:
    assert sum(check_quantities(topic, day) for day in A_YEAR[::3]) > 0


def test_a_year_of_planned_food_lists_cites_every_quantity() -> None:
    planned = [(CATALOG[t], day) for day in A_YEAR for t in daily_plan(day) if CATALOG[t].nutrients]
    assert len(planned) >= 40
    assert sum(check_quantities(topic, day) for topic, day in planned) > 200


@pytest.mark.parametrize("topic", NUTRIENT_TOPICS, ids=lambda t: t.id)
def test_nutrient_lists_cite_ifct_2017_with_its_address(topic: Topic) -> None:
    listicle = compose_listicle(topic.id, A_YEAR[0])
    (ifct,) = [source for source in listicle.sources if source.short == "IFCT 2017"]
    assert (ifct.name, ifct.year, ifct.url) == (
        "Indian Food Composition Tables 2017",
        2017,
        "https://www.nin.res.in",
    )
    assert "National Institute of Nutrition" in ifct.publisher
    quoted = {food.source for item in topic.items for food in item.foods}
    assert set(listicle.sources) <= quoted | set(topic.sources)


def test_every_food_item_of_a_nutrient_list_has_a_sourced_quantity() -> None:
    for topic in NUTRIENT_TOPICS:
        for item in topic.items:
            assert item.kind in ("food", "drink")
            assert item.quantities(topic.nutrients), (topic.id, item.heading)


def test_usda_is_quoted_only_for_foods_ifct_2017_lacks() -> None:
    """IFCT 2017 first: a USDA figure only where the Indian tables have no entry for the food."""
    usda = {food.id for food in DATA.foods.values() if food.source.id == "usda-sr26"}
    assert usda == {"tofu-firm", "curd", "pumpkin-seeds", "proso-millet", "buckwheat", "soy-flour-defatted"}
    ifct_names = " ".join(f.name.lower() for f in DATA.foods.values() if f.source.short == "IFCT 2017")
    for word in ("tofu", "curd", "yogurt", "pumpkin seed", "soy flour", "millet, raw", "buckwheat"):
        assert word not in ifct_names


@pytest.mark.parametrize("topic", CATALOG.values(), ids=lambda t: t.id)
def test_no_prose_quotes_a_quantity_its_sources_do_not_hold(topic: Topic) -> None:
    figures = {figure for source in topic.sources for figure in source.figures}
    texts = [*topic.teasers(), *topic.titles()]
    texts += [text for item in topic.items for text in (item.heading, item.body, *item.facts)]
    for text in texts:
        for quoted in QUANTITY.findall(text):
            assert quoted in figures, (topic.id, text)


def test_the_salt_figure_cites_the_who() -> None:
    salt = CATALOG["ways-to-cut-down-on-salt"]
    assert any("5 grams" in teaser for teaser in salt.teasers())
    assert [source.short for source in compose_listicle(salt.id, A_YEAR[0]).sources] == ["WHO 2012"]


def test_every_food_in_the_data_file_names_its_table_entry() -> None:
    for food in DATA.foods.values():
        code = {"IFCT 2017": r"[A-Z]\d{3}", "USDA SR26": r"\d{5}"}[food.source.short]  # food code, NDB number
        assert re.fullmatch(code, food.code), food.id
        assert food.per_100g
        assert food.source.url is not None


def test_a_few_quantities_read_as_the_tables_print_them() -> None:
    """Spot checks against the printed tables (IFCT 2017 Tables 1 and 5; USDA SR26 ABBREV)."""
    foods = DATA.foods
    assert foods["ragi"].fact("calcium") == "Ragi: 364 mg calcium per 100 g (IFCT 2017)"
    assert foods["red-gram-dal"].fact("potassium") == "Toor dal: 1395 mg potassium per 100 g (IFCT 2017)"
    assert foods["tofu-firm"].code == "16426"
    assert foods["tofu-firm"].quantity("calcium") == "683 mg"
    assert foods["curd"].quantity("protein") == "3.5 g"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("foods: {}", "exactly the keys"),
        ("sources: {s: {name: N, short: S, publisher: P, year: '2017'}}\nfoods: {f: {}}", "year"),
        (
            "sources: {s: {name: N, short: S, publisher: P, year: 2017, url: 'http://x'}}\nfoods: {f: {}}",
            "https",
        ),
        (
            "sources: {s: {name: N, short: S, publisher: P, year: 2017}}\n"
            "foods: {f: {label: L, name: N, source: t, code: A001, per_100g: {calcium_mg: 1}}}",
            "not one of the sources",
        ),
        (
            "sources: {s: {name: N, short: S, publisher: P, year: 2017}}\n"
            "foods: {f: {label: L, name: N, source: s, code: A001, per_100g: {calcium_mg: -1}}}",
            "expected a quantity",
        ),
        (
            "sources: {s: {name: N, short: S, publisher: P, year: 2017}}\n"
            "foods: {f: {label: L, name: N, source: s, code: A001, per_100g: {vitamin_c_mg: 1}}}",
            "expected some of",
        ),
    ],
)
def test_a_malformed_nutrients_file_fails_loudly(text: str, problem: str) -> None:
    with pytest.raises(InvalidNutrients, match=problem):
        parse_nutrients(text)


# ---- safe health content ----------------------------------------------------------------

CONDITION = re.compile(
    r"\b(diabetes|blood pressure|asthma|kidney|heart (?:disease|condition)|anaemia|eczema|infection|fever"
    r"|dengue|heatstroke|osteoporosis|menopause|pregnan|copd|allerg)",
    re.IGNORECASE,
)
DOSING = re.compile(r"\bdos(?:e|es|age|ing)\b|\b\d+ ?(?:mcg|iu|tablets?|capsules?)\b", re.IGNORECASE)


@pytest.mark.parametrize("topic", CATALOG.values(), ids=lambda t: t.id)
def test_a_topic_that_touches_a_condition_says_to_talk_to_a_doctor_and_never_doses(topic: Topic) -> None:
    texts = [
        *topic.teasers(),
        *(text for item in topic.items for text in (item.heading, item.body, *item.facts)),
    ]
    if any(CONDITION.search(text) for text in texts):
        assert topic.disclaimer is not None
        assert "doctor" in topic.disclaimer, topic.id
    for text in texts:
        assert not DOSING.search(text), (topic.id, text)

"""The listicle catalog, composer, daily plan and slugs: pure, so no Redis and no app."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from service.content import CONTENT_VERSION
from service.content.errors import UnknownTopic
from service.content.listicle_plan import PLAN_END, PLAN_EPOCH
from service.content.listicles import (
    CATEGORIES,
    MAX_SIZE,
    MIN_SIZE,
    PLAN_WINDOW_DAYS,
    ROTATION_DAYS,
    InvalidCatalog,
    Listicle,
    Topic,
    TopicItem,
    Variant,
    catalog_folder,
    compose_listicle,
    daily_plan,
    load_catalog,
    load_topics,
    parse_slug,
    pick_items,
    plan_for,
    split_sentences,
)

FOLDER = Path(str(catalog_folder()))
CATALOG = load_catalog()
A_YEAR = [date(2026, 1, 1) + timedelta(days=k) for k in range(366)]
TWO_YEARS = [date(2026, 1, 1) + timedelta(days=k) for k in range(731)]
HEALTH_CATEGORIES = {"food-and-nutrition", "sleep", "fitness", "mental-wellbeing", "skin-and-hair", "health"}
# Claims the portal never makes about food, sleep or exercise.
BANNED = re.compile(
    r"\bcur(e|es|ed|ing)\b|\bmiracle|\bmiraculous|\bguarantee|\bdetox|\bsuperfood"
    r"|\bboosts? (your )?immunity|\bburns? (belly )?fat|\bmelts? (away )?fat|\bflush(es)? out",
    re.IGNORECASE,
)
AMERICAN = re.compile(
    r"\b(fiber|color|colors|flavor|flavors|favorite|behavior|neighbor|center|anemia|diarrhea"
    r"|hemoglobin|pediatric|estrogen)\b",
    re.IGNORECASE,
)
ARTIFACT = re.compile(r"[{}<>\[\]]|\bNone\b|\bnull\b|\bTODO\b|\bTBD\b|\bXXX\b|lorem|\s{2,}|%s")


def composed_texts(listicle: Listicle) -> list[tuple[str, str]]:
    """(field, text) for every piece of reader-facing text in a composed list."""
    texts = [("title", listicle.title), ("teaser", listicle.teaser)]
    if listicle.disclaimer:
        texts.append(("disclaimer", listicle.disclaimer))
    for item in listicle.items:
        texts.append((f"{item.position}.heading", item.heading))
        texts.append((f"{item.position}.body", item.body))
        texts += [(f"{item.position}.fact", fact) for fact in item.facts]
    return texts


# ---- the catalog as shipped ----------------------------------------------------------


def test_every_yaml_file_is_a_loaded_topic() -> None:
    assert sorted(p.stem for p in FOLDER.glob("*.yaml")) == sorted(CATALOG)
    assert not list(FOLDER.glob("*.yml"))


def test_catalog_is_large_enough_for_the_default_plan() -> None:
    assert len(CATALOG) >= 3 * PLAN_WINDOW_DAYS


def test_catalog_is_loaded_once_and_read_only() -> None:
    assert load_catalog() is CATALOG
    with pytest.raises(TypeError):
        CATALOG["new"] = CATALOG["foods-that-promote-longevity"]  # type: ignore[index]


@pytest.mark.parametrize("topic", CATALOG.values(), ids=lambda t: t.id)
def test_topic_pool_and_words(topic: Topic) -> None:
    assert topic.category in CATEGORIES
    assert MIN_SIZE <= topic.size <= MAX_SIZE
    assert len(topic.items) >= 2 * topic.size
    headings = [item.heading.casefold() for item in topic.items]
    assert len(set(headings)) == len(headings)
    assert all(1 <= len(item.heading.split()) <= 6 for item in topic.items)
    if topic.category in HEALTH_CATEGORIES:
        assert topic.disclaimer, "health topics carry a disclaimer"
    for item in topic.items:
        assert 2 <= len(split_sentences(item.body)) <= 4, item.heading


def test_the_flagship_topic_keeps_its_title_and_slugs_as_its_first_variant() -> None:
    topic = CATALOG["foods-that-promote-longevity"]
    assert topic.variants[0].title == "10 Foods That Promote Longevity"
    assert topic.slug_stem == "10-foods-that-promote-longevity"
    day = next(d for d in A_YEAR if compose_listicle(topic.id, d).title == topic.variants[0].title)
    listicle = compose_listicle(topic.id, day)
    assert listicle.slug == f"10-foods-that-promote-longevity-{day.isoformat()}"
    assert listicle.version == CONTENT_VERSION
    assert [item.position for item in listicle.items] == list(range(1, 11))
    # Not the portal's already-published sentence (duplicate content), and about longevity.
    assert all("packed with vitamins, antioxidants" not in teaser for teaser in topic.teasers())
    assert "long-lived" in listicle.teaser


@pytest.mark.parametrize("topic", CATALOG.values(), ids=lambda t: t.id)
def test_composed_lists_read_cleanly(topic: Topic) -> None:
    for day in A_YEAR[::29]:
        listicle = compose_listicle(topic.id, day)
        variant = next(v for v in topic.variants if v.title == listicle.title)
        assert len(listicle.items) == variant.size
        assert listicle.teaser == variant.teaser
        number = re.search(r"\d+", listicle.title)
        assert number is not None
        assert int(number.group()) == len(listicle.items)
        assert listicle.slug == f"{variant.slug_stem}-{day.isoformat()}"
        for field, text in composed_texts(listicle):
            assert not ARTIFACT.search(text), (topic.id, field, text)
            assert not BANNED.search(text), (topic.id, field, text)
            assert not AMERICAN.search(text), (topic.id, field, text)
            assert text == text.strip()
        for field, text in composed_texts(listicle):
            if field.endswith(("body", "teaser", "disclaimer")):
                for sentence in split_sentences(text):
                    assert sentence[0].isupper() or sentence[0].isdigit(), (topic.id, sentence)
                    assert sentence[-1] in ".!?", (topic.id, sentence)


# ---- composing -------------------------------------------------------------------------


def test_composition_is_deterministic() -> None:
    day = date(2026, 2, 5)
    for topic_id in CATALOG:
        assert compose_listicle(topic_id, day) == compose_listicle(topic_id, day)


def test_composition_does_not_depend_on_the_hash_seed() -> None:
    """Another interpreter with another PYTHONHASHSEED composes and plans identically."""
    script = (
        "import json, datetime as d\n"
        "from service.content.listicles import compose_listicle, daily_plan, load_catalog\n"
        "day = d.date(2026, 2, 5)\n"
        "print(json.dumps({'lists': {t: [i.heading for i in compose_listicle(t, day).items]"
        " for t in sorted(load_catalog())}, 'plan': [daily_plan(day + d.timedelta(n), 1)"
        " for n in range(30)]}))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=root, capture_output=True, text=True, check=True
    )
    other = json.loads(out.stdout)
    day = date(2026, 2, 5)
    here = {t: [i.heading for i in compose_listicle(t, day).items] for t in sorted(CATALOG)}
    assert other["lists"] == here
    assert other["plan"] == [list(daily_plan(day + timedelta(n), 1)) for n in range(30)]


@pytest.mark.parametrize("topic", CATALOG.values(), ids=lambda t: t.id)
def test_rotation_never_repeats_a_list_within_the_window(topic: Topic) -> None:
    """Every date pair under ROTATION_DAYS apart, over a year, differs in selection or order."""
    last_seen: dict[tuple[int, ...], date] = {}
    for day in A_YEAR:
        picks = pick_items(topic, day)
        assert len(picks) == len(set(picks)) == topic.size
        previous = last_seen.get(picks)
        assert previous is None or (day - previous).days >= ROTATION_DAYS, (previous, day)
        last_seen[picks] = day


def test_rotation_holds_for_the_smallest_allowed_pool() -> None:
    topic = _tiny_topic("tiny", size=MIN_SIZE, pool=2 * MIN_SIZE)
    last_seen: dict[tuple[int, ...], date] = {}
    for day in A_YEAR:
        picks = pick_items(topic, day)
        previous = last_seen.get(picks)
        assert previous is None or (day - previous).days >= ROTATION_DAYS
        last_seen[picks] = day


def test_rotation_uses_the_whole_pool() -> None:
    for topic in CATALOG.values():
        used = {i for day in A_YEAR[:ROTATION_DAYS] for i in pick_items(topic, day)}
        assert used == set(range(len(topic.items))), topic.id


def test_lists_work_at_the_ends_of_the_calendar() -> None:
    for day in (date.min, date.max):
        listicle = compose_listicle("foods-that-promote-longevity", day)
        assert parse_slug(listicle.slug) == ("foods-that-promote-longevity", day)


def test_a_datetime_is_not_a_date() -> None:
    with pytest.raises(TypeError):
        compose_listicle("foods-that-promote-longevity", datetime(2026, 2, 5, 10, 0))  # noqa: DTZ001


def test_unknown_topic_is_a_404_with_a_helpful_message() -> None:
    with pytest.raises(UnknownTopic, match="no-such-topic") as caught:
        compose_listicle("no-such-topic", date(2026, 2, 5))
    assert caught.value.status == 404
    assert "known topics include" in caught.value.detail


# ---- slugs ----------------------------------------------------------------------------


def test_slug_round_trip_for_every_topic() -> None:
    for topic_id in CATALOG:
        for day in (date(2026, 2, 5), date(2028, 2, 29), date(2026, 12, 31)):
            assert parse_slug(compose_listicle(topic_id, day).slug) == (topic_id, day)


@pytest.mark.parametrize(
    "slug",
    [
        "",
        "foods-that-promote-longevity",
        "10-foods-that-promote-longevity",
        "10-foods-that-promote-longevity-2026-02-30",
        "10-foods-that-promote-longevity-2026-2-5",
        "10-foods-that-promote-longevity-20260205",
        "11-foods-that-promote-longevity-2026-02-05",
        "10-Foods-That-Promote-Longevity-2026-02-05",
        "10-foods-that-promote-longevity-2026-02-05/",
        "10--foods-that-promote-longevity-2026-02-05",
        "../10-foods-that-promote-longevity-2026-02-05",
        "10-foods-that-promote-longevity-2026-02-05\n",
        "no-such-topic-2026-02-05",
    ],
)
def test_malformed_or_unknown_slugs(slug: str) -> None:
    with pytest.raises(UnknownTopic):
        parse_slug(slug)


def test_slug_that_is_not_text() -> None:
    with pytest.raises(UnknownTopic):
        parse_slug(None)  # type: ignore[arg-type]


# ---- the daily plan -------------------------------------------------------------------


def _check_plan(catalog: Mapping[str, Topic], count: int, days: list[date]) -> Counter[str]:
    """Assert the plan's guarantees over `days`; return how often each topic ran."""
    last_run: dict[str, date] = {}
    runs: Counter[str] = Counter()
    for day in days:
        plan = plan_for(catalog, day, count)
        assert len(set(plan)) == len(plan) == count, (day, plan)
        for topic_id in plan:
            previous = last_run.get(topic_id)
            assert previous is None or (day - previous).days >= PLAN_WINDOW_DAYS, (topic_id, day)
            last_run[topic_id] = day
            runs[topic_id] += 1
    return runs


def test_daily_plan_over_two_years() -> None:
    runs = _check_plan(CATALOG, 3, TWO_YEARS)
    assert set(runs) == set(CATALOG), "every topic gets published"
    all_year = [runs[t.id] for t in CATALOG.values() if len(t.months) == 12]
    assert max(all_year) - min(all_year) <= 2, "topics take fair turns"
    for day in TWO_YEARS:
        assert daily_plan(day) == plan_for(CATALOG, day, 3)
        assert daily_plan(day) == daily_plan(day, count=3)


def test_daily_plan_mixes_categories() -> None:
    for day in TWO_YEARS:
        categories = [CATALOG[t].category for t in daily_plan(day)]
        assert len(set(categories)) == len(categories), (day, categories)


@pytest.mark.parametrize(
    ("sizes", "count"),
    [
        ((6, 6, 6, 6, 6, 6, 6), 3),  # exactly 14 days of topics: no slack at all
        ((10, 6, 6, 6, 6, 5, 5), 3),
        ((10, 10, 6, 6, 6, 6, 6), 3),
        ((9, 9, 9, 9, 9, 9, 9), 4),
        ((8, 8, 7), 1),
        ((15,), 1),
        ((20, 6, 6, 6, 6, 4, 4), 2),
    ],
)
def test_plan_guarantees_hold_for_any_catalog(sizes: tuple[int, ...], count: int) -> None:
    catalog = _synthetic_catalog(sizes)
    runs = _check_plan(catalog, count, TWO_YEARS)
    assert set(runs) == set(catalog)
    # A tight catalog (almost exactly count * 14 topics) leaves a day too few choices to mix categories.
    slack = len(catalog) >= count * (PLAN_WINDOW_DAYS + 2)
    if slack and len(sizes) >= count and max(sizes) * count <= len(catalog):
        for day in TWO_YEARS[::7]:
            categories = [catalog[t].category for t in plan_for(catalog, day, count)]
            assert len(set(categories)) == count, (day, categories)


def test_the_plan_covers_its_epoch_to_its_end_and_says_so_outside() -> None:
    catalog = _synthetic_catalog((6, 6, 6, 6, 6, 6, 6))
    for day in (PLAN_EPOCH, PLAN_END):
        assert len(plan_for(catalog, day, 3)) == 3
    for day in (date.min, PLAN_EPOCH - timedelta(days=1), PLAN_END + timedelta(days=1), date.max):
        with pytest.raises(ValueError, match="the listicle plan covers 2024-01-01 to 2099-12-31"):
            plan_for(catalog, day, 3)


def test_plan_rejects_a_catalog_too_small_for_the_window() -> None:
    catalog = _synthetic_catalog((6, 6, 6, 6, 6, 6, 5))  # 41 topics
    with pytest.raises(ValueError, match="at least 42 topics"):
        plan_for(catalog, date(2026, 2, 5), 3)
    with pytest.raises(ValueError, match="needs at least"):
        daily_plan(date(2026, 2, 5), count=len(CATALOG) // PLAN_WINDOW_DAYS + 1)


@pytest.mark.parametrize("count", [0, -1, True, 2.0])
def test_plan_rejects_a_bad_count(count: Any) -> None:
    with pytest.raises(ValueError, match="count"):
        daily_plan(date(2026, 2, 5), count=count)


# ---- validation of catalog files -------------------------------------------------------


def _item(n: int, kind: str = "habit") -> dict[str, Any]:
    return {
        "about": f"thing-{n}",
        "kind": kind,
        "heading": f"Item Number {n}",
        "body": f"First sentence {n}. Second sentence.",
    }


def _tiny_topic(topic_id: str, size: int, pool: int) -> Topic:
    items = tuple(TopicItem(f"Item {n}", f"Body {n}. More.", (), f"item-{n}") for n in range(pool))
    return Topic(topic_id, "sleep", _variants(topic_id, size), ("tag",), size, None, items)


def _variants(topic_id: str, size: int = 5, count: int = 4) -> tuple[Variant, ...]:
    return tuple(Variant(f"{{n}} Things {topic_id} {k}", f"Teaser {k}.", size) for k in range(count))


def _valid(topic_id: str = "sample-topic") -> dict[str, Any]:
    return {
        "id": topic_id,
        "category": "sleep",
        "variants": [
            {"title": "{n} Sample Ideas For Better Rest", "teaser": "A short teaser sentence."},
            {"title": "{n} More Sample Ideas", "teaser": "Another teaser sentence.", "size": 4 + 1},
            {"title": "Resting Better? {n} Sample Ideas", "teaser": "A third teaser sentence."},
        ],
        "tags": ["sleep", "sample"],
        "size": 5,
        "disclaimer": "General information only.",
        "items": [_item(n) for n in range(10)],
    }


def _load_one(folder: Path, overrides: dict[str, Any], topic_id: str = "sample-topic") -> Topic:
    (folder / f"{topic_id}.yaml").write_text(yaml.safe_dump({**_valid(topic_id), **overrides}))
    return load_topics(folder)[topic_id]


def _synthetic_catalog(sizes: tuple[int, ...]) -> dict[str, Topic]:
    categories = sorted(CATEGORIES)
    return {
        f"{categories[c]}-{k}": Topic(
            f"{categories[c]}-{k}", categories[c], _variants(f"{categories[c]}-{k}"), ("tag",), 5, None, ()
        )
        for c, size in enumerate(sizes)
        for k in range(size)
    }


def test_a_valid_file_loads(tmp_path: Path) -> None:
    topic = _load_one(tmp_path, {})
    assert topic.titles() == (
        "5 Sample Ideas For Better Rest",
        "5 More Sample Ideas",
        "Resting Better? 5 Sample Ideas",
    )
    assert topic.slug_stem == "5-sample-ideas-for-better-rest"
    assert topic.variants[2].slug_stem == "resting-better-5-sample-ideas"


@pytest.mark.parametrize(
    ("overrides", "field", "problem"),
    [
        ({"author": "me"}, "(topic)", "unknown key"),
        ({"id": "other-topic"}, "id", "file name"),
        ({"category": "astrology"}, "category", "not one of"),
        ({"variants": [{"title": "Sample Ideas For Rest", "teaser": "T."}] * 3}, "variants[0].title", "{n}"),
        (
            {"variants": [{"title": "{n} sample ideas", "teaser": "T."}] * 3},
            "variants[0].title",
            "title case",
        ),
        (
            {"variants": [{"title": "{n} Ideas For {topic}", "teaser": "T."}] * 3},
            "variants[0].title",
            "artifact",
        ),
        (
            {"variants": [{"title": "{n} Ideas", "teaser": "Teaser with TODO."}] * 3},
            "variants[0].teaser",
            "artifact",
        ),
        ({"variants": [{"title": "{n} Ideas", "teaser": "T."}] * 2}, "variants", "at least 3"),
        ({"variants": [{"title": "{n} Ideas", "teaser": "T."}] * 3}, "variants", "share a title"),
        (
            {"variants": [{"title": "{n} Ideas", "teaser": "T.", "size": 11}] * 3},
            "variants[0].size",
            "5 to 10",
        ),
        ({"months": [0, 13]}, "months", "month numbers"),
        ({"months": []}, "months", "month numbers"),
        ({"size": 6}, "items", "at least 12"),
        ({"size": 11}, "size", "5 to 10"),
        ({"size": "10"}, "size", "whole number"),
        ({"tags": ["Sleep"]}, "tags[0]", "lower-case"),
        ({"items": [_item(0)] * 10}, "items[1].heading", "duplicate"),
        (
            {"items": [{**_item(0), "body": "Only one sentence."}] + [_item(n) for n in range(1, 10)]},
            "items[0].body",
            "2-4 sentences",
        ),
        (
            {
                "items": [{**_item(0), "body": "One. Two. Three. Four. Five."}]
                + [_item(n) for n in range(1, 10)]
            },
            "items[0].body",
            "2-4 sentences",
        ),
        (
            {
                "items": [{**_item(0), "body": "one sentence. Two sentences."}]
                + [_item(n) for n in range(1, 10)]
            },
            "items[0].body",
            "capital",
        ),
        (
            {
                "items": [{**_item(0), "body": "One sentence. Two sentences"}]
                + [_item(n) for n in range(1, 10)]
            },
            "items[0].body",
            "end with",
        ),
        (
            {"items": [{**_item(0), "note": "x"}] + [_item(n) for n in range(1, 10)]},
            "items[0]",
            "unknown key",
        ),
        (
            {"items": [{**_item(0), "facts": "Rich in iron"}] + [_item(n) for n in range(1, 10)]},
            "items[0].facts",
            "list",
        ),
        (
            {
                "items": [{**_item(0), "heading": "One Two Three Four Five Six Seven"}]
                + [_item(n) for n in range(1, 10)]
            },
            "items[0].heading",
            "1-6 words",
        ),
        ({"disclaimer": None}, "disclaimer", "non-empty text"),
        ({"form": "recipes"}, "form", "not one of"),
        ({"form": "foods"}, "items[0].kind", "a foods list holds only drink and food items"),
        (
            {"items": [{**_item(0), "kind": "gadget"}] + [_item(n) for n in range(1, 10)]},
            "items[0].kind",
            "not one of",
        ),
        (
            {"items": [{**_item(0), "about": "Thing"}] + [_item(n) for n in range(1, 10)]},
            "items[0].about",
            "lower-case",
        ),
        ({"pinned": ["thing-99"]}, "pinned", "the about of no item"),
        ({"pinned": ["thing-1", "thing-1"]}, "pinned", "distinct"),
        (
            {"items": [{**_item(n), "about": f"thing-{n % 6}"} for n in range(10)]},
            "items",
            "6 distinct abouts besides the pinned ones cannot give 60 different lists",
        ),
    ],
)
def test_invalid_files_fail_loudly_naming_file_and_field(
    tmp_path: Path, overrides: dict[str, Any], field: str, problem: str
) -> None:
    with pytest.raises(InvalidCatalog) as caught:
        _load_one(tmp_path, overrides)
    message = str(caught.value)
    assert message.startswith(f"sample-topic.yaml: {field}:"), message
    assert problem in message, message


def test_duplicate_yaml_keys_are_refused(tmp_path: Path) -> None:
    text = yaml.safe_dump(_valid()) + "size: 6\n"
    (tmp_path / "sample-topic.yaml").write_text(text)
    with pytest.raises(InvalidCatalog, match=r"sample-topic\.yaml: .*duplicate key 'size'"):
        load_topics(tmp_path)


def test_missing_keys_and_wrong_extensions_are_refused(tmp_path: Path) -> None:
    raw = _valid()
    del raw["variants"]
    (tmp_path / "sample-topic.yaml").write_text(yaml.safe_dump(raw))
    with pytest.raises(InvalidCatalog, match=r"sample-topic.yaml: \(topic\): missing key\(s\) variants"):
        load_topics(tmp_path)
    (tmp_path / "sample-topic.yaml").unlink()
    (tmp_path / "sample-topic.yml").write_text(yaml.safe_dump(_valid()))
    with pytest.raises(InvalidCatalog, match=r"\.yaml"):
        load_topics(tmp_path)


def test_two_topics_with_one_slug_are_refused(tmp_path: Path) -> None:
    for topic_id in ("first-topic", "second-topic"):
        (tmp_path / f"{topic_id}.yaml").write_text(yaml.safe_dump(_valid(topic_id)))
    with pytest.raises(InvalidCatalog, match="same slug"):
        load_topics(tmp_path)

"""Lifestyle listicles: the topic catalog, the daily composer, the daily plan and slugs.

Pure: the catalog is package data read once per process; everything else is a function of
(topic or catalog, date, CONTENT_VERSION). No Flask, no Redis, no clock.
"""

from __future__ import annotations

import functools
import hashlib
import math
import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Any

import yaml

from service.content import CONTENT_VERSION
from service.content.errors import UnknownTopic
from service.content.help_notes import HelpNote, load_help_notes
from service.content.listicle_plan import PLAN_WINDOW_DAYS, ROTATION_DAYS, in_plan, planner
from service.content.nutrition import NUTRIENTS, Food, Source, load_nutrients
from service.content.strict_yaml import load_strict

CATEGORIES = frozenset(
    {
        "food-and-nutrition",
        "sleep",
        "fitness",
        "mental-wellbeing",
        "skin-and-hair",
        "home",
        "productivity",
        "health",
        "family",  # parenting and caring for elders
    }
)
MIN_SIZE, MAX_SIZE = 5, 10
DEFAULT_PER_DAY = 3  # HOROSCOPE_LISTICLES_PER_DAY's default
PLAN_CHECKED_UNTIL = date(2030, 12, 31)  # the start-up check proves the packaged plan this far

_TOPIC_KEYS = frozenset(
    {"id", "category", "variants", "tags", "size", "disclaimer", "help", "form", "months", "pinned",
     "nutrients", "sources", "items"}
)  # fmt: skip
_REQUIRED_TOPIC_KEYS = _TOPIC_KEYS - {
    "disclaimer",
    "help",
    "form",
    "months",
    "pinned",
    "nutrients",
    "sources",
}
_VARIANT_KEYS = frozenset({"title", "teaser", "size"})
# Each topic runs under several titles and teasers, so that none is published twice within
# ROTATION_DAYS (the plan only runs a topic when one of its variants is that fresh).
MIN_VARIANTS = 3
ALL_MONTHS = frozenset(range(1, 13))
# Pieces in these categories always carry a help note (helplines and warning signs).
HELP_CATEGORIES = frozenset({"mental-wellbeing"})
_ITEM_KEYS = frozenset({"about", "kind", "heading", "body", "facts", "foods"})
# What an item is: a food list ('form: foods') holds only foods and drinks.
KINDS = frozenset({"food", "drink", "habit", "exercise", "sign", "myth", "item"})
FORMS = {"foods": frozenset({"food", "drink"}), "tips": KINDS}
_WORD_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Anything a template engine, an editor's placeholder or a bad paste leaves behind.
_ARTIFACT = re.compile(
    r"[{}<>\[\]]|%s|%\(|\$\{|\bTODO\b|\bTBD\b|\bFIXME\b|\bXXX\b|lorem ipsum|\s{2,}|\\n",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
_SLUG = re.compile(r"(?P<stem>[a-z0-9]+(?:-[a-z0-9]+)*)-(?P<date>\d{4}-\d{2}-\d{2})")


class InvalidCatalog(Exception):
    """A catalog file that breaks the format; names the file and the field."""


@dataclass(frozen=True, slots=True)
class TopicItem:
    """One entry of a topic's pool, before it is picked and numbered."""

    heading: str
    body: str
    facts: tuple[str, ...]
    about: str  # what it is about ('ragi', 'walking'): a list never holds two items on one thing
    kind: str = "habit"  # one of KINDS
    foods: tuple[Food, ...] = ()  # the sourced foods it names, whose quantities a nutrient list shows

    def quantities(self, nutrients: tuple[str, ...]) -> tuple[str, ...]:
        """The sourced quantity facts of this item's foods for `nutrients` ('Ragi: 364 mg calcium ...')."""
        return tuple(fact for food in self.foods for n in nutrients if (fact := food.fact(n)) is not None)


@dataclass(frozen=True, slots=True)
class Variant:
    """One way a topic's piece is presented: its title, teaser and item count."""

    title_pattern: str  # '{n} Foods That Promote Longevity'
    teaser: str
    size: int

    @property
    def title(self) -> str:
        """The title with its number filled in."""
        return self.title_pattern.replace("{n}", str(self.size))

    @property
    def slug_stem(self) -> str:
        """The dateless part of the slugs of this variant: '10-foods-that-promote-longevity'."""
        return _slugify(self.title)


# Compared by identity: the packaged catalog is loaded once, and plans are cached per catalog.
@dataclass(frozen=True, slots=True, eq=False)
class Topic:
    """A catalog topic: its words, the months it suits and the pool its daily lists are drawn from."""

    id: str
    category: str
    variants: tuple[Variant, ...]  # the first keeps the topic's original title (and its slugs)
    tags: tuple[str, ...]
    size: int  # items per list unless a variant says otherwise
    disclaimer: str | None
    items: tuple[TopicItem, ...]
    help: HelpNote | None = None  # fixed signposting every piece of the topic carries
    form: str = "tips"  # 'foods': every item is a food or a drink
    pinned: tuple[str, ...] = ()  # abouts every piece holds ('ragi', 'sesame' for calcium)
    months: frozenset[int] = ALL_MONTHS  # the plan runs the topic only in these months
    nutrients: tuple[str, ...] = ()  # what a food list quantifies, per food, from data/nutrients.yaml
    sources: tuple[Source, ...] = ()  # publications its prose quotes, besides its quantities'

    def titles(self) -> tuple[str, ...]:
        """Every title the topic publishes under, numbers filled in."""
        return tuple(variant.title for variant in self.variants)

    def teasers(self) -> tuple[str, ...]:
        """Every teaser the topic publishes with."""
        return tuple(variant.teaser for variant in self.variants)

    @property
    def slug_stem(self) -> str:
        """The dateless slug of the topic's first variant: '10-foods-that-promote-longevity'."""
        return self.variants[0].slug_stem


@dataclass(frozen=True, slots=True)
class ListicleItem:
    position: int  # from 1
    heading: str
    body: str
    facts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Listicle:
    """One topic's list for one date, as the domain hands it out."""

    slug: str  # '10-foods-that-promote-longevity-2026-02-05'
    date: date
    topic_id: str
    category: str
    title: str
    teaser: str
    items: tuple[ListicleItem, ...]
    tags: tuple[str, ...]
    disclaimer: str | None
    help: HelpNote | None = None
    sources: tuple[Source, ...] = ()  # what its numbers come from
    version: str = CONTENT_VERSION


# ---- catalog ---------------------------------------------------------------------------


def catalog_folder() -> Traversable:
    """The packaged folder that holds one YAML file per topic."""
    return files("service.content").joinpath("data", "listicles")


@functools.cache
def load_catalog() -> Mapping[str, Topic]:
    """Every topic in the packaged catalog, validated, keyed by id; read once per process."""
    return load_topics(catalog_folder())


def load_topics(folder: Traversable) -> Mapping[str, Topic]:
    """Load and strictly validate every `*.yaml` topic file in `folder`."""
    topics: dict[str, Topic] = {}
    stems: dict[str, str] = {}
    teasers: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yml"):
            raise InvalidCatalog(f"{entry.name}: topic files must end in .yaml")
        if not entry.name.endswith(".yaml"):
            continue
        topic = _parse_topic(entry.name, entry.read_text(encoding="utf-8"))
        for i, variant in enumerate(topic.variants):
            stem, teaser = variant.slug_stem, variant.teaser.casefold()
            if stem in stems:
                raise InvalidCatalog(
                    f"{entry.name}: variants[{i}].title: same slug {stem!r} as topic {stems[stem]!r}"
                )
            if teaser in teasers:
                raise InvalidCatalog(f"{entry.name}: variants[{i}].teaser: same as topic {teasers[teaser]!r}")
            stems[stem] = teasers[teaser] = topic.id
        topics[topic.id] = topic
    return MappingProxyType(topics)


def _parse_topic(file_name: str, text: str) -> Topic:
    def fail(field: str, problem: str) -> InvalidCatalog:
        return InvalidCatalog(f"{file_name}: {field}: {problem}")

    try:
        raw = load_strict(text)
    except yaml.YAMLError as exc:
        raise fail("(file)", f"not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise fail("(file)", "expected a mapping at the top level")
    _check_keys(raw, _TOPIC_KEYS, _REQUIRED_TOPIC_KEYS, "(topic)", fail)

    topic_id = _text(raw, "id", fail)
    if topic_id != file_name.removesuffix(".yaml"):
        raise fail("id", f"{topic_id!r} does not equal the file name")
    if not _WORD_ID.fullmatch(topic_id):
        raise fail("id", "use lower-case words joined by hyphens")
    category = _text(raw, "category", fail)
    if category not in CATEGORIES:
        raise fail("category", f"{category!r} is not one of {', '.join(sorted(CATEGORIES))}")

    months = _months(raw.get("months"), fail)

    tags = raw["tags"]
    if not isinstance(tags, list) or not tags:
        raise fail("tags", "expected a non-empty list")
    for i, tag in enumerate(tags):
        if not isinstance(tag, str) or not _WORD_ID.fullmatch(tag):
            raise fail(f"tags[{i}]", f"{tag!r} is not lower-case words joined by hyphens")
    if len(set(tags)) != len(tags):
        raise fail("tags", "duplicate tag")

    size = _size(raw["size"], "size", fail)
    variants = _variants(raw["variants"], size, fail)
    largest = max(variant.size for variant in variants)

    disclaimer: str | None = None
    if "disclaimer" in raw:
        disclaimer = _text(raw, "disclaimer", fail)
        _check_sentences(disclaimer, "disclaimer", 1, 2, fail)

    help_note: HelpNote | None = None
    if "help" in raw:
        notes = load_help_notes()
        if raw["help"] not in notes:
            raise fail("help", f"{raw['help']!r} is not one of the help notes: {', '.join(sorted(notes))}")
        help_note = notes[raw["help"]]
    elif category in HELP_CATEGORIES:
        raise fail("help", f"every {category} topic carries a help note")

    raw_items = raw["items"]
    if not isinstance(raw_items, list):
        raise fail("items", "expected a list")
    if len(raw_items) < 2 * largest:
        raise fail("items", f"pool has {len(raw_items)} items; size {largest} needs at least {2 * largest}")
    items = tuple(_parse_item(raw_item, f"items[{i}]", fail) for i, raw_item in enumerate(raw_items))
    form = raw.get("form", "tips")
    if form not in FORMS:
        raise fail("form", f"{form!r} is not one of {', '.join(sorted(FORMS))}")
    for i, item in enumerate(items):
        if item.kind not in FORMS[form]:
            allowed = " and ".join(sorted(FORMS[form]))
            raise fail(f"items[{i}].kind", f"a {form} list holds only {allowed} items")
    for field, values in (
        ("heading", [it.heading for it in items]),
        ("body", [it.body for it in items]),
    ):
        seen: dict[str, int] = {}
        for i, value in enumerate(values):
            key = value.casefold()
            if key in seen:
                raise fail(f"items[{i}].{field}", f"duplicate of items[{seen[key]}]: {value!r}")
            seen[key] = i
    pinned = _pinned(raw.get("pinned", []), items, {variant.size for variant in variants}, fail)
    nutrients = _names(raw.get("nutrients", []), "nutrients", NUTRIENTS, fail)
    if nutrients and form != "foods":
        raise fail("nutrients", "only a foods list quantifies nutrients")
    if not nutrients and any(item.foods for item in items):
        raise fail("nutrients", "items name sourced foods, but the topic names no nutrient to quantify")
    sources = tuple(
        load_nutrients().sources[s]
        for s in _names(raw.get("sources", []), "sources", load_nutrients().sources, fail)
    )

    return Topic(
        id=topic_id,
        category=category,
        variants=variants,
        tags=tuple(tags),
        size=size,
        disclaimer=disclaimer,
        items=items,
        help=help_note,
        form=form,
        pinned=pinned,
        months=months,
        nutrients=nutrients,
        sources=sources,
    )


_Fail = Callable[[str, str], InvalidCatalog]


def _names(raw: object, field: str, known: Mapping[str, object], fail: _Fail) -> tuple[str, ...]:
    """A list of distinct names, each one of `known`."""
    if not isinstance(raw, list) or len(set(map(str, raw))) != len(raw):
        raise fail(field, "expected a list of distinct names")
    for name in raw:
        if name not in known:
            raise fail(field, f"{name!r} is not one of {', '.join(sorted(known))}")
    return tuple(raw)


def _size(raw: object, field: str, fail: _Fail) -> int:
    if type(raw) is not int or not MIN_SIZE <= raw <= MAX_SIZE:
        raise fail(field, f"expected a whole number from {MIN_SIZE} to {MAX_SIZE}, got {raw!r}")
    return raw


def _months(raw: object, fail: _Fail) -> frozenset[int]:
    """The months (1-12) a topic suits; all of them when the file names none."""
    if raw is None:
        return ALL_MONTHS
    if (
        not isinstance(raw, list)
        or not raw
        or any(type(m) is not int or not 1 <= m <= 12 for m in raw)
        or len(set(raw)) != len(raw)
    ):
        raise fail("months", f"expected a list of distinct month numbers 1-12, got {raw!r}")
    return frozenset(raw)


def _variants(raw: object, size: int, fail: _Fail) -> tuple[Variant, ...]:
    """A topic's titles and teasers: at least MIN_VARIANTS, each title with its own slug."""
    if not isinstance(raw, list) or len(raw) < MIN_VARIANTS:
        raise fail("variants", f"expected a list of at least {MIN_VARIANTS} titles with their teasers")
    variants = []
    for i, entry in enumerate(raw):
        where = f"variants[{i}]"
        if not isinstance(entry, dict):
            raise fail(where, "expected a mapping with title, teaser and an optional size")
        _check_keys(entry, _VARIANT_KEYS, _VARIANT_KEYS - {"size"}, where, fail)
        title = _text(entry, "title", fail, where)
        if title.count("{n}") != 1:
            raise fail(f"{where}.title", "must contain {n} exactly once (the item count)")
        _check_title_case(title, f"{where}.title", fail)
        teaser = _text(entry, "teaser", fail, where)
        _check_sentences(teaser, f"{where}.teaser", 1, 3, fail)
        variant_size = _size(entry["size"], f"{where}.size", fail) if "size" in entry else size
        variants.append(Variant(title, teaser, variant_size))
    for field, values in (
        ("title", [v.title.casefold() for v in variants]),
        ("teaser", [v.teaser for v in variants]),
    ):
        if len(set(values)) != len(values):
            raise fail("variants", f"two variants share a {field}")
    return tuple(variants)


def _pinned(raw: object, items: tuple[TopicItem, ...], sizes: set[int], fail: _Fail) -> tuple[str, ...]:
    """The topic's must-have abouts (one of each about's items is drawn), leaving room for rotation."""
    if not isinstance(raw, list) or len(set(map(str, raw))) != len(raw):
        raise fail("pinned", "expected a list of distinct item abouts")
    for about in raw:
        if not any(item.about == about for item in items):
            raise fail("pinned", f"{about!r} is the about of no item")
    if len(raw) >= min(sizes):
        raise fail("pinned", f"{len(raw)} pinned abouts leave no room in a list of {min(sizes)}")
    pinned = tuple(str(about) for about in raw)
    free = len({item.about for item in items} - set(pinned))
    for size in sorted(sizes):
        if _rotations(free, size - len(pinned)) < ROTATION_DAYS:
            raise fail(
                "items",
                f"{free} distinct abouts besides the pinned ones cannot give {ROTATION_DAYS} different lists "
                f"of {size}; add items on other things or pin fewer",
            )
    return pinned


def _rotations(free: int, slots: int) -> int:
    """Distinct selections one rotation cycle can draw: a majority from one half of the free abouts."""
    if slots < 1:
        return 0
    major = slots // 2 + 1
    halves = (free + 1) // 2, free // 2
    return min(math.comb(a, major) * math.comb(b, slots - major) for a, b in (halves, halves[::-1]))


def _parse_item(raw: object, where: str, fail: _Fail) -> TopicItem:
    if not isinstance(raw, dict):
        raise fail(where, "expected a mapping with about, kind, heading, body and optional facts")
    _check_keys(raw, _ITEM_KEYS, _ITEM_KEYS - {"facts", "foods"}, where, fail)
    about = _text(raw, "about", fail, where)
    if not _WORD_ID.fullmatch(about):
        raise fail(f"{where}.about", f"{about!r} is not lower-case words joined by hyphens")
    kind = _text(raw, "kind", fail, where)
    if kind not in KINDS:
        raise fail(f"{where}.kind", f"{kind!r} is not one of {', '.join(sorted(KINDS))}")
    heading = _text(raw, "heading", fail, where)
    words = heading.split()
    if not 1 <= len(words) <= 6:
        raise fail(f"{where}.heading", f"expected 1-6 words, got {len(words)}")
    if not heading[0].isupper() and not heading[0].isdigit():
        raise fail(f"{where}.heading", "must start with a capital letter or a digit")
    if heading[-1] in ".:;,":
        raise fail(f"{where}.heading", "must not end with punctuation")
    body = _text(raw, "body", fail, where)
    _check_sentences(body, f"{where}.body", 2, 4, fail)
    facts: tuple[str, ...] = ()
    if "facts" in raw:
        raw_facts = raw["facts"]
        if not isinstance(raw_facts, list) or not raw_facts:
            raise fail(f"{where}.facts", "expected a non-empty list of short phrases")
        for i, fact in enumerate(raw_facts):
            if not isinstance(fact, str) or not fact.strip() or len(fact) > 80:
                raise fail(f"{where}.facts[{i}]", "expected a short phrase of at most 80 characters")
            if _ARTIFACT.search(fact) or fact != fact.strip():
                raise fail(f"{where}.facts[{i}]", f"template artifact or stray space in {fact!r}")
        facts = tuple(raw_facts)
    foods = _names(raw.get("foods", []), f"{where}.foods", load_nutrients().foods, fail)
    if foods and kind not in FORMS["foods"]:
        raise fail(f"{where}.foods", "only a food or a drink names sourced foods")
    return TopicItem(
        heading=heading,
        body=body,
        facts=facts,
        about=about,
        kind=kind,
        foods=tuple(load_nutrients().foods[f] for f in foods),
    )


def _check_keys(
    raw: dict[Any, Any], allowed: frozenset[str], required: frozenset[str], where: str, fail: _Fail
) -> None:
    unknown = sorted(str(k) for k in raw.keys() - allowed)
    if unknown:
        raise fail(where, f"unknown key(s) {', '.join(unknown)}")
    missing = sorted(required - raw.keys())
    if missing:
        raise fail(where, f"missing key(s) {', '.join(missing)}")


def _text(raw: dict[Any, Any], key: str, fail: _Fail, where: str = "") -> str:
    field = f"{where}.{key}" if where else key
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise fail(field, f"expected non-empty text, got {value!r}")
    if value != value.strip():
        raise fail(field, "leading or trailing whitespace")
    artifact = _ARTIFACT.search(value.replace("{n}", "0", 1) if key == "title" else value)
    if artifact:
        raise fail(field, f"template artifact {artifact.group()!r}")
    return value


def _check_title_case(title: str, field: str, fail: _Fail) -> None:
    for word in title.replace("{n}", "0").split():
        first = word.lstrip("\"'(")[:1]
        if first.isalpha() and not first.isupper():
            raise fail(field, f"not title case: {word!r} should start with a capital")


def split_sentences(text: str) -> list[str]:
    """Split text into sentences at '.', '!' or '?' followed by whitespace."""
    return _SENTENCE_BREAK.split(text.strip())


def _check_sentences(text: str, field: str, least: int, most: int, fail: _Fail) -> None:
    sentences = split_sentences(text)
    if not least <= len(sentences) <= most:
        raise fail(field, f"expected {least}-{most} sentences, found {len(sentences)}")
    for sentence in sentences:
        first = sentence.lstrip("\"'(")[:1]
        if not (first.isupper() or first.isdigit()):
            raise fail(field, f"sentence must start with a capital: {sentence!r}")
        if sentence.rstrip("\"')")[-1:] not in (".", "!", "?"):
            raise fail(field, f"sentence must end with '.', '!' or '?': {sentence!r}")


# ---- composing one list ---------------------------------------------------------------


def _rng(*parts: object) -> random.Random:
    """A private PRNG seeded from sha256 of the parts: identical on every replica and run."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return random.Random(int.from_bytes(digest[:16], "big"))


def _topic(topic_id: str) -> Topic:
    catalog = load_catalog()
    try:
        return catalog[topic_id]
    except KeyError:
        known = ", ".join(sorted(catalog)[:5])
        raise UnknownTopic(f"No listicle topic {topic_id!r}; known topics include {known}.") from None


def _require_date(day: object) -> None:
    # datetime is a date subclass; its isoformat would put a time into slugs.
    if not isinstance(day, date) or isinstance(day, datetime):
        raise TypeError(f"expected a datetime.date, got {type(day).__name__}")


def compose_listicle(topic_id: str, day: date, per_day: int = DEFAULT_PER_DAY) -> Listicle:
    """The topic's list for `day`: the title the plan gives it (at `per_day` lists a day) and a
    deterministic selection of items from its pool, in pool order: on a planned run, the items its
    last runs did not show."""
    _require_date(day)
    topic = _topic(topic_id)
    variant = topic.variants[variant_on(topic, day, per_day)]
    drawn = [topic.items[i] for i in _items_on(topic, day, variant.size, per_day)]
    items = tuple(
        ListicleItem(
            position=n, heading=it.heading, body=it.body, facts=(*it.quantities(topic.nutrients), *it.facts)
        )
        for n, it in enumerate(drawn, start=1)
    )
    quoted = [food.source for it in drawn for food in it.foods if it.quantities(topic.nutrients)]
    return Listicle(
        slug=f"{variant.slug_stem}-{day.isoformat()}",  # planned_slug
        date=day,
        topic_id=topic.id,
        category=topic.category,
        title=variant.title,
        teaser=variant.teaser,
        items=items,
        tags=topic.tags,
        disclaimer=topic.disclaimer,
        help=topic.help,
        sources=tuple(dict.fromkeys((*topic.sources, *quoted))),
    )


def planned_slug(topic_id: str, day: date, per_day: int = DEFAULT_PER_DAY) -> str:
    """The slug the topic's piece of `day` is composed under (the title the plan gives it)."""
    _require_date(day)
    topic = _topic(topic_id)
    return f"{topic.variants[variant_on(topic, day, per_day)].slug_stem}-{day.isoformat()}"


def variant_on(topic: Topic, day: date, per_day: int = DEFAULT_PER_DAY) -> int:
    """Index of the variant `topic` runs under on `day` in the packaged plan (the first outside it)."""
    if not in_plan(day):
        return 0
    return planner(tuple(load_catalog().values()), per_day).variant_on(topic, day)


def _items_on(topic: Topic, day: date, size: int, per_day: int) -> tuple[int, ...]:
    """The items of a planned run: fresh against the topic's last runs (listicle_draw); on a day the
    packaged plan does not run the topic (a list an editor put together), the date's rotation."""
    planned = planner(tuple(load_catalog().values()), per_day).items_on(topic, day) if in_plan(day) else None
    return planned if planned is not None else pick_items(topic, day, size)


def pick_items(topic: Topic, day: date, size: int | None = None) -> tuple[int, ...]:
    """Pool indices of the `size` items (the topic's size by default) `topic` shows on `day`, in
    their published (pool) order."""
    _require_date(day)
    ordinal = day.toordinal()
    return _rotation_cycle(topic, ordinal // ROTATION_DAYS, size or topic.size)[ordinal % ROTATION_DAYS]


@functools.lru_cache(maxsize=512)
def _rotation_cycle(topic: Topic, cycle: int, size: int) -> tuple[tuple[int, ...], ...]:
    """Item picks (pool indices, in pool order) for each day of one ROTATION_DAYS-long cycle.

    Every pick holds the pinned items and at most one item per about, shown in pool order (the
    editor's order: strongest first, planning before doing). Guarantee: any two dates less than
    ROTATION_DAYS apart fall in the same or in adjacent cycles. Within a cycle every day's
    selection is distinct (redrawn until new). The free abouts are split into two fixed halves, and
    even cycles draw a majority from one half, odd cycles from the other, so selections of adjacent
    cycles cannot coincide. Work per call is bounded by one cycle.
    """
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(topic.items):
        groups.setdefault(item.about, []).append(index)
    free = sorted(about for about in groups if about not in topic.pinned)
    # The halves are fixed per topic and version, so they hold across every cycle boundary.
    _rng("listicle-halves", CONTENT_VERSION, topic.id).shuffle(free)
    major, minor = free[cycle % 2 :: 2], free[1 - cycle % 2 :: 2]
    slots = size - len(topic.pinned)
    rng = _rng("listicle-cycle", CONTENT_VERSION, topic.id, cycle, size)
    seen: set[tuple[int, ...]] = set()
    days: list[tuple[int, ...]] = []
    while len(days) < ROTATION_DAYS:
        abouts = [
            *topic.pinned,
            *rng.sample(major, slots // 2 + 1),
            *rng.sample(minor, slots - slots // 2 - 1),
        ]
        picks = tuple(sorted(rng.choice(groups[about]) for about in abouts))
        if picks not in seen:
            seen.add(picks)
            days.append(picks)
    return tuple(days)


# ---- slugs -----------------------------------------------------------------------------


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@functools.cache
def _topics_by_stem() -> Mapping[str, str]:
    """Topic id by the slug stem of each of its variants (every one is unique in the catalog)."""
    return MappingProxyType({v.slug_stem: t.id for t in load_catalog().values() for v in t.variants})


def parse_slug(slug: str) -> tuple[str, date]:
    """(topic id, date) of a listicle slug; UnknownTopic for anything malformed or unknown."""
    match = _SLUG.fullmatch(slug) if isinstance(slug, str) else None
    if match is None:
        raise UnknownTopic(f"{slug!r} is not a listicle slug like '10-foods-for-sleep-2026-02-05'.")
    topic_id = _topics_by_stem().get(match["stem"])
    if topic_id is None:
        raise UnknownTopic(f"No listicle topic has the slug {match['stem']!r}.")
    try:
        day = date.fromisoformat(match["date"])
    except ValueError:
        raise UnknownTopic(f"{match['date']!r} in slug {slug!r} is not a calendar date.") from None
    return topic_id, day


# ---- the daily plan --------------------------------------------------------------------


def daily_plan(day: date, count: int = DEFAULT_PER_DAY) -> tuple[str, ...]:
    """Topic ids to publish on `day`: in season, distinct, none repeated within PLAN_WINDOW_DAYS."""
    return plan_for(load_catalog(), day, count)


def plan_problem(catalog: Mapping[str, Topic], count: int, through: date = PLAN_CHECKED_UNTIL) -> str | None:
    """Why `catalog` cannot run `count` lists a day by every rule of the plan up to `through`, or None.

    Every month needs at least count * PLAN_WINDOW_DAYS topics in season (each runs at most once
    in any PLAN_WINDOW_DAYS days), and the plan itself must never have to give up a rule.
    """
    for month in range(1, 13):
        in_season = sum(month in topic.months for topic in catalog.values())
        if in_season < count * PLAN_WINDOW_DAYS:
            fewest = min(sum(m in t.months for t in catalog.values()) for m in range(1, 13))
            return (
                f"{count} a day needs at least {count * PLAN_WINDOW_DAYS} topics in season every month "
                f"(no topic runs twice within {PLAN_WINDOW_DAYS} days); month {month} has {in_season}. "
                f"Use at most {fewest // PLAN_WINDOW_DAYS}."
            )
    plan = planner(tuple(catalog.values()), count)
    plan.topics_on(through)
    if plan.relaxed:
        first = plan.relaxed[0]
        return (
            f"{count} a day cannot keep every rule of the plan: on {first.day} topic {first.topic_id!r} "
            f"would run without a {first.rule} (a title unused for {ROTATION_DAYS} days, or its season). "
            f"Use fewer a day or add topics."
        )
    return None


def plan_for(catalog: Mapping[str, Topic], day: date, count: int) -> tuple[str, ...]:
    """The daily plan over any catalog (daily_plan uses the packaged one); see listicle_plan."""
    _require_date(day)
    return planner(tuple(catalog.values()), count).topics_on(day)

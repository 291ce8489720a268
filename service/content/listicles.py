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
from collections.abc import Callable, Mapping, Sequence
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
    }
)
MIN_SIZE, MAX_SIZE = 5, 10
ROTATION_DAYS = 60  # a topic published again within this many days shows a different list
PLAN_WINDOW_DAYS = 14  # no topic appears twice in the daily plan within this many days

_TOPIC_KEYS = frozenset(
    {"id", "category", "title", "teaser", "tags", "size", "disclaimer", "help", "form", "pinned", "items"}
)
_REQUIRED_TOPIC_KEYS = _TOPIC_KEYS - {"disclaimer", "help", "form", "pinned"}
# Pieces in these categories always carry a help note (helplines and warning signs).
HELP_CATEGORIES = frozenset({"mental-wellbeing"})
_ITEM_KEYS = frozenset({"about", "kind", "heading", "body", "facts"})
# What an item is: a food list ('form: foods') holds only foods and drinks.
KINDS = frozenset({"food", "drink", "habit", "exercise", "sign", "myth"})
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


@dataclass(frozen=True, slots=True)
class Topic:
    """A catalog topic: its words and the pool its daily lists are drawn from."""

    id: str
    category: str
    title_pattern: str  # '{n} Foods That Promote Longevity'
    teaser: str
    tags: tuple[str, ...]
    size: int
    disclaimer: str | None
    items: tuple[TopicItem, ...]
    help: HelpNote | None = None  # fixed signposting every piece of the topic carries
    form: str = "tips"  # 'foods': every item is a food or a drink
    pinned: tuple[str, ...] = ()  # abouts every piece holds ('ragi', 'sesame' for calcium)

    def title(self, n: int) -> str:
        """The title with its number filled in."""
        return self.title_pattern.replace("{n}", str(n))

    def titles(self) -> tuple[str, ...]:
        """Every title the topic publishes under, numbers filled in."""
        return (self.title(self.size),)

    def teasers(self) -> tuple[str, ...]:
        """Every teaser the topic publishes with."""
        return (self.teaser,)

    @property
    def slug_stem(self) -> str:
        """The dateless part of every slug of this topic: '10-foods-that-promote-longevity'."""
        return _slugify(self.title(self.size))


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
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yml"):
            raise InvalidCatalog(f"{entry.name}: topic files must end in .yaml")
        if not entry.name.endswith(".yaml"):
            continue
        topic = _parse_topic(entry.name, entry.read_text(encoding="utf-8"))
        stem = topic.slug_stem
        if stem in stems:
            raise InvalidCatalog(f"{entry.name}: title: same slug {stem!r} as topic {stems[stem]!r}")
        stems[stem] = topic.id
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

    title = _text(raw, "title", fail)
    if title.count("{n}") != 1:
        raise fail("title", "must contain {n} exactly once (the item count)")
    _check_title_case(title, fail)
    teaser = _text(raw, "teaser", fail)
    _check_sentences(teaser, "teaser", 1, 3, fail)

    tags = raw["tags"]
    if not isinstance(tags, list) or not tags:
        raise fail("tags", "expected a non-empty list")
    for i, tag in enumerate(tags):
        if not isinstance(tag, str) or not _WORD_ID.fullmatch(tag):
            raise fail(f"tags[{i}]", f"{tag!r} is not lower-case words joined by hyphens")
    if len(set(tags)) != len(tags):
        raise fail("tags", "duplicate tag")

    size = raw["size"]
    if type(size) is not int or not MIN_SIZE <= size <= MAX_SIZE:
        raise fail("size", f"expected a whole number from {MIN_SIZE} to {MAX_SIZE}, got {size!r}")

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
    if len(raw_items) < 2 * size:
        raise fail("items", f"pool has {len(raw_items)} items; size {size} needs at least {2 * size}")
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
    pinned = _pinned(raw.get("pinned", []), items, size, fail)

    return Topic(
        id=topic_id,
        category=category,
        title_pattern=title,
        teaser=teaser,
        tags=tuple(tags),
        size=size,
        disclaimer=disclaimer,
        items=items,
        help=help_note,
        form=form,
        pinned=pinned,
    )


_Fail = Callable[[str, str], InvalidCatalog]


def _pinned(raw: object, items: tuple[TopicItem, ...], size: int, fail: _Fail) -> tuple[str, ...]:
    """The topic's must-have abouts (one of each about's items is drawn), leaving room for rotation."""
    if not isinstance(raw, list) or len(set(map(str, raw))) != len(raw):
        raise fail("pinned", "expected a list of distinct item abouts")
    for about in raw:
        if not any(item.about == about for item in items):
            raise fail("pinned", f"{about!r} is the about of no item")
    if len(raw) >= size:
        raise fail("pinned", f"{len(raw)} pinned abouts leave no room in a list of {size}")
    pinned = tuple(str(about) for about in raw)
    free = len({item.about for item in items} - set(pinned))
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
    _check_keys(raw, _ITEM_KEYS, _ITEM_KEYS - {"facts"}, where, fail)
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
    return TopicItem(heading=heading, body=body, facts=facts, about=about, kind=kind)


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
    artifact = _ARTIFACT.search(value.replace("{n}", "0") if key == "title" else value)
    if artifact:
        raise fail(field, f"template artifact {artifact.group()!r}")
    return value


def _check_title_case(title: str, fail: _Fail) -> None:
    for word in title.replace("{n}", "0").split():
        first = word.lstrip("\"'(")[:1]
        if first.isalpha() and not first.isupper():
            raise fail("title", f"not title case: {word!r} should start with a capital")


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


def compose_listicle(topic_id: str, day: date) -> Listicle:
    """The topic's list for `day`: a deterministic pick and order of `size` items from its pool."""
    _require_date(day)
    topic = _topic(topic_id)
    items = tuple(
        ListicleItem(position=n, heading=it.heading, body=it.body, facts=it.facts)
        for n, it in enumerate((topic.items[i] for i in pick_items(topic, day)), start=1)
    )
    return Listicle(
        slug=listicle_slug(topic, day),
        date=day,
        topic_id=topic.id,
        category=topic.category,
        title=topic.title(len(items)),
        teaser=topic.teaser,
        items=items,
        tags=topic.tags,
        disclaimer=topic.disclaimer,
        help=topic.help,
    )


def pick_items(topic: Topic, day: date) -> tuple[int, ...]:
    """Pool indices of the items `topic` shows on `day`, in their published (pool) order."""
    _require_date(day)
    ordinal = day.toordinal()
    return _rotation_cycle(topic, ordinal // ROTATION_DAYS)[ordinal % ROTATION_DAYS]


@functools.lru_cache(maxsize=512)
def _rotation_cycle(topic: Topic, cycle: int) -> tuple[tuple[int, ...], ...]:
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
    slots = topic.size - len(topic.pinned)
    rng = _rng("listicle-cycle", CONTENT_VERSION, topic.id, cycle)
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


def listicle_slug(topic: Topic, day: date) -> str:
    """The stable dated slug: '10-foods-that-promote-longevity-2026-02-05'."""
    return f"{topic.slug_stem}-{day.isoformat()}"


@functools.cache
def _topics_by_stem() -> Mapping[str, str]:
    return MappingProxyType({t.slug_stem: t.id for t in load_catalog().values()})


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


def daily_plan(day: date, count: int = 3) -> tuple[str, ...]:
    """Topic ids to publish on `day`: distinct, none repeated within PLAN_WINDOW_DAYS."""
    return plan_for(load_catalog(), day, count)


def plan_for(catalog: Mapping[str, Topic], day: date, count: int) -> tuple[str, ...]:
    """The daily plan over any catalog (daily_plan uses the packaged one).

    The plan is one endless sequence of topic ids, `count` per day. It is cut into periods of
    T = len(catalog) positions, each a permutation of the whole catalog. Every period is the
    same base cycle with each topic moved at most r = (T - 14 * count) // 2 places. Two uses of
    one topic are therefore at least T - 2r >= 14 * count positions (14 days) apart, and each
    period is computed on its own: bounded work for any date.
    """
    _require_date(day)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(f"count must be a positive whole number, got {count!r}")
    size = len(catalog)
    if count * PLAN_WINDOW_DAYS > size:
        raise ValueError(
            f"{count} listicles a day with no topic repeated within {PLAN_WINDOW_DAYS} days needs "
            f"at least {count * PLAN_WINDOW_DAYS} topics; the catalog has {size}"
        )
    key = tuple(sorted((t.id, t.category) for t in catalog.values()))
    first = day.toordinal() * count
    positions = range(first, first + count)
    return tuple(_plan_period(key, count, x // size)[x % size] for x in positions)


_CatalogKey = tuple[tuple[str, str], ...]


def _same_category_pairs(order: Sequence[str], categories: Mapping[str, str], days: Sequence[range]) -> int:
    clashes = 0
    for span in days:
        seen = [categories[order[i % len(order)]] for i in span]
        clashes += len(seen) - len(set(seen))
    return clashes


@functools.lru_cache(maxsize=8)
def _plan_base(key: _CatalogKey, count: int) -> tuple[str, ...]:
    """The base cycle: categories spread evenly, so that consecutive topics rarely share one."""
    categories = dict(key)
    by_category: dict[str, list[str]] = {}
    for topic_id, category in key:
        by_category.setdefault(category, []).append(topic_id)
    # Every window of `count` consecutive places (wrapping round) may become one day.
    windows = [range(i, i + count) for i in range(len(key))]
    best: tuple[int, tuple[str, ...]] | None = None
    for attempt in range(64):
        rng = _rng("plan-base", CONTENT_VERSION, key, count, attempt)
        spread: list[tuple[float, float, str]] = []
        for category in sorted(by_category):
            members = by_category[category]
            rng.shuffle(members)
            offset = rng.random()
            spread += [((j + offset) / len(members), rng.random(), t) for j, t in enumerate(members)]
        order = tuple(t for _, _, t in sorted(spread))
        clashes = _same_category_pairs(order, categories, windows)
        if best is None or clashes < best[0]:
            best = (clashes, order)
        if clashes == 0:
            break
    assert best is not None
    return best[1]


@functools.lru_cache(maxsize=64)
def _plan_period(key: _CatalogKey, count: int, period: int) -> tuple[str, ...]:
    """One period of the plan: the base cycle with each topic moved at most r places."""
    base = _plan_base(key, count)
    size = len(base)
    reach = (size - PLAN_WINDOW_DAYS * count) // 2
    # Days that straddle two periods keep the base order at both ends, so the base (chosen
    # for its category mix) decides them; only the inside is shuffled.
    edge = count - 1
    inside = range(edge, size - edge)
    category = [dict(key)[topic_id] for topic_id in base]  # by base index
    offset = period * size
    whole_days = [
        range(start - offset, start - offset + count)
        for start in range(-(-offset // count) * count, offset + size - count + 1, count)
    ]
    day_of = {q: span for span in whole_days for q in span}

    def clashes(order: list[int], spans: set[range]) -> int:
        return sum(len(span) - len({category[order[q]] for q in span}) for span in spans)

    best: tuple[int, list[int]] | None = None
    for attempt in range(16 if reach else 1):
        rng = _rng("plan-period", CONTENT_VERSION, key, count, period, attempt)
        # Sorting by index + U[0, reach + 1) moves no element more than `reach` places.
        moved = sorted(inside, key=lambda i: i + rng.random() * (reach + 1))
        order = [*range(edge), *moved, *range(size - edge, size)]  # base index at each place
        _separate_categories(order, inside, reach, day_of, clashes)
        total = clashes(order, set(whole_days))
        if best is None or total < best[0]:
            best = (total, order)
        if total == 0:
            break
    assert best is not None
    assert all(abs(q - i) <= reach for q, i in enumerate(best[1])), "plan spacing broken"
    return tuple(base[i] for i in best[1])


def _separate_categories(
    order: list[int],
    inside: range,
    reach: int,
    day_of: Mapping[int, range],
    clashes: Callable[[list[int], set[range]], int],
) -> None:
    """Swap topics within their allowed reach while that lowers same-category days."""
    improved = True
    while improved:
        improved = False
        for p in inside:
            i = order[p]
            if clashes(order, {day_of[p]}) == 0:
                continue
            for q in range(max(inside.start, i - reach), min(inside.stop, i + reach + 1)):
                j = order[q]
                if q == p or abs(p - j) > reach:
                    continue
                spans = {day_of[p], day_of[q]}
                before = clashes(order, spans)
                order[p], order[q] = j, i
                if clashes(order, spans) < before:
                    improved = True
                    break
                order[p], order[q] = i, j

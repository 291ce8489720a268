"""The phrase banks: curated YAML templates and word lists, loaded once and validated on load.

Banks live in `data/horoscope/*.yaml`. Each file is a tree of lists; its leaves are flattened to
dotted pool names ("moon_house.5", "section.love.2"). Every pool must be declared in
`_POOL_SPECS` with the slots its templates may use, the slots they must use (so a factual
sentence always names its facts), and a minimum size (the rotation guarantees depend on it). A
bank that breaks a rule raises `BankError` at load, so a bad edit fails the first test run.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from math import gcd
from types import MappingProxyType
from typing import Any

import yaml

from service.content.entries import LIFE_AREAS
from service.content.reading import FOCUS_AREAS
from service.content.sky import LunarPhase
from service.content.variety import FRESH_POOL
from service.content.yaml_loader import SafeLoader
from service.content.zodiac import Planet, Sign


class BankError(ValueError):
    """A phrase bank that breaks its declared shape; raised at load."""


@dataclass(frozen=True, slots=True)
class PoolSpec:
    """What a pool's entries may contain; `slots is None` marks a plain word list."""

    slots: frozenset[str] | None
    required: frozenset[str] = frozenset()
    minimum: int = 1
    factual: bool = False  # may name planets, signs and sky events
    planet_subject: bool = False  # {planet} may read "your ruling planet, Mercury,": a subject only
    dealt: bool = False  # drawn by Chooser.deal: a size coprime to 12

    @classmethod
    def templates(
        cls,
        slots: str,
        required: str = "",
        minimum: int = 1,
        *,
        factual: bool = False,
        planet_subject: bool = False,
        dealt: bool = False,
    ) -> PoolSpec:
        return cls(
            frozenset(slots.split()), frozenset(required.split()), minimum, factual, planet_subject, dealt
        )

    @classmethod
    def words(cls, minimum: int = 1, *, factual: bool = False) -> PoolSpec:
        return cls(None, minimum=minimum, factual=factual)


_T = PoolSpec.templates
_GUARANTEED = 31  # rotation over 31 (prime): 12 signs differ on a date, no repeat within 30 days
_PER_SIGN = 12  # rotation over >= 12: the 12 signs differ on a date
# A deal over 25 or more: a year's 144 monthly entries meet a template at most 6 times, within the
# copy lint's 5% (service/content/copy_checks.py), for pools every monthly entry reads.
_DEALT = 25
# A deal over 13 for the slow planets' ingresses, a few months a year: no template twice a month.
_DEALT_FEW = 13
_SIMPLE = "sign span"
# A fresh pick keeps a sign from any repeat within 30 periods from 60 items.
_FRESH = 60
_EVENT = "planet planet_theme event_sign house_ordinal house_theme house_matters when"
_PLACEMENT = "planet planet_theme planet_sign house_ordinal house_theme span period_word"
_GUEST = _PLACEMENT + " planet_help house_matters"
# The moon-house pools are drawn fresh on the days the Moon touches that house: for one sign, days
# 1-3 apart within a visit or 24-31 apart between visits. A pool of 30 (halves of 15) never lands
# such a difference on a multiple of 15, so no sign reads one again within 30 days.
_MOON_HOUSE_POOL = 30
_SLOW = (Planet.JUPITER, Planet.SATURN, Planet.URANUS, Planet.NEPTUNE, Planet.PLUTO)
_STATIONING = (Planet.MERCURY, Planet.VENUS, Planet.MARS, *_SLOW)


def _specs() -> dict[str, PoolSpec]:
    specs = {
        "moon_lead": _T(
            "sign moon_sign moon_phase house_ordinal house_theme house_matters",
            "moon_sign house_ordinal",
            _GUARANTEED,
            factual=True,
        ),
        "moon_change": _T(
            "sign from_sign moon_sign from_house_ordinal from_house_theme house_ordinal"
            " house_theme house_matters time_of_day",
            "from_sign moon_sign from_house_ordinal house_ordinal time_of_day",
            _PER_SIGN,
            factual=True,
        ),
        "ruler_note": _T(_GUEST, "planet planet_sign house_ordinal", _PER_SIGN, factual=True),
        "placement_note": _T(_GUEST, "planet planet_sign house_ordinal", _PER_SIGN, factual=True),
        "opening_placement": _T(
            _GUEST, "planet planet_sign house_ordinal period_word", _PER_SIGN, factual=True
        ),
        "retrograde_note": _T(_PLACEMENT + " house_matters", "planet", _PER_SIGN, factual=True),
        "focus_note": _T(_SIMPLE + " focus", "focus", FRESH_POOL),
        "family": _T(_SIMPLE + " weekday", minimum=FRESH_POOL),
        "audience": _T(_SIMPLE + " weekday", minimum=FRESH_POOL),
        "advice": _T(_SIMPLE + " weekday", minimum=FRESH_POOL),
        "closer": _T(_SIMPLE + " weekday", minimum=FRESH_POOL),
        "period_family": _T(_SIMPLE + " period_word", minimum=FRESH_POOL),
        "period_advice": _T(_SIMPLE + " period_word", minimum=FRESH_POOL),
        "period_closer": _T(_SIMPLE + " period_word", minimum=FRESH_POOL),
        "colour": PoolSpec.words(24),
    }
    for house in range(1, 13):
        specs[f"moon_house.{house}"] = _T(_SIMPLE + " weekday", minimum=_MOON_HOUSE_POOL)
        specs[f"house_theme.{house}"] = PoolSpec.words(3)
    for planet in Planet:
        specs[f"planet_theme.{planet.value}"] = PoolSpec.words(2)
        specs[f"planet_help.{planet.value}"] = PoolSpec.words(2)
        for family in ("harmonious", "challenging"):
            specs[f"aspect_effect.{family}.{planet.value}"] = PoolSpec.words(3)
    for planet in _STATIONING:
        specs[f"aspect_effect.review.{planet.value}"] = PoolSpec.words(3)
    for trend in ("waxing", "waning"):
        specs[f"moon_phase_note.{trend}"] = _T("sign", minimum=14, factual=True)
    for phase in (
        LunarPhase.NEW_MOON,
        LunarPhase.FIRST_QUARTER,
        LunarPhase.FULL_MOON,
        LunarPhase.LAST_QUARTER,
    ):
        specs[f"event.lunation.{phase.value}"] = _T(
            "event_sign house_ordinal house_theme house_matters when",
            "event_sign house_ordinal when",
            _DEALT,
            factual=True,
            dealt=True,
        )
    for direction in ("retrograde", "direct"):
        specs[f"event.station.{direction}"] = _T(
            _EVENT, "planet event_sign when", _DEALT, factual=True, planet_subject=True, dealt=True
        )
        specs[f"event.ingress.{direction}"] = _T(
            _EVENT, "planet event_sign house_ordinal when", 6, factual=True, planet_subject=True
        )
    specs.update(_lead_specs())
    aspect_slots = "planet other aspect when effect"
    # Aspect sentences name nothing sign-specific, so they need one template per sign; the two
    # families most entries read are dealt.
    for family in ("harmonious", "challenging"):
        specs[f"event.aspect.{family}"] = _T(
            aspect_slots, "aspect planet other when effect", _DEALT, factual=True, dealt=True
        )
    specs["event.aspect.conjunction"] = _T(aspect_slots, "planet other when effect", _PER_SIGN, factual=True)
    for area in FOCUS_AREAS:
        specs[f"focus_matters.{area}"] = PoolSpec.words(4)
        specs[f"headline.daily.{area}"] = PoolSpec.words(9)  # 36 pairs: no repeat in 30 days
        specs[f"headline.period.{area}"] = PoolSpec.words(6)
    specs.update(_section_specs())
    for band in ("low", "mid", "high"):
        specs[f"mood.{band}"] = PoolSpec.words(8)
    for sign in Sign:
        specs[f"teaser.{sign.value}.adjective"] = PoolSpec.words(5)
        specs[f"teaser.{sign.value}.traits"] = PoolSpec.words(5)
        specs[f"teaser.{sign.value}.epithet"] = PoolSpec.words(5)
    return specs


def _section_specs() -> dict[str, PoolSpec]:
    """The life-area sections (sections.yaml, section_tips.yaml), all drawn with Chooser.fresh."""
    specs = {}
    for area in LIFE_AREAS:
        for rating in range(1, 6):
            specs[f"section.{area}.{rating}"] = _T("span", minimum=_FRESH)
        specs[f"section_tip.{area}"] = _T("", minimum=100)
        for planet in (Planet.SUN, Planet.VENUS, Planet.JUPITER, Planet.MARS, Planet.SATURN):
            specs[f"section_note.{area}.{planet.value}"] = _T(
                _PLACEMENT, "planet house_ordinal", 8, factual=True
            )
            if planet is not Planet.SUN:
                specs[f"section_note.{area}.{planet.value}_retrograde"] = _T(
                    _PLACEMENT, "planet house_ordinal", 4, factual=True
                )
    return specs


def _lead_specs() -> dict[str, PoolSpec]:
    """The big stories (leads.yaml): eclipses, slow planets, stations, and what they mean."""
    eclipse = "sign when eclipse_name grahan event_sign house_ordinal axis_ordinal house_matters"
    specs = {
        "event.eclipse.lunar": _T(
            eclipse, "when eclipse_name grahan event_sign house_ordinal", 6, factual=True
        ),
        "event.eclipse.solar": _T(
            eclipse, "when eclipse_name grahan event_sign house_ordinal", 6, factual=True
        ),
        "event.ingress.slow": _T(
            _EVENT + " cycle",
            "planet event_sign house_ordinal when cycle",
            _DEALT_FEW,
            factual=True,
            planet_subject=True,
            dealt=True,
        ),
        "event.conjunction.slow": _T(
            "planet other event_sign house_ordinal rarity when",
            "planet other event_sign house_ordinal rarity when",
            6,
            factual=True,
        ),
        "lead.eclipse.lunar": _T("sign house_matters axis_matters", "house_matters", 6, factual=True),
        "lead.eclipse.solar": _T("sign house_matters", "house_matters", 6, factual=True),
        # Every sign gets its own on an eclipse day.
        "lead.eclipse.note": _T("sign grahan", minimum=_PER_SIGN, factual=True),
        "lead.eclipse.unseen": _T("sign grahan when", "when", _PER_SIGN, factual=True),
        "lead.ingress": _T(
            "planet planet_gift house_matters", "house_matters", _DEALT_FEW, factual=True, dealt=True
        ),
        "lead.station.retrograde": _T(
            "planet retro_advice house_matters", "retro_advice", _DEALT, factual=True, dealt=True
        ),
        "lead.station.direct": _T("planet house_matters", "house_matters", _DEALT, factual=True, dealt=True),
        "lead.lunation.new moon": _T("sign house_matters", "house_matters", _DEALT, factual=True, dealt=True),
        "lead.lunation.full moon": _T(
            "sign house_matters", "house_matters", _DEALT, factual=True, dealt=True
        ),
        "lead.conjunction": _T(
            "planet other planet_gift other_gift house_matters", "house_matters", 6, factual=True
        ),
        "headline.lead.ingress": PoolSpec.words(6, factual=True),
        "headline.lead.conjunction": PoolSpec.words(6, factual=True),
    }
    for kind in ("eclipse.lunar", "eclipse.solar", "station.retrograde", "station.direct"):
        specs[f"headline.lead.{kind}"] = PoolSpec.words(6, factual=True)
    for house in range(1, 13):
        specs[f"house_matters.{house}"] = PoolSpec.words(3)
    for planet in _SLOW:
        specs[f"slow_cycle.{planet.value}"] = PoolSpec.words(1)
        specs[f"planet_gift.{planet.value}"] = PoolSpec.words(2)
    for planet in _STATIONING:
        specs[f"retro_advice.{planet.value}"] = PoolSpec.words(2)
    for area in LIFE_AREAS:
        specs[f"headline_low.daily.{area}"] = PoolSpec.words(9)  # 36 pairs: no repeat in 30 days
        specs[f"headline_low.period.{area}"] = PoolSpec.words(6)
    return specs


_POOL_SPECS: Mapping[str, PoolSpec] = MappingProxyType(_specs())

# Words that assert something about the sky: only factual pools may print them.
_SKY_WORDS = re.compile(
    r"\b(?:Sun|Moon|lunar|retrograde|eclipse|"
    + "|".join(p.value.title() for p in Planet if p not in (Planet.SUN, Planet.MOON))
    + "|"
    + "|".join(s.title for s in Sign)
    + r")\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]$")
# Where a clause may open with "your ruling planet, Mercury," and go on with its verb.
_PLANET_AS_SUBJECT = re.compile(r"(?:^|[,:;] |\b(?:With|As|While|is) )\{planet\} [a-z]")
_INNER_BREAK = re.compile(r"[.!?] +[A-Z{]")


@dataclass(frozen=True, slots=True)
class Bank:
    """All pools of every bank file, by dotted name."""

    pools: Mapping[str, tuple[str, ...]]

    def __getitem__(self, name: str) -> tuple[str, ...]:
        return self.pools[name]


@cache
def load_bank() -> Bank:
    """The validated phrase banks, read once per process."""
    folder = resources.files("service.content").joinpath("data", "horoscope")
    pools: dict[str, tuple[str, ...]] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            tree = yaml.load(entry.read_text(encoding="utf-8"), Loader=SafeLoader)
            for name, items in _flatten(tree, entry.name):
                if name in pools:
                    raise BankError(f"{entry.name}: pool '{name}' is defined twice")
                pools[name] = items
    validate(pools)
    return Bank(MappingProxyType(pools))


def validate(pools: Mapping[str, tuple[str, ...]]) -> None:
    """Raise BankError unless the pools match `_POOL_SPECS` exactly."""
    problems = [f"unknown pool '{name}'" for name in pools if name not in _POOL_SPECS]
    problems += [f"missing pool '{name}'" for name in _POOL_SPECS if name not in pools]
    for name, items in pools.items():
        spec = _POOL_SPECS.get(name)
        if spec is not None:
            problems += [f"{name}: {p}" for p in _pool_problems(spec, items)]
    if problems:
        raise BankError("phrase bank errors:\n  " + "\n  ".join(problems))


def is_dealt(pool: str) -> bool:
    """Whether a pool is drawn by Chooser.deal rather than Chooser.rotate."""
    return _POOL_SPECS[pool].dealt


def slots_of(template: str) -> frozenset[str]:
    """The slot names a template uses."""
    return frozenset(field for _, field, _, _ in string.Formatter().parse(template) if field)


def _pool_problems(spec: PoolSpec, items: tuple[str, ...]) -> Iterator[str]:
    if len(items) < spec.minimum:
        yield f"has {len(items)} entries, needs at least {spec.minimum}"
    if len(set(items)) != len(items):
        yield "has duplicate entries"
    if spec.dealt and gcd(len(items), 12) != 1:
        yield f"is dealt, so its size must share no factor with 12 (25, 29, 31...), not {len(items)}"
    for item in items:
        if "  " in item or item != item.strip():
            yield f"stray whitespace in {item!r}"
        if not spec.factual and _SKY_WORDS.search(item):
            yield f"names the sky outside a factual pool: {item!r}"
        if spec.slots is None:
            if "{" in item or "}" in item:
                yield f"a word list holds a slot: {item!r}"
            continue
        try:
            used = slots_of(item)
        except ValueError as error:
            yield f"malformed template {item!r}: {error}"
            continue
        if unknown := used - spec.slots:
            yield f"unknown slots {sorted(unknown)} in {item!r}"
        if missing := spec.required - used:
            yield f"lacks required slots {sorted(missing)} in {item!r}"
        if not _SENTENCE_END.search(item) or _INNER_BREAK.search(item):
            yield f"is not exactly one sentence: {item!r}"
        if spec.planet_subject and item.count("{planet}") != len(_PLANET_AS_SUBJECT.findall(item)):
            yield f"{{planet}} must open a clause and be followed by its verb: {item!r}"


def _flatten(tree: Any, where: str, prefix: str = "") -> Iterator[tuple[str, tuple[str, ...]]]:
    if isinstance(tree, Mapping):
        for key, value in tree.items():
            yield from _flatten(value, where, f"{prefix}{key}.")
    elif isinstance(tree, list):
        yield prefix.rstrip("."), tuple(_leaf(item, where, prefix) for item in tree)
    else:
        raise BankError(f"{where}: '{prefix.rstrip('.')}' must be a list or a mapping")


def _leaf(item: Any, where: str, prefix: str) -> str:
    # A trait triple is written as a three-item list and printed as "a, b, and c".
    if isinstance(item, list) and len(item) == 3 and all(isinstance(i, str) for i in item):
        return f"{item[0]}, {item[1]}, and {item[2]}"
    if not isinstance(item, str):
        raise BankError(f"{where}: '{prefix.rstrip('.')}' holds a non-text entry {item!r}")
    return item


_A_BEFORE_VOWEL = re.compile(r"\b([Aa]) (?=(?!one\b|once\b|uni|use|usu|eu|ewe)[aeiouAEIOU])")
_AN_BEFORE_CONSONANT = re.compile(
    r"\b([Aa])n (?=(?!hour|honest|honour|heir)[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z])"
)


def render(template: str, slots: Mapping[str, str]) -> str:
    """Fill a template, then settle 'a'/'an' before the filled words and capitalise the start."""
    text = template.format_map(slots)
    text = _A_BEFORE_VOWEL.sub(lambda m: m.group(1) + "n ", text)
    text = _AN_BEFORE_CONSONANT.sub(lambda m: m.group(1) + " ", text)
    return text[:1].upper() + text[1:]

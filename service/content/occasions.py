"""The occasions an entry tells: the period's festivals at the portal's place, in the portal's voice.

Pure, like the rest of `content/`: the calendar comes from `festivals.py` (computed from the real
sky for the place), the sentences from `data/occasions.yaml`. A daily entry on a festival opens
with a line about it (after an eclipse, when one leads) and a word of advice for the reader; a
major festival names the headline unless an eclipse leads. Weekly and monthly entries name every
festival of their period with its day. Holi beside a Chandra Grahan (3 March 2026) is told as
the calendar has it: Holika Dahan, the grahan and its sutak, then the colours a day later.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from math import gcd
from types import MappingProxyType
from typing import Any

import yaml

from service.content.calendar import Period
from service.content.draft import Draft
from service.content.eclipses import Luminary
from service.content.entries import LIFE_AREAS, OccasionFact
from service.content.festivals import FESTIVALS, Festival, festivals_in
from service.content.grahan import DayEclipse, eclipse_on
from service.content.panchang import panchang_for
from service.content.phrases import render
from service.content.places import Place
from service.content.ranking import Brief
from service.content.reading import FOCUS_AREAS, EventKind
from service.content.wording import clock

GROUPS = ("feast", "fast", "romance")
_LINES_PER_FESTIVAL = 12  # one per sign on the day (rotation over >= 12 gives each its own)
_LINE_SLOTS = frozenset({"weekday", "festival", "moonrise", "place"})  # the tie names the sign
_TIE_SLOTS = frozenset({"sign", "festival"})
_PERIOD_SLOTS = frozenset({"sign", "festivals", "span", "span_title"})
_HOLI_SLOTS = frozenset({"sign", "holi_day", "grahan_end"})
_GRAHAN_SLOTS = frozenset({"sign", "festival", "grahan", "sutak_start", "grahan_end"})
_SPANS = {Period.WEEKLY: "this week", Period.MONTHLY: "this month"}
_HOLIKA, _HOLI = "holika-dahan", "holi"
_GENERIC = frozenset({"Puja", "Maha", "Sharad", "Day"})  # words that alone name no festival


class OccasionBankError(ValueError):
    """data/occasions.yaml breaks its declared shape; raised at load."""


@dataclass(frozen=True, slots=True)
class FestivalCopy:
    name: str  # as prose names it
    group: str
    major: bool  # names the day's headline
    headline: tuple[str, ...]
    lines: tuple[str, ...]
    aliases: tuple[str, ...] = ()  # other names prose may use: 'Rakhi'

    @property
    def words(self) -> tuple[str, ...]:
        """Words that name the festival in prose ('Sankranti' names Makar Sankranti)."""
        names = (self.name, *self.aliases)
        return tuple(w for n in names for w in n.replace("'s", "").split() if w not in _GENERIC)


@dataclass(frozen=True, slots=True)
class OccasionBank:
    festivals: Mapping[str, FestivalCopy]
    ties: Mapping[str, tuple[str, ...]]  # by group: every area's advice, so twelve signs differ
    themes: Mapping[str, tuple[str, ...]]  # 'feast.home', 'feast.safe'
    period: tuple[str, ...]
    holi_grahan: Mapping[str, tuple[str, ...]]  # eve, grahan, after
    grahan_festival: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Dated:
    """A festival on its civil day at the place."""

    day: date
    festival: Festival


@dataclass(frozen=True, slots=True)
class Occasions:
    """What the calendar holds for a reading's period at the portal's place."""

    place: Place
    period: Period
    first_day: date
    festivals: tuple[Dated, ...]  # inside the period, in date order
    holi_grahan: str | None = None  # daily: 'eve', 'grahan' or 'after' when a grahan moves Holi
    holi_day: date | None = None
    grahan: DayEclipse | None = None  # daily: the day's grahan, when sutak is kept here
    moonrise: str | None = None  # daily: '8:14 PM' at the place, for the festivals that wait for it

    @property
    def facts(self) -> tuple[OccasionFact, ...]:
        """The festivals the entry names, for readers and checks."""
        return tuple(
            OccasionFact(d.day, d.festival.slug, d.festival.name, d.festival.hindi) for d in self.festivals
        )


def occasions_for(first: date, last: date, period: Period, place: Place) -> Occasions:
    """The festivals of [first, last] at a place, and for a day the grahan beside Holi if any."""
    years = range(first.year, last.year + 1)
    found = tuple(
        Dated(o.day, o.festival)
        for year in years
        for o in festivals_in(year, place)
        if first <= o.day <= last
    )
    if period is not Period.DAILY:
        return Occasions(place, period, first, found)
    holi_grahan, holi_day = _holi_beside_grahan(first, place)
    # eclipse_on costs a search: asked only where a festival or Holi could meet a grahan.
    grahan = _grahan_with_sutak(first, place) if found or holi_grahan else None
    moonrise = None
    if any(d.festival.slug == "karva-chauth" for d in found):
        rise = panchang_for(first, place).moonrise
        moonrise = _clock(rise) if rise is not None else None
    return Occasions(place, period, first, found, holi_grahan, holi_day, grahan, moonrise)


def place_occasions(
    draft: Draft, brief: Brief, occasions: Occasions, paragraphs: list[list[str]]
) -> list[list[str]]:
    """The body's paragraphs with the festivals told early.

    A daily festival line takes the generic opener's place, or follows an eclipse's opening (the
    eclipse still leads), or comes before another big lead. A weekly or monthly entry names its
    festivals at the head of the paragraph after its opening.
    """
    if occasions.period is not Period.DAILY:
        sentence = period_sentence(draft, occasions)
        if sentence is None:
            return paragraphs
        return [paragraphs[0], [sentence, *paragraphs[1]], *paragraphs[2:]]
    sentences = daily_sentences(draft, occasions)
    if not sentences:
        return paragraphs
    opening, rest = paragraphs[0], paragraphs[1:]
    lead = brief.headline_lead
    if lead is None:
        return [[*sentences, *opening[1:]], *rest]
    if lead.event.kind is EventKind.ECLIPSE:
        return [opening, sentences, *rest]
    return [sentences, opening, *rest]


def daily_sentences(draft: Draft, occasions: Occasions) -> list[str]:
    """A daily entry's sentences about its festivals: the festival's line, then a tie to the reader."""
    sentences: list[str] = []
    bank = occasion_bank()
    if occasions.holi_grahan is not None and occasions.holi_day is not None:
        sentences.append(_holi_grahan_line(draft, occasions))
    told = [d for d in occasions.festivals if not _told_by_holi_line(d, occasions)]
    for dated in told[:2]:
        copy = bank.festivals[dated.festival.slug]
        slots = {"festival": copy.name, "place": occasions.place.name} | (
            {"moonrise": occasions.moonrise} if occasions.moonrise else {}
        )
        lines = [line for line in copy.lines if "{moonrise}" not in line or occasions.moonrise]
        sentences.append(_say(draft, f"occasion.{dated.festival.slug}", lines, slots))
    if told:
        copy = bank.festivals[told[0].festival.slug]
        if occasions.grahan is not None:
            sentences.append(_grahan_line(draft, occasions.grahan, copy.name))
        ties = bank.ties[copy.group]
        sentences.append(_say(draft, f"occasion.tie.{copy.group}", ties, {"festival": copy.name}))
    return sentences


def period_sentence(draft: Draft, occasions: Occasions) -> str | None:
    """A weekly or monthly entry's sentence naming each festival of its period with its day."""
    if not occasions.festivals:
        return None
    span = _SPANS[occasions.period]
    names = [f"{_name(d.festival)} on {_prose_day(d.day)}" for d in occasions.festivals]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    slots = {"festivals": listed, "span": span, "span_title": span[:1].upper() + span[1:]}
    return _say(draft, "occasion.period", occasion_bank().period, slots, dealt=True)


def festival_themes(
    draft: Draft, occasions: Occasions
) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """A major festival's headline themes: its rotation pool, the first themes (naming it) and the
    second ones, else None: 'Diwali Lights' and 'Family Warmth'.

    The second theme follows the reader's focus area, unless that area is rated 1-2: then a theme
    that promises nothing (family, gratitude) stands in.
    """
    bank = occasion_bank()
    major = next((d for d in occasions.festivals if bank.festivals[d.festival.slug].major), None)
    if major is None:
        return None
    copy = bank.festivals[major.festival.slug]
    area = draft.reading.focus
    low = area in LIFE_AREAS and draft.reading.ratings[area] <= 2
    seconds = bank.themes[f"{copy.group}.{'safe' if low else area}"]
    return f"occasion.headline.{major.festival.slug}", copy.headline, seconds


def _say(
    draft: Draft, pool: str, templates: Sequence[str], slots: Mapping[str, str], *, dealt: bool = False
) -> str:
    # A pool every monthly entry with a festival reads is dealt: a rotation repeats a line too often.
    draw = draft.chooser.deal if dealt else draft.chooser.rotate
    template = draw(pool, templates)
    return render(
        template,
        {"sign": draft.reading.sign.title, "weekday": draft.reading.first_day.strftime("%A"), **slots},
    )


def _holi_grahan_line(draft: Draft, occasions: Occasions) -> str:
    kind, holi = occasions.holi_grahan, occasions.holi_day
    assert kind is not None
    assert holi is not None
    slots = {"holi_day": _prose_day(holi)}
    if occasions.grahan is not None and occasions.grahan.end is not None:
        slots["grahan_end"] = _clock(occasions.grahan.end)
    return _say(draft, f"occasion.holi_grahan.{kind}", occasion_bank().holi_grahan[kind], slots)


def _prose_day(day: date) -> str:
    """'Wednesday, March 4'."""
    return f"{day.strftime('%A')}, {day.strftime('%B')} {day.day}"


def _told_by_holi_line(dated: Dated, occasions: Occasions) -> bool:
    """Holika Dahan's eve line and Holi's after line already name the festival of the day."""
    if occasions.holi_grahan == "eve":
        return dated.festival.slug == _HOLIKA
    if occasions.holi_grahan == "after":
        return dated.festival.slug == _HOLI
    return False


def _grahan_line(draft: Draft, eclipse: DayEclipse, festival: str) -> str:
    assert eclipse.sutak_start is not None
    assert eclipse.end is not None
    slots = {
        "festival": festival,
        "grahan": "Chandra Grahan" if eclipse.eclipsed is Luminary.MOON else "Surya Grahan",
        "sutak_start": _clock(eclipse.sutak_start),
        "grahan_end": _clock(eclipse.end),
    }
    return _say(draft, "occasion.grahan_festival", occasion_bank().grahan_festival, slots)


def _grahan_with_sutak(day: date, place: Place) -> DayEclipse | None:
    eclipse = eclipse_on(day, place)
    return (
        eclipse
        if eclipse is not None and eclipse.sutak_start is not None and eclipse.end is not None
        else None
    )


def _holi_beside_grahan(day: date, place: Place) -> tuple[str | None, date | None]:
    """Whether the day is the eve of, the day of, or the day after a grahan that moved Holi a day."""
    for holi in (o.day for o in festivals_in(day.year, place) if o.festival.slug == _HOLI):
        grahan_day = holi - timedelta(days=1)
        kind = {grahan_day - timedelta(days=1): "eve", grahan_day: "grahan", holi: "after"}.get(day)
        if kind is None:
            continue
        eclipse = _grahan_with_sutak(grahan_day, place)
        if eclipse is not None and eclipse.eclipsed is Luminary.MOON:
            return kind, holi
    return None, None


def _clock(at: Any) -> str:
    return clock(at.hour * 60 + at.minute)


def _name(festival: Festival) -> str:
    return occasion_bank().festivals[festival.slug].name


@cache
def occasion_bank() -> OccasionBank:
    """data/occasions.yaml, read once and checked: a bad edit fails the first test run."""
    text = resources.files("service.content").joinpath("data", "occasions.yaml").read_text(encoding="utf-8")
    tree = yaml.safe_load(text)
    problems: list[str] = []
    festivals = {slug: _festival_copy(slug, row, problems) for slug, row in tree["festival"].items()}
    problems += [f"festival '{f.slug}' has no copy" for f in FESTIVALS if f.slug not in festivals]
    problems += [
        f"unknown festival '{slug}'" for slug in festivals if slug not in {f.slug for f in FESTIVALS}
    ]
    # One pool per group, every area's advice in it (advice promises nothing, so a low rating
    # needs no other): a rotation over 16 gives the twelve signs twelve different ones on a day.
    ties = {g: tuple(t for a in FOCUS_AREAS for t in tree["tie"][g][a]) for g in GROUPS}
    themes = {f"{g}.{a}": tuple(tree["theme"][g][a]) for g in GROUPS for a in (*FOCUS_AREAS, "safe")}
    for name, items in ties.items():
        problems += _template_problems(f"tie.{name}", items, _TIE_SLOTS, {"sign"}, minimum=12)
    for name, items in themes.items():
        problems += [f"theme.{name}: {t!r} is not Title Case" for t in items if not _title_case(t)]
    period = tuple(tree["period"])
    problems += _template_problems("period", period, _PERIOD_SLOTS, {"festivals"}, minimum=25)
    if gcd(len(period), 12) != 1:
        problems.append(f"period: is dealt, so its {len(period)} lines must share no factor with 12")
    holi = {k: tuple(v) for k, v in tree["holi_grahan"].items()}
    for key in ("eve", "grahan", "after"):
        required = {"holi_day"} if key != "after" else set()
        problems += _template_problems(f"holi_grahan.{key}", holi.get(key, ()), _HOLI_SLOTS, required)
    grahan = tuple(tree["grahan_festival"])
    problems += _template_problems("grahan_festival", grahan, _GRAHAN_SLOTS, {"festival", "grahan"})
    if problems:
        raise OccasionBankError("data/occasions.yaml:\n  " + "\n  ".join(problems))
    return OccasionBank(
        MappingProxyType(festivals),
        MappingProxyType(ties),
        MappingProxyType(themes),
        period,
        MappingProxyType(holi),
        grahan,
    )


def _festival_copy(slug: str, row: Mapping[str, Any], problems: list[str]) -> FestivalCopy:
    copy = FestivalCopy(
        str(row["name"]),
        str(row["group"]),
        bool(row["major"]),
        tuple(row["headline"]),
        tuple(row["lines"]),
        tuple(row.get("aliases", ())),
    )
    if copy.group not in GROUPS:
        problems.append(f"{slug}: group must be one of {GROUPS}")
    for theme in copy.headline:
        if not _title_case(theme) or not _names(theme, copy):
            problems.append(f"{slug}: headline theme {theme!r} must be Title Case and name the festival")
    problems += _template_problems(slug, copy.lines, _LINE_SLOTS, set(), minimum=_LINES_PER_FESTIVAL)
    problems += [
        f"{slug}: a line must name the festival: {line!r}" for line in copy.lines if not _names(line, copy)
    ]
    return copy


def _names(text: str, copy: FestivalCopy) -> bool:
    return any(word.lower() in text.lower() for word in copy.words)


def _title_case(theme: str) -> bool:
    return all(w[:1].isupper() for w in theme.replace("-", " ").split())


def _template_problems(
    where: str, items: Sequence[str], allowed: frozenset[str], required: set[str], minimum: int = 1
) -> Iterator[str]:
    if len(items) < minimum:
        yield f"{where}: has {len(items)} entries, needs at least {minimum}"
    if len(set(items)) != len(items):
        yield f"{where}: has duplicate entries"
    for item in items:
        used = {field for _, field, _, _ in string.Formatter().parse(item) if field}
        if unknown := used - allowed:
            yield f"{where}: unknown slots {sorted(unknown)} in {item!r}"
        if missing := required - used:
            yield f"{where}: lacks slots {sorted(missing)} in {item!r}"
        if not item.rstrip().endswith((".", "!", "?")):
            yield f"{where}: not a sentence: {item!r}"

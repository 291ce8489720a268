"""The small fields of an entry: headline, teaser, match (lucky details: lucky.py; mood: tone.py)."""

from __future__ import annotations

from collections.abc import Sequence

from service.content.calendar import Period
from service.content.draft import Draft
from service.content.entries import LIFE_AREAS
from service.content.occasions import Occasions, festival_themes
from service.content.ranking import Brief
from service.content.reading import AREA_HOUSES, EventKind, SkyEvent
from service.content.zodiac import SIGNS, Element, Sign

_COMPLEMENT = {
    Element.FIRE: Element.AIR,
    Element.AIR: Element.FIRE,
    Element.EARTH: Element.WATER,
    Element.WATER: Element.EARTH,
}


def headline(draft: Draft, brief: Brief, occasions: Occasions | None = None) -> str:
    """Two title-cased themes joined by 'And': a major festival's (unless an eclipse leads), else
    the big lead's and its area's, else the focus area's.

    No word (or its stem) is repeated, an area rated 1-2 gets themes that promise nothing, and a
    rotation keeps a sign's headlines from repeating within 30 days.
    """
    reading = draft.reading
    kind = "daily" if reading.period is Period.DAILY else "period"
    lead = brief.headline_lead
    eclipse_leads = lead is not None and lead.event.kind is EventKind.ECLIPSE
    if occasions is not None and reading.period is Period.DAILY and not eclipse_leads:
        festive = festival_themes(draft, occasions)
        if festive is not None:
            pool, firsts, seconds = festive
            first, second = draft.chooser.rotate(pool, _pairs(firsts, seconds))
            return f"{first} And {second}"
    if lead is None:
        pool = _area_pool(draft, kind, reading.focus)
        themes = draft.bank[pool]
        first, second = draft.chooser.rotate(pool, _pairs(themes, themes))
        if draft.chooser.rng.random() < 0.5:
            first, second = second, first
        return f"{first} And {second}"
    lead_pool = f"headline.lead.{_lead_key(lead.event)}"
    assert lead.event.house is not None
    area_pool = _area_pool(draft, kind, _house_area(lead.event.house))
    first, second = draft.chooser.rotate(lead_pool, _pairs(draft.bank[lead_pool], draft.bank[area_pool]))
    return f"{first} And {second}"


def _area_pool(draft: Draft, kind: str, area: str) -> str:
    low = area in LIFE_AREAS and draft.reading.ratings[area] <= 2
    return f"headline_low.{kind}.{area}" if low else f"headline.{kind}.{area}"


def _lead_key(event: SkyEvent) -> str:
    if event.kind is EventKind.ECLIPSE:
        return "eclipse.lunar" if event.planet.value == "moon" else "eclipse.solar"
    if event.kind is EventKind.STATION:
        return f"station.{event.detail}"
    if event.kind is EventKind.INGRESS:
        return "ingress"
    return "conjunction"


def _house_area(house: int) -> str:
    """The first life area, in AREA_HOUSES order, that reads this house."""
    return next(area for area, houses in AREA_HOUSES.items() if house in houses)


def _pairs(firsts: Sequence[str], seconds: Sequence[str]) -> list[tuple[str, str]]:
    """Every ordered pair of different themes that share no word (nor its stem)."""
    return [
        (a, b)
        for i, a in enumerate(firsts)
        for j, b in enumerate(seconds)
        if (firsts is not seconds or i < j) and not _share_a_word(a, b)
    ]


def _share_a_word(a: str, b: str) -> bool:
    words_a = [w for w in a.lower().replace("-", " ").split() if len(w) > 2]
    words_b = [w for w in b.lower().replace("-", " ").split() if len(w) > 2]
    return any(x[: min(5, len(x), len(y))] == y[: min(5, len(x), len(y))] for x in words_a for y in words_b)


def teaser(draft: Draft) -> str:
    """'Leo Horoscope: Hello, radiant Leo! Your warmth, ... make you the ... of the zodiac.'"""
    sign = draft.reading.sign
    key = f"teaser.{sign.value}"
    adjective = draft.chooser.rotate(f"{key}.adjective", draft.bank[f"{key}.adjective"])
    traits = draft.chooser.rotate(f"{key}.traits", draft.bank[f"{key}.traits"])
    epithet = draft.chooser.rotate(f"{key}.epithet", draft.bank[f"{key}.epithet"])
    return f"{sign.title} Horoscope: Hello, {adjective} {sign.title}! Your {traits} make you {epithet}."


def compatibility(draft: Draft) -> Sign:
    """A sign of the same element or its complement (fire-air, earth-water), varying by date."""
    sign = draft.reading.sign
    element = sign.facts.element
    matches = [
        other
        for other in Sign
        if other is not sign and SIGNS[other].element in (element, _COMPLEMENT[element])
    ]
    return draft.chooser.rotate("compatibility", matches)

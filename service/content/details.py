"""The small fields of an entry: headline, teaser, lucky number, colour and time, mood, match."""

from __future__ import annotations

from itertools import combinations

from service.content.draft import Draft
from service.content.entries import Lucky
from service.content.sections import rating_band
from service.content.wording import clock
from service.content.zodiac import SIGNS, Element, Sign

_COMPLEMENT = {
    Element.FIRE: Element.AIR,
    Element.AIR: Element.FIRE,
    Element.EARTH: Element.WATER,
    Element.WATER: Element.EARTH,
}
_TIME_WINDOWS = (60, 75, 90, 120)  # minutes


def headline(draft: Draft) -> str:
    """Two title-cased themes of the focus area joined by 'And'; no repeat for a sign within 30 days."""
    kind = "daily" if draft.reading.period.value == "daily" else "period"
    pool = f"headline.{kind}.{draft.reading.focus}"
    themes = draft.bank[pool]
    first, second = draft.chooser.rotate(pool, list(combinations(range(len(themes)), 2)))
    if draft.chooser.rng.random() < 0.5:
        first, second = second, first
    return f"{themes[first]} And {themes[second]}"


def teaser(draft: Draft) -> str:
    """'Leo Horoscope: Hello, radiant Leo! Your warmth, ... make you the ... of the zodiac.'"""
    sign = draft.reading.sign
    key = f"teaser.{sign.value}"
    adjective = draft.chooser.rotate(f"{key}.adjective", draft.bank[f"{key}.adjective"])
    traits = draft.chooser.rotate(f"{key}.traits", draft.bank[f"{key}.traits"])
    epithet = draft.chooser.rotate(f"{key}.epithet", draft.bank[f"{key}.epithet"])
    return f"{sign.title} Horoscope: Hello, {adjective} {sign.title}! Your {traits} make you {epithet}."


def lucky(draft: Draft) -> Lucky:
    """A lucky number (1-99), colour and local time window, seeded per entry."""
    rng = draft.chooser.rng
    start = rng.randrange(7 * 4, 21 * 4) * 15  # a quarter hour between 7:00 AM and 8:45 PM
    length = _TIME_WINDOWS[rng.randrange(len(_TIME_WINDOWS))]
    return Lucky(
        number=rng.randint(1, 99),
        color=draft.chooser.rotate("colour", draft.bank["colour"]),
        time=f"{clock(start)} - {clock(start + length)}",
    )


def mood(draft: Draft) -> str:
    """One or two words in the tone of the average rating."""
    ratings = draft.reading.ratings.values()
    band = rating_band(round(sum(ratings) / len(ratings)))
    return draft.chooser.rotate(f"mood.{band}", draft.bank[f"mood.{band}"])


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

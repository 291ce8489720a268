"""One reading of the day's tone: the mood word and the opening line follow the ratings.

The tone is bright when no rated area is below 3 and the average is 3.5 or more, cautious when
none is above 3 and the average is 2.5 or less, and steady otherwise (a mixed or middling day).
The mood word comes from the lexicon's pool of the same tone and the opening line from
`data/tone.yaml`, so a "Joyful" mood never sits on a day of 2s, nor "Watchful" on a day of 5s.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from enum import StrEnum
from functools import cache
from importlib import resources
from math import gcd
from types import MappingProxyType

import yaml

from service.content.calendar import Period
from service.content.draft import Draft
from service.content.phrases import render

_DAILY_MINIMUM = 31  # a sign never meets the same line within 30 days
_PERIOD_MINIMUM = 25  # dealt: no line in more than 6 of a year's 144 monthly entries


class Tone(StrEnum):
    BRIGHT = "bright"
    STEADY = "steady"
    CAUTIOUS = "cautious"

    @property
    def band(self) -> str:
        """The rating band whose words fit the tone: 'high', 'mid' or 'low'."""
        return {Tone.BRIGHT: "high", Tone.STEADY: "mid", Tone.CAUTIOUS: "low"}[self]


def day_tone(ratings: Mapping[str, int]) -> Tone:
    """The tone of a reading's ratings."""
    values = list(ratings.values())
    average = sum(values) / len(values)
    if min(values) >= 3 and average >= 3.5:
        return Tone.BRIGHT
    if max(values) <= 3 and average <= 2.5:
        return Tone.CAUTIOUS
    return Tone.STEADY


def mood(draft: Draft) -> str:
    """One or two words in the day's tone."""
    band = day_tone(draft.reading.ratings).band
    return draft.chooser.rotate(f"mood.{band}", draft.bank[f"mood.{band}"])


def opening_line(draft: Draft) -> str:
    """The entry's first line, in the tone of its ratings (daily, weekly or monthly)."""
    tone = day_tone(draft.reading.ratings)
    daily = draft.reading.period is Period.DAILY
    kind = "opener" if daily else "period_opener"
    lines = tone_bank()[f"{kind}.{tone.value}"]
    # A period's openers are dealt: a rotation lets a line recur in 9 of a year's 144 monthlies.
    draw = draft.chooser.rotate if daily else draft.chooser.deal
    template = draw(f"tone.{kind}.{tone.value}", lines)
    slots = {
        "sign": draft.reading.sign.title,
        "weekday": draft.reading.first_day.strftime("%A"),
        "period_word": period_word(draft.reading.period),
    }
    return render(template, slots)


def period_word(period: Period) -> str:
    """'day', 'week' or 'month'."""
    return {Period.DAILY: "day", Period.WEEKLY: "week", Period.MONTHLY: "month"}[period]


@cache
def tone_bank() -> Mapping[str, tuple[str, ...]]:
    """data/tone.yaml, read once and checked at load."""
    text = resources.files("service.content").joinpath("data", "tone.yaml").read_text(encoding="utf-8")
    tree = yaml.safe_load(text)
    pools: dict[str, tuple[str, ...]] = {}
    problems: list[str] = []
    for kind, allowed, minimum in (
        ("opener", {"sign", "weekday"}, _DAILY_MINIMUM),
        ("period_opener", {"sign", "period_word"}, _PERIOD_MINIMUM),
    ):
        for tone in Tone:
            items = tuple(tree[kind][tone.value])
            name = f"{kind}.{tone.value}"
            pools[name] = items
            if len(items) < minimum:
                problems.append(f"{name}: has {len(items)} lines, needs at least {minimum}")
            if kind == "period_opener" and gcd(len(items), 12) != 1:
                problems.append(f"{name}: is dealt, so its {len(items)} lines must share no factor with 12")
            if len(set(items)) != len(items):
                problems.append(f"{name}: has duplicate lines")
            for item in items:
                used = {field for _, field, _, _ in string.Formatter().parse(item) if field}
                if used - allowed or "sign" not in used:
                    problems.append(
                        f"{name}: slots must include {{sign}} and be among {sorted(allowed)}: {item!r}"
                    )
    if problems:
        raise ValueError("data/tone.yaml:\n  " + "\n  ".join(problems))
    return MappingProxyType(pools)

"""Editors' overrides of Hindi entries: service.editing's operations on the Hindi entry's own id.

A Hindi entry is edited, versioned, reverted and restored exactly as an English one (one transaction
with its history and its edge purge, If-Match against the ETag `lang=hi` reads carry). What is its
own: the house style of its title ('कल का सिंह राशिफल, 5 फरवरी 2026: ...', kept as the headline) and of
its lucky time ('दोपहर 1:30 बजे से 3:00 बजे तक'), and every text an editor sends is NFC-normalised and
must pass the checks the generated text passes in the gate (content.hindi.checks and agreement): a
text that fails is refused with 422, its problems listed by field, and nothing is stored.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date
from typing import Any

from schemas.editing import HINDI_TIME_EXAMPLE, HINDI_TIME_WINDOW
from service.content.calendar import Period, period_start
from service.content.hindi import agreement, checks
from service.content.hindi.rashifal_writer import RASHI_HINDI
from service.content.hindi.titles import headline_in_hindi_title, hindi_title
from service.content.zodiac import Sign
from service.editing import (
    HOROSCOPE_EDIT,
    InvalidEdit,
    Prepare,
    Target,
    TimeStyle,
    lucky_in_period,
    title_as_headline,
)
from service.hindi_publishing import hindi_horoscope_id, publish_hindi, render_hindi
from service.publishing import Publisher

HINDI_TIME = TimeStyle(HINDI_TIME_WINDOW, HINDI_TIME_EXAMPLE)
Path = tuple[str | int, ...]


def hindi_target(publisher: Publisher, sign: Sign, day: date, period: Period) -> Target:
    """A Hindi entry to edit; it is published first if no reader has asked for it yet."""
    today = publisher.today()
    publisher.check_window(day, today)
    first = period_start(period, day)
    publish_hindi(publisher, sign, first, period)
    rashi = RASHI_HINDI[sign.facts.sidereal_name]
    as_headline = title_as_headline(
        hindi_title(rashi, first, period, "<headline>", today),
        lambda title: headline_in_hindi_title(title, rashi, first, period),
    )
    checked = lucky_in_period(first, period, HINDI_TIME, then=_checked(as_headline))
    return Target(
        hindi_horoscope_id(period, sign, first),
        HOROSCOPE_EDIT,
        lambda stored: render_hindi(stored, today),
        prepare=lambda fields: checked(_nfc(fields)),
    )


def _checked(then: Prepare) -> Prepare:
    """Editor input whose every text passes the Hindi sub-editor's checks, or InvalidEdit."""

    def prepare(fields: dict[str, Any]) -> dict[str, Any]:
        fields = then(fields)
        found = [(path, problem) for path, text in _texts(fields) for problem in hindi_problems(text)]
        if found:
            listed = "; ".join(f"{_dotted(path)}: {problem}" for path, problem in found)
            raise InvalidEdit(f"The Hindi sub-editor's checks refuse this text: {listed}.", _errors(found))
        return fields

    return prepare


def hindi_problems(text: str) -> list[str]:
    """What a Hindi sub-editor would correct in `text`, as the gate checks the generated entries."""
    return checks.problems(text) + agreement.problems(text)


def _texts(fields: dict[str, Any]) -> Iterator[tuple[Path, str]]:
    """Every text an editor sent: what readers read in Hindi (not the sign slug or a date)."""
    for name in ("headline", "teaser", "mood"):
        if isinstance(fields.get(name), str):
            yield (name,), fields[name]
    for number, paragraph in enumerate(fields.get("body") or []):
        yield ("body", number), paragraph
    for area, section in (fields.get("sections") or {}).items():
        if isinstance(section.get("text"), str):
            yield ("sections", area, "text"), section["text"]
    for name in ("color", "time"):
        if isinstance((fields.get("lucky") or {}).get(name), str):
            yield ("lucky", name), fields["lucky"][name]


def _nfc(value: Any) -> Any:
    """Every string NFC-normalised (a precomposed nukta letter becomes its base and the nukta)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {key: _nfc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    return value


def _dotted(path: Path) -> str:
    """'body[0]', 'sections.love.text'."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")


def _errors(found: list[tuple[Path, str]]) -> dict[str, Any]:
    """The problems nested by field, as every 422 lists them: {'json': {'body': {0: [...]}}}."""
    errors: dict[str | int, Any] = {}
    for path, problem in found:
        node = errors
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node.setdefault(path[-1], []).append(problem)
    return {"json": errors}

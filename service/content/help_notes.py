"""Help notes: the fixed signposting (helplines and warning signs) that a listicle carries by its form.

A note is part of a topic, not one of its drawn items, so every piece of that topic shows it whatever
the day's selection. Pure: the notes are package data read once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType
from typing import Any

import yaml

from service.content.strict_yaml import load_strict

_NOTE_KEYS = frozenset({"heading", "text", "contacts", "warning_signs", "urgent"})
_CONTACT_KEYS = frozenset({"name", "numbers", "hours", "url"})


class InvalidHelpNotes(Exception):
    """A help notes file that breaks the format; names the note and the field."""


@dataclass(frozen=True, slots=True)
class HelpContact:
    """Someone to call: a helpline or the emergency number."""

    name: str
    numbers: tuple[str, ...]
    hours: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class HelpNote:
    """Where to get help, and the signs that mean getting it now."""

    id: str
    heading: str
    text: str
    contacts: tuple[HelpContact, ...]
    warning_signs: tuple[str, ...]
    urgent: str


@functools.cache
def load_help_notes() -> Mapping[str, HelpNote]:
    """Every packaged help note, validated, keyed by id; read once per process."""
    text = files("service.content").joinpath("data", "help_notes.yaml").read_text(encoding="utf-8")
    return parse_help_notes(text)


def parse_help_notes(text: str) -> Mapping[str, HelpNote]:
    """Strictly parse a help notes file: {id: {heading, text, contacts, warning_signs, urgent}}."""
    try:
        raw = load_strict(text)
    except yaml.YAMLError as exc:
        raise InvalidHelpNotes(f"help notes: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or not raw:
        raise InvalidHelpNotes("help notes: expected a mapping of note ids to notes")
    return MappingProxyType({str(note_id): _note(str(note_id), body) for note_id, body in raw.items()})


def _note(note_id: str, raw: Any) -> HelpNote:
    def fail(field: str, problem: str) -> InvalidHelpNotes:
        return InvalidHelpNotes(f"help note {note_id!r}: {field}: {problem}")

    if not isinstance(raw, dict) or set(raw) != _NOTE_KEYS:
        raise fail("(note)", f"expected exactly the keys {', '.join(sorted(_NOTE_KEYS))}")
    contacts = raw["contacts"]
    if not isinstance(contacts, list) or not contacts:
        raise fail("contacts", "expected a non-empty list")
    signs = raw["warning_signs"]
    if not isinstance(signs, list) or not signs:
        raise fail("warning_signs", "expected a non-empty list")
    return HelpNote(
        id=note_id,
        heading=_text(raw["heading"], "heading", fail),
        text=_text(raw["text"], "text", fail),
        contacts=tuple(_contact(c, f"contacts[{i}]", fail) for i, c in enumerate(contacts)),
        warning_signs=tuple(_text(s, f"warning_signs[{i}]", fail) for i, s in enumerate(signs)),
        urgent=_text(raw["urgent"], "urgent", fail),
    )


def _contact(raw: Any, where: str, fail: Any) -> HelpContact:
    if not isinstance(raw, dict) or not {"name", "numbers", "hours"} <= set(raw) <= _CONTACT_KEYS:
        raise fail(where, "expected name, numbers, hours and an optional url")
    numbers = raw["numbers"]
    if not isinstance(numbers, list) or not numbers:
        raise fail(f"{where}.numbers", "expected a non-empty list")
    for number in numbers:
        if not isinstance(number, str) or not number.replace("-", "").isdigit():
            raise fail(f"{where}.numbers", f"{number!r} is not a phone number of digits and hyphens")
    url = raw.get("url")
    if url is not None and not (isinstance(url, str) and url.startswith("https://")):
        raise fail(f"{where}.url", "expected an https:// address")
    return HelpContact(
        name=_text(raw["name"], f"{where}.name", fail),
        numbers=tuple(numbers),
        hours=_text(raw["hours"], f"{where}.hours", fail),
        url=url,
    )


def _text(value: Any, field: str, fail: Any) -> str:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise fail(field, f"expected non-empty text without surrounding spaces, got {value!r}")
    return value

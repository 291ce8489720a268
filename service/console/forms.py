"""Between HTML forms and the API's edits: form fields to the API's fields, its messages back per field.

Fields are named by dotted paths (`sections.love.text`, `lucky.number`), the same paths the history
uses. An edit sends only what the editor changed against the version the form was opened on (kept in
the form as `base`), as a PATCH with If-Match; when a colleague saved first, `merge` keeps every
field only one of them changed and marks those both changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from marshmallow import Schema, ValidationError
from werkzeug.datastructures import MultiDict

from schemas.editing import AREAS

Flat = dict[str, Any]

HOROSCOPE_PATHS = (
    "headline",
    "teaser",
    "body",
    *(f"sections.{area}.{part}" for area in AREAS for part in ("text", "rating")),
    "lucky.number",
    "lucky.color",
    "lucky.time",
    "lucky.day",
    "mood",
    "compatibility",
)
LISTICLE_PATHS = ("title", "teaser", "items", "tags", "disclaimer")
WHOLE_NUMBERS = frozenset({"lucky.number", *(f"sections.{area}.rating" for area in AREAS)})
# A daily entry has a lucky time, a weekly or monthly one a lucky day: the form shows one of them,
# and an empty one is left out of the edit.
OPTIONAL_PATHS = frozenset({"lucky.time", "lucky.day"})
EXTRA_ITEM_SLOTS = 1  # empty item forms under a listicle's items, to add one without script
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
LABELS = {
    "headline": "Title",
    "teaser": "Teaser",
    "body": "Body",
    "lucky.number": "Lucky number",
    "lucky.color": "Lucky colour",
    "lucky.time": "Lucky time",
    "lucky.day": "Lucky day",
    "mood": "Mood",
    "compatibility": "Most compatible sign",
    "title": "Title",
    "items": "Items",
    "tags": "Tags",
    "disclaimer": "Disclaimer",
    "topics": "Running order",
    "note": "Note",
    "heading": "Heading",
    "facts": "Key facts",
    "position": "Position",
    "date": "Date",
}


def label(path: str) -> str:
    """A field's name as the form shows it: 'sections.love.rating' -> 'Love rating'."""
    if path in LABELS:
        return LABELS[path]
    parts = path.split(".")
    if parts[0] == "sections" and len(parts) == 3:
        return f"{parts[1].capitalize()} {'text' if parts[2] == 'text' else 'rating'}"
    return path


def flatten(document: Mapping[str, Any], paths: tuple[str, ...]) -> Flat:
    """The values at `paths` of a nested document (None where absent)."""
    flat: Flat = {}
    for path in paths:
        value: Any = document
        for part in path.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        flat[path] = value
    return flat


def nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    """The nested document of dotted paths: {'lucky.time': t} -> {'lucky': {'time': t}}."""
    nested: dict[str, Any] = {}
    for path, value in flat.items():
        *parents, last = path.split(".")
        inner = nested
        for part in parents:
            inner = inner.setdefault(part, {})
        inner[last] = value
    return nested


def paragraphs(text: str) -> list[str]:
    """A textarea's paragraphs: separated by empty lines; lines inside one are joined by a space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(part.split("\n")).strip() for part in _BLANK_LINE.split(text) if part.strip()]


def _number(text: str) -> int | str:
    """A form's number as an integer; anything else as it was typed, for the API to name what is wrong."""
    stripped = text.strip()
    return int(stripped) if re.fullmatch(r"\d{1,9}", stripped) else stripped


def horoscope_values(form: MultiDict[str, str]) -> Flat:
    """A horoscope's editable fields as a form sent them."""
    flat: Flat = {}
    for path in HOROSCOPE_PATHS:
        text = form.get(path, "")
        if path in OPTIONAL_PATHS and not text.strip():
            continue
        if path == "body":
            flat[path] = paragraphs(text)
        elif path in WHOLE_NUMBERS:
            flat[path] = _number(text)
        else:
            flat[path] = text.strip()
    return flat


def listicle_values(form: MultiDict[str, str]) -> Flat:
    """A listicle's editable fields as a form sent them; items in the order their Position fields give,
    without those marked for removal or left empty."""
    slots = sorted({int(key.split("-")[1]) for key in form if re.fullmatch(r"items-\d{1,3}-heading", key)})
    placed = []
    for slot in slots:
        prefix = f"items-{slot}-"
        if form.get(prefix + "remove"):
            continue
        item = {
            "heading": form.get(prefix + "heading", "").strip(),
            "body": " ".join(paragraphs(form.get(prefix + "body", ""))),
            "facts": [line.strip() for line in form.get(prefix + "facts", "").splitlines() if line.strip()],
        }
        if not (item["heading"] or item["body"] or item["facts"]):
            continue
        order = _number(form.get(prefix + "position", ""))
        placed.append((order if isinstance(order, int) else slot, slot, item))
    disclaimer = form.get("disclaimer", "").strip()
    return {
        "title": form.get("title", "").strip(),
        "teaser": form.get("teaser", "").strip(),
        "items": [item for _order, _slot, item in sorted(placed, key=lambda placed: placed[:2])],
        "tags": [tag.strip() for tag in form.get("tags", "").split(",") if tag.strip()],
        "disclaimer": disclaimer or None,
    }


def note(form: MultiDict[str, str]) -> dict[str, str]:
    """The history note, when one was written."""
    text = form.get("note", "").strip()
    return {"note": text} if text else {}


def check(schema: Schema, document: Mapping[str, Any]) -> dict[str, list[str]]:
    """The API's messages for `document` under `schema`, by dotted path ('body.2', 'items.0.heading')."""
    try:
        schema.load(document)
    except ValidationError as error:
        return field_errors(error.messages)
    return {}


def field_errors(messages: Any, path: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as {dotted path: [messages]}; '_schema' belongs to its object."""
    if not isinstance(messages, Mapping):
        listed = messages if isinstance(messages, list) else [messages]
        return {path: [str(message) for message in listed]}
    found: dict[str, list[str]] = {}
    for key, nested in messages.items():
        inner = path if key == "_schema" else f"{path}.{key}" if path else str(key)
        for where, texts in field_errors(nested, inner).items():
            found.setdefault(where, []).extend(texts)
    return found


def api_errors(errors: Mapping[str, Any]) -> dict[str, list[str]]:
    """An InvalidEdit's `errors` ({'json': {'title': [...]}}) by dotted path."""
    return field_errors(errors.get("json", errors))


def changed(base: Flat, mine: Flat) -> Flat:
    """The fields of `mine` that differ from `base`."""
    return {path: value for path, value in mine.items() if base.get(path) != value}


def load_base(text: str | None, paths: tuple[str, ...]) -> Flat | None:
    """The version a form was opened on, as it carried it; None if it carried none (or not that)."""
    try:
        base = json.loads(text or "")
    except ValueError:
        return None
    if not isinstance(base, dict) or set(base) != set(paths):
        return None
    return base


def dump_base(flat: Flat) -> str:
    return json.dumps(flat, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Merge:
    """A colleague's saved version and an editor's unsaved one, field by field."""

    merged: Flat  # what the form now holds: the editor's text where they changed it, else the colleague's
    rows: list[Row] = field(default_factory=list)  # every field either of them changed


@dataclass(frozen=True)
class Row:
    path: str
    theirs: Any
    yours: Any
    who: str  # 'both', 'you' or 'they': who changed it since the form was opened


def merge(base: Flat | None, mine: Flat, theirs: Flat) -> Merge:
    """Keep the editor's changes over the colleague's version; fields both changed keep the editor's
    text in the form and show the colleague's beside it. Without a base, every difference is a field
    both changed."""
    merged: Flat = {}
    rows = []
    for path, yours in mine.items():
        saved = theirs.get(path)
        if base is None:
            merged[path] = yours
            if yours != saved:
                rows.append(Row(path, saved, yours, "both"))
            continue
        you_changed, they_changed = yours != base.get(path), saved != base.get(path)
        merged[path] = yours if you_changed else saved
        if you_changed and they_changed and yours != saved:
            rows.append(Row(path, saved, yours, "both"))
        elif they_changed and not you_changed:
            rows.append(Row(path, saved, saved, "they"))
        elif you_changed and yours != saved:
            rows.append(Row(path, saved, yours, "you"))
    return Merge(merged, rows)

"""Word-level differences between two versions of a field, for the history page."""

from __future__ import annotations

import difflib
import re
from typing import Any

_WORDS = re.compile(r"\s+|\S+\s*")  # words keep the space after them: spaces alone never anchor a match


def as_text(value: Any) -> str:
    """A field's value as a reader would read it: paragraphs apart, list items numbered."""
    if value is None:
        return ""
    if isinstance(value, list):
        if all(isinstance(part, str) for part in value):
            return "\n\n".join(value)
        return "\n".join(f"{number}. {as_text(part)}" for number, part in enumerate(value, start=1))
    if isinstance(value, dict):  # a listicle's item
        facts = "".join(f"\n   - {fact}" for fact in value.get("facts") or [])
        return f"{value.get('heading', '')}: {value.get('body', '')}{facts}"
    return str(value)


def word_diff(before: Any, after: Any) -> list[tuple[str, str]]:
    """(kind, text) runs from `before` to `after`, kind 'same', 'removed' or 'added', word by word; a
    changed stretch reads as all its removed words, then all its added ones."""
    old, new = _WORDS.findall(as_text(before)), _WORDS.findall(as_text(after))
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("added", "".join(new[j1:j2])))
    return _grouped(runs)


def _grouped(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Adjacent runs of one kind as one; between two unchanged stretches, removals before additions."""
    grouped: list[tuple[str, str]] = []
    pending: dict[str, str] = {"removed": "", "added": ""}
    for kind, text in [*runs, ("same", "")]:
        if kind != "same":
            pending[kind] += text
            continue
        grouped += [(changed, pending[changed]) for changed in ("removed", "added") if pending[changed]]
        pending = {"removed": "", "added": ""}
        if text:
            if grouped and grouped[-1][0] == "same":
                grouped[-1] = ("same", grouped[-1][1] + text)
            else:
                grouped.append(("same", text))
    return grouped

"""Editors' text is plain text: no markup, no control, invisible or direction-changing characters,
and at least one character a reader can see."""

import re
import unicodedata

from marshmallow import ValidationError

# HTML starts a tag, end tag, comment or declaration where '<' is followed by an ASCII letter, '/',
# '!' or '?', whether or not a '>' ever follows; anything else after '<' is text ('a < b', '<3').
_MARKUP = re.compile(r"<[A-Za-z/!?]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Zero-width non-joiner and joiner: they spell words in Indic scripts (and join emoji sequences).
_JOINERS = frozenset("\u200c\u200d")
# Letters and symbols that Unicode calls visible but that draw nothing (Hangul fillers, blank Braille).
_BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_UNSEEN_CATEGORIES = frozenset(("Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Mn", "Me"))

# The same rules as one pattern, for the OpenAPI document (clients and fuzzers read it). It spells
# out every control, format and noncharacter code point of the Basic Multilingual Plane, derived
# from Python's Unicode tables, and refuses them wherever they stand; the validator below is the
# whole rule (astral format characters, joiners out of place, text with no visible character).


def _refused_ranges() -> str:
    """The BMP's refused code points as a regex class body: C0, C1, U+2028/9, format characters
    (the joiners aside) and noncharacters, in ranges."""

    def refused(code: int) -> bool:
        char = chr(code)
        if char in _JOINERS:
            return False
        return bool(_CONTROL.match(char)) or hidden(char)

    codes = [code for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF and refused(code)]
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(
        f"\\u{first:04x}" if first == last else f"\\u{first:04x}-\\u{last:04x}" for first, last in ranges
    )


def plain_text(value: str) -> None:
    """Refuse markup, control and invisible characters, invalid Unicode and text with nothing to see."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError("Not valid UTF-8 text (it holds an unpaired surrogate).") from None
    if _CONTROL.search(value):
        raise ValidationError("Control characters (including line breaks) are not allowed; use plain text.")
    if _MARKUP.search(value):
        raise ValidationError(
            "Markup is not allowed: send plain text without HTML tags"
            " ('<' may not be followed by a letter, '/', '!' or '?')."
        )
    hidden = first_hidden_character(value)
    if hidden is not None:
        raise ValidationError(
            f"Invisible or direction-changing character {describe(value[hidden])} at character"
            f" {hidden + 1}; delete it."
        )
    if not any(map(visible, value)):
        raise ValidationError("Must not be blank.")


def first_hidden_character(value: str) -> int | None:
    """Index of the first format character or noncharacter, save joiners inside a word; else None."""
    if value.isascii():  # the usual case, and ASCII has none
        return None
    suspects = {char for char in set(value) if hidden(char)}
    if not suspects:
        return None
    for found in re.finditer("|".join(map(re.escape, suspects)), value):
        at = found.start()
        if not (value[at] in _JOINERS and 0 < at < len(value) - 1 and joins(value[at - 1], value[at + 1])):
            return at
    return None


def hidden(char: str) -> bool:
    """A format character (bidi controls, zero-width ones, BOM, tags, ...) or a noncharacter."""
    code = ord(char)
    return unicodedata.category(char) == "Cf" or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def joins(before: str, after: str) -> bool:
    """Whether a joiner between these two characters is part of a word (or an emoji sequence)."""
    return all(_joinable(char) for char in (before, after))


def _joinable(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LM" or category in ("So", "Sk")


def visible(char: str) -> bool:
    """A character a reader sees: not a space, control, format character or non-spacing mark."""
    return unicodedata.category(char) not in _UNSEEN_CATEGORIES and char not in _BLANK_LOOKING


def describe(char: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)'."""
    name = unicodedata.name(char, "") or "a noncharacter"
    return f"U+{ord(char):04X} ({name})"


_REFUSED_ANYWHERE = _refused_ranges()
PLAIN_TEXT_PATTERN = (
    rf"^(?!.*<[A-Za-z/!?])[^{_REFUSED_ANYWHERE}]*[^\s{_REFUSED_ANYWHERE}][^{_REFUSED_ANYWHERE}]*$"
)

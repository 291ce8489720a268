"""The plain-text rule, and the pattern the OpenAPI document states for it."""

from __future__ import annotations

import re

import pytest
from marshmallow import ValidationError

from schemas.plain_text import PLAIN_TEXT_PATTERN, plain_text

PATTERN = re.compile(PLAIN_TEXT_PATTERN)


def refused(text: str) -> bool:
    try:
        plain_text(text)
    except ValidationError:
        return True
    return False


def test_the_pattern_never_refuses_a_character_the_service_accepts() -> None:
    """Clients and fuzzers trust the pattern: whatever breaks it must get a 422."""
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates are refused, but cannot stand in a str the pattern sees
        text = f"a{chr(code)}b"
        if PATTERN.fullmatch(text) is None:
            assert refused(text), f"U+{code:04X}"


def test_the_pattern_accepts_only_what_the_service_accepts() -> None:
    """The converse: a fuzzer's schema-valid text must get through (save blank-looking marks alone)."""
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        text = f"a{chr(code)}b"
        if PATTERN.fullmatch(text) is not None:
            assert not refused(text), f"U+{code:04X}"


@pytest.mark.parametrize(
    "text",
    ["Stars <img src=x onerror=alert(1)//", "</script x", "<!--", "<?xml", "a\u202eb", "\ufeffWise", " "],
)
def test_the_pattern_states_the_rules(text: str) -> None:
    assert refused(text)
    assert PATTERN.fullmatch(text) is None


@pytest.mark.parametrize("text", ["a < b", "Love <3", "नमस्ते", "क्\u200dष", "Rs 100 & more"])
def test_the_pattern_and_the_rule_pass_prose(text: str) -> None:
    assert not refused(text)
    assert PATTERN.fullmatch(text) is not None

"""Slugs of editor-written listicles: readable ASCII from any title, stable, never empty."""

from __future__ import annotations

import re

import pytest

from service.content.slugs import MAX_STEM, slug_stem

STEM = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("3 Monsoon Recipes From Our Readers", "3-monsoon-recipes-from-our-readers"),
        ("सर्दियों में सेहत के उपाय", "sardiyon-mein-sehat-ke-upay"),
        ("नींद के लिए आसान आदतें", "nind-ke-liye-asan-adtein"),
        ("वज़न कम करने के 7 तरीके", "vazan-kam-karne-ke-7-tarike"),
        ("१० योग आसन", "10-yog-asan"),  # Devanagari digits
        ("ज्ञान और क्षमता", "gyan-aur-kshamta"),  # conjuncts
        ("समझना", "samajhna"),  # a medial schwa dropped
        ("मित्र", "mitra"),  # kept after a cluster
        ("ज़िंदगी संभव", "zindagi-sambhav"),  # nukta, nasal before a labial
        ("Тhree Winter Walks", "three-winter-walks"),  # a Cyrillic Т in a Latin word
        ("Ѕleep Wеll", "sleep-well"),  # Cyrillic Ѕ and е
        ("Привет мир", "privet-mir"),  # a Cyrillic title is transliterated
        ("Café Crème Brûlée", "cafe-creme-brulee"),
        ("Straße & Smørrebrød", "strasse-smorrebrod"),
    ],
)
def test_titles_become_readable_ascii(title: str, stem: str) -> None:
    assert slug_stem(title) == stem


def test_a_title_with_nothing_to_spell_gets_a_stable_id_of_its_own() -> None:
    moons = slug_stem("🌙✨🌟")
    assert re.fullmatch(r"listicle-[0-9a-f]{8}", moons)
    assert slug_stem("🌙✨🌟") == moons == slug_stem(" 🌙✨🌟 ")
    assert slug_stem("🌟✨🌙") != moons
    assert re.fullmatch(r"10-listicle-[0-9a-f]{8}", slug_stem("10 🌙"))  # a number alone says too little
    assert slug_stem("مرحبا") != slug_stem("שלום")  # scripts without a table


@pytest.mark.parametrize("title", ["a" * 300, "word " * 60, "सेहत " * 40, "🌙", "-", "Ⅻ ﬁsh"])
def test_every_stem_is_a_valid_slug_part_and_short(title: str) -> None:
    stem = slug_stem(title)
    assert STEM.fullmatch(stem)
    assert len(stem) <= MAX_STEM


def test_long_titles_are_cut_between_words() -> None:
    assert slug_stem("winter " * 30) == "-".join(["winter"] * 11)

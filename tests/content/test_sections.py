"""The life-area sections: tone by rating, fresh tips and sentences, and truthful placement notes.

Read over 70 real days for all twelve signs: no two signs share a sentence on a date, no sign
meets a tone sentence or a tip again within 30 days, and a note about a planet says
"retrograde" exactly when the planet is retrograde.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta

import pytest

from service.content.calendar import Period
from service.content.composer import Composition, compose_with_claims
from service.content.entries import LIFE_AREAS
from service.content.phrases import load_bank, render
from service.content.sections import SUPPORTERS
from service.content.zodiac import Planet, Sign, System

DAYS = [date(2026, 1, 20) + timedelta(days=n) for n in range(70)]
_SENTENCE = re.compile(r"(?<=[.!?]) (?=[A-Z])")
Corpus = dict[date, dict[Sign, Composition]]
_PLANET = re.compile(r"\b(" + "|".join(p.value.title() for p in Planet) + r")\b")


@pytest.fixture(scope="module")
def days() -> Corpus:
    return {
        day: {sign: compose_with_claims(sign, day, Period.DAILY, System.TROPICAL, today=day) for sign in Sign}
        for day in DAYS
    }


def _sentences(composition: Composition, area: str) -> list[str]:
    return _SENTENCE.split(getattr(composition.horoscope.sections, area).text)


def test_every_area_has_a_pool_per_rating_and_a_hundred_tips_of_its_own() -> None:
    bank = load_bank()
    tips = {area: set(bank[f"section_tip.{area}"]) for area in LIFE_AREAS}
    for area in LIFE_AREAS:
        assert len(tips[area]) >= 100
        assert all(len(bank[f"section.{area}.{rating}"]) >= 60 for rating in range(1, 6))
        for other in LIFE_AREAS:
            assert other == area or not tips[area] & tips[other]
    tones = [t for area in LIFE_AREAS for rating in range(1, 6) for t in bank[f"section.{area}.{rating}"]]
    assert len(tones) == len(set(tones))  # a 1 never reads like a 2


def test_each_section_opens_with_a_sentence_of_its_own_rating(days: Corpus) -> None:
    bank = load_bank()
    for by_sign in days.values():
        for composition in by_sign.values():
            for area in LIFE_AREAS:
                section = getattr(composition.horoscope.sections, area)
                pool = {render(t, {"span": "today"}) for t in bank[f"section.{area}.{section.rating}"]}
                assert _sentences(composition, area)[0] in pool


def test_no_two_signs_share_a_section_sentence_on_a_date(days: Corpus) -> None:
    for day, by_sign in days.items():
        seen: dict[str, Sign] = {}
        for sign, composition in by_sign.items():
            for area in LIFE_AREAS:
                for sentence in _sentences(composition, area):
                    assert seen.setdefault(sentence, sign) is sign, (day, sentence)


def test_a_sign_meets_no_section_sentence_but_a_note_again_within_30_days(
    days: Corpus,
) -> None:
    last_seen: dict[tuple[Sign, str], date] = {}
    repeats = []
    for day, by_sign in days.items():
        for sign, composition in by_sign.items():
            for area in LIFE_AREAS:
                sentences = _sentences(composition, area)
                for sentence in (sentences[0], sentences[-1]):
                    before = last_seen.get((sign, sentence))
                    if before is not None and (day - before).days <= 30:
                        repeats.append((sign, before, day, sentence))
                    last_seen[sign, sentence] = day
    assert repeats == []


def test_a_note_says_retrograde_exactly_when_its_planet_is(days: Corpus) -> None:
    notes = 0
    for by_sign in days.values():
        for composition in by_sign.values():
            placements = composition.reading.placements
            for area in LIFE_AREAS:
                rating = getattr(composition.horoscope.sections, area).rating
                for sentence in _sentences(composition, area)[1:-1]:
                    notes += 1
                    planet = Planet(_PLANET.search(sentence).group(1).lower())  # type: ignore[union-attr]
                    assert ("retrograde" in sentence) == placements[planet].retrograde, sentence
                    if rating >= 4:
                        assert planet in SUPPORTERS, sentence
                        assert not placements[planet].retrograde, sentence
                    if rating <= 2:
                        assert planet not in SUPPORTERS, sentence
    assert notes > 100


def test_sections_run_to_about_forty_words(days: Corpus) -> None:
    lengths = defaultdict(list)
    for by_sign in days.values():
        for composition in by_sign.values():
            for area in LIFE_AREAS:
                lengths[area].append(len(getattr(composition.horoscope.sections, area).text.split()))
    for area, counts in lengths.items():
        assert 30 <= sum(counts) / len(counts) <= 48, area

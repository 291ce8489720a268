"""A closed vocabulary for the Hindi edition: every word it prints is in Debian's hunspell-hi
dictionary, in one of the service's name tables, or in the desk's reviewed domain list.

hunspell-hi's dictionary is read with spylls (pure Python): the hunspell command line breaks
Devanagari words apart at their vowel signs. `.ci/run` installs the dictionary.
"""

from __future__ import annotations

import gc
import re
import warnings
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
from spylls.hunspell import Dictionary

from service.content import panchang_names
from service.content.festivals import FESTIVALS
from service.content.places import default_place, places
from service.hindi_panchang import hindi_panchang
from service.panchang_publishing import panchang_document

HUNSPELL_HI = Path("/usr/share/hunspell/hi_IN")
DOMAIN_WORDS = Path(__file__).parent / "data" / "hindi_domain_words.txt"
WORD = re.compile(r"[\u0900-\u0963\u0971-\u097f]+")


@cache
def dictionary() -> Dictionary:
    if not HUNSPELL_HI.with_suffix(".dic").exists():
        pytest.fail("hunspell-hi is missing: apt-get install hunspell-hi (Debian), as .ci/run does")
    with warnings.catch_warnings():
        # spylls leaves the .aff file for the garbage collector to close: let it, quietly, here
        warnings.simplefilter("ignore", ResourceWarning)
        found = Dictionary.from_files(str(HUNSPELL_HI))
        gc.collect()
    return found


def _table_words() -> set[str]:
    names = [
        hindi
        for table in (
            panchang_names.TITHIS,
            panchang_names.PAKSHAS,
            panchang_names.NAKSHATRAS,
            panchang_names.YOGAS,
            panchang_names.MOVABLE_KARANAS,
            panchang_names.CLOSING_KARANAS,
            panchang_names.MONTHS,
            panchang_names.WEEKDAYS,
            panchang_names.RASHIS,
        )
        for _, hindi in table
    ]
    names += [panchang_names.PURNIMA[1], panchang_names.AMAVASYA[1], panchang_names.KINSTUGHNA[1]]
    names += [festival.hindi for festival in FESTIVALS] + [city.hindi for city in places()]
    return {word for name in names for word in WORD.findall(name)}


def _domain_words() -> set[str]:
    lines = DOMAIN_WORDS.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_the_domain_list_holds_only_words_hunspell_does_not_know_and_tables_do_not_name() -> None:
    redundant = {w for w in _domain_words() if dictionary().lookup(w) or w in _table_words()}
    assert not redundant, f"drop from {DOMAIN_WORDS.name}: {sorted(redundant)}"


def test_every_word_of_a_year_of_hindi_panchangs_is_known() -> None:
    known = _table_words() | _domain_words()
    words: set[str] = set()
    for offset in range(0, 366, 11):  # every weekday, tithi and paksha turns up over the year
        document = hindi_panchang(panchang_document(default_place(), date(2026, 1, 1) + timedelta(offset)))
        for text in (document["text"]["summary"], *document["text"]["lines"]):
            words.update(WORD.findall(text))
    unknown = sorted(w for w in words if w not in known and not dictionary().lookup(w))
    assert unknown == []

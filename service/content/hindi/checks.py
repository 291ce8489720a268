"""What a Hindi sub-editor checks in every line, as functions: each returns the problems it finds.

The checks follow section 6.7 of the research notes (shared/research/hindi-edition.md): Unicode
form, script purity, the colon that a careless normaliser turns into a visarga, the house spelling,
the आप register, a reader who is never gendered, vocatives, and dates. They judge text, not
meaning; the closed-vocabulary check against hunspell-hi lives with the tests, which have the
dictionary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from service.content.hindi.style import HOUSE_SPELLINGS, MONTHS, TERMINATOR

Check = Callable[[str], list[str]]

_PRECOMPOSED_NUKTA = re.compile("[\u0958-\u095f]")
_INVISIBLE = re.compile("[\u200c\u200d\ufffd]")
# Devanagari without its digits and precomposed nukta letters, Latin digits, a space and the
# punctuation the house allows; the purn viram (U+0964) is inside the Devanagari block.
_ALLOWED = re.compile(r"[\u0900-\u0957\u0960-\u0965\u0970-\u097f0-9 ,:;\-–()!?‘’“”/%]")
_TOKEN = re.compile(r"[\u0900-\u0963\u0971-\u097f]+")
_SENTENCE_END = re.compile(f"[{TERMINATOR}!?]")

_INFORMAL = frozenset({"तू", "तुम", "तुम्हारा", "तुम्हारी", "तुम्हारे", "तुम्हें", "तेरा", "तेरी", "तेरे", "तुझे"})
# Bare imperatives of the तुम register; आप takes -ें, -िए or -इए. (दो and लो are left out: they
# are also the numeral two and common nouns' endings.)
_TUM_IMPERATIVES = frozenset(
    {
        "करो", "रखो", "बचो", "जाओ", "आओ", "सोचो", "देखो", "सुनो", "बोलो", "पढ़ो", "लिखो",
        "चलो", "बनो", "मानो", "समझो", "दिखाओ", "बिताओ", "अपनाओ", "खाओ", "पियो", "लगाओ",
    }
)  # fmt: skip
# Words whose ending only looks like a तुम verb: 'मदद होगी' is third person, and प्रतियोगी,
# उपयोगी, सहयोगी, योगी and रोगी are nouns and adjectives.
_THIRD_PERSON = frozenset({"होगी", "प्रतियोगी", "उपयोगी", "सहयोगी", "योगी", "रोगी"})
_GENDERED_NOUNS = frozenset(
    {"पत्नी", "पति", "प्रेमिका", "प्रेमी", "राजकुमारी", "राजकुमार", "बीवी", "शौहर", "गर्लफ्रेंड", "बॉयफ्रेंड"}
)
_GENDERED_FUTURE = re.compile("[ेोए]ंग[ेी]$")  # करेंगे, होंगी, जाएंगे: gender shows in the ending
_GENDERED_PRESENT = re.compile(r"\S+[तथ][ेी] (?:हैं|थे|थीं)")  # करते हैं, रहती थीं
# A participle before the imperative रहें shows the reader's gender: 'पानी पीते रहें' (पीती रहें to a
# woman), 'विनम्र बने रहें'. The house writes 'बीच-बीच में पानी पिएं', 'विनम्रता बनाए रखें'.
_GENDERED_CONTINUOUS = re.compile(
    r"(?<!\S)(?:\S+[तथ][ेी]|बने|बनी|टिके|टिकी|लगे|लगी|जुड़े|जुड़ी|डटे|डटी|खड़े|खड़ी|बैठे|बैठी) (?:रहें|रहिए)(?![\u0900-\u0963])"
)
_VOCATIVE = re.compile(r"(?:^|[।!?]\s*)\S+ों[!,]|वालों!")
_HOUSE = {unicodedata.normalize("NFC", variant): house for variant, house in HOUSE_SPELLINGS.items()}
_DATE = re.compile(r"\b(\d{1,2}) (\S+) (\d{4})\b")
_EXPLICIT_DATE = re.compile(r"\b\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4}\b")


def unicode_form(text: str) -> list[str]:
    """Text is NFC, with no precomposed nukta letter, joiner or replacement character."""
    problems = [] if unicodedata.is_normalized("NFC", text) else ["not NFC"]
    problems += [f"precomposed nukta letter {m.group()!r}" for m in _PRECOMPOSED_NUKTA.finditer(text)]
    problems += [
        f"invisible or replacement character U+{ord(m.group()):04X}" for m in _INVISIBLE.finditer(text)
    ]
    return problems


def script(text: str) -> list[str]:
    """Devanagari, Latin digits, spaces and the allowed punctuation only (no '.', '|' or '॥')."""
    return [
        f"character {char!r} (U+{ord(char):04X}) is outside the house script"
        for char in dict.fromkeys(text)
        if not _ALLOWED.fullmatch(char)
    ]


def visarga_colon(text: str) -> list[str]:
    """'शुभ अंक: 5', never 'शुभ अंकः 5' (a colon turned visarga by a normaliser)."""
    return [f"visarga before a number: {m.group()!r}" for m in re.finditer(r"\S+ः \d", text)]


def spelling(text: str) -> list[str]:
    """Each word in its house spelling (HOUSE_SPELLINGS)."""
    return [
        f"{word!r} is spelt {_HOUSE[word]!r} in house style"
        for word in _TOKEN.findall(unicodedata.normalize("NFC", text))
        if word in _HOUSE
    ]


def register(text: str) -> list[str]:
    """The आप register throughout: no तू or तुम forms, no -ोगे/-ोगी verbs, no तुम imperatives."""
    problems = []
    for word in _TOKEN.findall(text):
        if word in _INFORMAL or word in _TUM_IMPERATIVES:
            problems.append(f"{word!r} is not the आप register")
        elif word.endswith(("ोगे", "ोगी", "ओगे", "ओगी")) and word not in _THIRD_PERSON:
            problems.append(f"{word!r} is a तुम verb form")
    return problems


def reader_gender(text: str) -> list[str]:
    """The reader is never gendered: no gendered spouse words, no 'आप ... करेंगे/करती हैं', no
    participle before an imperative रहें ('करते रहें')."""
    problems = [
        f"{word!r} genders the reader's partner" for word in _TOKEN.findall(text) if word in _GENDERED_NOUNS
    ]
    for sentence in _SENTENCE_END.split(text):
        words = _TOKEN.findall(sentence.replace("अपने आप", ""))  # 'by itself' is not the reader
        if "आप" not in words:
            continue
        gendered = [w for w in words if _GENDERED_FUTURE.search(w)] + _GENDERED_PRESENT.findall(sentence)
        problems += [f"'आप' with a gendered verb {verb!r}: {sentence.strip()!r}" for verb in gendered]
    continuous = _GENDERED_CONTINUOUS.findall(text)
    problems += [f"a participle before रहें genders the reader: {verb!r}" for verb in continuous]
    return problems


def vocative(text: str) -> list[str]:
    """No vocative openers ('धनु राशि वालों!', which is also misspelt: वालो)."""
    return [f"vocative {m.group().strip()!r}" for m in _VOCATIVE.finditer(text)]


def dates(text: str) -> list[str]:
    """Dates as 'D महीना YYYY' with the house months; every कल (tomorrow or yesterday) dated."""
    problems = [
        f"date {m.group()!r} does not use a house month name"
        for m in _DATE.finditer(text)
        if m.group(2) not in MONTHS
    ]
    for sentence in _SENTENCE_END.split(text):
        if "कल" in _TOKEN.findall(sentence) and not _EXPLICIT_DATE.search(sentence):
            problems.append(f"'कल' without its date: {sentence.strip()!r}")
    return problems


CHECKS: dict[str, Check] = {
    "unicode": unicode_form,
    "script": script,
    "visarga": visarga_colon,
    "spelling": spelling,
    "register": register,
    "reader gender": reader_gender,
    "vocative": vocative,
    "dates": dates,
}


def problems(text: str) -> list[str]:
    """Every problem every check finds in `text`, each prefixed with its check's name."""
    return [f"{name}: {problem}" for name, check in CHECKS.items() for problem in check(text)]

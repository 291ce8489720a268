"""Gender and number agreement in the rashifal's sky sentences, as a sub-editor reads them.

The grahas are singular and masculine in house style ('चंद्रमा ... रहेगा', never 'रहेंगे'); युति,
दृष्टि, साढ़ेसाती and ढैय्या are feminine ('युति बनेगी', 'दृष्टि पड़ रही है', 'ढैय्या चल रही है').
Each check returns the problems it finds, like those of `checks`.
"""

from __future__ import annotations

import re

GRAHAS = ("सूर्य", "चंद्रमा", "मंगल", "बुध", "गुरु", "शुक्र", "शनि", "राहु", "केतु")
OUTER_PLANETS = ("यूरेनस", "नेपच्यून", "प्लूटो", "अरुण", "वरुण", "यम")
_FEMININE = "युति|दृष्टि|साढ़ेसाती|ढैय्या"
# A feminine noun followed by a masculine verb form ('युति बन रहा है', 'दृष्टि पड़ेगा').
_FEMININE_WITH_MASCULINE = re.compile(
    rf"(?:{_FEMININE}) (?:\S+ )?(?:रहा|बनेगा|पड़ेगा|रहेगा|होगा|बना|पड़ा|चलेगा)(?=[ ,।]|$)"
)
# A clause whose subject is a graha and whose verb is the honorific plural ('शनि ... रहेंगे').
_PLURAL_VERBS = re.compile(r"(?:^| )(?:रहेंगे|होंगे|करेंगे|देंगे|चलेंगे|जाएंगे|रहते हैं|होते हैं|हैं)(?=[ ,।]|$)")
_POSTPOSITIONS = frozenset({"के", "की", "का", "से", "को", "पर", "में", "ने"})  # then it is no subject
_CLAUSE = re.compile(r"[,।;:]")
_WORD = re.compile(r"[\u0900-\u0963\u0971-\u097f]+")
BANNED_IN_UPAY = ("इलाज", "रोग दूर", "बीमारी ठीक", "गारंटी", "निश्चित लाभ")


def feminine_nouns(text: str) -> list[str]:
    """युति, दृष्टि, साढ़ेसाती and ढैय्या take feminine verbs."""
    return [
        f"feminine noun with a masculine verb: {m.group()!r}" for m in _FEMININE_WITH_MASCULINE.finditer(text)
    ]


def graha_number(text: str) -> list[str]:
    """A graha that opens a clause takes a singular verb."""
    problems = []
    for clause in _CLAUSE.split(text):
        words = _WORD.findall(clause)
        subject = len(words) > 1 and words[0] in GRAHAS and words[1] not in _POSTPOSITIONS
        if subject and _PLURAL_VERBS.search(clause.strip()):
            problems.append(f"graha with a plural verb: {clause.strip()!r}")
    return problems


def outer_planets(text: str) -> list[str]:
    """Only the navagraha: Uranus, Neptune and Pluto are never named, in either spelling."""
    words = set(_WORD.findall(text))
    return [f"outer planet {name!r}" for name in OUTER_PLANETS if name in words]


def upay_claims(text: str) -> list[str]:
    """A remedy promises nothing: no cure, no guarantee."""
    return [f"banned phrase {phrase!r}" for phrase in BANNED_IN_UPAY if phrase in text]


def problems(text: str) -> list[str]:
    return [
        *(f"agreement: {p}" for p in feminine_nouns(text) + graha_number(text)),
        *(f"navagraha: {p}" for p in outer_planets(text)),
        *(f"upay: {p}" for p in upay_claims(text)),
    ]

"""URL slugs of editor-written listicles: readable ASCII from a title in any script the portal uses.

Hindi titles are romanised (Hunterian style, as Indian newspapers write Hindi in Latin letters:
"सर्दियों में सेहत के उपाय" -> "sardiyon-mein-sehat-ke-upay"), with the usual schwa deletion done
simply (a word's last inherent vowel goes, and one between two spoken syllables): readable and stable,
not a pronunciation guide. Cyrillic and Greek letters inside a Latin word are the lookalikes they
pretend to be (a Cyrillic "Т" in "Тhree" is a T); whole Cyrillic or Greek words are transliterated.
Accents fold away (NFKD). A title with nothing left to spell, such as one made of emoji, gets a short
id derived from the title, so the same title always gets the same slug and different ones differ.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

MAX_STEM = 80  # characters before the date

# Devanagari, by code point. Long and short vowels share a letter, as in Hunterian romanisation.
_VOWELS = {
    "अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ऋ": "ri", "ॠ": "ri", "ऌ": "li",
    "ऍ": "e", "ऎ": "e", "ए": "e", "ऐ": "ai", "ऑ": "o", "ऒ": "o", "ओ": "o", "औ": "au",
}  # fmt: skip
_SIGNS = {  # dependent vowel signs (matras)
    "ा": "a", "ि": "i", "ी": "i", "ु": "u", "ू": "u", "ृ": "ri", "ॄ": "ri", "ॢ": "li", "ॣ": "li",
    "ॅ": "e", "ॆ": "e", "े": "e", "ै": "ai", "ॉ": "o", "ॊ": "o", "ो": "o", "ौ": "au",
}  # fmt: skip
_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n",
    "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n",
    "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m",
    "य": "y", "र": "r", "ल": "l", "ळ": "l", "व": "v",
    "श": "sh", "ष": "sh", "स": "s", "ह": "h",
}  # fmt: skip
_NUKTA_FORMS = {"क": "q", "ख": "kh", "ग": "gh", "ज": "z", "ड": "r", "ढ": "rh", "फ": "f", "य": "y"}
_NUKTA, _VIRAMA, _VISARGA = "\u093c", "\u094d", "\u0903"
_NASALS = {"\u0901", "\u0902"}  # chandrabindu, anusvara
_LABIALS = {"p", "ph", "b", "bh", "m"}  # a nasal before them is written m: "sambhav"
_SILENT = {"\u200c", "\u200d", "\u093d"}  # zero-width (non-)joiners, avagraha

# Cyrillic and Greek: as lookalikes inside a Latin word, transliterated in a word of their own.
_LOOKALIKES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "і": "i", "ї": "i", "ј": "j", "к": "k", "м": "m",
    "н": "h", "о": "o", "р": "p", "с": "c", "ѕ": "s", "т": "t", "у": "y", "х": "x", "ԁ": "d", "һ": "h",
    "ӏ": "l", "ԛ": "q", "ԝ": "w", "ь": "b",
    "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "h", "ι": "i", "κ": "k", "μ": "m", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ϲ": "c", "ϳ": "j",
}  # fmt: skip
_TRANSLITERATIONS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k",
    "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t",
    "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}  # fmt: skip
_LATIN_LETTERS = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
}


def slug_stem(title: str) -> str:
    """The dateless part of an editor-written listicle's slug, e.g. 'three-winter-walks'."""
    words = [spelled for word in _words(unicodedata.normalize("NFKD", title)) if (spelled := _spell(word))]
    stem = _shorten("-".join(words))
    if not any("a" <= character <= "z" for character in stem):  # nothing readable: emoji, other scripts
        stem = "-".join(part for part in (stem, "listicle", _title_id(title)) if part)
    return stem


def _title_id(title: str) -> str:
    """Eight hex digits of the title's digest: the same title (up to case and spacing) gives the same id."""
    canonical = " ".join(unicodedata.normalize("NFC", title).casefold().split())
    return hashlib.blake2b(canonical.encode(), digest_size=4).hexdigest()


def _shorten(stem: str) -> str:
    """At most MAX_STEM characters, cut between words when a word boundary is near."""
    if len(stem) <= MAX_STEM:
        return stem
    cut = stem[: MAX_STEM + 1]
    boundary = cut.rfind("-")
    return (cut[:boundary] if boundary > MAX_STEM // 2 else cut[:MAX_STEM]).strip("-")


def _words(text: str) -> list[str]:
    """Runs of letters, marks and digits (joiners too, which Devanagari words may hold)."""
    words, current = [], []
    for character in text:
        if unicodedata.category(character)[0] in "LMN" or character in _SILENT:
            current.append(character)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def _spell(word: str) -> str:
    """A word in lowercase ASCII letters and digits ('' when nothing in it can be spelled so)."""
    lookalikes = any("a" <= character.lower() <= "z" for character in word)  # a Latin word in disguise
    spelled: list[str] = []
    devanagari: list[str] = []
    for character in word:
        if ("\u0900" <= character <= "\u097f" and not character.isdecimal()) or character in _SILENT:
            devanagari.append(character)
            continue
        if devanagari:
            spelled.append(_romanise(devanagari))
            devanagari = []
        lower = character.lower()
        if character.isdecimal():
            spelled.append(str(unicodedata.decimal(character)))
        elif lower.isascii() and lower.isalnum():
            spelled.append(lower)
        elif lower in _LATIN_LETTERS:
            spelled.append(_LATIN_LETTERS[lower])
        else:  # a combining accent or a letter of a script without a table spells nothing
            spelled.append((_LOOKALIKES if lookalikes else _TRANSLITERATIONS).get(lower, ""))
    if devanagari:
        spelled.append(_romanise(devanagari))
    return "".join(spelled)


@dataclass(slots=True)
class _Syllable:
    consonant: str  # '' for a vowel letter
    vowel: str  # '' when a virama (or schwa deletion) silenced it
    inherent: bool  # the vowel is the consonant's own 'a', which speech may drop
    coda: str = ""  # 'n' for a nasal sign, 'h' for visarga


def _romanise(letters: list[str]) -> str:
    """One Devanagari word in Latin letters."""
    syllables = _syllables(letters)
    _delete_schwas(syllables)
    out: list[str] = []
    for index, syllable in enumerate(syllables):
        out.append(syllable.consonant + syllable.vowel)
        if syllable.coda == "n":
            following = syllables[index + 1].consonant if index + 1 < len(syllables) else ""
            last = index + 1 == len(syllables)
            out.append("m" if following in _LABIALS else "in" if last and syllable.vowel == "e" else "n")
        else:
            out.append(syllable.coda)
    return "".join(out)


def _syllables(letters: list[str]) -> list[_Syllable]:
    syllables: list[_Syllable] = []
    for index, letter in enumerate(letters):
        previous = syllables[-1] if syllables else None
        if letter == "ञ" and previous is not None and previous.consonant == "j" and not previous.vowel:
            previous.consonant, previous.vowel, previous.inherent = "gy", "a", True  # ज्ञ: 'gyan'
        elif letter in _CONSONANTS:
            nukta = index + 1 < len(letters) and letters[index + 1] == _NUKTA
            spelled = _NUKTA_FORMS.get(letter, _CONSONANTS[letter]) if nukta else _CONSONANTS[letter]
            syllables.append(_Syllable(spelled, "a", inherent=True))
        elif letter in _VOWELS:
            glide = (
                "y" if letter in "एऐ" and previous is not None and previous.vowel else ""
            )  # 'liye', 'gaye'
            syllables.append(_Syllable(glide, _VOWELS[letter], inherent=False))
        elif letter == "\u0950":  # om
            syllables.append(_Syllable("", "om", inherent=False))
        elif letter in _SIGNS:
            if previous is not None and previous.inherent:
                previous.vowel, previous.inherent = _SIGNS[letter], False
            else:  # a sign with no consonant to sit on
                syllables.append(_Syllable("", _SIGNS[letter], inherent=False))
        elif letter == _VIRAMA and previous is not None and previous.consonant:
            previous.vowel, previous.inherent = "", False
        elif letter in _NASALS and previous is not None:
            previous.coda = "n"
        elif letter == _VISARGA and previous is not None:
            previous.coda = "h"
    return syllables


def _delete_schwas(syllables: list[_Syllable]) -> None:
    """Drop the inherent 'a' where Hindi speech drops it: at a word's end, and in V C _ C V."""

    def deletable(syllable: _Syllable) -> bool:
        return syllable.inherent and not syllable.coda

    def voiced(syllable: _Syllable) -> bool:
        return bool(syllable.vowel)

    last = len(syllables) - 1
    if last > 0 and deletable(syllables[last]) and voiced(syllables[last - 1]):
        syllables[last].vowel = ""  # 'sehat'; kept after a cluster ('mitra') and in one-letter words
    for index in range(last - 1, 0, -1):  # right to left, as the rule is usually stated
        before, here, after = syllables[index - 1], syllables[index], syllables[index + 1]
        if deletable(here) and voiced(before) and not before.coda and after.consonant and voiced(after):
            here.vowel = ""  # 'samajhna', 'kamra'

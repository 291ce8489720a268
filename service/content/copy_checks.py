"""A copy desk's lint over composed horoscopes: the defects an editor flags, found and counted.

Pure functions over `Horoscope` values (no composing, no I/O beyond the phrase banks and the
panchang). Entry checks read one horoscope; corpus checks read many (a year of one system and
period, say) and find what only shows across entries: stock phrases, a sentence a sign reads again
within 30 days, advice two signs share on one day. `audit` runs them all. bench/copy_report.py
prints the figures; tests/content/test_copy_lint.py holds the issue's thresholds.

Words are compared by a small suffix-stripping stem, so "devoted ... devotion" and "plans ...
planning" are one word. Names of signs and planets, house ordinals and words of time ("today",
"week") never count as repeats: a sentence may name two houses or two planets.
"""

from __future__ import annotations

import calendar
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache, lru_cache
from importlib import resources

import yaml

from service.content import panchang
from service.content.calendar import Period
from service.content.entries import LIFE_AREAS, Horoscope, Section
from service.content.occasions import occasion_bank
from service.content.phrases import load_bank
from service.content.tone import tone_bank
from service.content.zodiac import SIGNS, Planet, Sign

# ---------------------------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------------------------


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = _word_set(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either even ever
    every few for from further had has have having he her here hers herself him himself his how i
    if in into is it its itself just least less let lets like may me might more most much must my
    myself no nor not now of off on once one ones only or other others our ours ourselves out over
    own per quite rather same she should so some such than that the their theirs them themselves
    then there these they this those though through to too under until up upon us very was we were
    what when where whether which while who whom whose why will with within without would yet you
    your yours yourself yourselves it's you're you'll you've that's there's what's let's don't
    can't won't isn't aren't doesn't didn't
    today tonight tomorrow yesterday day days daily week weeks weekly month months monthly year
    years morning afternoon evening night early late
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    hello zodiac horoscope"""
)
_ORDINALS = _word_set("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth")
# The sky's own vocabulary: names and structural words that a sentence may rightly say twice.
_HINDI_SIGNS = "mesh vrishabh mithun kark singh simha kanya tula vrishchik dhanu makar kumbh meen"
_HINDI_PLANETS = "surya chandra mangal budh guru brihaspati shukra shani rahu ketu"
_SKY_NAMES = frozenset(
    {s.value for s in Sign}
    | {f.sidereal_name.lower() for f in SIGNS.values()}
    | set(_HINDI_SIGNS.split())
    | {p.value for p in Planet}
    | set(_HINDI_PLANETS.split())
    | {"house", "houses", "sign", "signs", "planet", "planets", "moon", "sun", "lunar", "solar"}
)
_IRREGULAR = {
    "clarity": "clear",
    "wisdom": "wise",
    "depth": "deep",
    "strength": "strong",
    "growth": "grow",
    "children": "child",
    "lives": "life",
    "healthy": "health",
    "financial": "finance",
    "finances": "finance",
    "optimistic": "optimism",
}
_INFLECTIONS = (("ies", "y", 3), ("ied", "y", 3), ("sses", "ss", 3), ("ing", "", 4), ("ed", "", 3))
_DERIVATIONS = (
    "ibility",
    "ability",
    "ations",
    "ation",
    "itions",
    "ition",
    "ivity",
    "osity",
    "ically",
    "ical",
    "ities",
    "ity",
    "ness",
    "ments",
    "ment",
    "ship",
    "fully",
    "ful",
    "ously",
    "ous",
    "ively",
    "ive",
    "ists",
    "ist",
    "isms",
    "ism",
    "ence",
    "ance",
    "ent",
    "ant",
    "ions",
    "ion",
    "ate",
    "able",
    "ible",
    "ual",
    "ial",
    "ic",
    "ly",
    "al",
)
_DOUBLE_END = re.compile(r"([bdfgklmnprt])\1$")
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"'‘“(]?[A-Z0-9])")


@cache
def stem(word: str) -> str:
    """A crude stem that joins a word's inflections and common derivations: 'devotion' -> 'devot'."""
    w = word.lower().replace("’", "'")
    w = w.removesuffix("'s")
    w = _IRREGULAR.get(w, w)
    for suffix, replacement, keep in _INFLECTIONS:
        if w.endswith(suffix) and len(w) - len(suffix) >= keep and not w.endswith("eed"):
            w = w[: -len(suffix)] + replacement
            break
    else:
        if w.endswith("es") and len(w) > 4 and not w.endswith(("ses", "ves")):
            w = w[:-1]  # 'values' -> 'value' (then its 'e' goes below)
        elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
            w = w[:-1]
    w = _DOUBLE_END.sub(r"\1", w) if len(w) > 4 else w
    for _ in range(2):  # 'optimistic' -> 'optimist' -> 'optim'
        for suffix in _DERIVATIONS:
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)]
                break
        else:
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return _DOUBLE_END.sub(r"\1", w) if len(w) > 4 else w


def words(text: str) -> list[str]:
    """The words of a text, hyphenated words split ('self-care' -> 'self', 'care')."""
    return _WORD.findall(text)


@lru_cache(maxsize=1 << 17)
def sentences(text: str) -> tuple[str, ...]:
    """A paragraph split into its sentences."""
    return tuple(s for s in _SENTENCE_SPLIT.split(text.strip()) if s)


def content_stems(text: str, ignore: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(stem, word) for each content word: no stopword, sky name, ordinal of a house, or `ignore`."""
    ignored = {w.lower() for w in ignore}
    tokens = words(text)
    found = []
    for i, token in enumerate(tokens):
        low = token.lower().replace("’", "'")
        if low in _STOPWORDS or low in _SKY_NAMES or low in ignored or len(low) < 3:
            continue
        following = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if low in _ORDINALS and following in ("house", "houses", "and"):
            continue  # 'your fifth and eleventh houses'
        found.append((stem(low), low))
    return found


@lru_cache(maxsize=1 << 17)
def repeated_stems(text: str, ignore: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The groups of words in `text` that share a stem, each as the words used."""
    by_stem: dict[str, list[str]] = defaultdict(list)
    for stem_, word in content_stems(text, ignore):
        by_stem[stem_].append(word)
    return [tuple(ws) for ws in by_stem.values() if len(ws) > 1]


# ---------------------------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """One defect in one entry: which check, where, the text at fault and what is wrong with it."""

    check: str
    entry: str  # 'leo 2026-03-03 daily tropical'
    text: str
    detail: str


def entry_label(h: Horoscope) -> str:
    return f"{h.sign.value} {h.date.isoformat()} {h.period.value} {h.system.value}"


def section_of(h: Horoscope, area: str) -> Section:
    """The entry's section for a life area ('love', 'career', 'money', 'health')."""
    section: Section = getattr(h.sections, area)
    return section


def prose(h: Horoscope) -> list[str]:
    """The entry's running text: body paragraphs, then the four sections."""
    return [*h.body, *(section_of(h, area).text for area in LIFE_AREAS)]


def prose_sentences(h: Horoscope) -> list[str]:
    return [s for paragraph in prose(h) for s in sentences(paragraph)]


def _sign_words(h: Horoscope) -> tuple[str, ...]:
    return tuple(words(f"{h.sign.title} {h.sign.facts.sidereal_name}"))


# ---------------------------------------------------------------------------------------------
# Entry checks
# ---------------------------------------------------------------------------------------------


def repeated_words(h: Horoscope) -> list[Finding]:
    """A content word (or its stem) twice in one sentence: 'patience with patience'.

    A repeat the sentence's template writes itself ('Step by step', 'energy well spent') is a
    figure of speech, not slot filling, and is let through.
    """
    found = []
    for sentence in prose_sentences(h):
        for group in repeated_stems(sentence, _sign_words(h)):
            if not _deliberate(sentence, stem(group[0]), len(group)):
                found.append(Finding("repeated_word", entry_label(h), sentence, " / ".join(group)))
    return found


def _deliberate(sentence: str, stem_: str, times: int) -> bool:
    """Whether a template that says this stem as often in its own words wrote the sentence."""
    return any(stems.get(stem_) == times and pattern.fullmatch(sentence) for pattern, stems in _figures())


Figure = tuple[re.Pattern[str], dict[str, int]]


@cache
def _figures() -> tuple[Figure, ...]:
    """Figures of every bank that writes prose: the phrase bank, the tone lines, the occasions."""
    banks = (load_bank().pools.values(), tone_bank().values())
    return figures_of([*(t for bank in banks for pool in bank for t in pool), *_strings(_occasion_tree())])


def _occasion_tree() -> object:
    text = resources.files("service.content").joinpath("data", "occasions.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _strings(tree: object) -> Iterator[str]:
    """Every string in a loaded YAML tree."""
    if isinstance(tree, str):
        yield tree
    elif isinstance(tree, dict):
        for value in tree.values():
            yield from _strings(value)
    elif isinstance(tree, list | tuple):
        for value in tree:
            yield from _strings(value)


def figures_of(templates: Iterable[str]) -> tuple[Figure, ...]:
    """Templates that repeat a word in their own text, as patterns with how often they say each
    stem they repeat (a slot that says it once more makes a collision again)."""
    figures = []
    for template in templates:
        groups = repeated_stems(re.sub(r"\{[^}]*\}", " ", template))
        if not groups:
            continue
        pattern = "".join(
            ".+?" if part.startswith("{") else _literal(part) for part in re.split(r"(\{[^}]*\})", template)
        )
        figures.append((re.compile(pattern, re.IGNORECASE), {stem(g[0]): len(g) for g in groups}))
    return tuple(figures)


def _literal(text: str) -> str:
    """A template's fixed text as a pattern; 'a' and 'an' either way, as rendering settles them."""
    return re.sub(r"\b([Aa])n? ", r"\1n? ", re.escape(text).replace("\\ ", " "))


def headline_repeats(h: Horoscope) -> list[Finding]:
    """A word or stem twice in the headline: 'Restful Retreat And Soothing Rest'."""
    return [
        Finding("headline_repeat", entry_label(h), h.headline, " / ".join(group))
        for group in repeated_stems(h.headline)
    ]


def teaser_echoes(h: Horoscope) -> list[Finding]:
    """A teaser that says a word of its own twice: 'devoted Cancer ... devotion ... devoted'."""
    text = h.teaser.split(":", 1)[-1]
    return [
        Finding("teaser_echo", entry_label(h), h.teaser, " / ".join(group))
        for group in repeated_stems(text, (*_sign_words(h), "make", "makes"))
    ]


# A singular verb after "X and Y" that opens a clause: "your fourth house, home and family remains".
_SINGULAR_VERBS = _word_set(
    "is was has does remains reflects feels needs brings takes looks gets seems becomes comes goes "
    "pays benefits deserves asks calls stays grows holds keeps makes gives shows thrives improves "
    "flows helps works wants lies sits rests stands counts runs falls turns opens gains receives "
    "draws invites requires offers settles carries lights shines matters fills moves sets tends "
    "adds lends leads means wins suits waits sounds rewards responds plays"
)
_PAIR = re.compile(r"\b([A-Za-z'-]+) and ([a-z'-]+) ([a-z]+)\b")
# What may stand before the pair for it to open a clause: a clause boundary, then perhaps a
# determiner and one adjective ('your fourth house, home and family', 'When rest and sleep').
_CLAUSE_OPENING = re.compile(
    r"(?:^|[,;:—] |\b(?:when|if|while|as|so|and|but|because|since) )"
    r"(?:(?:your|the|both|their) )?(?:[a-z-]+ )?$",
    re.IGNORECASE,
)
# A comma after "around marriage" starts the rest of a list ("marriage, partners and contracts"),
# not a subject of its own.
_LIST_BEFORE = re.compile(
    r"\b(?:about|across|among|around|at|between|for|from|in|into|of|on|over|through|to|towards|with)"
    r"(?: [\w'-]+){1,3}, (?:[a-z-]+ )?$"
)
_GERUND_BEFORE = re.compile(r"\b[A-Za-z]+ing $")
# A hyphenated participle ('long-pending', 'hard-earned', 'well-known') is an adjective: the word
# after it is its noun ('sudden events and long-pending matters colour the day'), not the verb.
_COMPOUND_PARTICIPLE = re.compile(r"[a-z]+-[a-z]+(?:ing|ed|en|wn)")
# Pairs that are one thing, and take a singular verb.
_SINGULAR_PAIRS = frozenset(
    {
        "give and take",
        "trial and error",
        "slow and steady",
        "wear and tear",
        "peace and quiet",
        "rock and roll",
        "bread and butter",
        "back and forth",
        "research and development",
        "rest and recovery",
        "rise and shine",
        "hustle and bustle",
        "law and order",
    }
)


def agreement_slips(h: Horoscope) -> list[Finding]:
    """'X and Y' as a subject with a singular verb: 'home and family remains a steady theme'."""
    found = []
    for sentence in prose_sentences(h):
        for match in _PAIR.finditer(sentence):
            first, second, verb = match.groups()
            before = sentence[: match.start(1)]
            if verb not in _SINGULAR_VERBS or not _CLAUSE_OPENING.search(before):
                continue
            pair = sentence[match.start(1) : match.end(2)]
            if _LIST_BEFORE.search(before) or _GERUND_BEFORE.search(before) or first.endswith("ing"):
                continue  # 'around marriage, partners and contracts is'; 'balancing work and play feels'
            if _COMPOUND_PARTICIPLE.fullmatch(second):
                continue
            if any(pair.lower().endswith(idiom) for idiom in _SINGULAR_PAIRS):
                continue
            found.append(Finding("agreement", entry_label(h), sentence, f"{pair} {verb}"))
    return found


_MATTERS_OF = re.compile(r"\bmatters of (?:the |your )?[\w'-]+(?: (?:and|or) [\w'-]+)?", re.IGNORECASE)


def matters_of(h: Horoscope) -> list[Finding]:
    """'matters of clear thinking': a house keyword dressed as a subject, saying nothing."""
    return [
        Finding("matters_of", entry_label(h), sentence, match.group(0))
        for sentence in prose_sentences(h)
        for match in _MATTERS_OF.finditer(sentence)
    ]


# The review's stock phrases (2026.11.2), as patterns: every one reads as a template. Each pattern
# holds its first literal word, so a sentence without it is passed over quickly.
KNOWN_STOCK_PHRASES = {
    "you have welcome support here": r"\byou have welcome support here\b",
    "to this part of life": r"\bto this part of life\b",
    "makes it easier to bring": r"\bmakes? it easier to bring\b",
    "opens a door for": r"\bopens a door for\b",
    "smooths the way for": r"\bsmooths the way for\b",
    "lending X to matters of / your plans": r"\blending [\w' -]+? to (?:matters of|your plans)\b",
    "is a quiet ally": r"\bis a quiet ally\b",
    "keeps this area hopeful": r"\bkeeps this area hopeful\b",
    "brings a helpful touch of": r"\bbrings? a helpful touch of\b",
    "X, used wisely": r", used wisely\b",
    "lends your Nth house a measure of": r"\b(?:lends|gives) your \w+ house a measure of\b",
    "becomes a place of": r"\bbecomes a place of\b",
    "turns your attention inwards to": r"\bturns your attention inwards to\b",
    "from X outwards": r"\bfrom [\w' -]+? outwards\b",
    "patience with X pays off": r"\bpatience with [\w' -]+? pays off\b",
}


def _anchor(pattern: str) -> str:
    """The first literal word of a pattern: 'used' for ', used wisely\\b'."""
    found = re.search(r"[a-z]{3,}", pattern.replace(r"\b", ""))
    assert found is not None, pattern
    return found.group(0)


_KNOWN_STOCK = tuple(
    (_anchor(pattern), name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in KNOWN_STOCK_PHRASES.items()
)


def known_stock_phrases(h: Horoscope) -> list[Finding]:
    """The stock phrases the 2026.11.2 review named: any one in an entry is a finding."""
    found = []
    for sentence in prose_sentences(h):
        low = sentence.lower()
        for anchor, name, pattern in _KNOWN_STOCK:
            if anchor in low and pattern.search(sentence):
                found.append(Finding("known_stock_phrase", entry_label(h), sentence, name))
    return found


@cache
def headline_areas() -> dict[str, str]:
    """Each headline theme that promises a life area, with the area: from the headline banks.

    A theme also written for a low rating ('headline_low') promises nothing and is left out.
    """
    pools = load_bank().pools
    low = {theme for name, themes in pools.items() if name.startswith("headline_low.") for theme in themes}
    return {
        theme: name.rsplit(".", 1)[-1]
        for name, themes in pools.items()
        if re.fullmatch(r"headline\.(?:daily|period)\.\w+", name) and name.rsplit(".", 1)[-1] in LIFE_AREAS
        for theme in themes
        if theme not in low
    }


def headline_rating_conflicts(h: Horoscope) -> list[Finding]:
    """A headline theme that promises an area the entry rates 1-2: 'Romantic Surprises', love 2."""
    areas = headline_areas()
    found = []
    for theme in h.headline.split(" And "):
        area = areas.get(theme)
        if area is not None and (rating := section_of(h, area).rating) <= 2:
            found.append(
                Finding("headline_rating", entry_label(h), h.headline, f"{theme!r}: {area} {rating}")
            )
    return found


# Moods by tone, from the mood banks and a few words they may grow to hold.
_BRIGHT_MOODS = {"joyful", "optimistic", "enthusiastic", "radiant", "cheerful", "upbeat", "buoyant"}
_CAUTIOUS_MOODS = {"watchful", "cautious", "careful", "pensive", "guarded", "wary", "reserved"}


@cache
def mood_tones() -> tuple[frozenset[str], frozenset[str]]:
    """(bright, cautious) moods, lower case: the high and low mood banks plus a small lexicon."""
    pools = load_bank().pools
    bright = {m.lower() for m in pools.get("mood.high", ())} | _BRIGHT_MOODS
    cautious = {m.lower() for m in pools.get("mood.low", ())} | _CAUTIOUS_MOODS
    return frozenset(bright), frozenset(cautious)


def average_rating(h: Horoscope) -> float:
    return sum(section_of(h, area).rating for area in LIFE_AREAS) / len(LIFE_AREAS)


def mood_rating_conflicts(h: Horoscope) -> list[Finding]:
    """A bright mood over ratings averaging below 2.5, or a cautious one over ratings above 3.5."""
    bright, cautious = mood_tones()
    mood, average = h.mood.lower(), average_rating(h)
    if (mood in bright and average < 2.5) or (mood in cautious and average > 3.5):
        return [Finding("mood_rating", entry_label(h), h.mood, f"average rating {average:.2f}")]
    return []


# Tone markers. A section's last sentence is its tip (advice, not tone), so it is not read.
_UPBEAT = re.compile(
    r"\b(?:flourish\w*|thriv\w+|excellent|wonderful|splendid|breakthrough\w*|windfall\w*|lucky|"
    r"fortunate|gets? a (?:welcome )?(?:lift|boost)|welcome (?:lift|boost|support)|goes? your way|"
    r"in your favour|smooth sailing|on a high|at (?:its|their|your) best|welcome support|"
    r"shines?|shining|sparkl\w+|blossom\w*|soar\w*|rewarding|promising|hopeful)\b",
    re.IGNORECASE,
)
_GLOOMY = re.compile(
    r"\b(?:test(?:s)? your patience|tension\w*|strain\w*|frustrat\w+|setback\w*|delays?|"
    r"obstacle\w*|friction|disappoint\w*|worr(?:y|ies|ied)|draining|drained|fatigue\w*|tired|"
    r"struggl\w+|difficult\w*|tough|misunderstanding\w*|handle \w+(?: \w+)? with care|"
    r"needs? extra patience|may test|heavy|sluggish|low on energy|run down)\b",
    re.IGNORECASE,
)


def section_tone_conflicts(h: Horoscope) -> list[Finding]:
    """Section text against its rating: upbeat words under a 1-2, gloomy ones under a 4-5."""
    found = []
    for area in LIFE_AREAS:
        section = section_of(h, area)
        said = sentences(section.text)
        toned = said[:-1] if len(said) > 1 else said
        marker = _UPBEAT if section.rating <= 2 else _GLOOMY if section.rating >= 4 else None
        if marker is None:
            continue
        for sentence in toned:
            if match := marker.search(sentence):
                detail = f"{area} {section.rating}: {match.group(0)!r}"
                found.append(Finding("section_tone", entry_label(h), sentence, detail))
    return found


_CLOCK = re.compile(r"(\d{1,2}):(\d{2})\s*([AP]M)", re.IGNORECASE)


def parse_window(text: str) -> tuple[time, time] | None:
    """'2:00 PM - 3:30 PM' as two times, else None."""
    found = _CLOCK.findall(text)
    if len(found) != 2:
        return None
    times = []
    for hour, minute, half in found:
        h24 = int(hour) % 12 + (12 if half.upper() == "PM" else 0)
        times.append(time(h24, int(minute)))
    return times[0], times[1]


def lucky_time(h: Horoscope) -> str | None:
    """The entry's lucky time of day, if its Lucky has one."""
    value = getattr(h.lucky, "time", None)
    return value if isinstance(value, str) and value else None


def rahu_kaal_overlaps(h: Horoscope) -> list[Finding]:
    """A daily lucky time that overlaps the day's Rahu Kaal (New Delhi's panchang)."""
    window = lucky_time(h)
    if h.period is not Period.DAILY or window is None or (parsed := parse_window(window)) is None:
        return []
    rahu = rahu_kaal_on(h.date)
    start, end = (datetime.combine(h.date, t, rahu[0].tzinfo) for t in parsed)
    overlap = min(end, rahu[1]) - max(start, rahu[0])
    if overlap.total_seconds() < 60:  # almanacs print Rahu Kaal to the minute
        return []
    inside = start >= rahu[0] and end <= rahu[1]
    span = f"{rahu[0]:%I:%M %p}-{rahu[1]:%I:%M %p}"
    detail = f"{'inside' if inside else 'overlaps'} Rahu Kaal {span} by {overlap.seconds // 60} min"
    return [Finding("rahu_kaal", entry_label(h), window, detail)]


def rahu_kaal_on(day: date) -> tuple[datetime, datetime]:
    """The day's Rahu Kaal at the default place, in its local time (a year found at once)."""
    period = _rahu_kaals(day.year)[day.timetuple().tm_yday - 1]
    return period.start, period.end


@cache
def _rahu_kaals(year: int) -> tuple[panchang.Period, ...]:
    return panchang.rahu_kaals(date(year, 1, 1), date(year, 12, 31))


def period_lucky_times(h: Horoscope) -> list[Finding]:
    """A weekly or monthly entry with a lucky time of day, which no day of the period can use."""
    window = lucky_time(h)
    if h.period is Period.DAILY or window is None:
        return []
    return [Finding("period_lucky_time", entry_label(h), window, "a time of day without a day")]


def word_count(h: Horoscope) -> int:
    """Words of the body and the sections, as a reader counts them."""
    return sum(len(paragraph.split()) for paragraph in prose(h))


# ---------------------------------------------------------------------------------------------
# Corpus checks
# ---------------------------------------------------------------------------------------------

_NGRAM = 4
STOCK_SHARE = 0.05
_CLAUSE_SPLIT = re.compile(r"[,;:()—–]|(?<=[.!?])\s")
_SKY_TOKENS = _SKY_NAMES | {
    "retrograde",
    "eclipse",
    "eclipses",
    "grahan",
    "nakshatra",
    "tithi",
    "sun's",
    "moon's",
}


@cache
def _dates_and_festivals() -> re.Pattern[str]:
    """Festival names (and their other names), months and weekdays: the facts of a date, which a
    period's twelve entries all rightly name ('Holika Dahan on Monday, March 2'), are no stock
    phrase, as a planet's name is none."""
    names = [w for f in occasion_bank().festivals.values() for w in (f.name, *f.aliases)]
    names += [*calendar.day_name, *calendar.month_name[1:]]
    longest_first = sorted((name.lower().replace("’", "'") for name in names), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, longest_first)) + r")\b")


@lru_cache(maxsize=1 << 16)
def ngrams(text: str, n: int = _NGRAM) -> frozenset[str]:
    """The n-word runs of a text within its clauses, lower case, with no sign, planet, festival,
    month or weekday name."""
    grams: set[str] = set()
    text = _dates_and_festivals().sub(",", text.lower().replace("’", "'"))  # a name ends a run
    for clause in _CLAUSE_SPLIT.split(text):
        run: list[str] = []
        for token in [*_WORD.findall(clause), "sun"]:  # a sky name ends a run; 'sun' ends the last
            if token in _SKY_NAMES:
                grams.update(" ".join(run[i : i + n]) for i in range(len(run) - n + 1))
                run = []
            else:
                run.append(token)
    return frozenset(grams)


def _entry_ngrams(h: Horoscope) -> frozenset[str]:
    return frozenset().union(*(ngrams(p) for p in prose(h)))


def _group(horoscopes: Iterable[Horoscope]) -> dict[tuple[str, str], list[Horoscope]]:
    """Entries by (system, period)."""
    groups: dict[tuple[str, str], list[Horoscope]] = defaultdict(list)
    for h in horoscopes:
        groups[h.system.value, h.period.value].append(h)
    return groups


def stock_phrases(horoscopes: Sequence[Horoscope], share: float = STOCK_SHARE) -> list[Finding]:
    """4-word runs (no sign or planet name in them) found in more than `share` of the entries of
    their system and period: a finding for each entry holding one, its text the phrase.

    Overlapping runs of one longer phrase ('a small savings target', 'small savings target and')
    are told as that phrase once, in its most common run.
    """
    found = []
    for (system, period), group in sorted(_group(horoscopes).items()):
        grams = {id(h): _entry_ngrams(h) for h in group}
        counts = Counter(g for h in group for g in grams[id(h)])
        limit = share * len(group)
        common = {g: n for g, n in counts.items() if n > limit}
        for h in group:
            for gram in _distinct_phrases(grams[id(h)] & common.keys(), common):
                n = common[gram]
                detail = f"in {n} of {len(group)} {system} {period} entries ({n / len(group):.1%})"
                found.append(Finding("stock_phrase", entry_label(h), gram, detail))
    return found


def _distinct_phrases(grams: Iterable[str], counts: dict[str, int]) -> list[str]:
    """One run for each chain of runs that overlap by all but one word: its most common, and of
    those the one the phrase opens with."""
    pending = set(grams)
    by_head: dict[str, list[str]] = defaultdict(list)
    by_tail: dict[str, list[str]] = defaultdict(list)
    for gram in pending:
        by_head[gram.rsplit(" ", 1)[0]].append(gram)
        by_tail[gram.split(" ", 1)[1]].append(gram)
    chosen = []
    while pending:
        start = pending.pop()
        chain, todo = {start}, [start]
        while todo:
            gram = todo.pop()
            for other in by_head[gram.split(" ", 1)[1]] + by_tail[gram.rsplit(" ", 1)[0]]:
                if other in pending:
                    pending.discard(other)
                    chain.add(other)
                    todo.append(other)

        def rank(gram: str, chain: set[str] = chain) -> tuple[int, bool, str]:
            follows = any(g in chain for g in by_tail[gram.rsplit(" ", 1)[0]])
            return (-counts[gram], follows, gram)

        chosen.append(min(chain, key=rank))
    return sorted(chosen)


_WEEKDAYS = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


@lru_cache(maxsize=1 << 17)
def plain_sentence(sentence: str, sign: Sign) -> str | None:
    """A sentence that names nothing of the sky, with the reader's sign and the weekday as slots.

    None for a sentence about the sky (a planet, a sign, a house, a lunation, an eclipse).
    """
    text = sentence
    for name in (sign.facts.sidereal_name, sign.title):
        text = text.replace(name, "{sign}")
    text = _WEEKDAYS.sub("{weekday}", text)
    if any(t.lower() in _SKY_TOKENS for t in words(text.replace("{sign}", ""))):
        return None
    return text


def _plain_sentences(h: Horoscope) -> set[str]:
    return {p for s in prose_sentences(h) if (p := plain_sentence(s, h.sign)) is not None}


_REPEAT_WINDOW_DAYS = 30


def sentence_repeats(horoscopes: Sequence[Horoscope]) -> list[Finding]:
    """A non-astrological sentence a sign reads again within 30 days (daily and weekly entries),
    or in the next month (monthly): one finding per repeat, at the later entry."""
    by_sign: dict[tuple[str, str, Sign], list[Horoscope]] = defaultdict(list)
    for h in horoscopes:
        by_sign[h.system.value, h.period.value, h.sign].append(h)
    found = []
    for (_, period, _), entries in sorted(by_sign.items(), key=lambda item: str(item[0])):
        last_seen: dict[str, date] = {}
        for h in sorted(entries, key=lambda e: e.date):
            for text in sorted(_plain_sentences(h)):
                seen = last_seen.get(text)
                if seen is not None and _too_soon(seen, h.date, period):
                    detail = f"also on {seen.isoformat()} ({(h.date - seen).days} days before)"
                    found.append(Finding("sentence_repeat", entry_label(h), text, detail))
                last_seen[text] = h.date
    return found


def _too_soon(earlier: date, later: date, period: str) -> bool:
    if period == Period.MONTHLY.value:
        return (later.year * 12 + later.month) - (earlier.year * 12 + earlier.month) <= 1
    return (later - earlier).days < _REPEAT_WINDOW_DAYS


def shared_advice(horoscopes: Sequence[Horoscope]) -> list[Finding]:
    """A non-astrological sentence two or more signs read in entries of the same date and period.

    One finding per sentence and date, at the first sign, naming the others.
    """
    return _shared_on_a_date("shared_advice", horoscopes, _plain_sentences)


def _shared_on_a_date(
    check: str, horoscopes: Sequence[Horoscope], texts_of: Callable[[Horoscope], set[str]]
) -> list[Finding]:
    """Texts two or more signs read in entries of the same system, period and date: one finding
    per text and date, at the first sign, naming the others."""
    by_day: dict[tuple[str, str, date], dict[str, list[Sign]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[tuple[str, str, date, Sign], str] = {}
    for h in horoscopes:
        key = (h.system.value, h.period.value, h.date)
        labels[(*key, h.sign)] = entry_label(h)
        for text in texts_of(h):
            by_day[key][text].append(h.sign)
    found = []
    for key, texts in sorted(by_day.items(), key=lambda item: str(item[0])):
        for text, signs in sorted(texts.items()):
            if len(signs) > 1:
                others = ", ".join(s.value for s in signs)
                found.append(Finding(check, labels[(*key, signs[0])], text, f"read by {others}"))
    return found


# A sentence about the sky can still carry advice or an effect that other signs read word for word:
# "the Moon sextiles Mercury today: negotiations find their common ground" in Virgo and Capricorn.
_CLAUSE = re.compile(r"[,;:—–]|\b(?:and|so|but|while|which means|as long as)\b")
_CLAUSE_WORDS = 4


def _sky_sentence_clauses(h: Horoscope) -> set[str]:
    """The clauses of 4+ words naming nothing of the sky, in the sentences that do name it (a plain
    sentence is shared_advice's), lower case, with the reader's sign as a slot."""
    clauses = set()
    for sentence in prose_sentences(h):
        if plain_sentence(sentence, h.sign) is not None:
            continue
        for clause in _CLAUSE.split(sentence.lower()):
            for name in (h.sign.facts.sidereal_name.lower(), h.sign.title.lower()):
                clause = clause.replace(name, "{sign}")
            tokens = words(clause)
            if len(tokens) >= _CLAUSE_WORDS and not any(t in _SKY_TOKENS for t in tokens):
                clauses.add(" ".join(tokens))
    return clauses


def shared_clauses(horoscopes: Sequence[Horoscope]) -> list[Finding]:
    """A clause of a sky sentence that two or more signs read in entries of the same date and period."""
    return _shared_on_a_date("shared_clause", horoscopes, _sky_sentence_clauses)


def ones_read_like_twos(horoscopes: Sequence[Horoscope]) -> list[Finding]:
    """A section rated 1 that opens with a sentence some section rated 2 also opens with."""
    openers: dict[tuple[str, str, str, int], set[str]] = defaultdict(set)
    for h in horoscopes:
        for area in LIFE_AREAS:
            section = section_of(h, area)
            opener = plain_sentence(sentences(section.text)[0], h.sign)
            if opener is not None:
                openers[h.system.value, h.period.value, area, section.rating].add(opener)
    found = []
    for h in horoscopes:
        for area in LIFE_AREAS:
            section = section_of(h, area)
            if section.rating != 1:
                continue
            opener = plain_sentence(sentences(section.text)[0], h.sign)
            if opener is not None and opener in openers[h.system.value, h.period.value, area, 2]:
                found.append(
                    Finding("one_reads_like_two", entry_label(h), opener, f"{area} 1, also used for a 2")
                )
    return found


# ---------------------------------------------------------------------------------------------
# The audit
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    description: str
    run: Callable[[Sequence[Horoscope]], list[Finding]]
    applies: Callable[[Horoscope], bool] = lambda h: True
    example_key: Callable[[Finding], str] = lambda f: f.text  # what makes two examples the same


def _each(check: Callable[[Horoscope], list[Finding]]) -> Callable[[Sequence[Horoscope]], list[Finding]]:
    return lambda horoscopes: [f for h in horoscopes for f in check(h)]


def _by_detail(finding: Finding) -> str:
    return finding.detail


def _daily(h: Horoscope) -> bool:
    return h.period is Period.DAILY


def _extended(h: Horoscope) -> bool:
    return h.period is not Period.DAILY


CHECKS: tuple[Check, ...] = (
    Check("repeated_word", "content word repeated within a sentence", _each(repeated_words)),
    Check("headline_repeat", "word repeated in a headline", _each(headline_repeats)),
    Check("teaser_echo", "teaser echoing its own words", _each(teaser_echoes)),
    Check("agreement", "'X and Y' subject with a singular verb", _each(agreement_slips)),
    Check("matters_of", "'matters of' abstraction", _each(matters_of), example_key=_by_detail),
    Check(
        "known_stock_phrase",
        "stock phrase the review named",
        _each(known_stock_phrases),
        example_key=_by_detail,
    ),
    Check("stock_phrase", "4-word phrase in more than 5% of a period's entries", stock_phrases),
    Check("sentence_repeat", "non-astrological sentence again for a sign within 30 days", sentence_repeats),
    Check("shared_advice", "non-astrological sentence shared by signs on one date", shared_advice),
    Check("shared_clause", "clause of a sky sentence shared by signs on one date", shared_clauses),
    Check("headline_rating", "headline promising an area rated 1-2", _each(headline_rating_conflicts)),
    Check("mood_rating", "bright mood on low ratings, cautious on high", _each(mood_rating_conflicts)),
    Check("section_tone", "section text against its rating band", _each(section_tone_conflicts)),
    Check("one_reads_like_two", "a 1-rated section opening like a 2", ones_read_like_twos),
    Check("rahu_kaal", "daily lucky time overlapping Rahu Kaal", _each(rahu_kaal_overlaps), _daily),
    Check("period_lucky_time", "weekly/monthly lucky time of day", _each(period_lucky_times), _extended),
)
CHECKS_BY_NAME = {check.name: check for check in CHECKS}


@dataclass(frozen=True, slots=True)
class Result:
    """One check over a corpus: its findings, and how many of the entries it read they touch."""

    check: Check
    findings: tuple[Finding, ...]
    entries: int  # entries the check applies to
    flagged: int  # entries with at least one finding

    @property
    def share(self) -> float:
        return self.flagged / self.entries if self.entries else 0.0


@dataclass(frozen=True, slots=True)
class Audit:
    results: dict[str, Result] = field(default_factory=dict)
    words: tuple[int, ...] = ()

    @property
    def median_words(self) -> float:
        return float(statistics.median(self.words)) if self.words else 0.0

    @property
    def stock_share(self) -> float:
        """The share of entries holding a stock phrase: one common in their period, or one named."""
        stock = [self.results.get(name) for name in ("stock_phrase", "known_stock_phrase")]
        flagged = {f.entry for result in stock if result is not None for f in result.findings}
        return len(flagged) / len(self.words) if self.words else 0.0


def run_check(check: Check, horoscopes: Sequence[Horoscope]) -> Result:
    applicable = [h for h in horoscopes if check.applies(h)]
    findings = tuple(check.run(applicable))
    flagged = len({f.entry for f in findings})
    return Result(check, findings, len(applicable), flagged)


def audit(horoscopes: Sequence[Horoscope], only: Iterable[str] | None = None) -> Audit:
    """Every check (or those named in `only`) over the entries, and their word counts."""
    names = list(only) if only is not None else [c.name for c in CHECKS]
    results = {name: run_check(CHECKS_BY_NAME[name], horoscopes) for name in names}
    return Audit(results, tuple(word_count(h) for h in horoscopes))


def worst(
    findings: Iterable[Finding], limit: int = 5, key: Callable[[Finding], str] = lambda f: f.text
) -> Iterator[tuple[Finding, int]]:
    """Up to `limit` findings, one per distinct `key` (the text, or say the phrase named in the
    detail), the most frequent first, each with how often its key was found."""
    found = list(findings)
    counts = Counter(key(f) for f in found)
    seen = set()
    for f in sorted(found, key=lambda f: (-counts[key(f)], f.entry)):
        if key(f) not in seen:
            seen.add(key(f))
            yield f, counts[key(f)]
            if len(seen) >= limit:
                return

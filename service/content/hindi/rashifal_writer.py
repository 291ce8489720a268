"""The Hindi rashifal: the Vedic reading written in Hindi from its own phrase bank.

The Vedic writer (`vedic_writer`) decides what an entry says: which facts, in which order, and which
template of each pool, by the entry's seed. `HindiDesk` is a `VedicDesk` whose `say` takes the index
the English desk picks from a pool and writes the Hindi template at that index in
`data/hindi/rashifal.yaml`, a bank aligned with the English one by pool name and position. So the
choice never depends on the language, and both editions of a day say the same things. The life
areas' tone lines and tips, which the Vedic edition draws from the Western bank, are written from
the Hindi section bank (`data/hindi/sections/` and `data/hindi/section_tips/`), aligned with the
Western pools the same way.

The English desk's slot values (names, ordinals, clock times, life areas) are turned into Hindi
through closed tables, each filler in the form its place in the sentence needs: an oblique ordinal
before भाव (दसवें), a feminine one before दृष्टि (सातवीं), times with their day part (रात 10:58
बजे), read from the reading itself where the English carries less (the exact minute of a Moon
ingress). A value no table knows raises, so a new English filler cannot slip through in English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from service.content import CONTENT_VERSION
from service.content.calendar import Period
from service.content.claims import Claim
from service.content.entries import Horoscope, Lucky, Section, Sections
from service.content.festivals import Festival, festivals_on
from service.content.hindi.style import MONTHS, day_part, hindi_span, hindi_time, nfc
from service.content.hindi.titles import hindi_title
from service.content.muhurat import GRAHAN, printable
from service.content.occasions import occasion_bank
from service.content.panchang_names import AMAVASYA, NAKSHATRAS, PAKSHAS, PURNIMA, RASHIS, TITHIS
from service.content.phrases import load_bank, render, slots_of
from service.content.places import Place
from service.content.sky import Sky
from service.content.variety import Chooser
from service.content.vedic_composer import vedic_chooser, vedic_sky_facts
from service.content.vedic_reading import VedicReading, read_vedic
from service.content.vedic_writer import (
    HOUSE_MATTERS,
    VedicDesk,
    chosen_muhurat,
    compatibility,
    festival_noun,
    headline,
    headline_festival,
    headline_graha,
    load_pools,
    lucky,
    mood,
    teaser,
    write_body,
    write_sections,
)
from service.content.zodiac import Sign, System

NOTE = "यह राशिफल चंद्र राशि (वैदिक, लाहिड़ी अयनांश) पर आधारित है।"

RASHI_HINDI: Mapping[str, str] = dict(RASHIS)
GRAHA_HINDI = {
    "Surya": "सूर्य",
    "Chandra": "चंद्रमा",
    "Mangal": "मंगल",
    "Budh": "बुध",
    "Guru": "गुरु",
    "Shukra": "शुक्र",
    "Shani": "शनि",
    "Rahu": "राहु",
    "Ketu": "केतु",
}
# Ordinals in the oblique case, as they stand before भाव ('दसवें भाव में').
HOUSE_ORDINALS = (
    "पहले", "दूसरे", "तीसरे", "चौथे", "पांचवें", "छठे",
    "सातवें", "आठवें", "नौवें", "दसवें", "ग्यारहवें", "बारहवें",
)  # fmt: skip
# The direct case, where the ordinal is the predicate: 'जो आपकी राशि से दसवां भाव है'.
HOUSE_ORDINALS_DIRECT = (
    "पहला", "दूसरा", "तीसरा", "चौथा", "पांचवां", "छठा",
    "सातवां", "आठवां", "नौवां", "दसवां", "ग्यारहवां", "बारहवां",
)  # fmt: skip
# Feminine ordinals, as they stand before दृष्टि (feminine): 'सातवीं दृष्टि'.
DRISHTI_ORDINALS = {3: "तीसरी", 4: "चौथी", 5: "पांचवीं", 7: "सातवीं", 8: "आठवीं", 9: "नौवीं", 10: "दसवीं"}
# The life areas of the houses: noun phrases that always stand before a postposition
# ('{house_area} से जुड़े मामले'), so no verb agrees with them. An entry names a house's area in
# full the first time, then by its two short forms in turn, as a sub-editor would.
HOUSE_AREA_FORMS = {
    1: ("सेहत और आत्मविश्वास", "सेहत", "आत्मविश्वास"),
    2: ("पारिवारिक धन और बचत", "बचत", "परिवार के धन"),
    3: ("साहस, भाई-बहन और छोटी यात्राओं", "भाई-बहनों", "छोटी यात्राओं"),
    4: ("घर, माता और संपत्ति", "घर-परिवार", "संपत्ति"),
    5: ("संतान, पढ़ाई और प्रेम", "संतान", "पढ़ाई"),
    6: ("रोज के काम, कर्ज और सेहत", "रोजमर्रा के कामों", "कर्ज"),
    7: ("विवाह और साझेदारी", "साझेदारी", "वैवाहिक जीवन"),
    8: ("अचानक घटनाओं और अटके कामों", "अटके कामों", "अचानक घटनाओं"),
    9: ("भाग्य, आस्था और लंबी यात्राओं", "धर्म-कर्म", "भाग्य"),
    10: ("करियर और प्रतिष्ठा", "करियर", "मान-सम्मान"),
    11: ("आमदनी और मित्रता", "आमदनी", "मित्रों"),
    12: ("खर्च, नींद और विदेश यात्रा", "खर्च", "विदेश यात्रा"),
}
HOUSE_AREAS = {house: forms[0] for house, forms in HOUSE_AREA_FORMS.items()}
FOCUS_AREAS = {
    "family and relationships": "परिवार और रिश्तों",
    "work and career": "कामकाज और करियर",
    "money matters": "धन के मामलों",
    "health and routine": "सेहत और दिनचर्या",
    "home and family": "घर और परिवार",
    "studies and travel": "पढ़ाई और यात्रा",
    "friends and social circles": "मित्रों और सामाजिक दायरे",
    "rest and spiritual practice": "आराम और साधना",
}
# Colours as the lucky line prints them; each agrees with रंग (masculine): 'शुभ रंग हरा है'.
COLOURS = {
    "saffron": "केसरिया",
    "copper": "तांबई",
    "orange": "नारंगी",
    "white": "सफेद",
    "silver": "रुपहला",
    "pearl white": "मोतिया सफेद",
    "red": "लाल",
    "coral": "मूंगिया लाल",
    "maroon": "कत्थई",
    "green": "हरा",
    "parrot green": "तोते जैसा हरा",
    "emerald green": "पन्ने जैसा हरा",
    "yellow": "पीला",
    "turmeric yellow": "हल्दी जैसा पीला",
    "golden": "सुनहरा",
    "cream": "क्रीम",
    "pink": "गुलाबी",
    "off-white": "हल्का सफेद",
    "navy blue": "गहरा नीला",
    "dark blue": "नीला",
    "black": "काला",
}
# The day's mood, from the house mood words the English editions draw (data/horoscope): invariant
# adjectives, so the reader is never gendered (no -आ adjectives such as जोशीला).
MOOD_WORDS = {
    "Optimistic": "आशावादी",
    "Energetic": "ऊर्जावान",
    "Joyful": "प्रसन्न",
    "Confident": "आत्मविश्वासी",
    "Inspired": "प्रेरित",
    "Upbeat": "उत्साहित",
    "Radiant": "तेजस्वी",
    "Enthusiastic": "उत्साही",
    "Cheerful": "खुशमिजाज",
    "Playful": "चंचल",
    "Light-Hearted": "बेफिक्र",
    "Balanced": "संतुलित",
    "Focused": "एकाग्र",
    "Thoughtful": "विचारशील",
    "Steady": "स्थिर",
    "Calm": "शांत",
    "Curious": "जिज्ञासु",
    "Content": "संतुष्ट",
    "Grounded": "सहज",
    "Reflective": "मननशील",
    "Practical": "व्यावहारिक",
    "Quietly Hopeful": "आशान्वित",
    "Cautious": "सतर्क",
    "Patient": "धैर्यवान",
    "Introspective": "अंतर्मुखी",
    "Quiet": "शांतचित्त",
    "Careful": "सावधान",
    "Reserved": "संकोची",
    "Pensive": "गंभीर",
    "Gentle": "नम्र",
    "Mellow": "सौम्य",
    "Watchful": "चौकस",
    "Softly Steady": "धीर",
}
CHOGHADIYAS = {"Amrit": "अमृत", "Shubh": "शुभ", "Labh": "लाभ", "Char": "चर", GRAHAN: "ग्रहण के बाद"}
_ECLIPSE_KINDS = {"total": "पूर्ण", "partial": "आंशिक", "penumbral": "उपच्छाया", "annular": "वलयाकार"}
_GRAHAN = {"Chandra Grahan": "चंद्र ग्रहण", "Surya Grahan": "सूर्य ग्रहण"}
_SPANS = {
    "today": "आज",
    "this week": "इस सप्ताह",
    "this month": "इस महीने",
    "week": "सप्ताह",
    "month": "महीना",
}
_SPANS_OBLIQUE = {"week": "सप्ताह", "month": "महीने"}
_WEEKDAYS = {
    "Monday": "सोमवार",
    "Tuesday": "मंगलवार",
    "Wednesday": "बुधवार",
    "Thursday": "गुरुवार",
    "Friday": "शुक्रवार",
    "Saturday": "शनिवार",
    "Sunday": "रविवार",
}
_ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip
_CLOCK = re.compile(r"(\d{1,2}):(\d{2}) (AM|PM)")
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
_RASHI_SLOTS = frozenset({"rashi", "sign", "moon_sign", "from_sign", "ketu_sign"})
_HOUSE_SLOTS = frozenset({"house", "from_house", "ketu_house", "lord_house"})
_GRAHA_SLOTS = frozenset({"graha", "graha_cap", "lord"})
_TIME_SLOTS = frozenset({"m_start", "m_end", "rk_start", "rk_end", "g_end"})


# The Hindi twins of the Western pools the Vedic edition draws fresh (`section.<area>.<rating>`,
# `section_tip.<area>`): every YAML file of these folders, merged.
SECTION_FOLDERS = ("data/hindi/sections", "data/hindi/section_tips")


@cache
def hindi_bank() -> Mapping[str, tuple[str, ...]]:
    """The Hindi phrase bank, flattened to the English bank's dotted pool names, NFC."""
    return load_pools("data/hindi/rashifal.yaml", nfc)


@cache
def hindi_section_bank() -> Mapping[str, tuple[str, ...]]:
    """The Hindi tone lines and tips of the life areas, by the Western pools' names, NFC; a pool
    defined in two files raises."""
    pools: dict[str, tuple[str, ...]] = {}
    root = resources.files("service.content")
    for folder in SECTION_FOLDERS:
        if not root.joinpath(folder).is_dir():
            raise FileNotFoundError(f"service/content/{folder}/: the Hindi section bank is missing")
        for entry in sorted(root.joinpath(folder).iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".yaml"):
                continue
            for name, items in load_pools(f"{folder}/{entry.name}", nfc).items():
                if name in pools:
                    raise ValueError(f"{folder}/{entry.name}: pool {name!r} is defined twice")
                pools[name] = items
    return pools


class _Recording:
    """A chooser that remembers its last rotation or fresh pick: the template the English desk chose."""

    def __init__(self, chooser: Chooser) -> None:
        self.chooser = chooser
        self.last: Any = None

    def rotate(self, pool: str, items: Sequence[Any], offset: int | None = None) -> Any:
        self.last = self.chooser.rotate(pool, items, offset)
        return self.last

    def fresh(self, pool: str, items: Sequence[Any]) -> Any:
        self.last = self.chooser.fresh(pool, items)
        return self.last

    def __getattr__(self, name: str) -> Any:
        return getattr(self.chooser, name)


class HindiDesk(VedicDesk):
    """A Vedic desk that writes each sentence from the Hindi template at the English pick's index.

    `say`, `say_at` and `fresh` let the English desk choose (so a change in how it chooses reaches
    both editions) and write the Hindi template at the chosen template's position in its pool: the
    Hindi rashifal bank's, or for a fresh pick from a Western pool, the Hindi section bank's.
    """

    def __init__(self, reading: VedicReading, chooser: Chooser) -> None:
        super().__init__(reading, _Recording(chooser))  # type: ignore[arg-type]
        self.hindi = hindi_bank()
        self.picks: list[tuple[str, int]] = []  # (pool, index) in order: the alignment tests read them
        self.areas_told: dict[int, int] = {}  # house -> times its area has been named in this entry

    def say(self, pool: str, slots: Mapping[str, str] | None = None, claims: Sequence[Claim] = ()) -> str:
        super().say(pool, slots, claims)  # the English sentence: its choice and its claims
        return self._write(pool, self.bank[pool].index(self._last_pick()), self.hindi, slots)

    def say_at(
        self, pool: str, turn: int, slots: Mapping[str, str] | None = None, claims: Sequence[Claim] = ()
    ) -> str:
        super().say_at(pool, turn, slots, claims)
        return self._write(pool, turn % len(self.bank[pool]), self.hindi, slots)

    def fresh(self, pool: str) -> str:
        super().fresh(pool)  # the English desk's fresh pick from the Western pool
        return self._write(pool, load_bank()[pool].index(self._last_pick()), hindi_section_bank(), None)

    def _last_pick(self) -> Any:
        recording = self.chooser
        assert isinstance(recording, _Recording)
        return recording.last

    def _write(
        self,
        pool: str,
        index: int,
        bank: Mapping[str, tuple[str, ...]],
        slots: Mapping[str, str] | None,
    ) -> str:
        """The Hindi template at the English pick's index, with the slot values in Hindi."""
        self.picks.append((pool, index))
        template = bank[pool][index]
        values = hindi_slots(self, {**self._base, **(slots or {})})
        if "house_area" in slots_of(template):
            house = next(h for h, text in HOUSE_MATTERS.items() if text == (slots or {})["house_area"])
            told = self.areas_told.get(house, 0)
            forms = HOUSE_AREA_FORMS[house]
            values["house_area"] = forms[0] if told == 0 else forms[1 + (told - 1) % 2]
            self.areas_told[house] = told + 1
        return nfc(render(template, values))


def hindi_slots(desk: VedicDesk, slots: Mapping[str, str]) -> dict[str, str]:
    """The English writer's slot values in Hindi, each in the form its sentence needs."""
    out: dict[str, str] = {}
    for name, value in slots.items():
        out[name] = _slot(desk, name, value)
    if "span" in slots:
        out["span_obl"] = _SPANS_OBLIQUE.get(slots["span"], out["span"])
    for name in _HOUSE_SLOTS & slots.keys():
        out[f"{name}_dir"] = HOUSE_ORDINALS_DIRECT[_number(slots[name]) - 1]
    if "m_start" in slots:
        out["m_span"], out["rk_span"] = _muhurat_spans(desk)
    return out


def _slot(desk: VedicDesk, name: str, value: str) -> str:
    reading = desk.reading
    if name in _RASHI_SLOTS:
        return RASHI_HINDI[value]
    if name in _HOUSE_SLOTS:
        return house_ordinal(_number(value))
    if name == "nth":
        return DRISHTI_ORDINALS[_number(value)]
    if name in _GRAHA_SLOTS:
        return GRAHA_HINDI[value]
    if name == "others":
        return _join([GRAHA_HINDI[g] for g in re.split(r", | and ", value)])
    if name == "house_area":
        return HOUSE_AREAS[next(h for h, text in HOUSE_MATTERS.items() if text == value)]
    if name in ("focus", "focus_area"):
        return FOCUS_AREAS[value]
    if name in ("when", "when_cap", "when_plain"):
        return _when(value)
    if name in ("at", "at_cap"):
        change = reading.base.moon_change
        assert change is not None
        return hindi_time(change.at.astimezone(ZoneInfo(reading.base.timezone)))
    if name == "nakshatra":
        return dict(NAKSHATRAS)[value]
    if name == "nak_end":
        assert reading.panchang is not None
        return _end_time(reading.panchang.nakshatra.ends_at, reading.panchang.date)
    if name == "tithi":
        return hindi_tithi(reading) if value else ""
    if name == "colour":
        return COLOURS[value.lower()]
    if name == "m_name":
        return CHOGHADIYAS[value]
    if name in _TIME_SLOTS:
        return _clock(value)
    if name == "festival":
        festivals = festivals_on(reading.base.first_day, reading.rahu_kaal_day.place)
        return next(hindi_festival_noun(f) for f in festivals if festival_noun(f) == value)
    if name == "lucky_day":  # 'Thursday, February 5' -> '5 फरवरी, गुरुवार'
        weekday, day = value.split(", ")
        return f"{_when(day)}, {_WEEKDAYS[weekday]}"
    if name == "upay_when":
        return _WEEKDAYS.get(value.removeprefix("this "), _SPANS.get(value, ""))
    if name == "span":
        return _SPANS[value]
    if name == "eclipse":
        kind, body, _ = value.split()
        return f"{_ECLIPSE_KINDS[kind]} {'चंद्र' if body == 'lunar' else 'सूर्य'} ग्रहण"
    if name == "grahan":
        return _GRAHAN[value]
    if name == "number":
        return value
    raise KeyError(f"no Hindi for the slot {name!r} ({value!r})")


def hindi_festival_noun(festival: Festival) -> str:
    """The festival as a sentence names it: the calendar's 'शारदीय नवरात्रि आरंभ' is 'शारदीय नवरात्रि'."""
    return festival.hindi.removesuffix(" आरंभ")


def house_ordinal(house: int) -> str:
    return HOUSE_ORDINALS[house - 1]


def _number(text: str) -> int:
    match = _ORDINAL.fullmatch(text)
    if match is None:
        raise ValueError(f"not an ordinal: {text!r}")
    return int(match.group(1))


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " और " + names[-1]


def _when(value: str) -> str:
    """'today' -> 'आज'; 'on February 17' -> '17 फरवरी को'; 'February 17' -> '17 फरवरी'."""
    if value.lower() == "today":
        return "आज"
    dated = value[:3].lower() == "on "
    words = value[3:].split() if dated else value.split()
    text = f"{int(words[1])} {MONTHS[_ENGLISH_MONTHS.index(words[0])]}"
    return f"{text} को" if dated else text


def _clock(value: str) -> str:
    """'2:30 PM' -> 'दोपहर 2:30 बजे'."""
    match = _CLOCK.fullmatch(value)
    if match is None:
        raise ValueError(f"not a clock time: {value!r}")
    hour = int(match.group(1)) % 12 + (12 if match.group(3) == "PM" else 0)
    return f"{day_part(hour)} {hour % 12 or 12}:{match.group(2)} बजे"


def _end_time(at: datetime, day: date) -> str:
    """'रात 10:57 बजे', or '6 फरवरी को रात 12:22 बजे' past midnight."""
    text = hindi_time(at)
    return text if at.date() == day else f"{at.day} {MONTHS[at.month - 1]} को {text}"


def hindi_tithi(reading: VedicReading) -> str:
    """'कृष्ण चतुर्थी', 'पूर्णिमा', 'अमावस्या'."""
    assert reading.panchang is not None
    tithi = reading.panchang.tithi
    if tithi.number == 15:
        return PURNIMA[1]
    if tithi.number == 30:
        return AMAVASYA[1]
    paksha = {english.lower(): hindi for english, hindi in PAKSHAS}[tithi.paksha.value]
    return f"{paksha} {dict(TITHIS)[tithi.name]}"


def _muhurat_spans(desk: VedicDesk) -> tuple[str, str]:
    """The shubh muhurat and the day's Rahu Kaal, 'सुबह 9:45 बजे से 11:07 बजे तक'."""
    start, end = printable(chosen_muhurat(desk))
    rahu_kaal = desk.reading.rahu_kaal_day.rahu_kaal
    return hindi_span(start, end), hindi_span(rahu_kaal.start, rahu_kaal.end)


def hindi_headline(desk: HindiDesk, english: str) -> str:
    """The Hindi hook at the English headline's positions: 'करियर में बढ़त और सही समय'."""
    first, second = english.split(" And ", 1)
    reading = desk.reading
    festival = headline_festival(reading)
    if first in _GRAHAN:
        hindi_first = _GRAHAN[first]
    elif festival is not None and first in occasion_bank().festivals[festival.slug].headline:
        hindi_first = festival.hindi  # the festival's own name: दीपावली
    else:
        house = reading.placements[headline_graha(reading)].house
        firsts = desk.bank[f"headline_house.{house}"]
        hindi_first = desk.hindi[f"headline_house.{house}"][firsts.index(first)]
    tone = next(
        pool
        for pool in ("headline_tone.high", "headline_tone.mid", "headline_tone.low")
        if second in desk.bank[pool]
    )
    return f"{hindi_first} और {desk.hindi[tone][desk.bank[tone].index(second)]}"


def compose_hindi(
    sky: Sky, sign: Sign, period: Period, *, today: date, place: Place, period_number: int
) -> tuple[Horoscope, HindiDesk]:
    """The Hindi entry and the desk that wrote it, in the English Vedic composer's order of picks."""
    reading = read_vedic(sky, sign, period, place)
    desk = HindiDesk(reading, vedic_chooser(sky, sign, period, period_number))
    hook = hindi_headline(desk, headline(desk))
    body = write_body(desk)
    hindi_teaser = teaser(desk)
    sections = write_sections(desk)
    chosen = lucky(desk)
    start, end = printable(chosen_muhurat(desk))
    horoscope = Horoscope(
        sign=sign,
        date=sky.first_day,
        period=period,
        system=System.SIDEREAL,
        headline=hook,
        title=nfc(hindi_title(RASHI_HINDI[sign.facts.sidereal_name], sky.first_day, period, hook, today)),
        teaser=hindi_teaser,
        body=tuple(" ".join(paragraph) for paragraph in body),
        sections=Sections(*(Section(s.text, s.rating) for s in _sections(sections))),
        lucky=Lucky(
            chosen.number,
            COLOURS[chosen.color.lower()],
            hindi_span(start, end) if chosen.time is not None else None,
            chosen.day,
        ),
        mood=_mood(desk),
        compatibility=compatibility(desk),
        sky=vedic_sky_facts(sky, reading),
        version=CONTENT_VERSION,
    )
    return horoscope, desk


def _mood(desk: HindiDesk) -> str:
    """The English edition's mood word in Hindi: its own pool's word, or the Hindi bank's at its place."""
    english = mood(desk)
    return MOOD_WORDS.get(english) or english


def _sections(sections: Sections) -> tuple[Section, ...]:
    return (sections.love, sections.career, sections.money, sections.health)


def compose_hindi_entry(
    sign: Sign, day: date, period: Period, *, today: date, place: Place | None = None
) -> tuple[Horoscope, HindiDesk]:
    """The Hindi entry of a sign's period holding `day`, from the real sky at `place`."""
    from service.content.calendar import period_days
    from service.content.composer import _period_number
    from service.content.places import default_place
    from service.content.sky import sky_for

    where = place or default_place()
    first, last = period_days(period, day)
    sky = sky_for(first, last, where.timezone)
    return compose_hindi(
        sky, sign, period, today=today, place=where, period_number=_period_number(period, first)
    )

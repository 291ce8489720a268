"""Hindi house style: dates, times and spellings as New Delhi's Hindi portals print them.

Digits are Latin ("5 फरवरी 2026"), as the portals and the Constitution's Article 343(1) use them;
months are the portals' spellings, without the optional nukta that CLDR (and so Babel) adds
(फ़रवरी); a time carries a day-part word and बजे, never AM or PM ("रात 10:58 बजे"); a sentence
ends with the purn viram (।), never with "." or an ASCII bar. Every text is NFC, which also
decomposes the precomposed nukta letters (U+0958-U+095F) that must never reach a reader.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

TERMINATOR = "।"

MONTHS = (
    "जनवरी",
    "फरवरी",
    "मार्च",
    "अप्रैल",
    "मई",
    "जून",
    "जुलाई",
    "अगस्त",
    "सितंबर",
    "अक्टूबर",
    "नवंबर",
    "दिसंबर",
)
WEEKDAYS = ("सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार", "रविवार")  # Monday first

# The house spelling of words that are printed more than one way: variant -> house form. The
# portals drop the optional nukta and write anusvara for a nasal before a consonant; ड़ and ढ़
# are letters of their own and are never touched.
HOUSE_SPELLINGS = {
    "फ़रवरी": "फरवरी",
    "अक्तूबर": "अक्टूबर",
    "सितम्बर": "सितंबर",
    "नवम्बर": "नवंबर",
    "दिसम्बर": "दिसंबर",
    "ज़्यादा": "ज्यादा",
    "फ़ायदा": "फायदा",
    "ज़रूर": "जरूर",
    "ज़रूरी": "जरूरी",
    "ज़िंदगी": "जिंदगी",
    "बाज़ार": "बाजार",
    "तेज़": "तेज",
    "कुम्भ": "कुंभ",
    "पाँच": "पांच",
    "हिन्दी": "हिंदी",
    "सम्बन्ध": "संबंध",
    "सम्बंध": "संबंध",
    "जाएँगे": "जाएंगे",
    "चन्द्रमा": "चंद्रमा",
    "वृष": "वृषभ",
    "बृहस्पतिवार": "गुरुवार",
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def hindi_date(day: date, *, weekday: bool = False) -> str:
    """'5 फरवरी 2026', or with the weekday 'गुरुवार, 5 फरवरी 2026'."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]}, {text}" if weekday else text


def day_part(hour: int) -> str:
    """The word a Hindi portal puts before a clock time: सुबह 4-11, दोपहर 12-15, शाम 16-19, रात."""
    if 4 <= hour < 12:
        return "सुबह"
    if 12 <= hour < 16:
        return "दोपहर"
    if 16 <= hour < 20:
        return "शाम"
    return "रात"


def _clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d}"


def hindi_time(moment: datetime) -> str:
    """'रात 10:58 बजे': the local clock on twelve hours, with its day part."""
    return f"{day_part(moment.hour)} {_clock(moment)} बजे"


def hindi_span(start: datetime, end: datetime) -> str:
    """'दोपहर 1:30 बजे से 3:00 बजे तक', naming the end's day part only when it changes."""
    end_part = day_part(end.hour)
    end_text = f"{_clock(end)} बजे" if end_part == day_part(start.hour) else hindi_time(end)
    return f"{hindi_time(start)} से {end_text} तक"

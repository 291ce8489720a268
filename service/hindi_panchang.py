"""The panchang for Hindi readers: the same document with Hindi names, and the lines a Hindi
portal prints ("राहुकाल: दोपहर 1:30 बजे से 3:00 बजे तक").

The stored record is language-neutral (it holds every name in both scripts), so the Hindi
edition is a rendering of it, not a second record: one publication, frozen once, read two ways.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from service.content.hindi.style import TERMINATOR, hindi_date, hindi_span, hindi_time, nfc

_NAMED = ("tithi", "nakshatra", "yoga", "karana", "moon_rashi", "sun_rashi", "weekday", "place")
_PAKSHA = {"shukla": "शुक्ल", "krishna": "कृष्ण"}
_PERIODS = (
    ("rahu_kaal", "राहुकाल"),
    ("yamaganda", "यमगंड"),
    ("gulika_kaal", "गुलिक काल"),
    ("abhijit_muhurat", "अभिजीत मुहूर्त"),
)
_ECLIPSE = {"solar": "सूर्य ग्रहण", "lunar": "चंद्र ग्रहण"}


def hindi_panchang(document: dict[str, Any]) -> dict[str, Any]:
    """The panchang document for `lang=hi`: every `name` in Hindi, and `text`, the printed lines."""
    hindi = {**document, "lang": "hi"}
    for member in _NAMED:
        hindi[member] = {**document[member], "name": document[member]["hindi"]}
    hindi["month"] = {
        reckoning: {**month, "name": month["hindi"]} for reckoning, month in document["month"].items()
    }
    hindi["festivals"] = [{**festival, "name": festival["hindi"]} for festival in document["festivals"]]
    hindi["text"] = {"summary": _summary(document), "lines": _lines(document)}
    return hindi


def _summary(document: dict[str, Any]) -> str:
    """'पंचांग के अनुसार गुरुवार, 5 फरवरी 2026 को नई दिल्ली में फाल्गुन माह के कृष्ण पक्ष की चतुर्थी
    तिथि है और चंद्रमा उत्तरा फाल्गुनी नक्षत्र में है।'"""
    day = date.fromisoformat(document["date"])
    tithi = document["tithi"]
    sentences = [
        f"पंचांग के अनुसार {hindi_date(day, weekday=True)} को {document['place']['hindi']} में "
        f"{document['month']['purnimanta']['hindi']} माह के {_PAKSHA[tithi['paksha']]} पक्ष की "
        f"{tithi['hindi']} तिथि है और चंद्रमा {document['nakshatra']['hindi']} नक्षत्र में है{TERMINATOR}"
    ]
    if document["festivals"]:
        names = " और ".join(festival["hindi"] for festival in document["festivals"])
        sentences.append(f"इस दिन {names} का पर्व है{TERMINATOR}")
    eclipse = document["eclipse"]
    if eclipse is not None:
        where = "यहां दिखाई देगा" if eclipse["visible_here"] else "यहां दिखाई नहीं देगा"
        sentences.append(f"इस दिन {_ECLIPSE[eclipse['kind']]} है, जो {where}{TERMINATOR}")
    return nfc(" ".join(sentences))


def _lines(document: dict[str, Any]) -> list[str]:
    """The panchang as a list of labelled lines, each limb with the time it lasts until."""
    day = date.fromisoformat(document["date"])
    tithi = document["tithi"]
    lines = [
        f"तिथि: {_PAKSHA[tithi['paksha']]} {tithi['hindi']}, {_until(tithi['ends_at'], day)}",
        f"नक्षत्र: {document['nakshatra']['hindi']}, {_until(document['nakshatra']['ends_at'], day)}",
        f"योग: {document['yoga']['hindi']}, {_until(document['yoga']['ends_at'], day)}",
        f"करण: {document['karana']['hindi']}, {_until(document['karana']['ends_at'], day)}",
        f"सूर्योदय: {_time(document['sunrise'])}",
        f"सूर्यास्त: {_time(document['sunset'])}",
        f"चंद्रोदय: {_time(document['moonrise'])}",
        f"चंद्रास्त: {_time(document['moonset'])}",
        f"चंद्र राशि: {document['moon_rashi']['hindi']}",
        f"सूर्य राशि: {document['sun_rashi']['hindi']}",
        f"मास: {document['month']['purnimanta']['hindi']} (पूर्णिमांत), "
        f"{document['month']['amanta']['hindi']} (अमांत)",
        f"विक्रम संवत: {document['vikram_samvat']}",
        f"शक संवत: {document['shaka_samvat']}",
    ]
    for member, label in _PERIODS:
        period = document[member]
        if period is not None:
            span = hindi_span(datetime.fromisoformat(period["start"]), datetime.fromisoformat(period["end"]))
            lines.append(f"{label}: {span}")
    return [nfc(line) for line in lines]


def _time(instant: str | None) -> str:
    return "नहीं" if instant is None else hindi_time(datetime.fromisoformat(instant))


def _until(instant: str, day: date) -> str:
    """'रात 10:58 बजे तक', with the date when it ends on another day: '6 फरवरी 2026, सुबह 1:15 बजे तक'."""
    moment = datetime.fromisoformat(instant)
    when = hindi_time(moment)
    if moment.date() != day:
        when = f"{hindi_date(moment.date())}, {when}"
    return f"{when} तक"

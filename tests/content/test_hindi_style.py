"""Hindi house style: dates, times, and the sub-editor's checks on good and bad lines."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from service.content.hindi.checks import CHECKS, problems
from service.content.hindi.style import hindi_date, hindi_span, hindi_time

IST = ZoneInfo("Asia/Kolkata")


def test_dates_as_the_portals_print_them() -> None:
    assert hindi_date(date(2026, 2, 5)) == "5 फरवरी 2026"
    assert hindi_date(date(2026, 2, 5), weekday=True) == "गुरुवार, 5 फरवरी 2026"
    assert hindi_date(date(2026, 10, 20)) == "20 अक्टूबर 2026"
    assert hindi_date(date(2026, 3, 1), weekday=True) == "रविवार, 1 मार्च 2026"


@pytest.mark.parametrize(
    ("clock", "printed"),
    [
        ("07:08", "सुबह 7:08 बजे"),
        ("11:59", "सुबह 11:59 बजे"),
        ("12:00", "दोपहर 12:00 बजे"),
        ("15:30", "दोपहर 3:30 बजे"),
        ("16:00", "शाम 4:00 बजे"),
        ("19:45", "शाम 7:45 बजे"),
        ("22:58", "रात 10:58 बजे"),
        ("00:23", "रात 12:23 बजे"),
        ("03:59", "रात 3:59 बजे"),
        ("04:00", "सुबह 4:00 बजे"),
    ],
)
def test_times_carry_their_day_part_and_never_am_or_pm(clock: str, printed: str) -> None:
    assert hindi_time(datetime.fromisoformat(f"2026-02-05T{clock}:00+05:30")) == printed


def test_a_span_names_the_ends_day_part_only_when_it_changes() -> None:
    start = datetime(2026, 2, 5, 13, 30, tzinfo=IST)
    assert hindi_span(start, datetime(2026, 2, 5, 15, 0, tzinfo=IST)) == "दोपहर 1:30 बजे से 3:00 बजे तक"
    assert hindi_span(start, datetime(2026, 2, 5, 16, 15, tzinfo=IST)) == "दोपहर 1:30 बजे से शाम 4:15 बजे तक"


GOOD = [
    "धनु राशि वालों के लिए गुरुवार का दिन धन के मामलों में मजबूती का संकेत दे रहा है।",
    "कल यानी 5 फरवरी 2026 को चंद्रमा आपकी राशि से दसवें भाव में रहेगा।",
    "शुभ अंक: 5",
    "आप अपने काम पर ध्यान दें और जीवनसाथी के साथ समय बिताएं।",
    "रात 10:58 बजे चंद्रमा कन्या से निकलकर तुला राशि में प्रवेश करेगा।",
    "आपको सफलता मिलेगी, पढ़ाई में मन लगेगा और खर्च बढ़ सकता है।",
    "सहकर्मी आपके साथ खड़े रहेंगे, इसलिए सतर्क रहें और बीच-बीच में पानी पिएं।",
    "पुराने मतभेद अपने आप सुलझेंगे।",  # अपने आप: by itself, not the reader
]


@pytest.mark.parametrize("line", GOOD)
def test_lines_a_sub_editor_passes(line: str) -> None:
    assert problems(unicodedata.normalize("NFC", line)) == []


BAD = [
    ("unicode", "5 \u095eरवरी 2026"),  # a precomposed nukta letter
    ("unicode", "शुभ\u200dअंक"),
    ("script", "Aries राशिफल"),
    ("script", "अच्छा दिन रहेगा."),
    ("script", "अच्छा दिन रहेगा |"),
    ("script", "५ फरवरी"),
    ("visarga", "शुभ अंकः 5"),
    ("spelling", "ज़्यादा खर्च से बचें।"),
    ("spelling", "कुम्भ राशि"),
    ("register", "तुम मेहनत करो।"),
    ("register", "तुम मेहनत करोगे तो सफल होओगे।"),
    ("register", "मेहनत करोगे तो सफल होगे।"),
    ("reader gender", "आप सफल होंगे।"),
    ("reader gender", "आप रोज टहलते हैं।"),
    ("reader gender", "आपकी पत्नी खुश रहेगी।"),
    ("reader gender", "दिन भर पानी पीते रहें।"),  # पीती रहें to a woman
    ("reader gender", "ससुराल वालों के सामने विनम्र बने रहें।"),
    ("vocative", "धनु राशि वालों! आज का दिन अच्छा है।"),
    ("dates", "कल आपको लाभ मिलेगा।"),
]


@pytest.mark.parametrize(("check", "line"), BAD)
def test_lines_a_sub_editor_sends_back(check: str, line: str) -> None:
    assert CHECKS[check](unicodedata.normalize("NFC", line) if check != "unicode" else line)
    assert any(problem.startswith(f"{check}:") for problem in problems(line))


def test_a_text_that_is_not_nfc_is_caught() -> None:
    # न + nukta composes to U+0929 (unlike क़, which NFC keeps decomposed)
    assert CHECKS["unicode"]("\u0928\u093c") == ["not NFC"]

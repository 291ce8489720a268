"""Hindi headlines as Hindi portals print them.

'कल का धनु राशिफल, 5 फरवरी 2026: आर्थिक मजबूती और सोच-समझकर निवेश' (कल always with its date, as
it means both yesterday and tomorrow), 'मेष साप्ताहिक राशिफल, 2 से 8 फरवरी 2026: ...' and
'कर्क मासिक राशिफल, फरवरी 2026: ...'. The hook is a noun phrase, so it carries no verb gender.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

from service.content.calendar import Period, period_days
from service.content.hindi.style import MONTHS, hindi_date

_DAY_WORDS = {0: "आज का", 1: "कल का"}  # other days are named by their date alone


def hindi_range(first: date, last: date) -> str:
    """'2 से 8 फरवरी 2026', '30 मार्च से 5 अप्रैल 2026', '28 दिसंबर 2026 से 3 जनवरी 2027'."""
    if first.year != last.year:
        return f"{hindi_date(first)} से {hindi_date(last)}"
    if first.month != last.month:
        return f"{first.day} {MONTHS[first.month - 1]} से {hindi_date(last)}"
    return f"{first.day} से {hindi_date(last)}"


def hindi_title(rashi: str, first_day: date, period: Period, hook: str, today: date) -> str:
    """The headline of a rashifal: `rashi` as printed (धनु), the period, its date and the hook."""
    if period is Period.WEEKLY:
        return f"{rashi} साप्ताहिक राशिफल, {hindi_range(*period_days(period, first_day))}: {hook}"
    if period is Period.MONTHLY:
        return f"{rashi} मासिक राशिफल, {MONTHS[first_day.month - 1]} {first_day.year}: {hook}"
    word = _DAY_WORDS.get((first_day - today).days)
    prefix = f"{word} {rashi} राशिफल" if word else f"{rashi} राशिफल"
    return f"{prefix}, {hindi_date(first_day)}: {hook}"


def headline_in_hindi_title(title: str, rashi: str, first_day: date, period: Period) -> str | None:
    """The headline of a title in the house style for this entry (any day word), else None.

    An editor's title keeps only its headline: the prefix is composed again when read, so that its
    आज/कल never goes stale. A daily title must carry its date (कल is never undated).
    """
    prefix, separator, headline = unicodedata.normalize("NFC", title).partition(": ")
    if not separator or not headline.strip():
        return None
    readings = (first_day, first_day - timedelta(days=1), first_day - timedelta(days=2))  # आज, कल, dated
    prefixes = {hindi_title(rashi, first_day, period, "", today).removesuffix(": ") for today in readings}
    return headline.strip() if " ".join(prefix.split()) in prefixes else None

"""Hindi headlines in the portals' house style."""

from __future__ import annotations

from datetime import date

from service.content.calendar import Period
from service.content.hindi.checks import problems
from service.content.hindi.titles import hindi_range, hindi_title

FEB_5 = date(2026, 2, 5)
HOOK = "आर्थिक मजबूती और सोच-समझकर निवेश"


def test_daily_titles_say_today_or_tomorrow_and_always_the_date() -> None:
    assert hindi_title("धनु", FEB_5, Period.DAILY, HOOK, date(2026, 2, 4)) == (
        "कल का धनु राशिफल, 5 फरवरी 2026: आर्थिक मजबूती और सोच-समझकर निवेश"
    )
    assert hindi_title("धनु", FEB_5, Period.DAILY, HOOK, FEB_5).startswith("आज का धनु राशिफल, 5 फरवरी 2026: ")
    # कल also means yesterday: a past day is named by its date alone
    assert hindi_title("धनु", FEB_5, Period.DAILY, HOOK, date(2026, 2, 6)).startswith(
        "धनु राशिफल, 5 फरवरी 2026: "
    )


def test_weekly_and_monthly_titles() -> None:
    assert hindi_title("मेष", date(2026, 2, 2), Period.WEEKLY, "कामकाज में रफ्तार", FEB_5) == (
        "मेष साप्ताहिक राशिफल, 2 से 8 फरवरी 2026: कामकाज में रफ्तार"
    )
    assert hindi_title("कर्क", date(2026, 2, 1), Period.MONTHLY, "रिश्तों में संतुलन", FEB_5) == (
        "कर्क मासिक राशिफल, फरवरी 2026: रिश्तों में संतुलन"
    )


def test_ranges_across_months_and_years() -> None:
    assert hindi_range(date(2026, 3, 30), date(2026, 4, 5)) == "30 मार्च से 5 अप्रैल 2026"
    assert hindi_range(date(2026, 12, 28), date(2027, 1, 3)) == "28 दिसंबर 2026 से 3 जनवरी 2027"


def test_titles_pass_the_sub_editors_checks() -> None:
    for today in (date(2026, 2, 4), FEB_5, date(2026, 2, 9)):
        for period in Period:
            assert problems(hindi_title("वृश्चिक", FEB_5, period, HOOK, today)) == []

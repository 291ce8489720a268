"""Periods and the portal's calendar words: which days a reading covers and how a headline names them."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum


class Period(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"  # Monday to Sunday, as the portal's weekly pages run
    MONTHLY = "monthly"


def period_start(period: Period, day: date) -> date:
    """The first day of the period that contains `day`."""
    if period is Period.WEEKLY:
        return day - timedelta(days=day.weekday())
    if period is Period.MONTHLY:
        return day.replace(day=1)
    return day


def period_days(period: Period, day: date) -> tuple[date, date]:
    """First and last day (inclusive) of the period that contains `day`."""
    first = period_start(period, day)
    if period is Period.WEEKLY:
        return first, first + timedelta(days=6)
    if period is Period.MONTHLY:
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, first


def relative_word(day: date, today: date) -> str:
    """'Today', 'Tomorrow' or 'Yesterday' against the portal's today, else 'For'."""
    return {0: "Today", 1: "Tomorrow", -1: "Yesterday"}.get((day - today).days, "For")


def long_date(day: date) -> str:
    """The portal's date style: 'February 05, 2026'."""
    return f"{calendar.month_name[day.month]} {day.day:02d}, {day.year}"


def range_label(first: date, last: date) -> str:
    """A week's span in the portal's style: 'February 02 - 08, 2026' or 'March 30 - April 05, 2026'."""
    if first.year != last.year:
        return f"{long_date(first)} - {long_date(last)}"
    if first.month != last.month:
        return (
            f"{calendar.month_name[first.month]} {first.day:02d} - "
            f"{calendar.month_name[last.month]} {last.day:02d}, {last.year}"
        )
    return f"{calendar.month_name[first.month]} {first.day:02d} - {last.day:02d}, {last.year}"

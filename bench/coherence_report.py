"""Count what readers check over a year x 12 signs: Rahu Kaal, mood and headline vs ratings, festivals.

Run by hand: `.venv/bin/python bench/coherence_report.py [year]` (2026 by default; a few minutes).
Prints, for the year's tropical dailies at New Delhi and its weeklies and monthlies:
- lucky times overlapping the day's Rahu Kaal (the panchang's), and those fully inside it;
- weekly and monthly lucky days outside their period;
- bright moods on a day with an area rated 1-2, cautious moods on a day with one rated 4-5;
- headlines naming an upbeat theme of an area rated 1-2;
- festival days on which a sign's first two paragraphs do not name the festival, and major
  festivals whose headline does not name them (when no eclipse leads).
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.content.calendar import Period, period_days
from service.content.composer import compose_with_claims
from service.content.copy_checks import parse_window
from service.content.entries import LIFE_AREAS, Horoscope
from service.content.festivals import festivals_in
from service.content.occasions import occasion_bank
from service.content.panchang import panchang_for
from service.content.phrases import load_bank
from service.content.reading import EventKind
from service.content.zodiac import Sign, System

ZONE = ZoneInfo("Asia/Kolkata")


def main(year: int) -> None:
    days = [
        date(year, 1, 1) + timedelta(days=n) for n in range((date(year + 1, 1, 1) - date(year, 1, 1)).days)
    ]
    bank, promised = load_bank(), _promised()
    counts = dict.fromkeys(
        (
            "dailies",
            "rahu_overlap",
            "rahu_inside",
            "mood_conflict",
            "headline_conflict",
            "period_day_outside",
        ),
        0,
    )
    entries: list[tuple[Period, Horoscope]] = []
    for day in days:
        rahu = panchang_for(day).rahu_kaal
        for sign in Sign:
            h = compose_with_claims(sign, day, Period.DAILY, System.TROPICAL, today=day).horoscope
            entries.append((Period.DAILY, h))
            counts["dailies"] += 1
            assert h.lucky.time is not None
            start, end = _window(day, h.lucky.time)
            counts["rahu_overlap"] += start < rahu.end and rahu.start < end
            counts["rahu_inside"] += rahu.start <= start and end <= rahu.end
    for period in (Period.WEEKLY, Period.MONTHLY):
        for first in sorted({period_days(period, d)[0] for d in days}):
            for sign in Sign:
                h = compose_with_claims(sign, first, period, System.TROPICAL, today=first).horoscope
                entries.append((period, h))
                low, high = period_days(period, first)
                counts["period_day_outside"] += h.lucky.day is None or not low <= h.lucky.day <= high
    for _, h in entries:
        ratings = {area: getattr(h.sections, area).rating for area in LIFE_AREAS}
        bright, cautious = h.mood in bank["mood.high"], h.mood in bank["mood.low"]
        counts["mood_conflict"] += (bright and min(ratings.values()) <= 2) or (
            cautious and max(ratings.values()) >= 4
        )
        themes = h.headline.split(" And ")
        counts["headline_conflict"] += any(
            rating <= 2 and any(t in promised[area] for t in themes) for area, rating in ratings.items()
        )
    missing, unheaded = _festival_coverage(year)
    total, dailies = len(entries), counts["dailies"]
    print(f"year {year}: {dailies} tropical dailies, {total - dailies} weeklies/monthlies")
    print(
        f"lucky time overlapping Rahu Kaal: {counts['rahu_overlap']} ({counts['rahu_inside']} fully inside)"
    )
    print(f"weekly/monthly lucky day outside its period: {counts['period_day_outside']}")
    print(f"mood against ratings (bright on a 1-2, cautious on a 4-5): {counts['mood_conflict']} of {total}")
    print(f"headline promising an area rated 1-2: {counts['headline_conflict']} of {len(entries)}")
    print(f"festival days x signs not naming the festival early: {missing}")
    print(f"major festival headlines not naming it (no eclipse leading): {unheaded}")


def _festival_coverage(year: int) -> tuple[int, int]:
    missing = unheaded = 0
    for occasion in festivals_in(year):
        copy = occasion_bank().festivals[occasion.festival.slug]
        for sign in Sign:
            c = compose_with_claims(sign, occasion.day, Period.DAILY, System.TROPICAL, today=occasion.day)
            early = " ".join(c.horoscope.body[:2])
            missing += not any(w in early for w in copy.words)
            lead = c.brief.headline_lead
            eclipse = lead is not None and lead.event.kind is EventKind.ECLIPSE
            unheaded += copy.major and not eclipse and not any(w in c.horoscope.headline for w in copy.words)
    return missing, unheaded


def _promised() -> dict[str, set[str]]:
    bank, themes = load_bank(), occasion_bank().themes
    return {
        area: {
            *bank[f"headline.daily.{area}"],
            *bank[f"headline.period.{area}"],
            *(t for group in ("feast", "fast", "romance") for t in themes[f"{group}.{area}"]),
        }
        - {*bank[f"headline_low.daily.{area}"], *bank[f"headline_low.period.{area}"]}
        for area in LIFE_AREAS
    }


def _window(day: date, text: str) -> tuple[datetime, datetime]:
    parsed = parse_window(text)
    assert parsed is not None, text
    start, end = (datetime.combine(day, moment, ZONE) for moment in parsed)
    return start, end


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2026)

"""The Vedic edition as an editor reads it, and its figures over a stretch of days.

Run by hand: `.venv/bin/python bench/vedic_report.py [--date 2026-02-05] [--period daily]
[--sign singh] [--days 0]`. Prints the date's Vedic entries (all twelve rashis, or one) in full:
title, teaser, body, sections, lucky number, colour and shubh muhurat. With `--days N` it instead
composes N days from the date for all twelve rashis and prints word counts, the share of body
sentences that are new within each sign's 30-day windows, and the rating spread.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.content.calendar import Period
from service.content.composer import compose_with_claims
from service.content.entries import Horoscope
from service.content.zodiac import Sign, System


def words(h: Horoscope) -> int:
    s = h.sections
    return len(" ".join((*h.body, s.love.text, s.career.text, s.money.text, s.health.text)).split())


def show(h: Horoscope) -> None:
    print(f"### {h.title}\n")
    print(f"{h.teaser}\n")
    for paragraph in h.body:
        print(f"{paragraph}\n")
    for area in ("love", "career", "money", "health"):
        section = getattr(h.sections, area)
        print(f"- {area.capitalize()} ({section.rating}/5): {section.text}")
    print(
        f"\nLucky number {h.lucky.number}, colour {h.lucky.color}, "
        + (f"shubh muhurat {h.lucky.time}; " if h.lucky.time else f"lucky day {h.lucky.day}; ")
        + f"mood {h.mood}; compatible rashi {h.compatibility.facts.sidereal_name}. ({words(h)} words)\n"
    )


def figures(first: date, days: int) -> None:
    counts, ratings = [], Counter[int]()
    sentences: dict[Sign, list[list[str]]] = {sign: [] for sign in Sign}
    for n in range(days):
        day = first + timedelta(days=n)
        for sign in Sign:
            c = compose_with_claims(sign, day, Period.DAILY, System.SIDEREAL, today=day)
            counts.append(words(c.horoscope))
            ratings.update(c.reading.ratings.values())
            sentences[sign].append([s for p in c.sentences for s in p])
    worst = 1.0
    for by_day in sentences.values():
        for start in range(max(1, len(by_day) - 29)):
            window = [s for day in by_day[start : start + 30] for s in day]
            worst = min(worst, len(set(window)) / len(window))
    print(
        f"words per daily entry: min {min(counts)}, max {max(counts)}, mean {sum(counts) / len(counts):.0f}"
    )
    print(f"entries under 300 words: {sum(c < 300 for c in counts)} of {len(counts)}")
    print(f"worst share of distinct body sentences in a sign's 30 days: {worst:.2f}")
    print(f"ratings: {dict(sorted(ratings.items()))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", type=date.fromisoformat, default=date(2026, 2, 5))
    parser.add_argument("--period", type=Period, default=Period.DAILY)
    parser.add_argument("--sign", type=Sign.parse, default=None)
    parser.add_argument("--days", type=int, default=0)
    args = parser.parse_args()
    if args.days:
        figures(args.date, args.days)
        return
    for sign in [args.sign] if args.sign else list(Sign):
        show(compose_with_claims(sign, args.date, args.period, System.SIDEREAL, today=args.date).horoscope)


if __name__ == "__main__":
    main()

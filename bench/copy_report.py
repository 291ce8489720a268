"""A copy desk's report on a year of horoscopes: every copy lint figure, the worst examples, words.

Run with `make copy-report` or `.venv/bin/python bench/copy_report.py [--year 2026]
[--system tropical] [--period daily] [--examples 5] [--show 2026-03-03 ...]`. It composes every
daily, weekly and monthly entry of the year for the 12 signs in each system, exactly as the
publisher would, runs service/content/copy_checks.py over them and prints, per system, a table of
each check (entries flagged of entries read, and findings) by period, the 30-day repeats per
sign, the median words (body and sections) by period, then the worst examples of each defect
(the most frequent texts first). `--show DAY` also prints the 12 daily entries of that day as a
reader sees them (an eclipse day, a festival day and an ordinary day make the issue's sample).
About two minutes on a quiet machine, most of it composing.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import time
from collections import Counter
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.content import copy_checks
from service.content.calendar import Period, period_days
from service.content.composer import compose_horoscope
from service.content.entries import LIFE_AREAS, Horoscope
from service.content.zodiac import Sign, System

COLUMN = 22
LABEL = 58


def period_starts(year: int, period: Period) -> list[date]:
    """The first day of every period that holds a day of the year."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return sorted({period_days(period, day)[0] for day in days})


def compose_year(year: int, system: System, period: Period) -> list[Horoscope]:
    today = date(year, 1, 1)
    return [
        compose_horoscope(sign, day, period, system, today=today)
        for day in period_starts(year, period)
        for sign in Sign
    ]


def cell(result: copy_checks.Result) -> str:
    return f"{result.flagged}/{result.entries} ({100 * result.share:.1f}%) [{len(result.findings)}]"


def report(year: int, systems: list[System], periods: list[Period], examples: int) -> None:
    for system in systems:
        started = time.monotonic()
        by_period = {period: compose_year(year, system, period) for period in periods}
        composed = time.monotonic() - started
        audits = {period: copy_checks.audit(entries) for period, entries in by_period.items()}
        total = sum(len(entries) for entries in by_period.values())
        sizes = ", ".join(f"{len(e)} {p.value}" for p, e in by_period.items())
        checked = time.monotonic() - started - composed
        print(
            f"\n{system.value.title()}, {year}: {total} entries ({sizes}); "
            f"composed in {composed:.0f} s, checked in {checked:.0f} s"
        )
        print("entries flagged / read (share) [findings]")
        print(f"{'check':<{LABEL}}" + "".join(f"{p.value:<{COLUMN + 8}}" for p in periods))
        for check in copy_checks.CHECKS:
            row = f"{check.description:<{LABEL}.{LABEL}}"
            for period in periods:
                result = audits[period].results[check.name]
                row += f"{cell(result) if result.entries else '-':<{COLUMN + 8}}"
            print(row)
        shares = "".join(f"{100 * audits[p].stock_share:.1f}%{'':<{COLUMN + 3}}" for p in periods)
        print(f"{'entries with any stock phrase, common or named':<{LABEL}}{shares}")
        words = "".join(
            f"{p.value} {audits[p].median_words:.0f} (min {min(a.words)}, max {max(a.words)})   "
            for p, a in audits.items()
        )
        print(f"{'median words, body and sections':<{LABEL}}{words}")

        def findings(
            name: str, audits: dict[Period, copy_checks.Audit] = audits
        ) -> list[copy_checks.Finding]:
            return [f for audit in audits.values() for f in audit.results[name].findings]

        repeats = Counter(f.entry.split()[0] for f in findings("sentence_repeat"))
        per_sign = ", ".join(f"{sign.value} {repeats[sign.value]}" for sign in Sign)
        print(f"{'30-day sentence repeats per sign':<{LABEL}}{per_sign}")
        print(f"\nWorst examples ({system.value}; most frequent texts first):")
        for check in copy_checks.CHECKS:
            found = findings(check.name)
            if not found:
                continue
            print(f"- {check.name}: {check.description} ({len(found)} findings)")
            for finding, count in copy_checks.worst(found, examples, check.example_key):
                times = f" x{count}" if count > 1 else ""
                text = textwrap.shorten(finding.text, 150, placeholder=" ...")
                print(f"    {finding.entry}{times}: {finding.detail}\n        {text}")


def show(day: date, system: System) -> None:
    """The 12 daily entries of a day as a reader sees them."""
    wrap = textwrap.TextWrapper(width=100, initial_indent="  ", subsequent_indent="  ")
    print(f"\n=== {day.isoformat()}, {system.value} ===")
    for sign in Sign:
        h = compose_horoscope(sign, day, Period.DAILY, system, today=day)
        print(f"\n{h.title}\n  {h.teaser}\n  Mood: {h.mood}. Lucky: {_lucky(h)}")
        for paragraph in h.body:
            print(wrap.fill(paragraph))
        for area in LIFE_AREAS:
            section = getattr(h.sections, area)
            print(wrap.fill(f"{area.title()} ({section.rating}/5): {section.text}"))
        print(f"  [{copy_checks.word_count(h)} words]")


def _lucky(h: Horoscope) -> str:
    shown = [f"{f.name} {getattr(h.lucky, f.name)}" for f in fields(h.lucky) if getattr(h.lucky, f.name)]
    return ", ".join(shown)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--system", choices=[s.value for s in System], action="append")
    parser.add_argument("--period", choices=[p.value for p in Period], action="append")
    parser.add_argument("--examples", type=int, default=5, help="worst examples per check")
    parser.add_argument("--show", type=date.fromisoformat, action="append", default=[], metavar="DAY")
    args = parser.parse_args()
    systems = [System(s) for s in args.system] if args.system else list(System)
    periods = [Period(p) for p in args.period] if args.period else list(Period)
    report(args.year, systems, periods, args.examples)
    for day in args.show:
        for system in systems:
            show(day, system)


if __name__ == "__main__":
    main()

"""A health desk's report on a year of listicle plans: freshness, signposting, food lists, seasons.

Run by hand: `.venv/bin/python bench/listicle_report.py [--start 2026-01-01] [--days 365] [--per-day 3]
[--show]`. It composes every planned piece of the year, exactly as the publisher would, and prints:
distinct titles per 60 days, title and teaser reuse within 60 days, pieces without signposting where
it is required, non-food items in food lists, overlapping items, out-of-season runs, the share of
food items with a sourced quantity, and the catalog's size. `--show` also prints two pieces as a
reader sees them: a food list with its quantities and sources, and a mental well-being piece with
its help note.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.content.listicle_plan import ROTATION_DAYS, planner
from service.content.listicles import FORMS, Listicle, Topic, compose_listicle, load_catalog

# The rule for signposting: the mental well-being category, or a piece on these subjects.
SENSITIVE = re.compile(
    r"stress|exam|lonel|grief|griev|bereave|support(ing)? someone|struggl|anxi|suicid|self-harm"
    r"|depress|mental",
    re.IGNORECASE,
)


def needs_help(topic: Topic) -> bool:
    words = " ".join((topic.id, *topic.tags, *topic.titles()))
    return topic.category == "mental-wellbeing" or bool(SENSITIVE.search(words))


def report(start: date, days: int, per_day: int) -> list[Listicle]:
    catalog = load_catalog()
    dates = [start + timedelta(days=k) for k in range(days)]
    pieces = [
        compose_listicle(t, day, per_day)
        for day in dates
        for t in planner(tuple(catalog.values()), per_day).topics_on(day)
    ]
    pool = {(t.id, item.heading): item for t in catalog.values() for item in t.items}

    def items_of(p: Listicle) -> list:
        return [pool[(p.topic_id, item.heading)] for item in p.items]

    # Distinct titles in each 60-day window (a window's pieces / its distinct titles).
    by_day: dict[date, list[Listicle]] = defaultdict(list)
    for p in pieces:
        by_day[p.date].append(p)
    windows = []
    for k in range(0, days - ROTATION_DAYS + 1):
        window = [p for d in dates[k : k + ROTATION_DAYS] for p in by_day[d]]
        windows.append((len({p.title for p in window}), len(window)))
    # Reuse of a title or a teaser within 60 days.
    last: dict[str, date] = {}
    reuse = Counter()
    for p in pieces:
        for field, text in (("title", p.title), ("teaser", p.teaser)):
            if text in last and (p.date - last[text]).days < ROTATION_DAYS:
                reuse[field] += 1
            last[text] = p.date
    unsignposted = [p for p in pieces if needs_help(catalog[p.topic_id]) and p.help is None]
    food_lists = [p for p in pieces if catalog[p.topic_id].form == "foods"]
    non_food = [(p.slug, i.heading) for p in food_lists for i in items_of(p) if i.kind not in FORMS["foods"]]
    overlaps = [p.slug for p in pieces if len({i.about for i in items_of(p)}) < len(p.items)]
    out_of_season = [p.slug for p in pieces if p.date.month not in catalog[p.topic_id].months]
    # Shared items between consecutive runs of one topic (pinned items are shared by design).
    runs: dict[str, list[Listicle]] = defaultdict(list)
    for p in pieces:
        runs[p.topic_id].append(p)
    shared = [
        len({i.heading for i in a.items} & {i.heading for i in b.items}) / len(b.items)
        for ps in runs.values()
        for a, b in pairwise(ps)
    ]
    nutrient_lists = [p for p in pieces if catalog[p.topic_id].nutrients]
    food_items = [(p, i) for p in nutrient_lists for i in items_of(p)]
    quantified = sum(1 for p, i in food_items if i.quantities(catalog[p.topic_id].nutrients))
    pool_items = [(t, i) for t in catalog.values() if t.nutrients for i in t.items]
    pool_quantified = sum(1 for t, i in pool_items if i.quantities(t.nutrients))
    lacking = sorted(f"{t.id}: {i.heading}" for t, i in pool_items if not i.quantities(t.nutrients))
    in_season = [sum(m in t.months for t in catalog.values()) for m in range(1, 13)]
    category_clashes = sum(len({p.category for p in ps}) < len(ps) for ps in by_day.values())
    relaxed = [
        r
        for r in planner(tuple(catalog.values()), per_day).relaxed
        if start <= r.day < start + timedelta(days)
    ]

    print(f"Listicles, {start} to {dates[-1]} ({days} days, {per_day} a day): {len(pieces)} pieces")
    print(
        f"catalog size                                {len(catalog)} topics "
        f"({sum(len(t.months) == 12 for t in catalog.values())} all year); in season per month "
        f"min {min(in_season)}, max {max(in_season)}"
    )
    print(
        f"title variants                              {sum(len(t.variants) for t in catalog.values())} "
        f"(min {min(len(t.variants) for t in catalog.values())} per topic)"
    )
    print(
        f"distinct titles per 60 days                 min {min(d for d, _ in windows)} of "
        f"{windows[0][1]}, mean {sum(d for d, _ in windows) / len(windows):.1f} (every piece its own title "
        f"when equal)"
    )
    print(f"title reuse within 60 days                  {reuse['title']}")
    print(f"teaser reuse within 60 days                 {reuse['teaser']}")
    print(
        f"pieces needing signposting / without it     {sum(needs_help(catalog[p.topic_id]) for p in pieces)} "
        f"/ {len(unsignposted)}"
    )
    print(f"non-food items in food lists                {len(non_food)} (in {len(food_lists)} food lists)")
    print(f"lists with two items on one thing           {len(overlaps)}")
    print(
        f"items shared with the topic's previous run  mean {100 * sum(shared) / len(shared):.0f}%, "
        f"max {100 * max(shared):.0f}%"
    )
    print(f"out-of-season runs                          {len(out_of_season)}")
    print(f"days with two pieces of one category        {category_clashes}")
    print(f"plan rules given up                         {len(relaxed)}")
    print(
        f"food items with a sourced quantity          {quantified} of {len(food_items)} shown "
        f"({100 * quantified / len(food_items):.0f}%); pools {pool_quantified} of {len(pool_items)} "
        f"({100 * pool_quantified / len(pool_items):.0f}%)"
    )
    print("food items without one (IFCT 2017 has no entry):")
    for line in lacking:
        print(f"  {line}")
    return pieces


def show(listicle: Listicle) -> None:
    """A listicle as a reader sees it on the page."""
    wrap = textwrap.TextWrapper(width=96, subsequent_indent="   ")
    print(f"\n{listicle.title}\n{'=' * len(listicle.title)}\n{wrap.fill(listicle.teaser)}\n")
    for item in listicle.items:
        print(wrap.fill(f"{item.position}. {item.heading}. {item.body}"))
        for fact in item.facts:
            print(f"   - {fact}")
    if listicle.help:
        note = listicle.help
        print(f"\n{note.heading}\n{wrap.fill(note.text)}")
        for contact in note.contacts:
            print(f"   {contact.name}: {' or '.join(contact.numbers)} ({contact.hours})")
        print("   Get help now if someone is:")
        for sign in note.warning_signs:
            print(f"   - {sign}")
        print(wrap.fill(note.urgent))
    if listicle.sources:
        print("\nSources")
        for source in listicle.sources:
            print(
                f"   {source.name}, {source.publisher}, {source.year}"
                + (f", {source.url}" if source.url else "")
            )
    if listicle.disclaimer:
        print(f"\n{wrap.fill(listicle.disclaimer)}")
    print(f"[{listicle.slug}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=date.fromisoformat, default=date(2026, 1, 1))
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=3)
    parser.add_argument("--show", action="store_true", help="print a food list and a mental well-being piece")
    args = parser.parse_args()
    pieces = report(args.start, args.days, args.per_day)
    if args.show:
        catalog = load_catalog()
        show(next(p for p in pieces if catalog[p.topic_id].nutrients == ("calcium",)))
        show(next(p for p in pieces if p.category == "mental-wellbeing"))


if __name__ == "__main__":
    main()

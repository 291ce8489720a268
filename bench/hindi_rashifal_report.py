"""The Hindi rashifal's entries for a day and the gate's figures over 2026.

.venv/bin/python bench/hindi_rashifal_report.py 2026-02-05   # the twelve daily entries, in full
.venv/bin/python bench/hindi_rashifal_report.py --figures    # the gate's figures over 2026
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.content.calendar import Period
from service.content.hindi import agreement, checks
from service.content.hindi.rashifal_writer import NOTE, compose_hindi_entry
from service.content.zodiac import Sign


def print_day(day: date) -> None:
    print(NOTE, "\n")
    for sign in Sign:
        h, _ = compose_hindi_entry(sign, day, Period.DAILY, today=day - timedelta(1))
        print(f"## {h.title}\n{h.teaser}\n")
        print("\n\n".join(h.body), "\n")
        for name, label in (("love", "प्रेम"), ("career", "करियर"), ("money", "धन"), ("health", "सेहत")):
            section = getattr(h.sections, name)
            print(f"{label} ({section.rating}/5): {section.text}")
        print(f"शुभ अंक: {h.lucky.number} · शुभ रंग: {h.lucky.color} · शुभ मुहूर्त: {h.lucky.time}\n")


def figures() -> None:
    sys.path.insert(0, "tests/content")
    from test_hindi_vocabulary import WORD, _domain_words, _table_words, dictionary

    known = _table_words() | _domain_words()
    tokens = Counter()
    unknown = Counter()
    problems = 0
    words_per_body = []
    shared_days = 0
    entries = 0
    for offset in range(0, 365, 2):
        day = date(2026, 1, 1) + timedelta(offset)
        bodies = []
        for sign in Sign:
            h, _ = compose_hindi_entry(sign, day, Period.DAILY, today=day)
            entries += 1
            texts = [
                h.title,
                h.teaser,
                *h.body,
                *(getattr(h.sections, n).text for n in ("love", "career", "money", "health")),
            ]
            for text in texts:
                problems += len(checks.problems(text) + agreement.problems(text))
                for word in WORD.findall(text):
                    tokens[word] += 1
                    if word not in known and not dictionary().lookup(word):
                        unknown[word] += 1
            words_per_body.append(len(" ".join(h.body).split()))
            bodies.append({s.strip() for s in " ".join(h.body).split("।") if s.strip()})
        shared_days += any(a & b for a, b in combinations(bodies, 2))
    total = sum(tokens.values())
    print(f"daily entries: {entries} (every 2nd day of 2026 x 12 signs)")
    print(f"sub-editor and agreement problems: {problems}")
    print(
        f"word tokens: {total}, distinct: {len(tokens)}; hunspell-hi alone knows "
        f"{sum(c for w, c in tokens.items() if dictionary().lookup(w)) / total:.1%} of tokens"
    )
    print(f"unknown to hunspell-hi + name tables + domain list: {sum(unknown.values())} tokens")
    print(
        f"body words: min {min(words_per_body)}, max {max(words_per_body)}, "
        f"mean {sum(words_per_body) / len(words_per_body):.0f}"
    )
    print(f"days on which two signs share a body sentence: {shared_days}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--figures"]:
        figures()
    else:
        print_day(date.fromisoformat(sys.argv[1]) if sys.argv[1:] else date(2026, 2, 5))

"""Signposting is part of a listicle's form: every piece that needs help lines carries the same note."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from service.content.help_notes import InvalidHelpNotes, load_help_notes, parse_help_notes
from service.content.listicles import (
    HELP_CATEGORIES,
    InvalidCatalog,
    Topic,
    compose_listicle,
    daily_plan,
    load_catalog,
    load_topics,
)

CATALOG = load_catalog()
A_YEAR = [date(2026, 1, 1) + timedelta(days=k) for k in range(365)]
# Subjects where a reader may be in crisis, wherever the topic is filed.
SENSITIVE = re.compile(
    r"stress|exam|lonel|grief|griev|bereave|loss of|support(ing)? someone|struggl|anxi|suicid|self-harm"
    r"|depress|mental",
    re.IGNORECASE,
)


def needs_help(topic: Topic) -> bool:
    """The issue's rule: the mental well-being category, or a piece about a subject in SENSITIVE."""
    words = " ".join((topic.id, *topic.tags, *topic.titles()))
    return topic.category in HELP_CATEGORIES or bool(SENSITIVE.search(words))


NEEDING = [topic for topic in CATALOG.values() if needs_help(topic)]


def test_the_catalog_has_topics_that_need_help_lines() -> None:
    ids = {topic.id for topic in NEEDING}
    assert {
        "ways-you-can-support-someone-who-is-struggling",
        "tips-that-make-exam-preparation-less-stressful",
    } <= ids
    assert len(NEEDING) >= 6


@pytest.mark.parametrize("topic", NEEDING, ids=lambda t: t.id)
def test_every_piece_that_needs_help_lines_carries_them_on_every_date(topic: Topic) -> None:
    note = load_help_notes()["mental-health"]
    assert topic.help == note
    for day in A_YEAR:
        assert compose_listicle(topic.id, day).help == note, day


def test_the_help_note_names_tele_manas_112_and_the_signs_that_mean_now() -> None:
    note = load_help_notes()["mental-health"]
    numbers = {number: contact.name for contact in note.contacts for number in contact.numbers}
    assert numbers == {"14416": "Tele-MANAS", "1-800-891-4416": "Tele-MANAS", "112": "Emergency"}
    assert "24x7" in next(c.hours for c in note.contacts if c.name == "Tele-MANAS")
    assert "Toll-free" in next(c.hours for c in note.contacts if c.name == "Tele-MANAS")
    signs = " ".join(note.warning_signs).lower()
    for sign in ("to die", "kill themselves", "harming themselves", "hopeless", "goodbye"):
        assert sign in signs
    for words in ("now", "112", "14416"):
        assert words in note.urgent


def test_every_planned_piece_of_a_year_that_needs_help_lines_has_them() -> None:
    missing = [
        (day, topic_id)
        for day in A_YEAR
        for topic_id in daily_plan(day)
        if needs_help(CATALOG[topic_id]) and compose_listicle(topic_id, day).help is None
    ]
    assert missing == []


def test_topics_that_do_not_need_help_lines_have_none() -> None:
    assert all(topic.help is None for topic in CATALOG.values() if not needs_help(topic))


def _write(folder: Path, **changes: object) -> None:
    topic = {
        "id": "sample-topic",
        "category": "mental-wellbeing",
        "variants": [
            {"title": f"{{n}} Sample Ideas For Calm {k}", "teaser": f"Teaser {k}."} for k in range(3)
        ],
        "tags": ["calm"],
        "size": 5,
        "help": "mental-health",
        "items": [
            {
                "about": f"thing-{n}",
                "kind": "habit",
                "heading": f"Item Number {n}",
                "body": f"Sentence {n}. Another.",
            }
            for n in range(10)
        ],
    }
    topic.update(changes)
    (folder / "sample-topic.yaml").write_text(
        yaml.safe_dump({k: v for k, v in topic.items() if v is not None})
    )


def test_a_mental_wellbeing_topic_without_a_help_note_is_refused(tmp_path: Path) -> None:
    _write(tmp_path)
    assert load_topics(tmp_path)["sample-topic"].help is not None
    _write(tmp_path, help=None)
    with pytest.raises(InvalidCatalog, match=r"sample-topic\.yaml: help: every mental-wellbeing topic"):
        load_topics(tmp_path)
    _write(tmp_path, help="no-such-note")
    with pytest.raises(InvalidCatalog, match=r"help: 'no-such-note' is not one of the help notes"):
        load_topics(tmp_path)


NOTE = "a: {heading: H, text: T, urgent: U, "


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[]", "expected a mapping"),
        ("a: {heading: H}", "expected exactly the keys"),
        (
            NOTE + "warning_signs: [S], contacts: [{name: N, numbers: [call], hours: H}]}",
            "not a phone number",
        ),
        (
            NOTE + "warning_signs: [], contacts: [{name: N, numbers: ['1'], hours: H}]}",
            "warning_signs",
        ),
    ],
)
def test_malformed_help_notes_fail_loudly(text: str, problem: str) -> None:
    with pytest.raises(InvalidHelpNotes, match=problem):
        parse_help_notes(text)

"""The four life-area sections: a sentence in the tone of the rating, a placement, and a tip."""

from __future__ import annotations

from service.content.draft import Draft
from service.content.entries import Section, Sections
from service.content.reading import AREA_HOUSES, BENEFICS, MALEFICS, Placement, Reading
from service.content.zodiac import Planet

_SUPPORTERS = BENEFICS | {Planet.SUN}


def rating_band(rating: int) -> str:
    """The tone a 1-5 rating asks for: 'low' (1-2), 'mid' (3) or 'high' (4-5)."""
    return "low" if rating <= 2 else "mid" if rating == 3 else "high"


def write_sections(draft: Draft) -> Sections:
    """Love, career, money and health, each with text whose tone matches its rating."""
    reading = draft.reading
    noted: set[Planet] = set()  # the 6th house serves two areas: tell each planet once
    return Sections(
        love=_section(draft, reading, "love", noted),
        career=_section(draft, reading, "career", noted),
        money=_section(draft, reading, "money", noted),
        health=_section(draft, reading, "health", noted),
    )


def _section(draft: Draft, reading: Reading, area: str, noted: set[Planet]) -> Section:
    rating = reading.ratings[area]
    band = rating_band(rating)
    sentences = [draft.say(f"section.{area}.{band}")]
    note = _placement_worth_noting(reading, area, band, noted)
    if note is not None:
        noted.add(note.planet)
        kind = "support" if note.planet in _SUPPORTERS else "challenge"
        sentences.append(draft.placement(f"section_note.{kind}", note))
    sentences.append(draft.say(f"section_tip.{area}"))
    return Section(text=" ".join(sentences), rating=rating)


def _placement_worth_noting(reading: Reading, area: str, band: str, noted: set[Planet]) -> Placement | None:
    """A planet steady in the area's houses that explains the tone: a helper unless the band is low."""
    guests = [
        p
        for p in reading.placements.values()
        if p.house in AREA_HOUSES[area]
        and p.steady
        and p.planet in (_SUPPORTERS | MALEFICS)
        and p.planet not in noted
    ]
    helpers = [p for p in guests if p.planet in _SUPPORTERS]
    hindrances = [p for p in guests if p.planet in MALEFICS]
    preferred = hindrances + helpers if band == "low" else helpers + hindrances
    if band == "high":
        preferred = helpers
    return preferred[0] if preferred else None

"""The body of a reading: paragraphs built from the sky's facts, then the generic pools.

A daily body runs: the day's opening and the Moon; the day's events (or, on a quiet day, the
ruler and a notable placement); the focus area and advice; a retrograde caution and a closer.
A weekly or monthly body names each event with its date.
"""

from __future__ import annotations

from service.content.calendar import Period
from service.content.claims import Claim, ClaimKind
from service.content.draft import Draft
from service.content.reading import AREA_HOUSES, EventKind, Placement, Reading, SkyEvent
from service.content.wording import PHASE_ADJECTIVES, time_of_day
from service.content.zodiac import Planet

Paragraphs = tuple[tuple[str, ...], ...]

_MAX_EVENTS = {Period.DAILY: 3, Period.WEEKLY: 3, Period.MONTHLY: 4}
_MAX_ASPECTS = 2
_PERSONAL = (Planet.SUN, Planet.VENUS, Planet.MARS, Planet.MERCURY, Planet.JUPITER, Planet.SATURN)
# Planets whose retrograde motion readers expect to hear about, in order of interest.
_NOTABLE_RETROGRADES = (Planet.MERCURY, Planet.VENUS, Planet.MARS, Planet.JUPITER, Planet.SATURN)


def write_body(draft: Draft) -> Paragraphs:
    """The body paragraphs of a reading, each of two to four sentences."""
    reading = draft.reading
    daily = reading.period is Period.DAILY
    return _pack(_daily(draft, reading) if daily else _extended(draft, reading))


def _daily(draft: Draft, reading: Reading) -> list[list[str]]:
    headlines = _headline_events(reading)
    # A lunation in the sign the Moon keeps all day is the Moon's news: it leads, and is told once.
    lunation = next((e for e in headlines if e.kind is EventKind.LUNATION), None)
    if lunation is not None and reading.moon_change is None:
        headlines.remove(lunation)
        moon = draft.event(lunation)
    else:
        moon = _moon(draft, reading)
    opening = [draft.say("opener"), moon, draft.say(f"moon_house.{reading.moon.house}")]
    sky = [draft.event(e) for e in headlines]
    if len(sky) < 2:
        sky += _quiet_sky_notes(draft, reading, 2 - len(sky))
    focus = [
        draft.say("focus_note", {"area_theme": draft.word(f"area_theme.{reading.focus}")}),
        draft.say("advice"),
    ]
    caution = _retrograde_note(draft, reading)
    closer = draft.say("closer")
    if caution is None:
        return [opening, sky, [*focus, closer]]
    return [opening, sky, focus, [caution, closer]]


def _extended(draft: Draft, reading: Reading) -> list[list[str]]:
    sun = reading.placements[Planet.SUN]
    opening = [draft.say("period_opener"), draft.placement("opening_placement", sun, throughout=False)]
    headlines = _headline_events(reading)
    events = [draft.event(e) for e in headlines if e.kind is not EventKind.ASPECT]
    aspects = [draft.event(e) for e in headlines if e.kind is EventKind.ASPECT]
    if len(events) < 2:
        events += _quiet_sky_notes(draft, reading, 2 - len(events))
    focus = [*aspects, draft.say("focus_note", {"area_theme": draft.word(f"area_theme.{reading.focus}")})]
    caution = _retrograde_note(draft, reading)
    closing = [draft.say("period_advice"), draft.say("period_closer")]
    if caution:
        closing.insert(0, caution)
    return [opening, events, focus, closing]


def _moon(draft: Draft, reading: Reading) -> str:
    change = reading.moon_change
    if change is None:
        moon = reading.moon
        slots = draft.house(moon.house) | {
            "moon_sign": draft.sign(moon.sign),
            "moon_phase": PHASE_ADJECTIVES[reading.moon_phase],
        }
        facts = {
            "moon_sign": [
                Claim(ClaimKind.MOON_SIGN, Planet.MOON, moon.sign, moon.house, detail="throughout")
            ],
            "moon_phase": [Claim(ClaimKind.MOON_PHASE, Planet.MOON, detail=reading.moon_phase.value)],
        }
        return draft.say("moon_lead", slots, facts)
    when = time_of_day(change.at, reading.timezone)
    claim = Claim(ClaimKind.MOON_INGRESS, Planet.MOON, change.sign, change.house, reading.first_day, when)
    slots = (
        draft.house(change.house)
        | draft.house(change.from_house, "from_")
        | {
            "from_sign": draft.sign(change.from_sign),
            "moon_sign": draft.sign(change.sign),
            "time_of_day": when,
        }
    )
    return draft.say("moon_change", slots, {"moon_sign": [claim]})


def _headline_events(reading: Reading) -> list[SkyEvent]:
    """The events worth a sentence: the weightiest few, with at most two aspects, in time order."""
    ranked = sorted(reading.events, key=lambda e: (-_relevance(reading, e), e.at))
    aspects = [e for e in ranked if e.kind is EventKind.ASPECT][:_MAX_ASPECTS]
    others = [e for e in ranked if e.kind is not EventKind.ASPECT]
    if reading.period is Period.DAILY:
        chosen = [e for e in ranked if e in aspects or e in others][: _MAX_EVENTS[reading.period]]
    else:
        chosen = others[: _MAX_EVENTS[reading.period]] + aspects
    return sorted(chosen, key=lambda e: e.at)


def _relevance(reading: Reading, event: SkyEvent) -> float:
    personal = reading.ruler in (event.planet, event.other)
    return event.weight + (1.0 if personal else 0.0)


def _quiet_sky_notes(draft: Draft, reading: Reading, wanted: int) -> list[str]:
    """Placement sentences for a period with few events: the ruler, then other steady planets."""
    notes: list[str] = []
    ruler = reading.placements[reading.ruler]
    if ruler.planet is not Planet.MOON and ruler.steady:
        notes.append(draft.placement("ruler_note", ruler))
    for guest in _steady_guests(reading):
        if len(notes) >= wanted:
            break
        notes.append(draft.placement("placement_note", guest))
    return notes


def _steady_guests(reading: Reading) -> list[Placement]:
    """Planets staying put all period, those in the focus area's houses first, then the rest."""
    best = reading.best_house(reading.focus)
    houses = [best, *(h for h in AREA_HOUSES[reading.focus] if h != best)]
    candidates = [
        p for p in reading.placements.values() if p.steady and p.planet not in (Planet.MOON, reading.ruler)
    ]
    in_focus = [p for house in houses for p in candidates if p.house == house]
    return in_focus + [p for p in candidates if p not in in_focus and p.planet in _PERSONAL]


def _retrograde_note(draft: Draft, reading: Reading) -> str | None:
    """A caution about the most relevant planet retrograde all period, unless it stations."""
    stationing = {e.planet for e in reading.events if e.kind is EventKind.STATION}
    for planet in (reading.ruler, *_NOTABLE_RETROGRADES):
        placement = reading.placements[planet]
        if placement.retrograde and placement.steady and planet not in stationing:
            return draft.placement("retrograde_note", placement)
    return None


def _pack(paragraphs: list[list[str]]) -> Paragraphs:
    """Fold one-sentence paragraphs into a neighbour so that each has two to four sentences."""
    packed: list[list[str]] = []
    pending: list[str] = []
    for paragraph in paragraphs:
        sentences = pending + paragraph
        pending = []
        if len(sentences) == 1:
            if packed and len(packed[-1]) < 4:
                packed[-1].extend(sentences)
            else:
                pending = sentences
            continue
        while len(sentences) > 4:
            packed.append(sentences[:2])
            sentences = sentences[2:]
        if sentences:
            packed.append(sentences)
    if pending:
        packed[-1].extend(pending)
    return tuple(tuple(p) for p in packed)

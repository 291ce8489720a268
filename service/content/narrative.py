"""The body of a reading: the brief's stories in the order an editor would run them.

A daily body opens with the lead story when the day has a big one (an eclipse, a slow planet, a
planet turning), then the Moon and the day's other events; on an ordinary day it opens with the
Moon and what its house means in a reader's day. It closes with the focus area, a line for one
kind of reader (students, traders, homemakers...), a family note, advice and a closer. A weekly
or monthly body opens with its lead, gives each big event of the brief its own sentences (its
date and what to do), names the smaller ones, and closes the same way. Sentences that state no
sky fact come from large pools by `Draft.fresh`: no sign reads one again within 30 periods, and
no two signs read the same one in a period. What leads and what is told is the brief's decision
(service/content/ranking.py), never this module's.
"""

from __future__ import annotations

from service.content.calendar import Period
from service.content.claims import Claim, ClaimKind
from service.content.draft import Draft
from service.content.occasions import Occasions, place_occasions
from service.content.ranking import Brief, Ranked
from service.content.reading import AREA_HOUSES, EventKind, Placement, Reading
from service.content.sky import LunarPhase
from service.content.tone import opening_line
from service.content.wording import PHASE_ADJECTIVES, time_of_day
from service.content.zodiac import Planet

Paragraphs = tuple[tuple[str, ...], ...]

_PERSONAL = (Planet.SUN, Planet.VENUS, Planet.MARS, Planet.MERCURY, Planet.JUPITER, Planet.SATURN)
_MAX_PARAGRAPH = 4
_TRENDS = {
    LunarPhase.WAXING_CRESCENT: "waxing",
    LunarPhase.FIRST_QUARTER: "waxing",
    LunarPhase.WAXING_GIBBOUS: "waxing",
    LunarPhase.WANING_GIBBOUS: "waning",
    LunarPhase.LAST_QUARTER: "waning",
    LunarPhase.WANING_CRESCENT: "waning",
}


def write_body(draft: Draft, brief: Brief, occasions: Occasions | None = None) -> Paragraphs:
    """The body paragraphs of a reading, each of two to four sentences; the period's festivals
    (service/content/occasions.py) take their place early in it."""
    reading = draft.reading
    if reading.period is Period.DAILY:
        paragraphs = _daily(draft, reading, brief)
    else:
        paragraphs = _extended(draft, reading, brief)
    if occasions is not None:
        paragraphs = place_occasions(draft, brief, occasions, paragraphs)
    return _pack(paragraphs)


def _daily(draft: Draft, reading: Reading, brief: Brief) -> list[list[str]]:
    story = _moon_story(reading, brief)
    big = brief.headline_lead
    situation = _situations(draft, reading)
    if big is not None:
        # The lead and what it means open the day; any practical note leads the next paragraph.
        meaning = draft.meaning(big.event)
        opening = [_told(draft, big), *meaning[:1]]
        # The day's opening line follows the big story, so the first words a reader sees are the news.
        sky = [opening_line(draft), *meaning[1:]]
        if story is not big:
            sky.append(_moon_sentence(draft, reading, story))
        sky += situation
    else:
        opening = [opening_line(draft), _moon_sentence(draft, reading, story), *situation]
        sky = []
    told = [r for r in (brief.lead, *brief.secondary) if r is not None and r not in (story, big)]
    sky += [_told(draft, r) for r in told]
    if big is None and story is None and (trend := _TRENDS.get(reading.moon_phase)) is not None:
        claim = Claim(ClaimKind.MOON_PHASE, Planet.MOON, detail=reading.moon_phase.value)
        sky.insert(0, draft.say(f"moon_phase_note.{trend}"))
        draft.claims.append(claim)
    if big is None and len(sky) < 2:
        sky += _quiet_sky_notes(draft, reading, 2 - len(sky))
    sky += [draft.placement("retrograde_note", p) for p in brief.mentions]
    life = [
        _focus(draft, reading),
        draft.fresh("audience"),
        draft.fresh("family"),
        draft.fresh("advice"),
        draft.fresh("closer"),
    ]
    return [opening, sky, life]


def _extended(draft: Draft, reading: Reading, brief: Brief) -> list[list[str]]:
    """A week or a month told event by event: each big one (an eclipse, a station, a slow planet
    changing sign, a new or full Moon) with its date and what to do about it."""
    opening = [opening_line(draft)]
    if brief.lead is not None:
        opening += [_told(draft, brief.lead), *draft.meaning(brief.lead.event)]
    else:
        sun = reading.placements[Planet.SUN]
        opening.append(draft.placement("opening_placement", sun, throughout=False))
    stories: list[list[str]] = []
    minor: list[str] = []
    for ranked in brief.secondary:
        if _minor_aspect(ranked):
            continue
        if ranked.big or _major_lunation(ranked):
            stories.append([_told(draft, ranked), *draft.meaning(ranked.event)])
        else:
            minor.append(_told(draft, ranked))
    aspects = [_told(draft, r) for r in brief.secondary if _minor_aspect(r)]
    if len(stories) + len(minor) < 2:
        minor += _quiet_sky_notes(draft, reading, 2 - len(stories) - len(minor))
    notes = [draft.placement("retrograde_note", p) for p in brief.mentions]
    life = [
        _focus(draft, reading),
        draft.fresh("audience"),
        draft.fresh("period_family"),
        draft.fresh("period_advice"),
        draft.fresh("period_closer"),
    ]
    return [opening, *_grouped(stories), [*minor, *aspects, *notes], life]


def _grouped(stories: list[list[str]]) -> list[list[str]]:
    """Stories side by side in paragraphs of up to four sentences, none split between two."""
    paragraphs: list[list[str]] = []
    for story in stories:
        if paragraphs and len(paragraphs[-1]) + len(story) <= _MAX_PARAGRAPH:
            paragraphs[-1].extend(story)
        else:
            paragraphs.append(list(story))
    return paragraphs


def _situations(draft: Draft, reading: Reading) -> list[str]:
    """What the Moon's house means in the reader's day; on a day it changes sign, both houses',
    in the order it visits them."""
    change = reading.moon_change
    houses = [reading.moon.house] if change is None else [change.from_house, change.house]
    return [draft.fresh(f"moon_house.{house}") for house in houses]


def _focus(draft: Draft, reading: Reading) -> str:
    return draft.fresh("focus_note", {"focus": draft.word(f"focus_matters.{reading.focus}")})


def _major_lunation(ranked: Ranked) -> bool:
    return ranked.event.kind is EventKind.LUNATION and ranked.event.detail in ("new moon", "full moon")


def _moon_sentence(draft: Draft, reading: Reading, story: Ranked | None) -> str:
    """Where the Moon is: its own lunation or eclipse when it has one, else its sign and house."""
    return _told(draft, story) if story is not None else _moon(draft, reading)


def _told(draft: Draft, ranked: Ranked) -> str:
    return draft.event(ranked.event, ruler=ranked.ruler)


def _minor_aspect(ranked: Ranked) -> bool:
    return ranked.event.kind is EventKind.ASPECT and not ranked.event.slow_conjunction


def _moon_story(reading: Reading, brief: Brief) -> Ranked | None:
    """A lunation or eclipse in the sign the Moon keeps all day: it tells where the Moon is."""
    if reading.moon_change is not None:
        return None
    return next(
        (
            r
            for r in (brief.lead, *brief.secondary)
            if r is not None
            and r.event.kind in (EventKind.LUNATION, EventKind.ECLIPSE)
            and r.event.sign is reading.moon.sign
        ),
        None,
    )


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


def _quiet_sky_notes(draft: Draft, reading: Reading, wanted: int) -> list[str]:
    """Placement sentences for a period with few events: the ruler, then other steady planets.

    Retrograde planets are left out: these sentences speak of a planet's gifts, and a retrograde
    one is told by the brief's mentions instead.
    """
    notes: list[str] = []
    ruler = reading.placements[reading.ruler]
    if ruler.planet is not Planet.MOON and ruler.steady and not ruler.retrograde:
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
        p
        for p in reading.placements.values()
        if p.steady and not p.retrograde and p.planet not in (Planet.MOON, reading.ruler)
    ]
    in_focus = [p for house in houses for p in candidates if p.house == house]
    return in_focus + [p for p in candidates if p not in in_focus and p.planet in _PERSONAL]


def _pack(paragraphs: list[list[str]]) -> Paragraphs:
    """Fold one-sentence paragraphs into a neighbour, and split long ones evenly, so that each
    has two to four sentences."""
    packed: list[list[str]] = []
    pending: list[str] = []
    for paragraph in paragraphs:
        sentences = pending + paragraph
        pending = []
        if not sentences:
            continue
        if len(sentences) == 1:
            if packed and len(packed[-1]) < _MAX_PARAGRAPH:
                packed[-1].extend(sentences)
            else:
                pending = sentences
            continue
        parts = -(-len(sentences) // _MAX_PARAGRAPH)
        size, extra = divmod(len(sentences), parts)
        start = 0
        for part in range(parts):
            end = start + size + (1 if part < extra else 0)
            packed.append(sentences[start:end])
            start = end
    if pending:
        if len(packed[-1]) < _MAX_PARAGRAPH:
            packed[-1].extend(pending)
        else:
            packed.append([packed[-1].pop(), *pending])
    return tuple(tuple(p) for p in packed)

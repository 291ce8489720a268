"""One entry's drafting desk: renders sentences from the banks and records the facts they state."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from service.content.calendar import Period
from service.content.claims import Claim, ClaimKind
from service.content.cycles import meeting_cycle_years, previous_conjunction_year
from service.content.grahan import unseen_from_india
from service.content.phrases import Bank, is_dealt, render, slots_of
from service.content.reading import SLOW_PLANETS, EventKind, Placement, Reading, SkyEvent
from service.content.variety import Chooser
from service.content.wording import eclipse_name, grahan, on_day, opposite, ordinal, sign_name
from service.content.zodiac import Planet, Sign

_SPANS = {Period.DAILY: "today", Period.WEEKLY: "this week", Period.MONTHLY: "this month"}
_PERIOD_WORDS = {Period.DAILY: "day", Period.WEEKLY: "week", Period.MONTHLY: "month"}
HARMONIOUS_ASPECTS = frozenset({"trine", "sextile"})
_FUNCTION_WORDS = frozenset({"your", "with", "that", "this", "from", "what", "more", "than", "into"})
# Bodies whose meeting with another reads as pressure rather than help.
_HARD_MEETINGS = frozenset({Planet.MARS, Planet.SATURN, Planet.URANUS, Planet.NEPTUNE, Planet.PLUTO})


class Draft:
    """Renders sentences for one reading and keeps the claims of every fact a sentence states."""

    def __init__(self, reading: Reading, bank: Bank, chooser: Chooser) -> None:
        self.reading = reading
        self.bank = bank
        self.chooser = chooser
        self.claims: list[Claim] = []
        self._matters_told: set[str] = set()
        self._last_dated = False  # the last event sentence opened with its date
        self._eclipse_noted = False
        self._base = {
            "sign": reading.sign.title,
            "span": _SPANS[reading.period],
            "period_word": _PERIOD_WORDS[reading.period],
            "weekday": reading.first_day.strftime("%A"),
        }

    def say(
        self,
        pool: str,
        slots: Mapping[str, str] | None = None,
        facts: Mapping[str, Iterable[Claim]] | None = None,
        offset: int | None = None,
        *,
        fresh: bool = False,
        template: str | None = None,
    ) -> str:
        """A sentence from `pool` (by its deal or rotation, or a fresh pick: Chooser.fresh, unless
        the `template` is given); claims in `facts` count where their slot is used."""
        if template is None:
            template = self.chooser.fresh(pool, self.bank[pool]) if fresh else self._draw(pool, offset)
        used = slots_of(template)
        for slot, claims in (facts or {}).items():
            if slot in used:
                self.claims.extend(claims)
        filled = {**self._base, **(slots or {})}
        self._matters_told.update(filled[s] for s in used if s.endswith("matters"))
        return render(template, filled)

    def _draw(self, pool: str, offset: int | None = None, *, undated: bool = False) -> str:
        """A template of `pool` by its deal or rotation (phrases.is_dealt); `undated`, one of those
        that do not open with the date, drawn as their own pool so they share the load evenly."""
        items = self.bank[pool]
        name = pool
        dateless = tuple(t for t in items if not t.startswith("{when}"))
        if undated and dateless and len(dateless) < len(items):
            items, name = dateless, f"{pool} undated"
        draw = self.chooser.deal if is_dealt(pool) else self.chooser.rotate
        return draw(name, items, offset)

    def fresh(self, pool: str, slots: Mapping[str, str] | None = None) -> str:
        """A sentence from a pool that states no sky fact, picked so that no other sign reads it this
        period and this sign does not read it again within 30 periods (variety.Chooser.fresh)."""
        template = self.chooser.fresh(pool, self.bank[pool])
        return render(template, {**self._base, **(slots or {})})

    def word(self, pool: str) -> str:
        """A seeded pick from a word list, where no variety guarantee rests on it."""
        return self.chooser.pick(self.bank[pool])

    def house(self, house: int, prefix: str = "") -> dict[str, str]:
        """Slots naming a house: 'fifth' and one of its themes."""
        return {
            f"{prefix}house_ordinal": ordinal(house),
            f"{prefix}house_theme": self.word(f"house_theme.{house}"),
            f"{prefix}house_matters": self.matters(house),
        }

    def matters(self, house: int) -> str:
        """A house's concrete matters, a different wording each time within an entry while it can."""
        pool = self.bank[f"house_matters.{house}"]
        fresh = [m for m in pool if m not in self._matters_told] or list(pool)
        return self.chooser.pick(fresh)

    def planet(self, planet: Planet, slot: str = "planet") -> dict[str, str]:
        """Slots naming a planet: 'Venus' and one of its themes ('other' names an aspect's second)."""
        return {slot: planet.label, f"{slot}_theme": self.word(f"planet_theme.{planet.value}")}

    def sign(self, sign: Sign) -> str:
        """A sign's printed name in the reading's system."""
        return sign_name(sign, self.reading.system)

    def placement(
        self, pool: str, placement: Placement, *, throughout: bool = True, fresh: bool = False
    ) -> str:
        """A sentence about where a planet stands, claiming its sign and house."""
        claim = Claim(
            ClaimKind.PLANET_SIGN if placement.planet is not Planet.MOON else ClaimKind.MOON_SIGN,
            placement.planet,
            placement.sign,
            placement.house,
            detail="throughout" if throughout else "at the start",
        )
        facts: dict[str, list[Claim]] = {"planet_sign": [claim], "house_ordinal": [claim]}
        if pool == "retrograde_note" or pool.endswith("_retrograde"):
            facts["planet"] = [Claim(ClaimKind.RETROGRADE, placement.planet)]
        slots = self.planet(placement.planet) | self.house(placement.house)
        slots["planet_sign"] = self.sign(placement.sign)
        slots["planet_help"] = self.word(f"planet_help.{placement.planet.value}")
        return self.say(pool, slots, facts, fresh=fresh)

    def event(self, event: SkyEvent, *, ruler: bool = False) -> str:
        """A sentence announcing an event of the period, naming its day unless the period is a day.

        With `ruler`, a station or ingress calls the planet the reader's own: "your ruling planet,
        Mercury, turns retrograde today".
        """
        when = "today" if self.reading.period is Period.DAILY else on_day(event.day)
        claims = [
            Claim(
                ClaimKind(event.kind.value),
                event.planet,
                event.sign,
                event.house,
                event.day,
                event.detail,
                event.other,
            )
        ]
        slots = {"when": when} | self.planet(event.planet)
        if event.kind is not EventKind.ASPECT or event.slow_conjunction:
            assert event.sign is not None
            assert event.house is not None
            slots |= self.house(event.house) | {"event_sign": self.sign(event.sign)}
        if event.kind is EventKind.ASPECT:
            assert event.other is not None
            slots |= self.planet(event.other, "other") | {"aspect": event.detail}
            if event.slow_conjunction:
                slots["rarity"] = self.chooser.rotate("rarity", _rarities(event))
            else:
                # Every sign reads the same aspect: a rotation keeps their effects apart.
                effects = self._effect_pool(event)
                slots["effect"] = self.chooser.rotate(effects, self.bank[effects])
        elif event.kind is EventKind.ECLIPSE:
            assert event.house is not None
            claims += [_lunation_claim(e) for e in self.reading.events if _same_syzygy(e, event)]
            slots |= {
                "eclipse_name": eclipse_name(event.planet, event.detail),
                "grahan": grahan(event.planet),
                "axis_ordinal": ordinal(opposite(event.house)),
            }
        elif event.kind is EventKind.INGRESS and event.planet in SLOW_PLANETS:
            # A slow planet's ingress reaches all twelve signs at once: a rotation keeps their wordings apart.
            cycles = f"slow_cycle.{event.planet.value}"
            slots["cycle"] = self.chooser.rotate(cycles, self.bank[cycles])
        if ruler and event.kind in (EventKind.STATION, EventKind.INGRESS):
            slots["planet"] = f"your ruling planet, {event.planet.label},"
            claims.append(Claim(ClaimKind.RULER, event.planet))
        pool = event_pool(event)
        # The event's rank among its kind is the same for every sign, so signs stay apart. A dealt
        # pool keeps them apart by itself, and an offset that differs between signs (the rank of
        # the aspects each tells) would cluster its picks: it counts the entry's own uses instead.
        offset = (
            None if is_dealt(pool) else [e for e in self.reading.events if event_pool(e) == pool].index(event)
        )
        # Two sentences in a row opening "On June 29," (or "Today,") read as a list: take one that
        # does not. Sentences that name a house differ between signs whatever template they take.
        template = self._draw(pool, offset, undated=self._last_dated and event.house is not None)
        dated = template.startswith("{when}")
        if dated and self._last_dated and when == "today":
            # An aspect keeps its template (signs stay apart): "Today, ... Also today, ..." instead.
            slots["when"] = "also today"
        self._last_dated = dated
        return self.say(pool, slots, {"when": claims}, template=template)

    def _effect_pool(self, event: SkyEvent) -> str:
        """What an aspect does in a reader's day, told by its slower body: a retrograde body is
        never said to lend its gifts, so its aspects read as second chances and reviews."""
        assert event.other is not None
        bodies = [b for b in (event.other, event.planet) if b is not Planet.MOON]
        backwards = [b for b in bodies if self._retrograde_at(b, event.at)]
        if backwards:
            return f"aspect_effect.review.{backwards[0].value}"
        body = bodies[0] if bodies else Planet.MOON
        family = event_pool(event).rsplit(".", 1)[-1]
        if family == "conjunction":
            family = "challenging" if body in _HARD_MEETINGS else "harmonious"
        return f"aspect_effect.{family}.{body.value}"

    def _retrograde_at(self, planet: Planet, at: datetime) -> bool:
        """Whether a planet moves backwards at an instant of the period: its state at the reading's
        moment, changed by any station of the period before that instant."""
        backwards = self.reading.placements[planet].retrograde
        for station in self.reading.events:
            if station.kind is EventKind.STATION and station.planet is planet and station.at <= at:
                backwards = station.detail == "retrograde"
        return backwards

    def meaning(self, event: SkyEvent) -> list[str]:
        """What a big event means for the reader's houses, in a sentence or two (none for the rest)."""
        if event.house is None:
            return []
        matters = {"house_matters": self.matters(event.house)}
        if event.kind is EventKind.ECLIPSE:
            lunar = event.planet is Planet.MOON
            if lunar:
                matters["axis_matters"] = self.matters(opposite(event.house))
            said = [self.say(f"lead.eclipse.{'lunar' if lunar else 'solar'}", matters)]
            when = "today" if self.reading.period is Period.DAILY else on_day(event.day)
            if unseen_from_india(event.at):
                # No sutak or customs for a grahan India cannot see: say so, keep its meaning.
                rank = [e for e in self.reading.events if e.kind is EventKind.ECLIPSE].index(event)
                slots = {"grahan": grahan(event.planet), "when": when}
                said.append(self.say("lead.eclipse.unseen", slots, offset=rank))
            elif not self._eclipse_noted:
                # One general note an entry: a month with two eclipses would repeat its advice.
                self._eclipse_noted = True
                said.append(self.say("lead.eclipse.note", {"grahan": grahan(event.planet)}))
            return said
        if event.kind is EventKind.LUNATION:
            if event.detail not in ("new moon", "full moon"):
                return []
            return [self.say(f"lead.lunation.{event.detail}", matters)]
        planet = {"planet": event.planet.label}
        if event.kind is EventKind.STATION:
            if event.detail == "retrograde":
                advice = {"retro_advice": self._clear_of(f"retro_advice.{event.planet.value}", matters)}
                return [self.say("lead.station.retrograde", planet | matters | advice)]
            return [self.say("lead.station.direct", planet | matters)]
        if event.kind is EventKind.INGRESS and event.detail == "direct" and event.planet in SLOW_PLANETS:
            gift = {"planet_gift": self._clear_of(f"planet_gift.{event.planet.value}", matters)}
            return [self.say("lead.ingress", planet | matters | gift)]
        if event.slow_conjunction:
            assert event.other is not None
            gifts = {
                "other": event.other.label,
                "planet_gift": self._clear_of(f"planet_gift.{event.planet.value}", matters),
                "other_gift": self._clear_of(f"planet_gift.{event.other.value}", matters),
            }
            return [self.say("lead.conjunction", planet | matters | gifts)]
        return []

    def _clear_of(self, pool: str, matters: Mapping[str, str]) -> str:
        """A pick from a word list sharing no word with the matters it goes with ('faith' for
        'faith', 'your phone' for 'scooter, phone and commute'); rotated, since every sign reads
        the same station or ingress and a seeded pick would give several signs the same words."""
        taken = _stems(" ".join(matters.values()))
        items = self.bank[pool]
        return self.chooser.rotate(pool, [w for w in items if not taken & _stems(w)] or items)


def _stems(text: str) -> set[str]:
    """Content words by their first four letters: 'talk' and 'talks' are one."""
    return {w[:4] for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3 and w not in _FUNCTION_WORDS}


def _same_syzygy(lunation: SkyEvent, eclipse: SkyEvent) -> bool:
    """The new or full Moon an eclipse happens at: the sentence telling the one tells the other."""
    phase = "full moon" if eclipse.planet is Planet.MOON else "new moon"
    return (
        lunation.kind is EventKind.LUNATION
        and lunation.detail == phase
        and abs(lunation.at - eclipse.at) < timedelta(days=1)
    )


def _lunation_claim(lunation: SkyEvent) -> Claim:
    return Claim(
        ClaimKind.LUNATION, Planet.MOON, lunation.sign, lunation.house, lunation.day, lunation.detail
    )


# Said after the meeting's sentence, which already uses 'meet', 'join', 'conjunction' and 'time'.
_SINCE = (
    "their first pairing since {}",
    "a line-up not seen since {}",
    "the first such alignment since {}",
    "a sight the sky has not shown since {}",
    "a pairing missing from the sky since {}",
    "an event not repeated since {}",
)
_CYCLE = (
    "a pairing that comes round only about once in {} years",
    "an alignment that happens roughly once every {} years",
    "a sight the sky repeats only about every {} years",
    "an event that occurs once in about {} years",
)


def _rarities(event: SkyEvent) -> list[str]:
    """Ways of saying how rare a meeting of slow planets is: 'their first pairing since 1989'."""
    assert event.other is not None
    year = previous_conjunction_year(event.planet, event.other, event.at)
    if year is not None:
        return [phrase.format(year) for phrase in _SINCE]
    years = meeting_cycle_years(event.planet, event.other)
    return [phrase.format(years) for phrase in _CYCLE]


def event_pool(event: SkyEvent) -> str:
    """The pool that announces an event: 'event.station.retrograde', 'event.aspect.harmonious'."""
    if event.kind is EventKind.ECLIPSE:
        return f"event.eclipse.{'lunar' if event.planet is Planet.MOON else 'solar'}"
    if event.slow_conjunction:
        return "event.conjunction.slow"
    if event.kind is EventKind.INGRESS and event.detail == "direct" and event.planet in SLOW_PLANETS:
        return "event.ingress.slow"
    if event.kind is EventKind.ASPECT:
        family = (
            "conjunction"
            if event.detail == "conjunction"
            else "harmonious"
            if event.detail in HARMONIOUS_ASPECTS
            else "challenging"
        )
        return f"event.aspect.{family}"
    return f"event.{event.kind.value}.{event.detail}"

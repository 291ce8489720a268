"""One entry's drafting desk: renders sentences from the banks and records the facts they state."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from service.content.calendar import Period
from service.content.claims import Claim, ClaimKind
from service.content.phrases import Bank, render, slots_of
from service.content.reading import EventKind, Placement, Reading, SkyEvent
from service.content.variety import Chooser
from service.content.wording import on_day, ordinal, sign_name
from service.content.zodiac import Planet, Sign

_SPANS = {Period.DAILY: "today", Period.WEEKLY: "this week", Period.MONTHLY: "this month"}
_PERIOD_WORDS = {Period.DAILY: "day", Period.WEEKLY: "week", Period.MONTHLY: "month"}
HARMONIOUS_ASPECTS = frozenset({"trine", "sextile"})


class Draft:
    """Renders sentences for one reading and keeps the claims of every fact a sentence states."""

    def __init__(self, reading: Reading, bank: Bank, chooser: Chooser) -> None:
        self.reading = reading
        self.bank = bank
        self.chooser = chooser
        self.claims: list[Claim] = []
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
    ) -> str:
        """A sentence from `pool` (by rotation); claims in `facts` count where their slot is used."""
        template = self.chooser.rotate(pool, self.bank[pool], offset)
        used = slots_of(template)
        for slot, claims in (facts or {}).items():
            if slot in used:
                self.claims.extend(claims)
        return render(template, {**self._base, **(slots or {})})

    def word(self, pool: str) -> str:
        """A seeded pick from a word list, where no variety guarantee rests on it."""
        return self.chooser.pick(self.bank[pool])

    def house(self, house: int, prefix: str = "") -> dict[str, str]:
        """Slots naming a house: 'fifth' and one of its themes."""
        return {
            f"{prefix}house_ordinal": ordinal(house),
            f"{prefix}house_theme": self.word(f"house_theme.{house}"),
        }

    def planet(self, planet: Planet, slot: str = "planet") -> dict[str, str]:
        """Slots naming a planet: 'Venus' and one of its themes ('other' names an aspect's second)."""
        return {slot: planet.label, f"{slot}_theme": self.word(f"planet_theme.{planet.value}")}

    def sign(self, sign: Sign) -> str:
        """A sign's printed name in the reading's system."""
        return sign_name(sign, self.reading.system)

    def placement(self, pool: str, placement: Placement, *, throughout: bool = True) -> str:
        """A sentence about where a planet stands, claiming its sign and house."""
        claim = Claim(
            ClaimKind.PLANET_SIGN if placement.planet is not Planet.MOON else ClaimKind.MOON_SIGN,
            placement.planet,
            placement.sign,
            placement.house,
            detail="throughout" if throughout else "at the start",
        )
        facts: dict[str, list[Claim]] = {"planet_sign": [claim], "house_ordinal": [claim]}
        if pool == "retrograde_note":
            facts["planet"] = [Claim(ClaimKind.RETROGRADE, placement.planet)]
        slots = self.planet(placement.planet) | self.house(placement.house)
        slots["planet_sign"] = self.sign(placement.sign)
        return self.say(pool, slots, facts)

    def event(self, event: SkyEvent) -> str:
        """A sentence announcing an event of the period, naming its day unless the period is a day."""
        when = "today" if self.reading.period is Period.DAILY else on_day(event.day)
        claim = Claim(
            ClaimKind(event.kind.value),
            event.planet,
            event.sign,
            event.house,
            event.day,
            event.detail,
            event.other,
        )
        slots = {"when": when} | self.planet(event.planet)
        if event.kind is EventKind.ASPECT:
            assert event.other is not None
            slots |= self.planet(event.other, "other") | {"aspect": event.detail}
        else:
            assert event.sign is not None
            assert event.house is not None
            slots |= self.house(event.house) | {"event_sign": self.sign(event.sign)}
        pool = event_pool(event)
        # The event's rank among its kind is the same for every sign, so signs stay apart.
        rank = [e for e in self.reading.events if event_pool(e) == pool].index(event)
        return self.say(pool, slots, {"when": [claim]}, offset=rank)


def event_pool(event: SkyEvent) -> str:
    """The pool that announces an event: 'event.station.retrograde', 'event.aspect.harmonious'."""
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

"""The Vedic edition's writer: a rashifal from a `VedicReading`, in the idiom of an Indian desk.

A daily entry reads: Chandra's sign, house and nakshatra, what that house means by the gochar rule,
and the day's tithi by its class (paragraph 1); the day's event or the slow grahas' standing
(Shani's Sade Sati or Dhaiya, Guru, Rahu and Ketu), with a drishti or yuti on Chandra, or a
combust graha (paragraph 2); the shubh muhurat beside Rahu Kaal, and the remedy (paragraph 3). A
weekly or monthly entry names every graha's ingress, station, Purnima, Amavasya and eclipse of the
period with its date. Every sentence comes from `data/vedic/rashifal.yaml` and every sky fact
it states is recorded as a `Claim` (Rahu and Ketu have none: they are points, checked in tests).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml

from service.content.calendar import Period
from service.content.claims import Claim, ClaimKind
from service.content.entries import Lucky, Section, Sections
from service.content.festivals import FESTIVALS, Festival, festivals_on
from service.content.grahan import unseen_from_india
from service.content.grahas import COLOURS, FRIENDS, NUMBERS, Graha, lord_of
from service.content.muhurat import GRAHAN, Muhurat, printable
from service.content.occasions import occasion_bank
from service.content.panchang import Panchang
from service.content.phrases import load_bank, render, slots_of
from service.content.reading import EventKind, SkyEvent
from service.content.sections import rating_band, tone_pool
from service.content.tone import day_tone
from service.content.variety import Chooser
from service.content.vedic_reading import (
    GOOD_MOON_HOUSES,
    HARD_MOON_HOUSES,
    VEDIC_AREA_HOUSES,
    GrahaPlacement,
    NodeIngress,
    VedicReading,
)
from service.content.wording import clock, local_time, on_day, time_of_day
from service.content.yaml_loader import SafeLoader
from service.content.zodiac import Planet, Sign

_SPANS = {Period.DAILY: "today", Period.WEEKLY: "this week", Period.MONTHLY: "this month"}
_PERIOD_SPANS = {Period.WEEKLY: "week", Period.MONTHLY: "month"}
HOUSE_MATTERS = {
    1: "your health and self-confidence",
    2: "family money and savings",
    3: "courage, siblings and short trips",
    4: "home, mother and property",
    5: "children, studies and romance",
    6: "daily work, loans and health routines",
    7: "marriage and partnerships",
    8: "sudden events and long-pending matters",
    9: "luck, faith and long journeys",
    10: "career and standing",
    11: "income and friendships",
    12: "expenses, sleep and travel abroad",
}
_FOCUS_WORDS = {
    "love": "family and relationships",
    "career": "work and career",
    "money": "money matters",
    "health": "health and routine",
    "home": "home and family",
    "learning": "studies and travel",
    "friendship": "friends and social circles",
    "renewal": "rest and spiritual practice",
}
_TITHI_CLASSES = ("nanda", "bhadra", "jaya", "rikta", "purna")
# The nakshatras' classes in the muhurta texts (Muhurta Chintamani), Ashwini first.
NAKSHATRA_CLASSES = (
    "kshipra", "ugra", "mishra", "dhruva", "mridu", "tikshna", "chara", "kshipra", "tikshna",
    "ugra", "ugra", "dhruva", "kshipra", "mridu", "chara", "mishra", "mridu", "tikshna",
    "tikshna", "ugra", "dhruva", "chara", "chara", "chara", "ugra", "dhruva", "mridu",
)  # fmt: skip
_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def ordinal(n: int) -> str:
    """1 -> '1st', 12 -> '12th': houses as Indian astrologers write them."""
    return f"{n}{'th' if 10 <= n % 100 <= 20 else _ORDINAL_SUFFIX.get(n % 10, 'th')}"


def rashi(sign: Sign) -> str:
    """The rashi's name as portals print it: 'Singh'."""
    return sign.facts.sidereal_name


@cache
def vedic_bank() -> Mapping[str, tuple[str, ...]]:
    """The Vedic phrase bank, flattened to dotted pool names, checked at load."""
    return load_pools("data/vedic/rashifal.yaml")


def load_pools(path: str, normalise: Callable[[str], str] = str) -> dict[str, tuple[str, ...]]:
    """A rashifal bank (`path` under service.content), flattened to dotted pool names; a pool with
    a duplicate or a malformed template raises here, at load."""
    text = resources.files("service.content").joinpath(path).read_text("utf-8")
    tree = yaml.load(text, Loader=SafeLoader)
    pools = {name: tuple(normalise(item) for item in items) for name, items in _flatten(tree)}
    for name, items in pools.items():
        if len(set(items)) != len(items):
            raise ValueError(f"{path}: {name} has duplicate entries")
        for item in items:
            slots_of(item)
    return pools


def _flatten(tree: Any, prefix: str = "") -> Any:
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _flatten(value, f"{prefix}{key}.")
    else:
        yield prefix.rstrip("."), tuple(str(item) for item in tree)


class VedicDesk:
    """Writes one Vedic entry and keeps the claims of every fact its sentences state."""

    def __init__(self, reading: VedicReading, chooser: Chooser) -> None:
        self.reading = reading
        self.chooser = chooser
        self.bank = vedic_bank()
        self.claims: list[Claim] = []
        self._base = {"rashi": rashi(reading.rashi), "span": _SPANS[reading.period]}

    def say(self, pool: str, slots: Mapping[str, str] | None = None, claims: Sequence[Claim] = ()) -> str:
        """A sentence from `pool` by rotation, recording the claims it states."""
        self.claims.extend(claims)
        return render(self.chooser.rotate(pool, self.bank[pool]), {**self._base, **(slots or {})})

    def say_at(
        self, pool: str, turn: int, slots: Mapping[str, str] | None = None, claims: Sequence[Claim] = ()
    ) -> str:
        """The sentence at `turn` (modulo the pool's length) of `pool`, for a pool whose draw the
        writer works out itself (the upay's weekly turn, a festival's place in the calendar)."""
        self.claims.extend(claims)
        items = self.bank[pool]
        return render(items[turn % len(items)], {**self._base, **(slots or {})})

    def fresh(self, pool: str) -> str:
        """A fresh pick (`Chooser.fresh`) from a pool of the Western bank the edition shares: the
        life areas' tone lines by rating and their closing tips. The pick is keyed apart from the
        Western edition's, so the two editions of a sign do not print the same lines on a day."""
        return render(self.chooser.fresh(f"vedic {pool}", load_bank()[pool]), self._base)

    def placement_claim(self, p: GrahaPlacement) -> list[Claim]:
        """The claim that a visible graha stands in its sign (none for Rahu and Ketu)."""
        planet = p.graha.planet
        if planet is None:
            return []
        kind = ClaimKind.MOON_SIGN if planet is Planet.MOON else ClaimKind.PLANET_SIGN
        return [Claim(kind, planet, p.sign, p.house, detail="throughout" if p.steady else "")]


# The body ---------------------------------------------------------------------------------------


def write_body(desk: VedicDesk) -> list[list[str]]:
    """The body, paragraph by paragraph and sentence by sentence."""
    if desk.reading.period is Period.DAILY:
        return _daily(desk)
    return _extended(desk)


def _daily(desk: VedicDesk) -> list[list[str]]:
    reading = desk.reading
    events = [e for e in reading.base.events if e.day == reading.base.first_day]
    # A new or full Moon (or an eclipse) is told with its sign: then the Moon's sentence leaves it out.
    lunation = any(
        e.kind is EventKind.ECLIPSE
        or (e.kind is EventKind.LUNATION and e.detail in ("new moon", "full moon"))
        for e in events
    )
    news = [_event_sentence(desk, e) for e in _worth_telling(events)]
    news += [_node_sentence(desk, n) for n in reading.node_ingresses if n.graha is Graha.RAHU]
    moon = [_moon_sentence(desk, lunation), _moon_meaning(desk)]
    tithi = _tithi(desk)
    if news:  # the day's event leads; the nakshatra opens the second paragraph
        first = [news[0], *moon, tithi]
        second = [_nakshatra(desk), *news[1:2]]
    else:
        first = [*moon, _nakshatra(desk), tithi]
        second = []
    # The slow grahas are told when they touch Chandra today, so a sign's week never repeats itself.
    company, shani_touch = _moon_company(desk)
    second += [company] if company is not None else []
    if shani_touch and reading.shani is not None:
        second.append(
            desk.say(
                f"spell_today.{'sade sati' if reading.shani.sade_sati else 'dhaiya'}",
                {"house": ordinal(reading.moon.house)},
            )
        )
    extras = [_combust_lord(desk), _moon_lord(desk), _nakshatra_lord(desk)]
    second += [e for e in extras if e is not None][: max(0, 3 - len(second))]
    for standing in _standing_topics(desk)[: max(0, 2 - len(second))]:
        second.append(standing(desk))
    third = [_muhurat(desk), _lucky_sentence(desk), _close(desk), _upay(desk)]
    festivals = festivals_on(reading.base.first_day, reading.rahu_kaal_day.place)
    if festivals:
        # The festival opens the day, and the tithi's verdict gives way: a Rikta tithi's "launch
        # nothing" would argue with Diwali's Lakshmi Puja.
        festival = _festival(desk, festivals[0])
        first = [festival, *(sentence for sentence in first if sentence != tithi)]
    return [first, second, third]


def festival_noun(festival: Festival) -> str:
    """The festival as a sentence names it: the calendar's 'Sharad Navratri begins' is 'Sharad Navratri'."""
    return festival.name.removesuffix(" begins")


def _festival(desk: VedicDesk, festival: Festival) -> str:
    """The festival's line. Every sign reads it on the day, so each takes its own template (the pool
    holds 12 or more), and each festival of the calendar moves the templates on by one: a sign
    meets no template twice within a festival season (fewer festivals than templates in 30 days)."""
    turn = desk.reading.base.first_day.year + FESTIVALS.index(festival) + desk.reading.rashi.index
    return desk.say_at("festival", turn, {"festival": festival_noun(festival)})


def _lucky_sentence(desk: VedicDesk) -> str:
    reading = desk.reading
    chosen = lucky(desk)
    house = lucky_house(desk)
    slots = {
        "colour": chosen.color.lower(),
        "number": str(chosen.number),
        "lord": lord_of(reading.rashi.shifted(house - 1)).label,
        "house": ordinal(house),
        "tithi": _tithi_name(reading.panchang) if reading.panchang is not None else "",
    }
    pool = (
        "lucky.chandra"
        if slots["lord"] == Graha.CHANDRA.label
        else "lucky.rashi"
        if house == 1
        else "lucky.trikona"
    )
    lord = reading.placements[lord_of(reading.rashi.shifted(house - 1))]
    return desk.say(pool, slots, desk.placement_claim(lord))


def _close(desk: VedicDesk) -> str:
    house = desk.reading.moon.house
    slots = {"house": ordinal(house), "focus": _FOCUS_WORDS[desk.reading.focus]}
    return desk.say(f"close.{moon_day_quality(house)}", slots)


def _nakshatra(desk: VedicDesk) -> str:
    panchang = desk.reading.panchang
    assert panchang is not None
    nakshatra = panchang.nakshatra
    slots = {
        "nakshatra": nakshatra.name,
        "nak_end": _end_time(nakshatra.ends_at, panchang.date),
        "house_area": HOUSE_MATTERS[desk.reading.moon.house],
    }
    return desk.say(f"nakshatra.{NAKSHATRA_CLASSES[nakshatra.number - 1]}", slots)


def _worth_telling(events: list[SkyEvent]) -> list[SkyEvent]:
    """The day's events in order of weight: eclipses, lunations (new and full only), stations, ingresses."""
    told = [
        e
        for e in events
        if e.kind in (EventKind.ECLIPSE, EventKind.STATION, EventKind.INGRESS)
        or (e.kind is EventKind.LUNATION and e.detail in ("new moon", "full moon"))
    ]
    eclipses = [e for e in told if e.kind is EventKind.ECLIPSE]
    if eclipses:  # the eclipse sentence tells its new or full Moon too
        told = [e for e in told if e.kind is not EventKind.LUNATION]
    return sorted(told, key=lambda e: -e.weight)


def _moon_sentence(desk: VedicDesk, lunation_day: bool) -> str:
    reading = desk.reading
    panchang = reading.panchang
    assert panchang is not None
    moon = reading.moon
    change = reading.base.moon_change
    if change is not None:
        at = time_of_day(change.at, reading.base.timezone)
        slots = {
            "from_sign": rashi(change.from_sign),
            "from_house": ordinal(change.from_house),
            "moon_sign": rashi(change.sign),
            "house": ordinal(change.house),
            "at": at,
            "at_cap": at[:1].upper() + at[1:],
        }
        day = local_time(change.at, reading.base.timezone).date()
        claim = Claim(ClaimKind.MOON_INGRESS, Planet.MOON, change.sign, change.house, day, at)
        # The day is read from the sign Chandra holds for most of it: after a late change that is
        # the sign it leaves, so the sentence leads with that house, as the rest of the entry does.
        late = moon.house == change.from_house
        return desk.say("moon.change_late" if late else "moon.change", slots, [claim])
    slots = {"moon_sign": rashi(moon.sign), "house": ordinal(moon.house)}
    claims = desk.placement_claim(moon)
    if lunation_day:
        return desk.say("moon.lunation_day", slots, claims)
    return desk.say("moon.steady", slots, claims)


def _end_time(at: datetime, day: date) -> str:
    """'10:57 PM', or '12:22 AM on February 6' past midnight."""
    text = clock(at.hour * 60 + at.minute)
    return text if at.date() == day else f"{text} on {on_day(at.date()).removeprefix('on ')}"


def _moon_meaning(desk: VedicDesk) -> str:
    return desk.say(f"moon_house.{desk.reading.moon.house}")


def _tithi(desk: VedicDesk) -> str:
    panchang = desk.reading.panchang
    assert panchang is not None
    tithi = panchang.tithi
    within = (tithi.number - 1) % 15 + 1
    name = _tithi_name(panchang)
    if within == 11:
        pool = "tithi.ekadashi"
    elif tithi.number == 15:
        pool = "tithi.purnima"
    elif tithi.number == 30:
        pool = "tithi.amavasya"
    else:
        pool = f"tithi.{_TITHI_CLASSES[(within - 1) % 5]}"
    return desk.say(pool, {"tithi": name})


def _event_sentence(desk: VedicDesk, event: SkyEvent) -> str:
    reading = desk.reading
    assert event.sign is not None
    assert event.house is not None
    daily = reading.period is Period.DAILY
    when = "today" if daily else on_day(event.day)
    slots = {
        "when": when,
        "when_cap": when[:1].upper() + when[1:],
        "when_plain": "today" if daily else on_day(event.day).removeprefix("on "),
        "sign": rashi(event.sign),
        "house": ordinal(event.house),
        "house_area": HOUSE_MATTERS[event.house],
        "graha": Graha.of(event.planet).label,
        "graha_cap": Graha.of(event.planet).label,
    }
    claim = Claim(ClaimKind(event.kind.value), event.planet, event.sign, event.house, event.day, event.detail)
    if event.kind is EventKind.ECLIPSE:
        lunar = event.planet is Planet.MOON
        slots |= {
            "eclipse": f"{event.detail} {'lunar' if lunar else 'solar'} eclipse",
            "grahan": "Chandra Grahan" if lunar else "Surya Grahan",
        }
        # No sutak for a grahan India cannot see: the sentence says so instead of asking for it.
        pool = "event.grahan_unseen" if unseen_from_india(event.at) else "event.grahan"
        return desk.say(pool, slots, [claim])
    if event.kind is EventKind.LUNATION:
        pool = "event.purnima" if event.detail == "full moon" else "event.amavasya"
        return desk.say(pool, slots, [claim])
    if event.kind is EventKind.STATION:
        pool = "event.vakri" if event.detail == "retrograde" else "event.margi"
        return desk.say(pool, slots, [claim])
    pool = "event.ingress_vakri" if event.detail == "retrograde" else "event.ingress"
    return desk.say(pool, slots, [claim])


def _node_sentence(desk: VedicDesk, node: NodeIngress) -> str:
    daily = desk.reading.period is Period.DAILY
    when = "today" if daily else on_day(node.day)
    ketu = node.sign.shifted(6)
    slots = {
        "when": when,
        "when_cap": when[:1].upper() + when[1:],
        "sign": rashi(node.sign),
        "house": ordinal(node.house),
        "ketu_sign": rashi(ketu),
        "ketu_house": ordinal(desk.reading.rashi.house_of(ketu)),
    }
    return desk.say("event.node", slots)


def _standing_topics(desk: VedicDesk) -> list[Any]:
    """The slow grahas' standing (Shani, Guru, the nodes) in the day's order: they take turns."""
    writers = [_shani, _guru, _nodes]
    start = desk.chooser.rotate("standing", range(3))
    return writers[start:] + writers[:start]


def _shani(desk: VedicDesk) -> str:
    reading = desk.reading
    p = reading.placements[Graha.SHANI]
    slots = {"sign": rashi(p.sign), "house": ordinal(p.house), "house_area": HOUSE_MATTERS[p.house]}
    pool = f"shani.{reading.shani.value}" if reading.shani is not None else "shani.house"
    return desk.say(pool, slots, desk.placement_claim(p))


def _guru(desk: VedicDesk) -> str:
    p = desk.reading.placements[Graha.GURU]
    slots = {"sign": rashi(p.sign), "house": ordinal(p.house), "house_area": HOUSE_MATTERS[p.house]}
    claims = desk.placement_claim(p)
    stations = [
        e for e in desk.reading.base.events if e.kind is EventKind.STATION and e.planet is Planet.JUPITER
    ]
    if p.vakri and not stations:
        return desk.say("guru_vakri", slots, [*claims, Claim(ClaimKind.RETROGRADE, Planet.JUPITER)])
    return desk.say("guru", slots, claims)


def _nodes(desk: VedicDesk) -> str:
    reading = desk.reading
    rahu, ketu = reading.placements[Graha.RAHU], reading.placements[Graha.KETU]
    slots = {
        "sign": rashi(rahu.sign),
        "house": ordinal(rahu.house),
        "house_area": HOUSE_MATTERS[rahu.house],
        "ketu_sign": rashi(ketu.sign),
        "ketu_house": ordinal(ketu.house),
    }
    return desk.say("nodes.upachaya" if rahu.house in (3, 6, 10, 11) else "nodes.other", slots)


def _moon_company(desk: VedicDesk) -> tuple[str | None, bool]:
    """Chandra's yuti with other grahas, else the strongest drishti it receives (None when alone),
    and whether Shani is the one touching it."""
    reading = desk.reading
    moon = reading.moon
    company = [p for p in reading.in_house(moon.house) if p.graha is not Graha.CHANDRA]
    if company:
        names = [p.graha.label for p in company]
        others = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        claims = [c for p in company if p.steady for c in desk.placement_claim(p)]
        if len(claims) < len([p for p in company if p.graha.planet is not None]):
            return None, False  # a companion changes sign today: leave the yuti untold
        slots = {"others": others, "house": ordinal(moon.house), "house_area": HOUSE_MATTERS[moon.house]}
        shani = any(p.graha is Graha.SHANI for p in company)
        return desk.say("yuti", slots, claims + desk.placement_claim(moon)), shani
    for graha, pool in (
        (Graha.GURU, "glance.benefic"),
        (Graha.SHANI, "glance.shani"),
        (Graha.MANGAL, "glance.mangal"),
    ):
        glance = next((g for g in reading.glances_on(moon.house) if g.graha is graha), None)
        source = reading.placements[graha]
        if glance is not None and source.steady:
            slots = {"nth": ordinal(glance.nth), "sign": rashi(source.sign), "house": ordinal(moon.house)}
            sentence = desk.say(pool, slots, desk.placement_claim(source) + desk.placement_claim(moon))
            return sentence, graha is Graha.SHANI
    return None, False


def _combust_lord(desk: VedicDesk) -> str | None:
    """The lord of Chandra's sign when it is ast (combust): told while Chandra is in its sign."""
    reading = desk.reading
    lord = reading.placements[lord_of(reading.moon.sign)]
    sun = reading.placements[Graha.SURYA]
    if not (lord.ast and lord.steady and sun.steady):
        return None
    slots = {"graha": lord.graha.label, "graha_cap": lord.graha.label, "house": ordinal(reading.moon.house)}
    return desk.say("ast_lord", slots, desk.placement_claim(lord) + desk.placement_claim(sun))


_NAKSHATRA_LORDS = (
    Graha.KETU, Graha.SHUKRA, Graha.SURYA, Graha.CHANDRA, Graha.MANGAL,
    Graha.RAHU, Graha.GURU, Graha.SHANI, Graha.BUDH,
)  # fmt: skip


def _nakshatra_lord(desk: VedicDesk) -> str | None:
    """The Vimshottari lord of the sunrise nakshatra and its house (none when it is Chandra itself)."""
    reading = desk.reading
    panchang = reading.panchang
    assert panchang is not None
    lord = reading.placements[_NAKSHATRA_LORDS[(panchang.nakshatra.number - 1) % 9]]
    # A lord that changes sign today would be placed in a sign it has left (Budh, 22 August 2026).
    if lord.graha is Graha.CHANDRA or not lord.steady:
        return None
    slots = {
        "nakshatra": panchang.nakshatra.name,
        "lord": lord.graha.label,
        "sign": rashi(lord.sign),
        "house": ordinal(lord.house),
        "house_area": HOUSE_MATTERS[lord.house],
    }
    return desk.say("nakshatra_lord", slots, desk.placement_claim(lord))


def _moon_lord(desk: VedicDesk) -> str | None:
    """Where the lord of Chandra's sign sits (kendra and trikona strong, dusthana weak)."""
    reading = desk.reading
    moon = reading.moon
    lord = reading.placements[lord_of(moon.sign)]
    # In Chandra's own sign the lord is Chandra's companion: the yuti sentence tells it.
    if lord.graha is Graha.CHANDRA or not lord.steady or lord.ast or lord.sign is moon.sign:
        return None
    kind = "good" if lord.house in (1, 4, 5, 7, 9, 10) else "hard" if lord.house in (6, 8, 12) else "mixed"
    slots = {
        "lord": lord.graha.label,
        "house": ordinal(moon.house),
        "sign": rashi(lord.sign),
        "lord_house": ordinal(lord.house),
    }
    return desk.say(f"moon_lord.{kind}", slots, desk.placement_claim(lord))


def _muhurat(desk: VedicDesk) -> str:
    day = desk.reading.rahu_kaal_day
    muhurat = chosen_muhurat(desk)
    start, end = printable(muhurat)
    rahu_kaal = day.rahu_kaal
    slots = {
        "m_name": muhurat.name,
        "m_start": _clock(start),
        "m_end": _clock(end),
        "rk_start": _clock(rahu_kaal.start),
        "rk_end": _clock(rahu_kaal.end),
    }
    if muhurat.name == GRAHAN:
        grahan = day.eclipse
        assert grahan is not None
        assert grahan.end is not None
        slots["g_end"] = _clock(grahan.end)
        return desk.say("muhurat_grahan", slots)
    return desk.say("muhurat", slots)


def chosen_muhurat(desk: VedicDesk) -> Muhurat:
    """The entry's shubh muhurat: one of the day's, by rotation so that signs spread over them."""
    muhurats = desk.reading.muhurats
    return muhurats[(desk.reading.rashi.index + desk.reading.base.first_day.toordinal()) % len(muhurats)]


def _clock(at: datetime) -> str:
    return clock(at.hour * 60 + at.minute)


def _upay(desk: VedicDesk) -> str:
    """The remedy. A daily entry's is for the weekday's graha (Monday Chandra ... Sunday Surya), as
    portals print 'aaj ka upay'; a weekly or monthly one's for Shani during Sade Sati or Dhaiya,
    else for the rashi's lord. It rests on where that graha stands (some remedies name it: 'the
    Shani Chalisa'). Each graha's pool holds 12, taken in turn by the week (or month) and the sign:
    the 12 signs of a period read 12 different remedies, and a sign meets one again after 12 turns."""
    reading = desk.reading
    first = reading.base.first_day
    if reading.period is Period.DAILY:
        graha, turn = _WEEKDAY_LORDS[first.weekday()], first.toordinal() // 7
        when = f"this {first.strftime('%A')}"
    else:
        graha = Graha.SHANI if reading.shani is not None else reading.lord
        weekly = reading.period is Period.WEEKLY
        # Moved on from the daily turn, so Saturday's Shani remedy is not the week's as well.
        turn = first.toordinal() // 7 + 6 if weekly else first.year * 12 + first.month
        when = f"this {_PERIOD_SPANS[reading.period]}"
    claims = desk.placement_claim(reading.placements[graha])
    return desk.say_at(f"upay.{graha.value}", turn + reading.rashi.index, {"upay_when": when}, claims)


def _tithi_name(panchang: Panchang) -> str:
    """'Krishna Chaturthi', 'Purnima', 'Amavasya'."""
    tithi = panchang.tithi
    within = (tithi.number - 1) % 15 + 1
    return tithi.name if within == 15 else f"{tithi.paksha.value.capitalize()} {tithi.name}"


def _extended(desk: VedicDesk) -> list[list[str]]:
    reading = desk.reading
    span_word = {"span": _PERIOD_SPANS[reading.period]}
    moon = reading.moon
    dated: list[tuple[datetime, Any]] = [(e.at, e) for e in _period_events(reading)]
    dated += [(n.at, n) for n in reading.node_ingresses if n.graha is Graha.RAHU]
    dated.sort(key=lambda pair: pair[0])
    # The opening line points to the dates that follow: a week with no event goes without it.
    opening = [desk.say("period_open", span_word)] if dated else []
    opening += [
        desk.say(
            "period_moon",
            span_word
            | {
                "moon_sign": rashi(moon.sign),
                "house": ordinal(moon.house),
                "house_area": HOUSE_MATTERS[moon.house],
            },
            [Claim(ClaimKind.MOON_SIGN, Planet.MOON, moon.sign, moon.house, detail="at the start")],
        ),
        _shani(desk),
    ]
    sentences = [
        _node_sentence(desk, item) if isinstance(item, NodeIngress) else _event_sentence(desk, item)
        for _, item in dated
    ]
    middle = [sentences[i : i + 4] for i in range(0, len(sentences), 4)]
    # The slow grahas' standing over the period, unless they change sign in it (their ingress is told).
    moving = {e.planet for e in reading.base.events if e.kind is EventKind.INGRESS}
    standing = [_guru(desk)] if Planet.JUPITER not in moving else []
    standing += [_nodes(desk)] if not reading.node_ingresses else []
    if middle and len(middle[-1]) == 1:
        if len(middle) > 1:
            middle[-2], middle[-1] = middle[-2][:-1], [middle[-2][-1], *middle[-1]]
        else:
            standing = middle.pop() + standing
    if len(standing) == 1:  # no paragraph of one sentence: it joins the one before (the opening has 3)
        (middle[-1] if middle and len(middle[-1]) < 4 else opening).extend(standing)
        standing = []
    middle += [standing] if standing else []
    closing = [
        desk.say("period_close", span_word | {"focus_area": _FOCUS_WORDS[reading.focus]}),
        _period_lucky(desk),
        _upay(desk),
    ]
    return [opening, *middle, closing]


def _period_lucky(desk: VedicDesk) -> str:
    """The lucky day, colour and number of a week or month, and the lord they come from."""
    chosen = lucky(desk)
    assert chosen.day is not None
    house = lucky_house(desk)
    lord = desk.reading.placements[lord_of(desk.reading.rashi.shifted(house - 1))]
    slots = {
        "span": _PERIOD_SPANS[desk.reading.period],
        "lucky_day": f"{chosen.day:%A}, {on_day(chosen.day).removeprefix('on ')}",
        "colour": chosen.color.lower(),
        "number": str(chosen.number),
        "lord": lord.graha.label,
        "house": ordinal(house),
    }
    return desk.say("period_lucky", slots, desk.placement_claim(lord))


def _period_events(reading: VedicReading) -> list[SkyEvent]:
    """Every ingress and station of the grahas, every new and full Moon and eclipse, by date."""
    events = [
        e
        for e in reading.base.events
        if e.kind in (EventKind.ECLIPSE, EventKind.STATION)
        or (e.kind is EventKind.INGRESS and e.planet is not Planet.MOON)
        or (e.kind is EventKind.LUNATION and e.detail in ("new moon", "full moon"))
    ]
    eclipsed = {
        (e.day, "full moon" if e.planet is Planet.MOON else "new moon")
        for e in events
        if e.kind is EventKind.ECLIPSE
    }
    events = [e for e in events if not (e.kind is EventKind.LUNATION and (e.day, e.detail) in eclipsed)]
    if len(events) > 12:  # a crowded month: keep the fast planets' ingresses out first
        fast = (Planet.SUN, Planet.MERCURY, Planet.VENUS)
        events = [e for e in events if not (e.kind is EventKind.INGRESS and e.planet in fast)] or events
    return events


# Sections, headline, teaser and the small fields -------------------------------------------------


_AREAS = ("love", "career", "money", "health")
_NOTES = {Period.DAILY: 1, Period.WEEKLY: 4, Period.MONTHLY: 4}  # sections with a graha's note at most


def write_sections(desk: VedicDesk) -> Sections:
    """Love, career, money and health: the rating's tone, at times a graha that explains it, and a tip.

    A day's graha note goes to one section, the first whose rating stands furthest from an even 3
    and has a graha to explain it: a daily entry that explained every rating by a placement would
    read as a table. A week or a month has room for all four.
    """
    ratings = desk.reading.ratings
    most = _NOTES[desk.reading.period]
    noted: set[Graha] = set()  # the 6th house serves two areas: tell each graha once
    notes: dict[str, str] = {}
    for area in sorted(_AREAS, key=lambda a: -abs(ratings[a] - 3)):
        if len(notes) < most and (note := _note(desk, area, noted)) is not None:
            notes[area] = note
    love, career, money, health = (_section(desk, area, notes.get(area)) for area in _AREAS)
    return Sections(love=love, career=career, money=money, health=health)


def _section(desk: VedicDesk, area: str, note: str | None) -> Section:
    """The rating's tone line and the closing tip, fresh from the Western edition's pools (60+ lines
    per rating, 100+ tips per area), with the graha's note, if any, between them."""
    rating = desk.reading.ratings[area]
    tone = desk.fresh(tone_pool(area, rating))
    tip = desk.fresh(f"section_tip.{area}")
    return Section(" ".join(s for s in (tone, note, tip) if s), rating)


def _note(desk: VedicDesk, area: str, noted: set[Graha]) -> str | None:
    """A graha in the area's houses whose nature matches the rating's tone, else the area's house
    lord where its place does; None when neither explains the tone."""
    reading = desk.reading
    band = rating_band(reading.ratings[area])
    guest = _guest(reading, area, band, noted)
    if guest is None:
        return _house_lord(desk, area, band, noted)
    noted.add(guest.graha)
    kind = (
        "benefic"
        if guest.graha in (Graha.GURU, Graha.SHUKRA, Graha.BUDH)
        else "malefic_upachaya"
        if guest.house in (3, 6, 10, 11)
        else "malefic"
    )
    slots = {
        "graha": guest.graha.label,
        "graha_cap": guest.graha.label,
        "sign": rashi(guest.sign),
        "house": ordinal(guest.house),
    }
    return desk.say(f"note.{kind}", slots, desk.placement_claim(guest))


_AREA_HOUSE = {"love": 7, "career": 10, "money": 2, "health": 1}


def _house_lord(desk: VedicDesk, area: str, band: str, noted: set[Graha]) -> str | None:
    """Where the lord of the area's main house sits (its bhava lord), while it keeps its sign, when
    that explains the tone: no well-placed lord under a low rating, no ill-placed one under a high."""
    reading = desk.reading
    house = _AREA_HOUSE[area]
    lord = reading.placements[lord_of(reading.rashi.shifted(house - 1))]
    if not lord.steady or lord.ast or lord.graha in noted:  # a combust lord is told in the body
        return None
    kind = "good" if lord.house in (1, 4, 5, 7, 9, 10) else "hard" if lord.house in (6, 8, 12) else "mixed"
    if (kind, band) in (("good", "low"), ("hard", "high")):
        return None
    noted.add(lord.graha)
    slots = {
        "lord": lord.graha.label,
        "house": ordinal(house),
        "sign": rashi(lord.sign),
        "lord_house": ordinal(lord.house),
    }
    return desk.say(f"lord.{kind}", slots, desk.placement_claim(lord))


def _guest(reading: VedicReading, area: str, band: str, noted: set[Graha]) -> GrahaPlacement | None:
    """A slow-enough graha steady in the area's houses whose nature matches the rating's tone."""
    guests = [
        p
        for house in VEDIC_AREA_HOUSES[area]
        for p in reading.in_house(house)
        if p.graha is not Graha.CHANDRA and p.steady and p.graha not in noted and not p.ast
    ]
    helpers = [
        p for p in guests if p.graha in (Graha.GURU, Graha.SHUKRA, Graha.BUDH) or p.house in (3, 6, 10, 11)
    ]
    hindrances = [p for p in guests if p not in helpers]
    preferred = helpers if band == "high" else hindrances if band == "low" else helpers + hindrances
    return preferred[0] if preferred else None


def headline(desk: VedicDesk) -> str:
    """Two title-cased themes: the house Chandra (daily) or Surya (longer) lights, and the tone; a
    grahan, else a major festival, takes the first place on its day."""
    reading = desk.reading
    house = reading.placements[headline_graha(reading)].house
    ratings = reading.ratings.values()
    band = rating_band(round(sum(ratings) / len(ratings)))
    theme, firsts = str(house), desk.bank[f"headline_house.{house}"]
    eclipses = [e for e in reading.base.events if e.kind is EventKind.ECLIPSE]
    festival = headline_festival(reading)
    if reading.period is Period.DAILY and eclipses:
        theme, firsts = "0", (("Chandra Grahan",) if eclipses[0].planet is Planet.MOON else ("Surya Grahan",))
    elif festival is not None:
        theme, firsts = festival.slug, occasion_bank().festivals[festival.slug].headline
    pairs = [(a, b) for a in firsts for b in desk.bank[f"headline_tone.{band}"] if not _share_a_word(a, b)]
    first, second = desk.chooser.rotate(f"headline.{theme}.{band}", pairs)
    return f"{first} And {second}"


def headline_graha(reading: VedicReading) -> Graha:
    """The graha whose house gives the headline's theme: Chandra for a day, Surya for longer."""
    return Graha.CHANDRA if reading.period is Period.DAILY else Graha.SURYA


def headline_festival(reading: VedicReading) -> Festival | None:
    """The major festival a daily headline names (Diwali, Holi), if the day has one."""
    if reading.period is not Period.DAILY:
        return None
    copy = occasion_bank().festivals
    today = festivals_on(reading.base.first_day, reading.rahu_kaal_day.place)
    return next((f for f in today if copy[f.slug].major), None)


def _share_a_word(a: str, b: str) -> bool:
    """Whether two themes share a word or its stem ('Care' and 'Careful')."""
    first = [w for w in a.lower().replace("-", " ").split() if len(w) > 2]
    second = [w for w in b.lower().replace("-", " ").split() if len(w) > 2]
    return any(x[: min(5, len(x), len(y))] == y[: min(5, len(x), len(y))] for x in first for y in second)


def teaser(desk: VedicDesk) -> str:
    reading = desk.reading
    if reading.period is Period.DAILY:
        return desk.say(f"teaser.{reading.moon.house}", {"house": ordinal(reading.moon.house)})
    return desk.say("period_teaser", {"span": _PERIOD_SPANS[reading.period]})


def lucky_house(desk: VedicDesk) -> int:
    """The house whose lord gives the day's lucky number and colour: the rashi's own lord and the
    lords of the trikonas (5th and 9th), always auspicious from the rashi, taking turns by day."""
    reading = desk.reading
    houses = [h for h in (1, 5, 9) if h == 1 or lord_of(reading.rashi.shifted(h - 1)) is not reading.lord]
    return houses[(reading.base.first_day.toordinal() + reading.rashi.index) % len(houses)]


def lucky(desk: VedicDesk) -> Lucky:
    """Number and colour of the lucky house's lord; a daily entry's time is the shubh muhurat, a longer
    one's lucky day is the first of the period on that lord's weekday (no eclipse day)."""
    reading = desk.reading
    lord = lord_of(reading.rashi.shifted(lucky_house(desk) - 1))
    number = NUMBERS[lord]
    colour = desk.chooser.rotate(f"colour.{lord.value}", COLOURS[lord], offset=0)
    if reading.period is Period.DAILY:
        start, end = printable(chosen_muhurat(desk))
        return Lucky(number=number, color=colour, time=f"{_clock(start)} - {_clock(end)}")
    eclipsed = {e.day for e in reading.base.events if e.kind is EventKind.ECLIPSE}
    first, last = reading.base.first_day, reading.base.last_day
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    free = [d for d in days if d not in eclipsed] or days
    weekday = _WEEKDAY_LORDS.index(lord)
    return Lucky(number=number, color=colour, day=next((d for d in free if d.weekday() == weekday), free[0]))


# The weekday each graha rules, Monday first (Somvar: Chandra ... Ravivar: Surya).
_WEEKDAY_LORDS = (
    Graha.CHANDRA, Graha.MANGAL, Graha.BUDH, Graha.GURU, Graha.SHUKRA, Graha.SHANI, Graha.SURYA,
)  # fmt: skip


def mood(desk: VedicDesk) -> str:
    """One or two words in the day's tone, from the house mood words (as the Western edition)."""
    band = day_tone(desk.reading.ratings).band
    return desk.chooser.rotate(f"mood.{band}", load_bank()[f"mood.{band}"])


def compatibility(desk: VedicDesk) -> Sign:
    """A rashi whose lord is a natural friend of the reader's lord (or the same lord), by rotation."""
    lord = desk.reading.lord
    friends = FRIENDS[lord] | {lord}
    matches = [s for s in Sign if s is not desk.reading.rashi and lord_of(s) in friends]
    return desk.chooser.rotate("compatibility", matches)


def moon_day_quality(house: int) -> str:
    """The gochar rule's word for Chandra's house: 'good', 'mixed' or 'trying'."""
    return "good" if house in GOOD_MOON_HOUSES else "trying" if house in HARD_MOON_HOUSES else "mixed"

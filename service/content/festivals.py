"""The festival calendar, derived from the panchang's rules for any year the ephemeris covers.

A Hindu festival is a lunar date (month, paksha, tithi) observed on the civil day on which that
tithi holds at the festival's time of day (its kaal); Makar Sankranti follows the Sun instead. The
rules below are those North Indian almanacs (drikpanchang.com's New Delhi calendar among them)
apply, each in one line beside its festival. Months are amanta here (a Krishna paksha festival of
purnimanta Phalguna is in amanta Magha); festivals never fall in an adhik month.

Times of day (kaal) on a civil day, from its sunrise, sunset and the next sunrise:
pradosh: the first 3 of the night's 15 muhurtas; nishita: the night's 8th muhurta (around
midnight); madhyahna and aparahna: the 3rd and 4th fifths of the daytime.
When a tithi holds at its kaal on two days, or on none (a kshaya tithi, which spans no sunrise, or
one that slips between two kaals), the festival's own rule decides, as written beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import pairwise

import numpy as np

from service.content import ephemeris
from service.content.eclipses import Luminary
from service.content.errors import DateOutOfRange
from service.content.grahan import eclipse_on
from service.content.horizon import Body, crossings_in, local_midnights, sun_times, tt_of
from service.content.lunisolar import (
    Changes,
    Limb,
    changes,
    month_named,
    positions_at,
    refine,
    sample_times,
)
from service.content.places import Place, default_place

_STEP_DAYS = 0.25  # the elongation moves at most 4° in six hours: under any slot's width

# Amanta months (0 Chaitra) and tithis (1-15 Shukla, 16-30 Krishna) of the lunar dates used.
CHAITRA, SHRAVANA, BHADRAPADA, ASHWIN, KARTIKA, MAGHA, PHALGUNA = 0, 4, 5, 6, 7, 10, 11
MAKARA = 9  # the Sun's sidereal rashi, 0 Mesha
SHRAVANA_NAKSHATRA = 21  # 0 Ashwini


@dataclass(frozen=True, slots=True)
class Festival:
    slug: str
    name: str
    hindi: str
    rule: str  # how its civil day is chosen, in one line


@dataclass(frozen=True, slots=True)
class Occasion:
    """A festival on its civil day at a place."""

    day: date
    festival: Festival


@dataclass(frozen=True, slots=True)
class _Tithi:
    """One occurrence of a tithi: [start, end) in TT Julian dates, in a named amanta month."""

    month: int
    adhik: bool
    number: int
    start: float
    end: float


class _Calendar:
    """Tithis, sankrantis, sunrises and sunsets around one Gregorian year, at one place."""

    def __init__(self, year: int, place: Place) -> None:
        self.year, self.place = year, place
        self.first_day = max(date(year - 1, 12, 1), ephemeris.FIRST_SUPPORTED_DAY)
        self.last_day = min(date(year + 1, 1, 31), ephemeris.LAST_SUPPORTED_DAY)
        start, end = (tt_of(moment) for moment in local_midnights(place, self.first_day, self.last_day))
        found = changes((Limb.TITHI, Limb.SUN_RASHI, Limb.NAKSHATRA), start, end, _STEP_DAYS)
        self.sankrantis: Changes = found[Limb.SUN_RASHI]
        self.nakshatras: Changes = found[Limb.NAKSHATRA]
        self.tithis = _occurrences(found[Limb.TITHI], self.sankrantis, end)
        self._rises, self._sets = sun_times(place, self.first_day, self.last_day)

    def day_of(self, jd_tt: float) -> date:
        """The civil date at the place of an instant."""
        utc: datetime = ephemeris.timescale().tt_jd(jd_tt).utc_datetime()
        return utc.astimezone(self.place.zone).date()

    def sunrise(self, day: date) -> float:
        return float(self._rises[(day - self.first_day).days])

    def sunset(self, day: date) -> float:
        return float(self._sets[(day - self.first_day).days])

    def occurrences(self, month: int, number: int) -> list[_Tithi]:
        """Every nija (not adhik) occurrence of a lunar date within the span."""
        return [t for t in self.tithis if t.month == month and t.number == number and not t.adhik]

    def shravana_at(self, window: tuple[float, float]) -> bool:
        """Whether the Moon is in Shravana nakshatra at any moment of a window."""
        return SHRAVANA_NAKSHATRA in {self.nakshatras.slot_at(window[0]), self.nakshatras.slot_at(window[1])}

    def tithi_after(self, tithi: _Tithi) -> _Tithi:
        return self.tithis[self.tithis.index(tithi) + 1]

    def days_around(self, tithi: _Tithi) -> list[date]:
        """The civil days from the one before the tithi begins to the one after it ends."""
        first, last = self.day_of(tithi.start) - timedelta(days=1), self.day_of(tithi.end) + timedelta(days=1)
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    # Kaals of a civil day, as (start, end) TT Julian dates.
    def daytime_fifth(self, day: date, fifth: int) -> tuple[float, float]:
        rise, length = self.sunrise(day), self.sunset(day) - self.sunrise(day)
        return rise + (fifth - 1) * length / 5.0, rise + fifth * length / 5.0

    def night_muhurtas(self, day: date, first: int, last: int) -> tuple[float, float]:
        dusk = self.sunset(day)
        muhurta = (self.sunrise(day + timedelta(days=1)) - dusk) / 15.0
        return dusk + (first - 1) * muhurta, dusk + last * muhurta


def _occurrences(tithis: Changes, sankrantis: Changes, end: float) -> list[_Tithi]:
    """Each complete tithi in the span, with the amanta month it falls in."""
    new_moons = tithis.at[tithis.slot == 0]
    months = [
        month_named(sankrantis.slot_at(float(a)), sankrantis.slot_at(float(b)))
        for a, b in pairwise(new_moons)
    ]
    found = []
    for start, stop, slot in zip(tithis.at[:-1], tithis.at[1:], tithis.slot[:-1], strict=True):
        month = int(np.searchsorted(new_moons, start, side="right")) - 1
        if 0 <= month < len(months):
            found.append(_Tithi(months[month][0], months[month][1], int(slot) + 1, float(start), float(stop)))
    return found


def _overlaps(tithi: _Tithi, window: tuple[float, float]) -> bool:
    return tithi.start < window[1] and window[0] < tithi.end


def _holds_at(tithi: _Tithi, instant: float) -> bool:
    return tithi.start <= instant < tithi.end


def _covered(tithi: _Tithi, window: tuple[float, float]) -> float:
    """How much of a window (days) the tithi covers."""
    return max(0.0, min(tithi.end, window[1]) - max(tithi.start, window[0]))


def _at_kaal(
    cal: _Calendar, tithi: _Tithi, kaal: Callable[[date], tuple[float, float]], *, both: str
) -> date | None:
    """The day whose kaal the tithi overlaps; on two days, the `both` one: first, second or more."""
    days = [day for day in cal.days_around(tithi) if _overlaps(tithi, kaal(day))]
    if not days:
        return None
    if both == "more":
        return max(days, key=lambda day: _covered(tithi, kaal(day)))
    return days[0] if both == "first" else days[-1]


def _udaya(cal: _Calendar, tithi: _Tithi, *, both: str = "first") -> date:
    """The day whose sunrise the tithi holds (two: `both`); kshaya (none), the day it begins."""
    days = [day for day in cal.days_around(tithi) if _holds_at(tithi, cal.sunrise(day))]
    if not days:
        return cal.day_of(tithi.start)
    return days[0] if both == "first" else days[-1]


def _pradosh(cal: _Calendar) -> Callable[[date], tuple[float, float]]:
    return lambda day: cal.night_muhurtas(day, 1, 3)


def _nishita(cal: _Calendar) -> Callable[[date], tuple[float, float]]:
    return lambda day: cal.night_muhurtas(day, 8, 8)


def _madhyahna(cal: _Calendar) -> Callable[[date], tuple[float, float]]:
    return lambda day: cal.daytime_fifth(day, 3)


def _aparahna(cal: _Calendar) -> Callable[[date], tuple[float, float]]:
    return lambda day: cal.daytime_fifth(day, 4)


def _makar_sankranti(cal: _Calendar) -> list[date]:
    entries = cal.sankrantis.at[cal.sankrantis.slot == MAKARA]
    days = []
    for entry in entries:
        day = cal.day_of(float(entry))
        days.append(day if entry < cal.sunset(day) else day + timedelta(days=1))
    return days


def _maha_shivaratri(cal: _Calendar) -> list[date]:
    return [
        _at_kaal(cal, t, _nishita(cal), both="first") or _udaya(cal, t) for t in cal.occurrences(MAGHA, 29)
    ]


def _holika_dahan(cal: _Calendar, purnima: _Tithi) -> date:
    """Purnima at pradosh, moved to the second evening by Dharmasindhu's rule for Bhadra."""
    pradosh = _pradosh(cal)
    second = cal.day_of(purnima.end)
    pratipada = cal.tithi_after(purnima)
    morning_share = (purnima.end - cal.sunrise(second)) / (cal.sunset(second) - cal.sunrise(second))
    # Purnima's first half is Bhadra (Vishti), so the first evening is usually under it: when Purnima
    # misses the second evening but holds 3.5 of its 4 daytime prahars, and Pratipada grows (ends
    # later on the third day than Purnima did on the second), the fire is lit on the second evening.
    if (
        not _overlaps(purnima, pradosh(second))
        and morning_share >= 3.5 / 4.0
        and pratipada.end > purnima.end + 1.0
    ):
        return second
    return _at_kaal(cal, purnima, pradosh, both="second") or cal.day_of(purnima.start)


def _holi(cal: _Calendar) -> list[date]:
    days = []
    for purnima in cal.occurrences(PHALGUNA, 15):
        after = _holika_dahan(cal, purnima) + timedelta(days=1)
        # Colours are not played under a grahan's sutak: a visible lunar eclipse moves Holi a day.
        eclipse = eclipse_on(after, cal.place)
        grahan = eclipse is not None and eclipse.eclipsed is Luminary.MOON and eclipse.sutak_start is not None
        days.append(after + timedelta(days=1) if grahan else after)
    return days


def _holika_dahan_days(cal: _Calendar) -> list[date]:
    return [_holika_dahan(cal, t) for t in cal.occurrences(PHALGUNA, 15)]


def _ram_navami(cal: _Calendar) -> list[date]:
    return [
        _at_kaal(cal, t, _madhyahna(cal), both="more") or _udaya(cal, t) for t in cal.occurrences(CHAITRA, 9)
    ]


def _raksha_bandhan(cal: _Calendar) -> list[date]:
    days = []
    for purnima in cal.occurrences(SHRAVANA, 15):
        day = _udaya(cal, purnima)
        three_muhurtas = (cal.sunset(day) - cal.sunrise(day)) / 5.0
        held = purnima.end - cal.sunrise(day)
        # Purnima must hold three muhurtas after sunrise; else the rakhi is tied the evening before.
        if _holds_at(purnima, cal.sunrise(day)) and held < three_muhurtas:
            day -= timedelta(days=1)
        days.append(day)
    return days


def _janmashtami(cal: _Calendar) -> list[date]:
    return [_udaya(cal, t, both="second") for t in cal.occurrences(SHRAVANA, 23)]


def _ganesh_chaturthi(cal: _Calendar) -> list[date]:
    return [
        _at_kaal(cal, t, _madhyahna(cal), both="more") or _udaya(cal, t)
        for t in cal.occurrences(BHADRAPADA, 4)
    ]


def _navratri(cal: _Calendar) -> list[date]:
    return [_udaya(cal, t) for t in cal.occurrences(ASHWIN, 1)]


def _dussehra(cal: _Calendar) -> list[date]:
    days = []
    for dashami in cal.occurrences(ASHWIN, 10):
        day = _at_kaal(cal, dashami, _aparahna(cal), both="more") or _udaya(cal, dashami)
        after = day + timedelta(days=1)
        # Shravana nakshatra: when it holds the next day's aparahna but not this one's, and Dashami
        # still holds three muhurtas of that morning, Vijayadashami is the next day.
        three_muhurtas = (cal.sunset(after) - cal.sunrise(after)) / 5.0
        if (
            dashami.end - cal.sunrise(after) >= three_muhurtas
            and cal.shravana_at(cal.daytime_fifth(after, 4))
            and not cal.shravana_at(cal.daytime_fifth(day, 4))
        ):
            day = after
        days.append(day)
    return days


def _karva_chauth(cal: _Calendar) -> list[date]:
    return [_at_moonrise(cal, t) for t in cal.occurrences(ASHWIN, 19)]


def _at_moonrise(cal: _Calendar, tithi: _Tithi) -> date:
    """The day whose moonrise the tithi holds (the first if two); else its udaya day."""
    days = cal.days_around(tithi)
    start, _ = local_midnights(cal.place, days[0], days[-1])
    first = tt_of(start)
    sampled = positions_at(sample_times(first, first + len(days), 1.0 / 24.0))
    risings, _ = crossings_in(sampled, Body.MOON, cal.place)
    refine([risings.search])
    held = [float(at) for at in risings.search.at if _holds_at(tithi, float(at))]
    return cal.day_of(held[0]) if held else _udaya(cal, tithi)


def _dhanteras(cal: _Calendar) -> list[date]:
    return [
        _at_kaal(cal, t, _pradosh(cal), both="first") or _udaya(cal, t) for t in cal.occurrences(ASHWIN, 28)
    ]


def _diwali(cal: _Calendar) -> list[date]:
    days = []
    for amavasya in cal.occurrences(ASHWIN, 30):
        evenings = [day for day in cal.days_around(amavasya) if _overlaps(amavasya, _pradosh(cal)(day))]
        if len(evenings) == 2:
            ghati = (cal.sunrise(evenings[1] + timedelta(days=1)) - cal.sunrise(evenings[1])) / 60.0
            if amavasya.end - cal.sunset(evenings[1]) <= ghati:
                evenings = evenings[:1]  # the second evening has it a ghati or less: the first wins
        days.append(evenings[-1] if evenings else cal.day_of(amavasya.start))
    return days


def _chhath(cal: _Calendar) -> list[date]:
    return [_udaya(cal, t) for t in cal.occurrences(KARTIKA, 6)]


def _valentines_day(cal: _Calendar) -> list[date]:
    return [date(cal.year, 2, 14)]


_RULES: tuple[tuple[Festival, Callable[[_Calendar], list[date]]], ...] = (
    (
        Festival(
            "makar-sankranti",
            "Makar Sankranti",
            "मकर संक्रांति",
            "The Sun's sidereal entry into Makara; after sunset, the next day.",
        ),
        _makar_sankranti,
    ),
    (
        Festival("valentines-day", "Valentine's Day", "वैलेंटाइन डे", "14 February, every year."),
        _valentines_day,
    ),
    (
        Festival(
            "maha-shivaratri",
            "Maha Shivaratri",
            "महाशिवरात्रि",
            "Phalguna Krishna Chaturdashi (amanta Magha) at nishita; both nights, the first.",
        ),
        _maha_shivaratri,
    ),
    (
        Festival(
            "holika-dahan",
            "Holika Dahan",
            "होलिका दहन",
            "Phalguna Purnima at pradosh; both evenings, the second; Bhadra rule of Dharmasindhu.",
        ),
        _holika_dahan_days,
    ),
    (
        Festival(
            "holi",
            "Holi",
            "होली",
            "The day after Holika Dahan; a day later when a lunar eclipse visible here falls on it (sutak).",
        ),
        _holi,
    ),
    (
        Festival(
            "ram-navami",
            "Ram Navami",
            "राम नवमी",
            "Chaitra Shukla Navami at madhyahna; both days, the one it covers more of.",
        ),
        _ram_navami,
    ),
    (
        Festival(
            "raksha-bandhan",
            "Raksha Bandhan",
            "रक्षाबंधन",
            "Shravana Purnima at sunrise, if it holds 3 muhurtas after it; else the day before.",
        ),
        _raksha_bandhan,
    ),
    (
        Festival(
            "janmashtami",
            "Krishna Janmashtami",
            "कृष्ण जन्माष्टमी",
            "Bhadrapada Krishna Ashtami (amanta Shravana) at sunrise, as Vaishnavas, Mathura and"
            " the Government of India keep it; both sunrises, the second.",
        ),
        _janmashtami,
    ),
    (
        Festival(
            "ganesh-chaturthi",
            "Ganesh Chaturthi",
            "गणेश चतुर्थी",
            "Bhadrapada Shukla Chaturthi at madhyahna; both days, the one it covers more of.",
        ),
        _ganesh_chaturthi,
    ),
    (
        Festival(
            "navratri",
            "Sharad Navratri begins",
            "शारदीय नवरात्रि आरंभ",
            "Ashwin Shukla Pratipada at sunrise (Ghatasthapana); kshaya, the day it begins.",
        ),
        _navratri,
    ),
    (
        Festival(
            "dussehra",
            "Dussehra",
            "दशहरा",
            "Ashwin Shukla Dashami at aparahna (both: the one it covers more of); the next day when"
            " Shravana holds its aparahna, not this one's, and Dashami its first 3 muhurtas.",
        ),
        _dussehra,
    ),
    (
        Festival(
            "karva-chauth",
            "Karva Chauth",
            "करवा चौथ",
            "Kartika Krishna Chaturthi (amanta Ashwin) at moonrise; both, the first.",
        ),
        _karva_chauth,
    ),
    (
        Festival(
            "dhanteras",
            "Dhanteras",
            "धनतेरस",
            "Kartika Krishna Trayodashi (amanta Ashwin) at pradosh; both evenings, the first.",
        ),
        _dhanteras,
    ),
    (
        Festival(
            "diwali",
            "Diwali",
            "दिवाली",
            "Kartika Amavasya at pradosh (Lakshmi Puja); both evenings, the second if it lasts over a ghati.",
        ),
        _diwali,
    ),
    (
        Festival(
            "chhath",
            "Chhath Puja",
            "छठ पूजा",
            "Kartika Shukla Shashthi at sunrise; its evening is the Sandhya Arghya.",
        ),
        _chhath,
    ),
)

FESTIVALS: tuple[Festival, ...] = tuple(festival for festival, _ in _RULES)


def festivals_in(year: int, place: Place | None = None) -> tuple[Occasion, ...]:
    """Every festival of a Gregorian year at a place (New Delhi by default), in date order."""
    first, last = ephemeris.FIRST_SUPPORTED_DAY.year, ephemeris.LAST_SUPPORTED_DAY.year
    if not first <= year <= last:
        raise DateOutOfRange(f"Festivals can be computed for {first} to {last} (the JPL DE421 ephemeris).")
    return _festivals_in(year, place or default_place())


def festivals_on(day: date, place: Place | None = None) -> tuple[Festival, ...]:
    """The festivals observed on a civil day at a place."""
    if isinstance(day, datetime):
        raise TypeError("festivals_on takes a calendar date, not a datetime")
    return tuple(o.festival for o in festivals_in(day.year, place) if o.day == day)


@lru_cache(maxsize=32)
def _festivals_in(year: int, place: Place) -> tuple[Occasion, ...]:
    cal = _Calendar(year, place)
    found = {Occasion(day, festival) for festival, rule in _RULES for day in rule(cal) if day.year == year}
    order = {festival: n for n, festival in enumerate(FESTIVALS)}
    return tuple(sorted(found, key=lambda o: (o.day, order[o.festival])))

"""The day's panchang at a place: its five limbs at sunrise, the day's timings, month and samvat.

Conventions (those of the North Indian almanacs and drikpanchang.com, New Delhi by default):
- The limbs are those prevailing at local sunrise (udaya tithi and so on), each with the moment it
  ends, which may be after the next sunrise (a tithi that spans two sunrises) or skip one (a kshaya
  tithi begins and ends between two sunrises: it is then never a day's tithi). See `lunisolar`.
- Sunrise, sunset, moonrise and moonset: upper limb, 34' refraction, sea level (see `horizon`).
- Months: amanta (new Moon to new Moon, named by the sankranti within it; a month without one is
  adhik) and purnimanta (the North Indian reckoning: the Krishna paksha belongs to the next month,
  and an adhik month's two pakshas sit inside the nija month of the same name).
- Vikram and Shaka samvat change at Chaitra Shukla Pratipada (Vikram = Shaka + 135).
- Rahu Kaal, Yamaganda and Gulika Kaal are the weekday's eighth of the daytime (sunrise to sunset).
- Abhijit muhurat is the 8th of the 15 daytime muhurtas. On Wednesdays it is not auspicious and
  is not given (None), as drikpanchang.com prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from service.content import ephemeris
from service.content.errors import DateOutOfRange
from service.content.grahan import DayEclipse, eclipse_on
from service.content.horizon import Body, crossings_in, local_midnights, sun_times, tt_of
from service.content.lunisolar import (
    ChangeSearch,
    Limb,
    LunarMonth,
    MonthSearch,
    Positions,
    SankrantiSearch,
    positions_at,
    refine,
    sample_times,
)
from service.content.panchang_names import (
    ADHIK,
    AMAVASYA,
    CLOSING_KARANAS,
    KINSTUGHNA,
    MONTHS,
    MOVABLE_KARANAS,
    NAKSHATRAS,
    PURNIMA,
    RASHIS,
    TITHIS,
    WEEKDAYS,
    YOGAS,
)
from service.content.places import Place, default_place
from service.content.zodiac import Sign

_WINDOW_DAYS = 3.0  # from midnight: past sunrise, long enough for the Moon to leave any rashi
_STEP_DAYS = 1.0 / 24.0
# Only on days near a new or full Moon (tithis within 24° of it at sunrise) with the Moon near
# the ecliptic at the day's start can an eclipse peak: eclipses need under 1.6° of lunar latitude
# at the syzygy, and that latitude changes at most 1.2° a day. (Checked: no eclipse of 1990-2053
# is missed.)
_NEAR_SYZYGY = frozenset({29, 30, 1, 2, 14, 15, 16, 17})
_ECLIPSE_LATITUDE = 3.2

# Which eighth of the daytime (1-8) each period takes, Monday first (Python's weekday order).
_RAHU_KAAL = (2, 7, 5, 6, 4, 3, 8)
_YAMAGANDA = (4, 3, 2, 1, 7, 6, 5)
_GULIKA_KAAL = (6, 5, 4, 3, 2, 1, 7)
_WEDNESDAY = 2


class Paksha(StrEnum):
    SHUKLA = "shukla"  # waxing: Amavasya to Purnima
    KRISHNA = "krishna"  # waning

    @property
    def hindi(self) -> str:
        return "शुक्ल" if self is Paksha.SHUKLA else "कृष्ण"


@dataclass(frozen=True, slots=True)
class Weekday:
    name: str
    hindi: str


@dataclass(frozen=True, slots=True)
class Tithi:
    number: int  # 1-30: 1-15 Shukla Pratipada to Purnima, 16-30 Krishna Pratipada to Amavasya
    name: str
    hindi: str
    paksha: Paksha
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class Nakshatra:
    number: int  # 1 Ashwini ... 27 Revati
    name: str
    hindi: str
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class Yoga:
    number: int  # 1 Vishkambha ... 27 Vaidhriti
    name: str
    hindi: str
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class Karana:
    number: int  # 1-60, the half-tithi of the lunar month
    name: str
    hindi: str
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class Rashi:
    sign: Sign
    name: str
    hindi: str
    ends_at: datetime  # when the body enters the next rashi


@dataclass(frozen=True, slots=True)
class Month:
    number: int  # 1 Chaitra ... 12 Phalguna
    name: str
    hindi: str
    adhik: bool

    @property
    def label(self) -> str:
        """'Phalguna', or 'Adhik Shravana' for an intercalary month."""
        return f"{ADHIK[0]} {self.name}" if self.adhik else self.name

    @property
    def hindi_label(self) -> str:
        """'फाल्गुन', or 'अधिक श्रावण' for an intercalary month."""
        return f"{ADHIK[1]} {self.hindi}" if self.adhik else self.hindi


@dataclass(frozen=True, slots=True)
class Months:
    amanta: Month
    purnimanta: Month


@dataclass(frozen=True, slots=True)
class Period:
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Panchang:
    """One civil day's panchang at one place; every instant is aware, in the place's zone."""

    date: date
    place: Place
    weekday: Weekday
    sunrise: datetime
    sunset: datetime
    moonrise: datetime | None  # None: the Moon does not rise on this civil day
    moonset: datetime | None
    tithi: Tithi
    nakshatra: Nakshatra
    yoga: Yoga
    karana: Karana
    moon_rashi: Rashi
    sun_rashi: Rashi
    month: Months
    vikram_samvat: int
    shaka_samvat: int
    rahu_kaal: Period
    yamaganda: Period
    gulika_kaal: Period
    abhijit_muhurat: Period | None  # None on Wednesdays
    eclipse: DayEclipse | None


def panchang_for(day: date, place: Place | None = None) -> Panchang:
    """The panchang of a civil day at a place (New Delhi by default); DateOutOfRange past DE421."""
    if isinstance(day, datetime):
        raise TypeError("panchang_for takes a calendar date, not a datetime")
    if not ephemeris.FIRST_SUPPORTED_DAY <= day <= ephemeris.LAST_SUPPORTED_DAY:
        raise DateOutOfRange(
            f"{day.isoformat()} is outside the dates a panchang can be computed for: "
            f"{ephemeris.FIRST_SUPPORTED_DAY.isoformat()} to {ephemeris.LAST_SUPPORTED_DAY.isoformat()}"
            " (the JPL DE421 ephemeris)."
        )
    return _panchang(day, place or default_place())


@lru_cache(maxsize=2048)
def _panchang(day: date, place: Place) -> Panchang:
    midnight, next_midnight = (tt_of(moment) for moment in local_midnights(place, day, day))
    sky = _DaySky.search(place, midnight)
    sunrise_tt = sky.first(Body.SUN, rising=True, start=midnight, end=next_midnight)
    sunset_tt = sky.first(Body.SUN, rising=False, start=midnight, end=next_midnight)
    if sunrise_tt is None or sunset_tt is None:  # only polar latitudes lack them
        raise ValueError(f"{place.name}: the Sun does not rise and set on {day.isoformat()}")
    moonrise_tt = sky.first(Body.MOON, rising=True, start=midnight, end=next_midnight)
    moonset_tt = sky.first(Body.MOON, rising=False, start=midnight, end=next_midnight)
    local = _Clock(place)

    def at_sunrise(limb: Limb) -> tuple[int, datetime]:
        """The limb's slot at sunrise and when it ends."""
        found = sky.limbs[limb]
        end = found.end_of_slot_at(sunrise_tt)
        if end is None:  # only the Sun's rashi outlasts the window
            end = sky.sankranti.at
        return found.slot_at(sunrise_tt), local(end)

    tithi_slot, tithi_ends = at_sunrise(Limb.TITHI)
    tithi = tithi_named(tithi_slot + 1, tithi_ends)
    nakshatra, nakshatra_ends = at_sunrise(Limb.NAKSHATRA)
    yoga, yoga_ends = at_sunrise(Limb.YOGA)
    karana, karana_ends = at_sunrise(Limb.KARANA)
    lunar = sky.months.month_at(sunrise_tt)
    shaka = shaka_samvat(day, lunar.index)
    weekday = day.weekday()
    eighth = (sunset_tt - sunrise_tt) / 8.0
    muhurta = (sunset_tt - sunrise_tt) / 15.0
    return Panchang(
        date=day,
        place=place,
        weekday=Weekday(*WEEKDAYS[weekday]),
        sunrise=local(sunrise_tt),
        sunset=local(sunset_tt),
        moonrise=local(moonrise_tt) if moonrise_tt is not None else None,
        moonset=local(moonset_tt) if moonset_tt is not None else None,
        tithi=tithi,
        nakshatra=Nakshatra(nakshatra + 1, *NAKSHATRAS[nakshatra], ends_at=nakshatra_ends),
        yoga=Yoga(yoga + 1, *YOGAS[yoga], ends_at=yoga_ends),
        karana=karana_named(karana + 1, karana_ends),
        moon_rashi=_rashi(*at_sunrise(Limb.MOON_RASHI)),
        sun_rashi=_rashi(*at_sunrise(Limb.SUN_RASHI)),
        month=months_of(lunar, tithi.paksha),
        vikram_samvat=shaka + 135,
        shaka_samvat=shaka,
        rahu_kaal=local.period(sunrise_tt + eighth * (_RAHU_KAAL[weekday] - 1), eighth),
        yamaganda=local.period(sunrise_tt + eighth * (_YAMAGANDA[weekday] - 1), eighth),
        gulika_kaal=local.period(sunrise_tt + eighth * (_GULIKA_KAAL[weekday] - 1), eighth),
        abhijit_muhurat=None if weekday == _WEDNESDAY else local.period(sunrise_tt + 7 * muhurta, muhurta),
        eclipse=eclipse_on(day, place) if sky.eclipse_possible(tithi.number) else None,
    )


class _DaySky:
    """Everything a day's panchang needs from the sky, found with one sampling and one refinement."""

    def __init__(self, sampled: Positions, place: Place) -> None:
        self._limbs = [ChangeSearch(limb, sampled) for limb in Limb]
        self._crossings = (*crossings_in(sampled, Body.SUN, place), *crossings_in(sampled, Body.MOON, place))
        start = float(sampled.jd[0])
        self._moon_latitude = float(sampled.moon_latitude[0])
        self.months = MonthSearch(start, float(Limb.TITHI.angle(sampled.angles)[0]))
        # From the window's end: a sankranti inside the window is among the Sun's rashi changes.
        sun = float(Limb.SUN_RASHI.angle(sampled.angles)[-1])
        self.sankranti = SankrantiSearch(float(sampled.jd[-1]), sun)
        refine([*self._limbs, *(c.search for c in self._crossings), self.months, self.sankranti])
        self.limbs = {search.limb: search.result() for search in self._limbs}

    @classmethod
    def search(cls, place: Place, midnight: float) -> _DaySky:
        return cls(positions_at(sample_times(midnight, midnight + _WINDOW_DAYS, _STEP_DAYS)), place)

    def eclipse_possible(self, tithi: int) -> bool:
        """Whether an eclipse can peak on the day: near a syzygy, with the Moon near a node."""
        return tithi in _NEAR_SYZYGY and abs(self._moon_latitude) < _ECLIPSE_LATITUDE

    def first(self, body: Body, *, rising: bool, start: float, end: float) -> float | None:
        """The first rising (or setting) of the body in [start, end), if any."""
        for crossing in self._crossings:
            if crossing.body is body and crossing.rising is rising:
                inside = crossing.search.at[(crossing.search.at >= start) & (crossing.search.at < end)]
                return float(inside.min()) if len(inside) else None
        return None


def tithi_named(number: int, ends_at: datetime) -> Tithi:
    """Tithi `number` (1-30) with its names and paksha."""
    paksha = Paksha.SHUKLA if number <= 15 else Paksha.KRISHNA
    if number == 15:
        english, hindi = PURNIMA
    elif number == 30:
        english, hindi = AMAVASYA
    else:
        english, hindi = TITHIS[(number - 1) % 15]
    return Tithi(number, english, hindi, paksha, ends_at)


def karana_named(number: int, ends_at: datetime) -> Karana:
    """Karana `number` (1-60, the half-tithi of the month) with its names."""
    if number == 1:
        english, hindi = KINSTUGHNA
    elif number >= 58:
        english, hindi = CLOSING_KARANAS[number - 58]
    else:
        english, hindi = MOVABLE_KARANAS[(number - 2) % 7]
    return Karana(number, english, hindi, ends_at)


def months_of(lunar: LunarMonth, paksha: Paksha) -> Months:
    """The amanta and purnimanta months of a day in this amanta month and paksha."""
    # Purnimanta months end at the full Moon, so a Krishna paksha is already the next month's,
    # except inside an adhik month, which purnimanta places within the nija month of its name.
    purnimanta = lunar.index if paksha is Paksha.SHUKLA or lunar.adhik else (lunar.index + 1) % 12
    return Months(amanta=_month(lunar.index, lunar.adhik), purnimanta=_month(purnimanta, lunar.adhik))


def shaka_samvat(day: date, month_index: int) -> int:
    """The Shaka year of a day in amanta month `month_index` (0 Chaitra): it begins with Chaitra."""
    # Ashwin to Phalguna in the first half of a Gregorian year still belong to the year before.
    return day.year - 79 if day.month <= 6 and month_index >= 6 else day.year - 78


def _month(index: int, adhik: bool) -> Month:
    return Month(index + 1, *MONTHS[index], adhik=adhik)


def _rashi(slot: int, ends_at: datetime) -> Rashi:
    sign = Sign.from_longitude(slot * 30.0)
    return Rashi(sign, *RASHIS[slot], ends_at=ends_at)


class _Clock:
    """TT Julian dates to the place's civil time, to the nearest second."""

    def __init__(self, place: Place) -> None:
        self._zone = place.zone
        self._ts = ephemeris.timescale()

    def __call__(self, jd_tt: float) -> datetime:
        utc: datetime = self._ts.tt_jd(jd_tt).utc_datetime()
        rounded = (utc + timedelta(microseconds=500_000)).replace(microsecond=0)
        return rounded.astimezone(self._zone)

    def period(self, start_tt: float, length_days: float) -> Period:
        return Period(self(start_tt), self(start_tt + length_days))


def rahu_kaals(first_day: date, last_day: date, place: Place | None = None) -> tuple[Period, ...]:
    """Rahu Kaal of each civil day first_day..last_day, as panchang_for gives it, found for the whole
    range at once from its sunrises and sunsets (a year in a fraction of a second; a copy desk's
    check of lucky times reads every day of a year)."""
    where = place or default_place()
    rises, sets = sun_times(where, first_day, last_day)
    local = _Clock(where)
    periods = []
    for n, (sunrise_tt, sunset_tt) in enumerate(zip(rises, sets, strict=True)):
        weekday = (first_day + timedelta(days=n)).weekday()
        eighth = (float(sunset_tt) - float(sunrise_tt)) / 8.0
        periods.append(local.period(float(sunrise_tt) + eighth * (_RAHU_KAAL[weekday] - 1), eighth))
    return tuple(periods)

"""The real sky, checked against published 2026 almanac facts in the portal's zone (IST).

Almanac times below are UTC; IST is UTC+05:30, so an event late in the UTC evening falls on the
next IST date. Those are the dates the tests check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from service.content.errors import DateOutOfRange
from service.content.sky import (
    Aspect,
    AspectHit,
    Ingress,
    LunarPhase,
    Lunation,
    Sky,
    Station,
    local_day_bounds,
    sky_for,
)
from service.content.zodiac import Planet, Sign, System

IST = ZoneInfo("Asia/Kolkata")
Event = Ingress | Station | Lunation | AspectHit


def utc(month: int, day: int, hour: int, minute: int) -> datetime:
    """A 2026 instant in UTC."""
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


# USNO Astronomical Applications, "Phases of the Moon" 2026 (UTC); the 3 January full moon at
# 10:03 UTC is also the widely reported "Wolf supermoon" time.
FULL_MOONS = [
    utc(1, 3, 10, 3), utc(2, 1, 22, 9), utc(3, 3, 11, 38), utc(4, 2, 2, 12),
    utc(5, 1, 17, 23), utc(5, 31, 8, 45), utc(6, 29, 23, 57), utc(7, 29, 14, 36),
    utc(8, 28, 4, 18), utc(9, 26, 16, 49), utc(10, 26, 4, 12), utc(11, 24, 14, 53),
    utc(12, 24, 1, 28),
]  # fmt: skip
NEW_MOONS = [
    utc(1, 18, 19, 52), utc(2, 17, 12, 1), utc(3, 19, 1, 23), utc(4, 17, 11, 52),
    utc(5, 16, 20, 1), utc(6, 15, 2, 54), utc(7, 14, 9, 43), utc(8, 12, 17, 37),
    utc(9, 11, 3, 27), utc(10, 10, 15, 50), utc(11, 9, 7, 2), utc(12, 9, 0, 52),
]  # fmt: skip

# The Sun's tropical ingresses, 2026 (UTC). Equinoxes and solstices: timeanddate.com / IMCCE
# (Mar 20 14:46, Jun 21 08:24, Sep 23 00:05, Dec 21 20:50); the rest from the standard
# astrological ephemeris tables for 2026.
SUN_TROPICAL_INGRESSES = [
    (Sign.AQUARIUS, utc(1, 20, 1, 45)), (Sign.PISCES, utc(2, 18, 15, 52)),
    (Sign.ARIES, utc(3, 20, 14, 46)), (Sign.TAURUS, utc(4, 20, 1, 39)),
    (Sign.GEMINI, utc(5, 21, 0, 37)), (Sign.CANCER, utc(6, 21, 8, 24)),
    (Sign.LEO, utc(7, 22, 19, 13)), (Sign.VIRGO, utc(8, 23, 2, 19)),
    (Sign.LIBRA, utc(9, 23, 0, 5)), (Sign.SCORPIO, utc(10, 23, 9, 38)),
    (Sign.SAGITTARIUS, utc(11, 22, 7, 23)), (Sign.CAPRICORN, utc(12, 21, 20, 50)),
]  # fmt: skip

# Mercury's 2026 retrogrades (UTC): in Pisces Feb 26 06:48 to Mar 20 19:33, in Cancer Jun 29
# 17:36 (at 26° Cancer) to Jul 23 22:58 (16° Cancer), in Scorpio Oct 24 07:12 to Nov 13 15:54.
# In IST two of the direct stations fall on the next day: Mar 21 and Jul 24.
MERCURY_STATIONS_IST = [
    ("retrograde", date(2026, 2, 26)), ("direct", date(2026, 3, 21)),
    ("retrograde", date(2026, 6, 29)), ("direct", date(2026, 7, 24)),
    ("retrograde", date(2026, 10, 24)), ("direct", date(2026, 11, 13)),
]  # fmt: skip

# Published true Lahiri ayanamsa on 1 January, 0h UT (Jagannath Hora's historical table,
# computed with the Swiss Ephemeris).
LAHIRI_TABLE = [
    (1980, (23, 34, 32)),
    (1985, (23, 38, 38)),
    (1990, (23, 43, 15)),
    (2000, (23, 51, 12)),
]


@pytest.fixture(scope="module")
def year_2026() -> Sky:
    """All of 2026 in IST, computed once."""
    return sky_for(date(2026, 1, 1), date(2026, 12, 31))


def ist_date(instant: datetime) -> date:
    return instant.astimezone(IST).date()


def lunation_times(sky: Sky, phase: LunarPhase) -> list[datetime]:
    return [lunation.at for lunation in sky.lunations if lunation.phase is phase]


def assert_close_in_time(found: Sequence[datetime], expected: Sequence[datetime]) -> None:
    """Same count, and each found instant within two minutes of the almanac's."""
    assert len(found) == len(expected)
    for got, want in zip(found, expected, strict=True):
        assert abs(got - want) <= timedelta(minutes=2), (got, want)


def all_events(sky: Sky) -> Iterable[tuple[str, Sequence[Event]]]:
    return (
        ("ingresses", sky.ingresses),
        ("stations", sky.stations),
        ("lunations", sky.lunations),
        ("aspects", sky.aspects),
    )


def assert_events_sorted_and_inside(sky: Sky) -> None:
    start, end = local_day_bounds(sky.first_day, sky.last_day, sky.timezone)
    for kind, events in all_events(sky):
        times = [event.at for event in events]
        assert times == sorted(times), kind
        assert all(start <= t < end for t in times), kind


# Lunations


def test_2026_full_moons_match_the_almanac(year_2026: Sky) -> None:
    found = lunation_times(year_2026, LunarPhase.FULL_MOON)
    assert_close_in_time(found, FULL_MOONS)
    # 1 February 22:09 UTC and 29 June 23:57 UTC are the next day in India.
    assert date(2026, 2, 2) in [ist_date(t) for t in found]
    assert date(2026, 6, 30) in [ist_date(t) for t in found]


def test_2026_new_moons_match_the_almanac(year_2026: Sky) -> None:
    found = lunation_times(year_2026, LunarPhase.NEW_MOON)
    assert_close_in_time(found, NEW_MOONS)
    assert ist_date(found[0]) == date(2026, 1, 19)


def test_quarters_alternate_between_the_new_and_full_moons(year_2026: Sky) -> None:
    cycle = [
        LunarPhase.NEW_MOON,
        LunarPhase.FIRST_QUARTER,
        LunarPhase.FULL_MOON,
        LunarPhase.LAST_QUARTER,
    ]
    phases = [lunation.phase for lunation in year_2026.lunations]
    start = cycle.index(phases[0])
    assert phases == [cycle[(start + i) % 4] for i in range(len(phases))]


def test_a_lunation_belongs_to_the_local_day_it_happens_on() -> None:
    # New moon 18 January 19:52 UTC = 19 January 01:22 IST.
    assert sky_for(date(2026, 1, 18)).lunations == ()
    assert [lun.phase for lun in sky_for(date(2026, 1, 19)).lunations] == [LunarPhase.NEW_MOON]
    utc_day = sky_for(date(2026, 1, 18), timezone="UTC")
    assert [lun.phase for lun in utc_day.lunations] == [LunarPhase.NEW_MOON]


@pytest.mark.parametrize("moment", FULL_MOONS, ids=lambda t: t.date().isoformat())
def test_the_moon_is_full_and_lit_on_full_moon_days(moment: datetime) -> None:
    sky = sky_for(ist_date(moment))
    assert sky.moon_phase is LunarPhase.FULL_MOON
    assert sky.moon_illumination > 0.98


@pytest.mark.parametrize("moment", NEW_MOONS, ids=lambda t: t.date().isoformat())
def test_the_moon_is_new_and_dark_on_new_moon_days(moment: datetime) -> None:
    sky = sky_for(ist_date(moment))
    assert sky.moon_phase is LunarPhase.NEW_MOON
    assert sky.moon_illumination < 0.02


def test_days_around_a_full_moon_are_gibbous() -> None:
    before, after = sky_for(date(2026, 1, 2)), sky_for(date(2026, 1, 4))
    assert before.moon_phase is LunarPhase.WAXING_GIBBOUS
    assert after.moon_phase is LunarPhase.WANING_GIBBOUS
    assert 0.9 < before.moon_illumination < sky_for(date(2026, 1, 3)).moon_illumination


def test_days_around_a_new_moon_are_crescent() -> None:
    assert sky_for(date(2026, 1, 17)).moon_phase is LunarPhase.WANING_CRESCENT
    assert sky_for(date(2026, 1, 21)).moon_phase is LunarPhase.WAXING_CRESCENT


# Ingresses


def test_the_suns_2026_tropical_ingresses_match_the_almanac(year_2026: Sky) -> None:
    found = [
        (ingress.sign, ingress.at)
        for ingress in year_2026.ingresses
        if ingress.planet is Planet.SUN and ingress.system is System.TROPICAL
    ]
    assert [sign for sign, _ in found] == [sign for sign, _ in SUN_TROPICAL_INGRESSES]
    assert_close_in_time([at for _, at in found], [at for _, at in SUN_TROPICAL_INGRESSES])
    # Leo (22 July 19:13 UTC) and Capricorn (21 December 20:50 UTC) begin a day later in India.
    assert ist_date(found[6][1]) == date(2026, 7, 23)
    assert ist_date(found[11][1]) == date(2026, 12, 22)


@pytest.mark.parametrize(
    ("day", "sign"),
    [
        (date(2026, 1, 14), Sign.CAPRICORN),  # Makar Sankranti
        (date(2026, 4, 14), Sign.ARIES),  # Mesha Sankranti, the solar new year
    ],
)
def test_sankrantis_are_sidereal_sun_ingresses(day: date, sign: Sign) -> None:
    sidereal_sun = [
        ingress
        for ingress in sky_for(day).ingresses
        if ingress.planet is Planet.SUN and ingress.system is System.SIDEREAL
    ]
    assert [ingress.sign for ingress in sidereal_sun] == [sign]
    assert sky_for(day - timedelta(days=1)).positions[Planet.SUN].sign(System.SIDEREAL) is (sign.shifted(-1))


def test_every_body_changes_sign_in_both_systems_over_a_year(year_2026: Sky) -> None:
    for system in System:
        movers = {i.planet for i in year_2026.ingresses if i.system is system}
        assert {Planet.SUN, Planet.MOON, Planet.MERCURY, Planet.VENUS, Planet.MARS} <= movers
    moon_ingresses = [
        i for i in year_2026.ingresses if i.planet is Planet.MOON and i.system is System.TROPICAL
    ]
    assert 159 <= len(moon_ingresses) <= 162  # 365 days / 27.32-day laps x 12 signs
    assert not any(i.retrograde for i in moon_ingresses)


def test_an_ingress_while_retrograde_enters_the_previous_sign(year_2026: Sky) -> None:
    # Venus turns retrograde on 3 October at 8° Scorpio and backs into Libra before 14 November.
    backwards = [
        i
        for i in year_2026.ingresses
        if i.planet is Planet.VENUS and i.system is System.TROPICAL and i.retrograde
    ]
    assert [i.sign for i in backwards] == [Sign.LIBRA]
    assert date(2026, 10, 3) < ist_date(backwards[0].at) < date(2026, 11, 14)


# Stations and retrograde motion


def test_mercurys_2026_stations_fall_on_the_almanac_days(year_2026: Sky) -> None:
    found = [
        (station.direction, ist_date(station.at))
        for station in year_2026.stations
        if station.planet is Planet.MERCURY
    ]
    assert found == MERCURY_STATIONS_IST


def test_a_daily_snapshot_reports_the_station_of_its_day() -> None:
    stations = sky_for(date(2026, 6, 29)).stations
    assert [(s.planet, s.direction) for s in stations] == [(Planet.MERCURY, "retrograde")]
    assert Sign.from_longitude(stations[0].longitude) is Sign.CANCER
    assert int(stations[0].longitude % 30) == 26


def test_sun_and_moon_never_station(year_2026: Sky) -> None:
    assert {s.planet for s in year_2026.stations}.isdisjoint({Planet.SUN, Planet.MOON})


@pytest.mark.parametrize(
    ("day", "retrograde"),
    [(date(2026, 3, 10), True), (date(2026, 7, 10), True), (date(2026, 4, 15), False)],
)
def test_mercury_is_retrograde_between_its_stations(day: date, retrograde: bool) -> None:
    sky = sky_for(day)
    assert sky.positions[Planet.MERCURY].retrograde is retrograde
    assert (Planet.MERCURY in sky.retrograde) is retrograde


# Aspects


def test_known_2026_aspects_are_found(year_2026: Sky) -> None:
    hits = {(h.first, h.second, h.aspect): ist_date(h.at) for h in year_2026.aspects}
    # Jupiter at opposition on 10 January; Saturn meets Neptune at 0° Aries on 20 February.
    assert hits[(Planet.SUN, Planet.JUPITER, Aspect.OPPOSITION)] == date(2026, 1, 10)
    assert hits[(Planet.SATURN, Planet.NEPTUNE, Aspect.CONJUNCTION)] == date(2026, 2, 20)


def test_aspects_exclude_sun_moon_and_put_the_faster_body_first(year_2026: Sky) -> None:
    assert all({h.first, h.second} != {Planet.SUN, Planet.MOON} for h in year_2026.aspects)
    assert all(h.second is not Planet.MOON for h in year_2026.aspects)
    assert any(h.first is Planet.MOON for h in year_2026.aspects)
    assert {h.aspect for h in year_2026.aspects} == set(Aspect)


# Positions and the ayanamsa


def test_positions_cover_every_body_in_order_and_agree_across_systems() -> None:
    sky = sky_for(date(2026, 2, 5))
    assert list(sky.positions) == list(Planet)
    for position in sky.positions.values():
        assert 0.0 <= position.longitude < 360.0
        assert 0.0 <= position.sidereal_longitude < 360.0
        drift = (position.longitude - sky.ayanamsa - position.sidereal_longitude) % 360.0
        assert min(drift, 360.0 - drift) < 1e-9
    assert 0.95 < sky.positions[Planet.SUN].speed < 1.05
    assert 11.0 < sky.positions[Planet.MOON].speed < 15.5


def test_positions_are_taken_at_local_noon() -> None:
    sky = sky_for(date(2026, 2, 5))
    assert sky.moment == datetime(2026, 2, 5, 6, 30, tzinfo=UTC)
    assert sky_for(date(2026, 2, 5), timezone="UTC").moment == datetime(2026, 2, 5, 12, tzinfo=UTC)
    # 2026-02-05 noon IST: the Sun at 16° Aquarius tropical, 22° Capricorn sidereal.
    sun = sky.positions[Planet.SUN]
    assert (sun.sign(System.TROPICAL), int(sun.degree(System.TROPICAL))) == (Sign.AQUARIUS, 16)
    assert sun.sign(System.SIDEREAL) is Sign.CAPRICORN


@pytest.mark.parametrize(("year", "dms"), LAHIRI_TABLE)
def test_ayanamsa_matches_the_published_lahiri_table(year: int, dms: tuple[int, int, int]) -> None:
    degrees, minutes, seconds = dms
    published = degrees + minutes / 60 + seconds / 3600
    ayanamsa = sky_for(date(year, 1, 1), timezone="UTC").ayanamsa
    assert abs(ayanamsa - published) * 3600 < 1.5  # arcseconds; the table is rounded to 1"


# Ranges, time zones and daylight saving


def test_a_week_holds_its_lunations() -> None:
    week = sky_for(date(2026, 3, 1), date(2026, 3, 7))
    assert [(lun.phase, ist_date(lun.at)) for lun in week.lunations] == [
        (LunarPhase.FULL_MOON, date(2026, 3, 3))
    ]
    assert_events_sorted_and_inside(week)


def test_a_month_holds_its_lunations_including_a_blue_moon() -> None:
    may = sky_for(date(2026, 5, 1), date(2026, 5, 31))
    assert [(lun.phase, ist_date(lun.at)) for lun in may.lunations] == [
        (LunarPhase.FULL_MOON, date(2026, 5, 1)),
        (LunarPhase.LAST_QUARTER, date(2026, 5, 10)),
        (LunarPhase.NEW_MOON, date(2026, 5, 17)),
        (LunarPhase.FIRST_QUARTER, date(2026, 5, 23)),
        (LunarPhase.FULL_MOON, date(2026, 5, 31)),
    ]
    assert_events_sorted_and_inside(may)


def test_a_range_holds_exactly_the_events_of_its_days() -> None:
    week = sky_for(date(2026, 8, 10), date(2026, 8, 16))
    days = [sky_for(date(2026, 8, 10) + timedelta(days=n)) for n in range(7)]
    for kind, events in all_events(week):
        daily = [event for day in days for event in dict(all_events(day))[kind]]
        assert [e.at for e in events] == [e.at for e in daily], kind


@pytest.mark.parametrize(
    ("day", "hours"),
    [(date(2026, 3, 8), 23), (date(2026, 11, 1), 25), (date(2026, 6, 1), 24)],
)
def test_daylight_saving_days_have_23_or_25_hours(day: date, hours: int) -> None:
    start, end = local_day_bounds(day, day, "America/New_York")
    assert end - start == timedelta(hours=hours)
    assert start.astimezone(ZoneInfo("America/New_York")).hour == 0
    assert end.astimezone(ZoneInfo("America/New_York")) == datetime(
        day.year, day.month, day.day, tzinfo=ZoneInfo("America/New_York")
    ) + timedelta(days=1)


@pytest.mark.parametrize("day", [date(2026, 3, 8), date(2026, 11, 1)])
def test_daylight_saving_days_hold_exactly_their_events(day: date) -> None:
    local = sky_for(day, timezone="America/New_York")
    assert_events_sorted_and_inside(local)
    start, end = local_day_bounds(day, day, "America/New_York")
    # The same sky seen over three UTC days, cut to the local day, must give the same events.
    wide = sky_for(day - timedelta(days=1), day + timedelta(days=1), timezone="UTC")
    for (kind, events), (_, wide_events) in zip(all_events(local), all_events(wide), strict=True):
        expected = [e for e in wide_events if start <= e.at < end]
        assert len(events) == len(expected), kind
        for got, want in zip(events, expected, strict=True):
            assert abs(got.at - want.at) < timedelta(minutes=1), kind
    new_york_noon = datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("America/New_York"))
    assert local.moment == new_york_noon


def test_daily_snapshots_are_sorted_and_inside_their_day() -> None:
    for n in range(0, 365, 29):
        assert_events_sorted_and_inside(sky_for(date(2026, 1, 1) + timedelta(days=n)))


# Validation and memoization


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(1899, 12, 31), None),
        (date(2053, 10, 1), None),
        (date(2053, 9, 1), date(2053, 10, 31)),
        (date(1850, 1, 1), date(1950, 1, 1)),
    ],
)
def test_dates_beyond_the_ephemeris_raise_date_out_of_range(first: date, last: date | None) -> None:
    with pytest.raises(DateOutOfRange, match="1900-01-01 to 2053-09-30"):
        sky_for(first, last)


@pytest.mark.parametrize("timezone", ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"])
def test_the_first_and_last_supported_days_work_in_extreme_zones(timezone: str) -> None:
    first, last = sky_for(date(1900, 1, 1), timezone=timezone), sky_for(date(2053, 9, 30), timezone=timezone)
    assert first.positions[Planet.SUN].sign(System.TROPICAL) is Sign.CAPRICORN
    assert last.positions[Planet.SUN].sign(System.TROPICAL) is Sign.LIBRA


def test_a_reversed_range_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="before"):
        sky_for(date(2026, 2, 5), date(2026, 2, 4))


def test_a_range_longer_than_a_year_is_a_value_error() -> None:
    assert sky_for(date(2026, 1, 1), date(2027, 1, 1)).last_day == date(2027, 1, 1)  # 366 days
    with pytest.raises(ValueError, match="at most 366 days"):
        sky_for(date(2026, 1, 1), date(2027, 1, 2))


@pytest.mark.parametrize("timezone", ["Mars/Olympus_Mons", "", "../etc/passwd", "asia/kolkata"])
def test_an_unknown_time_zone_is_a_value_error(timezone: str) -> None:
    with pytest.raises(ValueError, match="Unknown time zone"):
        sky_for(date(2026, 2, 5), timezone=timezone)


def test_a_datetime_is_refused() -> None:
    with pytest.raises(TypeError, match="dates"):
        sky_for(datetime(2026, 2, 5, 12, tzinfo=UTC))


def test_snapshots_are_memoized() -> None:
    day = date(2026, 2, 5)
    assert sky_for(day) is sky_for(day)
    assert sky_for(day) is sky_for(day, day)
    assert sky_for(day) is not sky_for(day, timezone="UTC")

"""Eclipses against NASA's catalogues (Espenak and Meeus, Five Millennium Canon of Solar and of
Lunar Eclipses; eclipse.gsfc.nasa.gov), greatest eclipse converted from TD to UT with ΔT ≈ 69 s."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from service.content.eclipses import Eclipse, EclipseKind, Luminary, eclipses
from service.content.sky import sky_for

SUN, MOON = Luminary.SUN, Luminary.MOON
TOTAL, ANNULAR, PARTIAL, PENUMBRAL = (
    EclipseKind.TOTAL,
    EclipseKind.ANNULAR,
    EclipseKind.PARTIAL,
    EclipseKind.PENUMBRAL,
)

PUBLISHED = {
    2024: [
        ("2024-03-25T07:12", MOON, PENUMBRAL),
        ("2024-04-08T18:16", SUN, TOTAL),
        ("2024-09-18T02:43", MOON, PARTIAL),
        ("2024-10-02T18:44", SUN, ANNULAR),
    ],
    2025: [
        ("2025-03-14T06:58", MOON, TOTAL),
        ("2025-03-29T10:47", SUN, PARTIAL),
        ("2025-09-07T18:11", MOON, TOTAL),
        ("2025-09-21T19:42", SUN, PARTIAL),
    ],
    2026: [
        ("2026-02-17T12:11", SUN, ANNULAR),
        ("2026-03-03T11:32", MOON, TOTAL),  # Chandra Grahan on Holi
        ("2026-08-12T17:46", SUN, TOTAL),
        ("2026-08-28T04:13", MOON, PARTIAL),
    ],
    2027: [
        ("2027-02-06T15:59", SUN, ANNULAR),
        ("2027-02-20T23:12", MOON, PENUMBRAL),
        ("2027-07-18T16:02", MOON, PENUMBRAL),
        ("2027-08-02T10:06", SUN, TOTAL),
        ("2027-08-17T07:13", MOON, PENUMBRAL),
    ],
}


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_every_eclipse_of_a_year_with_its_kind_and_time(year: int) -> None:
    found = eclipses(datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC))
    assert [(e.eclipsed, e.kind) for e in found] == [(body, kind) for _, body, kind in PUBLISHED[year]]
    for eclipse, (published, _, _) in zip(found, PUBLISHED[year], strict=True):
        expected = datetime.fromisoformat(published).replace(tzinfo=UTC)
        assert abs(eclipse.at - expected) < timedelta(minutes=3), (eclipse, published)


def test_a_span_holds_only_the_eclipses_that_peak_inside_it() -> None:
    holi = datetime(2026, 3, 2, 18, 30, tzinfo=UTC)  # 3 March 2026, 00:00 in New Delhi
    assert [e.summary for e in eclipses(holi, holi + timedelta(days=1))] == ["A total eclipse of the Moon"]
    assert eclipses(holi + timedelta(days=1), holi + timedelta(days=14)) == ()
    annular = eclipses(datetime(2026, 2, 17, 12, 0, tzinfo=UTC), datetime(2026, 2, 17, 13, 0, tzinfo=UTC))
    assert annular == (Eclipse(annular[0].at, SUN, ANNULAR),)
    assert annular[0].summary == "An annular eclipse of the Sun"


def test_a_days_sky_carries_the_eclipses_that_peak_on_its_local_days() -> None:
    holi = sky_for(date(2026, 3, 3))  # 17:02 in New Delhi
    assert [(e.eclipsed, e.kind) for e in holi.eclipses] == [(MOON, TOTAL)]
    assert sky_for(date(2026, 3, 2)).eclipses == ()
    assert sky_for(date(2026, 3, 4)).eclipses == ()
    august = sky_for(date(2026, 8, 1), date(2026, 8, 31))
    assert [(e.eclipsed, e.kind) for e in august.eclipses] == [(SUN, TOTAL), (MOON, PARTIAL)]
    # 17:45 UTC on 12 August is 23:15 in New Delhi, and still the 12th: the local day decides.
    assert [e.eclipsed for e in sky_for(date(2026, 8, 12)).eclipses] == [SUN]
    assert sky_for(date(2026, 8, 13)).eclipses == ()
    # In New York the solar eclipse of 2 October 2024 (18:45 UTC) falls on the 2nd, in Tokyo on the 3rd.
    assert sky_for(date(2024, 10, 2), timezone="America/New_York").eclipses
    assert sky_for(date(2024, 10, 3), timezone="Asia/Tokyo").eclipses
    assert not sky_for(date(2024, 10, 2), timezone="Asia/Tokyo").eclipses

"""The Vedic edition's composer: a sidereal (Lahiri, Moon-sign) rashifal from the real sky.

Dispatched to by `composer.compose_from_sky` for `System.SIDEREAL` ('vedic'). It reads the sky
with `vedic_reading`, writes with `vedic_writer`, and hands back the same `Horoscope` shape as the
Western edition, with `sky` facts of the nine grahas only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from service.content import CONTENT_VERSION
from service.content.calendar import Period
from service.content.entries import Horoscope, SkyEventFact, SkyFacts, horoscope_title
from service.content.grahas import Graha
from service.content.places import Place
from service.content.reading import EventKind, SkyEvent
from service.content.sky import Sky
from service.content.variety import Chooser, seed_for
from service.content.vedic_reading import VedicReading, read_vedic
from service.content.vedic_writer import (
    VedicDesk,
    compatibility,
    headline,
    lucky,
    mood,
    rashi,
    teaser,
    write_body,
    write_sections,
)
from service.content.zodiac import Planet, Sign, System


def compose_vedic(
    sky: Sky, sign: Sign, period: Period, *, today: date, place: Place, period_number: int
) -> tuple[Horoscope, VedicDesk, list[list[str]]]:
    """The Vedic entry, the desk that wrote it (its claims) and the body sentence by sentence."""
    reading = read_vedic(sky, sign, period, place)
    desk = VedicDesk(reading, vedic_chooser(sky, sign, period, period_number))
    title_headline = headline(desk)
    body = write_body(desk)
    horoscope = Horoscope(
        sign=sign,
        date=sky.first_day,
        period=period,
        system=System.SIDEREAL,
        headline=title_headline,
        title=horoscope_title(sign, sky.first_day, period, title_headline, today),
        teaser=teaser(desk),
        body=tuple(" ".join(paragraph) for paragraph in body),
        sections=write_sections(desk),
        lucky=lucky(desk),
        mood=mood(desk),
        compatibility=compatibility(desk),
        sky=vedic_sky_facts(sky, reading),
        version=CONTENT_VERSION,
    )
    return horoscope, desk, body


def vedic_chooser(sky: Sky, sign: Sign, period: Period, period_number: int) -> Chooser:
    """The chooser of a Vedic entry: the English and the Hindi desk take the same one, so both
    editions of a day make the same picks."""
    seed = seed_for(
        "horoscope", sign.value, sky.first_day.isoformat(), period.value, "vedic", CONTENT_VERSION
    )
    return Chooser(seed, period_number, sign.index)


def vedic_sky_facts(sky: Sky, reading: VedicReading) -> SkyFacts:
    """The sky facts of a Vedic entry: the grahas' events only, names as the text prints them."""
    moon_events = [
        SkyEventFact("ingress", _utc(i.at), f"Chandra (the Moon) enters {rashi(i.sign)}")
        for i in sky.ingresses
        if i.planet is Planet.MOON and i.system is System.SIDEREAL and reading.period is Period.DAILY
    ]
    events = [_event_fact(e) for e in reading.base.events]
    nodes = [
        SkyEventFact("ingress", _utc(n.at), f"{n.graha.label} ({n.graha.english}) enters {rashi(n.sign)}")
        for n in reading.node_ingresses
    ]
    return SkyFacts(
        moon_sign=reading.moon.sign,
        moon_phase=sky.moon_phase.value,
        moon_illumination=round(sky.moon_illumination, 3),
        retrograde=tuple(p.value for p in sky.retrograde if _is_graha(p)),
        events=tuple(sorted(moon_events + events + nodes, key=lambda f: f.at)),
        aspects=(),
    )


def _is_graha(planet: Planet) -> bool:
    return planet not in (Planet.URANUS, Planet.NEPTUNE, Planet.PLUTO)


def _event_fact(event: SkyEvent) -> SkyEventFact:
    assert event.sign is not None
    where = rashi(event.sign)
    graha = Graha.of(event.planet)
    name = f"{graha.label} ({graha.english})"
    if event.kind is EventKind.ECLIPSE:
        grahan = "Chandra Grahan" if event.planet is Planet.MOON else "Surya Grahan"
        lunar = "lunar" if event.planet is Planet.MOON else "solar"
        summary = f"{grahan} ({event.detail} {lunar} eclipse) in {where}"
    elif event.kind is EventKind.LUNATION:
        names = {
            "new moon": "Amavasya (new Moon)",
            "full moon": "Purnima (full Moon)",
            "first quarter": "Shukla Ashtami (first quarter)",
            "last quarter": "Krishna Ashtami (last quarter)",
        }
        summary = f"{names[event.detail]} in {where}"
    elif event.kind is EventKind.STATION:
        turn = "vakri (retrograde)" if event.detail == "retrograde" else "margi (direct)"
        summary = f"{name} turns {turn} in {where}"
    elif event.detail == "retrograde":
        summary = f"{name} re-enters {where} while vakri"
    else:
        summary = f"{name} enters {where}"
    return SkyEventFact(event.kind.value, _utc(event.at), summary)


def _utc(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

"""The horoscope composer: one reading of the real sky for a sign, period and zodiac system."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from service.content import CONTENT_VERSION
from service.content.calendar import Period, period_days
from service.content.claims import Claim
from service.content.details import compatibility, headline, teaser
from service.content.draft import Draft
from service.content.entries import AspectFact, Horoscope, SkyEventFact, SkyFacts, horoscope_title
from service.content.lucky import lucky_details
from service.content.narrative import Paragraphs, write_body
from service.content.occasions import Occasions, occasions_for
from service.content.phrases import load_bank
from service.content.places import Place, default_place
from service.content.ranking import Brief, brief_for
from service.content.reading import EventKind, Reading, SkyEvent, read_sky
from service.content.sections import write_sections
from service.content.sky import DEFAULT_TIMEZONE, Sky, sky_for
from service.content.tone import mood
from service.content.variety import Chooser, seed_for
from service.content.vedic_composer import compose_vedic
from service.content.wording import PHASE_ADJECTIVES, eclipse_name, sign_name
from service.content.zodiac import Planet, Sign, System


@dataclass(frozen=True, slots=True)
class Composition:
    """A horoscope with what it rests on: the reading, the claims its text makes, its sentences."""

    horoscope: Horoscope
    claims: tuple[Claim, ...]
    sentences: Paragraphs  # the body, sentence by sentence
    reading: Reading
    brief: Brief
    occasions: Occasions


def compose_horoscope(
    sign: Sign,
    day: date,
    period: Period = Period.DAILY,
    system: System = System.TROPICAL,
    *,
    today: date,
    timezone: str = DEFAULT_TIMEZONE,
    place: Place | None = None,
) -> Horoscope:
    """The horoscope of the period holding `day`; `today` only picks the title's relative word.

    `place` (New Delhi by default) is where festivals and Rahu Kaal are reckoned (HOROSCOPE_PLACE),
    and where the Vedic edition takes its panchang (tithi, nakshatra, muhurat).
    """
    return compose_with_claims(
        sign, day, period, system, today=today, timezone=timezone, place=place
    ).horoscope


def compose_with_claims(
    sign: Sign,
    day: date,
    period: Period = Period.DAILY,
    system: System = System.TROPICAL,
    *,
    today: date,
    timezone: str = DEFAULT_TIMEZONE,
    place: Place | None = None,
) -> Composition:
    """Like compose_horoscope, keeping the reading and the claims for checks and editors."""
    first, last = period_days(period, day)
    return compose_from_sky(sky_for(first, last, timezone), sign, period, system, today=today, place=place)


def compose_from_sky(
    sky: Sky, sign: Sign, period: Period, system: System, *, today: date, place: Place | None = None
) -> Composition:
    """Compose from a given sky (the pure core; tests pass hand-made skies).

    The sidereal system is the Vedic edition, written by its own reader and writer.
    """
    place = place or default_place()
    if system is System.SIDEREAL:
        return _compose_vedic(sky, sign, period, today, place)
    reading = read_sky(sky, sign, system, period)
    occasions = occasions_for(sky.first_day, sky.last_day, period, place)
    brief = brief_for(reading)
    seed = seed_for(
        "horoscope", sign.value, sky.first_day.isoformat(), period.value, system.value, CONTENT_VERSION
    )
    draft = Draft(reading, load_bank(), Chooser(seed, _period_number(period, sky.first_day), sign.index))
    title_headline = headline(draft, brief, occasions)
    body = write_body(draft, brief, occasions)
    horoscope = Horoscope(
        sign=sign,
        date=sky.first_day,
        period=period,
        system=system,
        headline=title_headline,
        title=horoscope_title(sign, sky.first_day, period, title_headline, today),
        teaser=teaser(draft),
        body=tuple(" ".join(paragraph) for paragraph in body),
        sections=write_sections(draft),
        lucky=lucky_details(draft, sky, place),
        mood=mood(draft),
        compatibility=compatibility(draft),
        sky=_sky_facts(sky, reading),
        version=CONTENT_VERSION,
        occasions=occasions.facts,
    )
    return Composition(horoscope, tuple(dict.fromkeys(draft.claims)), body, reading, brief, occasions)


def _compose_vedic(sky: Sky, sign: Sign, period: Period, today: date, place: Place) -> Composition:
    horoscope, desk, body = compose_vedic(
        sky, sign, period, today=today, place=place, period_number=_period_number(period, sky.first_day)
    )
    reading = desk.reading.base
    paragraphs = tuple(tuple(paragraph) for paragraph in body)
    occasions = occasions_for(sky.first_day, sky.last_day, period, place)
    claims = tuple(dict.fromkeys(desk.claims))
    return Composition(horoscope, claims, paragraphs, reading, brief_for(reading), occasions)


def _period_number(period: Period, first_day: date) -> int:
    """Counts periods, so that rotations step once per day, week or month."""
    if period is Period.WEEKLY:
        return first_day.toordinal() // 7
    if period is Period.MONTHLY:
        return first_day.year * 12 + first_day.month
    return first_day.toordinal()


def _sky_facts(sky: Sky, reading: Reading) -> SkyFacts:
    events = [e for e in reading.events if e.kind is not EventKind.ASPECT]
    moon_events = [
        SkyEventFact("ingress", _utc(i.at), f"The Moon enters {sign_name(i.sign, reading.system)}")
        for i in sky.ingresses
        if i.planet is Planet.MOON and i.system is reading.system and reading.period is Period.DAILY
    ]
    facts = sorted(moon_events + [_event_fact(e, reading.system) for e in events], key=lambda f: f.at)
    return SkyFacts(
        moon_sign=reading.moon.sign,
        moon_phase=sky.moon_phase.value,
        moon_illumination=round(sky.moon_illumination, 3),
        retrograde=tuple(p.value for p in reading.retrograde),
        events=tuple(facts),
        aspects=tuple(
            AspectFact(
                _utc(e.at),
                e.planet.value,
                e.other.value,
                e.detail,
                f"{e.planet.value.title()} {e.detail} {e.other.value.title()}",
            )
            for e in reading.events
            if e.kind is EventKind.ASPECT and e.other is not None
        ),
    )


def _event_fact(event: SkyEvent, system: System) -> SkyEventFact:
    assert event.sign is not None
    where = sign_name(event.sign, system)
    label = event.planet.label[:1].upper() + event.planet.label[1:]
    if event.kind is EventKind.ECLIPSE:
        summary = f"{eclipse_name(event.planet, event.detail).capitalize()} in {where}"
    elif event.kind is EventKind.LUNATION:
        phase = PHASE_ADJECTIVES[next(p for p in PHASE_ADJECTIVES if p.value == event.detail)]
        summary = f"{phase.capitalize()} Moon in {where}"
    elif event.kind is EventKind.STATION:
        summary = f"{label} turns {event.detail} in {where}"
    elif event.detail == "retrograde":
        summary = f"{label} re-enters {where} while retrograde"
    else:
        summary = f"{label} enters {where}"
    return SkyEventFact(event.kind.value, _utc(event.at), summary)


def _utc(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

"""The day's panchang as readers get it: composed once per city and date, frozen in Redis, rendered.

It lives like a horoscope (service.publishing): the first read, or the scheduler ahead of it,
composes it and stores it with its `published_at`, and readers then get the stored record and its
ETag from the process cache. Nobody edits a panchang, so it has no override. As with horoscopes,
today's and earlier records never change; the scheduled refresh recomposes a future day's record
when the computation now gives another answer, so a correction reaches the days still to come.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from datetime import date, datetime, timedelta
from typing import Any

from service.content.eclipses import Luminary
from service.content.festivals import festivals_on
from service.content.grahan import DayEclipse
from service.content.panchang import Karana, Month, Nakshatra, Period, Rashi, Yoga, panchang_for
from service.content.places import Place, place, places
from service.days import isoformat_utc
from service.hindi_panchang import hindi_panchang
from service.publishing import Outcome, Publisher, Rendered, dumps, new_record, rendered
from service.store import StoredEntry, panchang_id


def default_city(publisher: Publisher) -> Place:
    """The city readers get when they name none: HOROSCOPE_PLACE."""
    return place(publisher.config.place)


def read_panchang(publisher: Publisher, city: Place, day: date, today: date, lang: str = "en") -> Rendered:
    """The panchang of `day` at `city` in `lang` ('en' or 'hi'); `today` is the portal's date the day
    was read against."""
    publisher.check_window(day, today)
    return publisher.cached(
        _key(city, day, lang), lambda: render_panchang(publish_panchang(publisher, city, day), lang)
    )


def cached_panchang(publisher: Publisher, city: Place, day: date, today: date) -> Rendered | None:
    """What the process cache holds for that read, or None (service.api.cached_reads)."""
    publisher.check_window(day, today)
    return publisher.peek(_key(city, day))


def publish_panchang(publisher: Publisher, city: Place, day: date) -> StoredEntry:
    """Make sure the panchang is stored (an earlier record wins); its stored record."""
    entry_id = panchang_id(city.slug, day.isoformat())
    stored = publisher.store.fetch(entry_id)
    return stored if stored.record is not None else _store(publisher, entry_id, city, day)


def refresh_panchang(publisher: Publisher, city: Place, day: date) -> Outcome:
    """Publish a missing panchang; recompose a future one the computation now answers otherwise."""
    entry_id = panchang_id(city.slug, day.isoformat())
    stored = publisher.store.fetch(entry_id)
    if stored.record is None:
        return Outcome.PUBLISHED if _store(publisher, entry_id, city, day).written else Outcome.PRESENT
    if day <= publisher.today():
        return Outcome.PRESENT
    record = json.loads(stored.record)
    document = panchang_document(city, day)
    if record["entry"] == document:
        return Outcome.PRESENT
    fresh = dumps({**record, "entry": document, "updated_at": isoformat_utc(publisher.clock())})
    return Outcome.REFRESHED if publisher.store.replace(entry_id, stored.record, fresh) else Outcome.PRESENT


def city_list(publisher: Publisher) -> Rendered:
    """Every bundled city, in the list's order (it ships with the code, so it has no Last-Modified)."""
    return publisher.cached("cities", lambda: rendered(dumps({"items": [_city(c) for c in places()]}), None))


def render_panchang(stored: StoredEntry, lang: str = "en") -> Rendered:
    """A stored panchang as readers get it, with when it was published and last changed."""
    assert stored.record is not None
    record = json.loads(stored.record)
    updated_at = record["updated_at"]
    document = {**record["entry"], "published_at": record["published_at"], "updated_at": updated_at}
    if lang == "hi":
        document = hindi_panchang(document)
    return rendered(dumps(document), datetime.fromisoformat(updated_at))


def panchang_document(city: Place, day: date) -> dict[str, Any]:
    """The panchang of `day` at `city` in the API's shape (schemas.panchang.PanchangSchema), as stored."""
    found = panchang_for(day, city)
    tithi = found.tithi
    return {
        "date": day.isoformat(),
        "place": _city(city),
        "weekday": {"name": found.weekday.name, "hindi": found.weekday.hindi},
        "sunrise": _instant(found.sunrise),
        "sunset": _instant(found.sunset),
        "moonrise": _instant(found.moonrise),
        "moonset": _instant(found.moonset),
        "tithi": {
            "number": tithi.number,
            "name": tithi.name,
            "hindi": tithi.hindi,
            "paksha": tithi.paksha.value,
            "ends_at": _instant(tithi.ends_at),
        },
        "nakshatra": _limb(found.nakshatra),
        "yoga": _limb(found.yoga),
        "karana": _limb(found.karana),
        "moon_rashi": _rashi(found.moon_rashi),
        "sun_rashi": _rashi(found.sun_rashi),
        "month": {"purnimanta": _month(found.month.purnimanta), "amanta": _month(found.month.amanta)},
        "vikram_samvat": found.vikram_samvat,
        "shaka_samvat": found.shaka_samvat,
        "rahu_kaal": _period(found.rahu_kaal),
        "yamaganda": _period(found.yamaganda),
        "gulika_kaal": _period(found.gulika_kaal),
        "abhijit_muhurat": _period(found.abhijit_muhurat),
        "festivals": [
            {"slug": festival.slug, "name": festival.name, "hindi": festival.hindi}
            for festival in festivals_on(day, city)
        ],
        "eclipse": _eclipse(found.eclipse),
    }


def _store(publisher: Publisher, entry_id: str, city: Place, day: date) -> StoredEntry:
    """Compose and store a panchang found missing; an earlier writer's record wins."""
    publisher.check_may_freeze(day)
    record, written = publisher.store.publish(
        entry_id, new_record(panchang_document(city, day), publisher.clock())
    )
    return StoredEntry(record, None, written)


def _key(city: Place, day: date, lang: str = "en") -> Hashable:
    return ("panchang", city.slug, day, lang)


def _city(city: Place) -> dict[str, Any]:
    return {
        "slug": city.slug,
        "name": city.name,
        "hindi": city.hindi,
        "latitude": city.latitude,
        "longitude": city.longitude,
        "timezone": city.timezone,
    }


def _limb(limb: Nakshatra | Yoga | Karana) -> dict[str, Any]:
    return {"number": limb.number, "name": limb.name, "hindi": limb.hindi, "ends_at": _instant(limb.ends_at)}


def _rashi(rashi: Rashi) -> dict[str, Any]:
    return {
        "sign": rashi.sign.value,
        "name": rashi.name,
        "hindi": rashi.hindi,
        "ends_at": _instant(rashi.ends_at),
    }


def _month(month: Month) -> dict[str, Any]:
    return {"number": month.number, "name": month.label, "hindi": month.hindi_label, "adhik": month.adhik}


def _period(period: Period | None) -> dict[str, str | None] | None:
    return None if period is None else {"start": _instant(period.start), "end": _instant(period.end)}


def _eclipse(eclipse: DayEclipse | None) -> dict[str, Any] | None:
    if eclipse is None:
        return None
    return {
        "kind": "solar" if eclipse.eclipsed is Luminary.SUN else "lunar",
        "type": eclipse.kind.value,
        "maximum": _instant(eclipse.maximum),
        "start": _instant(eclipse.start),
        "end": _instant(eclipse.end),
        "visible_here": eclipse.visible_here,
        "visible_in_india": eclipse.visible_in_india,
        "sutak_start": _instant(eclipse.sutak_start),
    }


def _instant(moment: datetime | None) -> str | None:
    """'2026-02-05T07:07:51+05:30': to the nearest second, in the place's civil time with its offset."""
    if moment is None:
        return None
    return (moment + timedelta(microseconds=500_000)).replace(microsecond=0).isoformat()

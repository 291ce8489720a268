"""The Hindi rashifal as published: its own stored record per sign and period, frozen like any other.

A Hindi entry is composed once (by `content.hindi.rashifal_writer`, from the Vedic reading),
stored under its own id (`horoscope:sidereal:daily:leo:2026-02-05:hi`, the Vedic entry's id with
the language), and never recomposed once stored: the same first-writer-wins publication as the
English entries. Its answers are cached under their own keys (so their own ETags), and carry the
entry's id as their edge tag, so a purge of the Hindi entry reaches exactly its URLs. The title's
आज/कल word is set at reading time against the portal's today, as the English title's is.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import date, datetime
from typing import Any

from schemas.horoscopes import HoroscopeSchema
from service.content.calendar import Period, period_days, period_start
from service.content.hindi.rashifal_writer import NOTE, RASHI_HINDI, compose_hindi_entry
from service.content.hindi.titles import hindi_title
from service.content.places import place
from service.content.zodiac import Sign, System
from service.edge.policy import EdgePolicy, Headers
from service.publishing import Publisher, Rendered, dumps, effective_entry, new_record, rendered
from service.store import StoredEntry, horoscope_id

LANG = "hi"
_SCHEMA = HoroscopeSchema()


def hindi_horoscope_id(period: Period, sign: Sign, first: date) -> str:
    """'horoscope:sidereal:daily:leo:2026-02-05:hi': the Vedic entry's id, with the language."""
    return f"{horoscope_id(System.SIDEREAL, period, sign, first.isoformat())}:{LANG}"


def hindi_horoscope(publisher: Publisher, sign: Sign, day: date, period: Period, today: date) -> Rendered:
    """One sign's Hindi rashifal for the period holding `day`, read on `today`."""
    publisher.check_window(day, today)
    first = period_start(period, day)
    return publisher.cached(
        _key(sign, first, period, today),
        lambda: render_hindi(publish_hindi(publisher, sign, first, period), today),
    )


def hindi_horoscope_day(publisher: Publisher, day: date, period: Period, today: date) -> Rendered:
    """All twelve Hindi rashifals for the period holding `day`, in zodiac order."""
    publisher.check_window(day, today)
    first = period_start(period, day)
    head = {"date": first.isoformat(), "period": period.value, "system": System.SIDEREAL.value}
    head |= {"lang": LANG, "note": NOTE}
    return publisher.cached(
        ("horoscope-day", LANG, period, first, today),
        lambda: _list(head, [hindi_horoscope(publisher, s, first, period, today) for s in Sign]),
    )


def publish_hindi(publisher: Publisher, sign: Sign, first: date, period: Period) -> StoredEntry:
    """The stored Hindi entry, composed and stored if missing (an earlier record wins)."""
    entry_id = hindi_horoscope_id(period, sign, first)
    stored = publisher.store.fetch(entry_id)
    if stored.record is not None:
        return stored
    publisher.check_may_freeze(period_days(period, first)[1])
    horoscope, _ = compose_hindi_entry(
        sign, first, period, today=publisher.today(), place=place(publisher.config.place)
    )
    record, written = publisher.store.publish(
        entry_id, new_record(_SCHEMA.dump(horoscope), publisher.clock())
    )
    return StoredEntry(record, stored.override, written)


def hindi_caching(
    edge: EdgePolicy, signs: Iterable[Sign], day: date, alias: str | None, period: Period, today: date
) -> Headers:
    """The caching headers of a Hindi answer: its entries' tags, and for an alias the dated URL."""
    first, last = period_days(period, day)
    entry_ids = [hindi_horoscope_id(period, sign, first) for sign in signs]
    query = ([f"period={period.value}"] if period is not Period.DAILY else []) + [f"lang={LANG}"]
    location = None if alias is None else f"{day.isoformat()}?{'&'.join(query)}"
    return edge.dated("horoscope", last, today, entry_ids, first_day=first, alias=alias, location=location)


def render_hindi(stored: StoredEntry, today: date) -> Rendered:
    """A Hindi entry as readers get it (an editor's override applied), its आज/कल against `today`."""
    entry, provenance = effective_entry(stored)
    if "title" not in provenance["overridden"]:  # the आज/कल word against today, as for English titles
        sign, first, period = Sign(entry["sign"]), date.fromisoformat(entry["date"]), Period(entry["period"])
        rashi = RASHI_HINDI[sign.facts.sidereal_name]
        entry["title"] = hindi_title(rashi, first, period, entry["headline"], today)
    document: dict[str, Any] = {**entry, "lang": LANG, "note": NOTE, **provenance}
    return rendered(dumps(document), _updated(provenance))


def _updated(provenance: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(provenance["updated_at"])


def _list(head: dict[str, Any], items: list[Rendered]) -> Rendered:
    body = dumps(head)[:-1] + b',"items":[' + b",".join(item.body for item in items) + b"]}"
    return rendered(body, max((i.last_modified for i in items if i.last_modified), default=None))


def _key(sign: Sign, first: date, period: Period, today: date) -> Hashable:
    return ("horoscope", LANG, period, sign, first, today)

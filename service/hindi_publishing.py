"""The Hindi rashifal as published: its own stored record per sign and period, frozen like any other.

A Hindi entry is composed once (by `content.hindi.rashifal_writer`, from the Vedic reading),
stored under its own id (`horoscope:sidereal:daily:leo:2026-02-05:hi`, the Vedic entry's id with
the language), and never recomposed once stored: the same first-writer-wins publication as the
English entries, and the same refresh by the scheduler (`refresh_hindi`). A daily one is listed in
the Hindi feed's index (`HINDI_FEED`) as it is stored, as an English daily is in the feed's. Its
answers are cached under their own keys (so their own ETags), and carry the entry's id as their
edge tag, so a purge of the Hindi entry reaches exactly its URLs. The title's आज/कल word is set at
reading time against the portal's today, as the English title's is.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from schemas.horoscopes import HoroscopeSchema
from schemas.language import HINDI
from service.content.calendar import Period, period_days, period_start
from service.content.hindi.rashifal_writer import NOTE, RASHI_HINDI, compose_hindi_entry
from service.content.hindi.titles import hindi_title
from service.content.places import place
from service.content.zodiac import Sign, System
from service.edge.policy import EdgePolicy, Headers
from service.publishing import (
    Outcome,
    Publisher,
    Rendered,
    dumps,
    effective_entry,
    horoscope_feed_score,
    rendered,
)
from service.store import HINDI_FEED_INDEX, StoredEntry, horoscope_id

LANG = HINDI
HINDI_FEED = HINDI_FEED_INDEX  # the feed index of the daily Hindi entries (English: "horoscope")
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
    stored = publisher.store.fetch(hindi_horoscope_id(period, sign, first))
    return stored if stored.record is not None else _store(publisher, stored, sign, first, period)


def refresh_hindi(publisher: Publisher, sign: Sign, first: date, period: Period) -> Outcome:
    """The scheduler's step for one Hindi entry, as for the English ones (Publisher.refresh_entry):
    publish it when missing, compose again a future one an older engine wrote, leave the rest."""
    return publisher.refresh_entry(
        hindi_horoscope_id(period, sign, first),
        first,
        lambda stored: _store(publisher, stored, sign, first, period),
        lambda: _compose(publisher, sign, first, period),
    )


def _store(publisher: Publisher, stored: StoredEntry, sign: Sign, first: date, period: Period) -> StoredEntry:
    """Compose and store a Hindi entry `stored` showed missing; a daily one joins the Hindi feed."""
    listing = (HINDI_FEED, horoscope_feed_score(sign, first)) if period is Period.DAILY else None
    entry_id, last_day = hindi_horoscope_id(period, sign, first), period_days(period, first)[1]
    return publisher.store_composed(
        entry_id, stored, last_day, lambda: _compose(publisher, sign, first, period), listing
    )


def _compose(publisher: Publisher, sign: Sign, first: date, period: Period) -> dict[str, Any]:
    horoscope, _ = compose_hindi_entry(
        sign, first, period, today=publisher.today(), place=place(publisher.config.place)
    )
    dumped: dict[str, Any] = _SCHEMA.dump(horoscope)
    return dumped


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
    entry = with_hindi_title(entry, provenance, today)
    document: dict[str, Any] = {**entry, "lang": LANG, "note": NOTE, **provenance}
    return rendered(dumps(document), _updated(provenance))


def with_hindi_title(entry: dict[str, Any], provenance: Mapping[str, Any], today: date) -> dict[str, Any]:
    """The entry with its title's आज/कल set against `today`, as English titles' Today/Tomorrow are."""
    if "title" not in provenance["overridden"]:  # editors' titles are kept as headlines (hindi_editing)
        sign, first, period = Sign(entry["sign"]), date.fromisoformat(entry["date"]), Period(entry["period"])
        entry["title"] = hindi_title(
            RASHI_HINDI[sign.facts.sidereal_name], first, period, entry["headline"], today
        )
    return entry


def _updated(provenance: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(provenance["updated_at"])


def _list(head: dict[str, Any], items: list[Rendered]) -> Rendered:
    body = dumps(head)[:-1] + b',"items":[' + b",".join(item.body for item in items) + b"]}"
    return rendered(body, max((i.last_modified for i in items if i.last_modified), default=None))


def _key(sign: Sign, first: date, period: Period, today: date) -> Hashable:
    return ("horoscope", LANG, period, sign, first, today)

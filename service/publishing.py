"""The one place that turns entries into what readers get: compose once, store, merge overrides, render.

Publish freezes: the first time an entry is needed it is composed and stored with its
`published_at`; from then on readers get the stored record, whatever the current phrase banks say.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from schemas.horoscopes import HoroscopeSchema
from schemas.listicles import ListicleSchema
from service.config import Config
from service.content import CONTENT_VERSION
from service.content.calendar import Period, period_days, period_start
from service.content.composer import compose_horoscope
from service.content.entries import headline_in_title, horoscope_title
from service.content.errors import ContentError, DateOutOfRange, NotThePublishedSlug, UnknownTopic
from service.content.listicles import compose_listicle, daily_plan, parse_slug, planned_slug
from service.content.places import place as place_named
from service.content.zodiac import Sign, System
from service.days import isoformat_utc, local_today
from service.edge.policy import EdgePolicy
from service.epoch import DataEpoch
from service.listicle_ld import listicle_extras
from service.local_cache import LocalCache
from service.metrics import CACHE_HITS, CACHE_MISSES
from service.store import (
    EDITORIAL_PREFIX,
    Store,
    StoredEntry,
    horoscope_id,
    is_editorial,
    listicle_id,
    listicle_id_parts,
    listicle_plan_id,
)

if TYPE_CHECKING:
    from service.feed import FeedSnapshot

EDITORIAL = "editorial"  # the category, version and source of editor-written listicles
_SLUG = re.compile(r"(?P<stem>[a-z0-9]+(?:-[a-z0-9]+)*)-(?P<date>\d{4}-\d{2}-\d{2})")
WITHDRAWAL_LOOKBACK = 10  # history records searched for a withdrawal's time (a race may put an edit after it)
_HOROSCOPE_SCHEMA = HoroscopeSchema()
_LISTICLE_SCHEMA = ListicleSchema()


class Withdrawn(ContentError):
    """An editor-written listicle that an editor took out of its date's list; its history can restore it."""

    status = 410
    title = "Gone"

    def __init__(self, slug: str, at: str | None) -> None:
        when = f" on {at}" if at else ""
        super().__init__(
            f"The listicle '{slug}' was withdrawn{when}. Editors can bring it back from its history: "
            f"GET /v1/listicles/{slug}/history, then POST /v1/listicles/{slug}/history/<id>/restore."
        )
        self.at = at

    def members(self) -> dict[str, Any]:
        return {"withdrawn_at": self.at} if self.at else {}


@dataclass(frozen=True, slots=True)
class Rendered:
    """Response bytes ready to send, with their validators."""

    body: bytes
    etag: str  # strong, quoted
    last_modified: datetime | None
    validators: tuple[tuple[str, str], ...] = field(init=False)  # as headers, formatted once, not per read

    def __post_init__(self) -> None:
        validators = [("ETag", self.etag)]
        if self.last_modified is not None:
            modified = format_datetime(self.last_modified.astimezone(UTC), usegmt=True)  # as http_date()
            validators.append(("Last-Modified", modified))
        object.__setattr__(self, "validators", tuple(validators))


def dumps(document: Any) -> bytes:
    """Compact UTF-8 JSON, the one serialisation of stored and served documents."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def rendered(body: bytes, last_modified: datetime | None) -> Rendered:
    """Bytes with a strong ETag: a digest of exactly those bytes."""
    return Rendered(body, f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"', last_modified)


def merge_override(entry: Mapping[str, Any], fields: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The entry with an editor's fields laid over it, and the dotted paths that the editor set."""
    merged = dict(entry)
    overridden: list[str] = []
    for name, value in fields.items():
        current = merged.get(name)
        if isinstance(value, dict) and isinstance(current, dict):
            merged[name], inner = merge_override(current, value)
            overridden.extend(f"{name}.{path}" for path in inner)
        else:
            merged[name] = value
            overridden.append(name)
    return merged, sorted(overridden)


def new_record(entry: Mapping[str, Any], now: datetime) -> bytes:
    """A freshly published entry as stored: the entry and its timestamps."""
    stamp = isoformat_utc(now)
    return dumps({"entry": entry, "published_at": stamp, "updated_at": stamp})


def effective_entry(stored: StoredEntry) -> tuple[dict[str, Any], dict[str, Any]]:
    """(entry with any override applied, provenance fields) of a stored entry."""
    assert stored.record is not None
    record = json.loads(stored.record)
    entry, updated_at = record["entry"], record["updated_at"]
    overridden: list[str] = []
    if stored.override is not None:
        override = json.loads(stored.override)
        entry, overridden = merge_override(entry, override["fields"])
        updated_at = max(updated_at, override["updated_at"])
    provenance = {
        "source": _source(entry, overridden),
        "overridden": overridden,
        "published_at": record["published_at"],
        "updated_at": updated_at,
    }
    return entry, provenance


def _source(entry: Mapping[str, Any], overridden: list[str]) -> str:
    """The answer's `source`: 'editorial' for an editor-written listicle, edited or not."""
    if entry.get("category") == EDITORIAL:
        return EDITORIAL
    return "override" if overridden else "generated"


def with_relative_title(entry: dict[str, Any], provenance: Mapping[str, Any], today: date) -> dict[str, Any]:
    """A horoscope whose title says Today/Tomorrow/Yesterday against `today`, overridden or not."""
    sign, first, period = Sign(entry["sign"]), date.fromisoformat(entry["date"]), Period(entry["period"])
    headline = entry["headline"]
    if "title" in provenance["overridden"]:  # written before titles were composed: keep its headline
        headline = headline_in_title(entry["title"], sign, first, period)
        if headline is None:  # not in the house style: the editor's words, verbatim
            return entry
    entry["title"] = horoscope_title(sign, first, period, headline, today)
    return entry


class Outcome(StrEnum):
    """What a scheduled refresh did to one entry."""

    PUBLISHED = "published"  # it was missing; now it is stored
    REFRESHED = "refreshed"  # a future entry written by an older engine, regenerated
    PRESENT = "present"  # already stored and current (or frozen: today and earlier never change)
    OVERRIDDEN = "overridden"  # an editor's override stands over it: left alone


class Publisher:
    """Reads for the API: answers from the process cache, else from Redis, else composes and stores."""

    def __init__(self, store: Store, config: Config, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.config = config
        self.clock = clock
        self.cache: LocalCache[Rendered] = LocalCache(
            store.generation,
            size=config.local_cache_size,
            check_interval=config.cache_check_seconds,
            stale_if_error=config.stale_if_error_seconds,
        )
        # The feed has a cache of its own, validated against publications as well as edits: a
        # publication renews every process's feed without dropping its rendered entries, and feed
        # queries never push entries out of `cache`.
        self.feed_cache: LocalCache[FeedSnapshot] = LocalCache(
            store.feed_generations,
            size=4,  # a snapshot per portal date and language: two dates at midnight, in en and hi
            check_interval=config.cache_check_seconds,
            stale_if_error=config.stale_if_error_seconds,
        )
        self.epoch = DataEpoch(store, clock)
        self.edge = EdgePolicy(config, clock)  # the caching headers of every answer

    def today(self) -> date:
        """The portal's local date now."""
        return local_today(self.clock(), self.config.zone)

    def invalidate(self) -> None:
        """Forget every render: this process just wrote, and its next read must show it."""
        self.cache.invalidate()
        self.feed_cache.invalidate()

    def check_window(self, day: date, today: date) -> None:
        """DateOutOfRange unless readers may ask for `day`."""
        first = today - timedelta(days=self.config.past_days)
        last = today + timedelta(days=self.config.future_days)
        if not first <= day <= last:
            raise DateOutOfRange(
                f"{day.isoformat()} is outside the published window: "
                f"ask for a day from {first.isoformat()} to {last.isoformat()}."
            )

    def check_may_freeze(self, last_day: date) -> None:
        """DataLost when an entry ending before today is to be composed while stored data may be lost.

        Such an entry was published long ago; composing it again would freeze new text and a new
        `published_at` over what readers saw, so it waits until the data is back or the loss is
        acknowledged (service.epoch).
        """
        if last_day < self.today():
            self.epoch.ensure_intact()

    # Horoscopes

    def horoscope(
        self, sign: Sign, day: date, period: Period, system: System, today: date | None = None
    ) -> Rendered:
        """One sign's reading for the period containing `day`; `today` is the one `day` was read against."""
        today = self.today() if today is None else today
        self.check_window(day, today)
        return self._horoscope(sign, period_start(period, day), period, system, today)

    def horoscope_day(self, day: date, period: Period, system: System, today: date | None = None) -> Rendered:
        """All twelve signs' readings for the period containing `day`, in zodiac order."""
        today = self.today() if today is None else today
        self.check_window(day, today)
        first = period_start(period, day)
        head = {"date": first.isoformat(), "period": period.value, "system": system.value}
        return self.cached(
            _horoscope_day_key(first, period, system, today),
            lambda: _list_document(head, [self._horoscope(s, first, period, system, today) for s in Sign]),
        )

    def publish_horoscope(self, sign: Sign, first: date, period: Period, system: System) -> StoredEntry:
        """Make sure the entry is stored (an earlier record wins); its stored record and override."""
        entry_id = horoscope_id(system, period, sign, first.isoformat())
        stored = self.store.fetch(entry_id)
        if stored.record is not None:
            return stored
        return self._store_horoscope(entry_id, stored, sign, first, period, system)

    def _store_horoscope(
        self, entry_id: str, stored: StoredEntry, sign: Sign, first: date, period: Period, system: System
    ) -> StoredEntry:
        """Compose and store a horoscope `stored` showed missing; an earlier writer's record wins."""
        in_feed = period is Period.DAILY and system is System.TROPICAL
        listing = ("horoscope", horoscope_feed_score(sign, first)) if in_feed else None
        compose = functools.partial(self._compose_horoscope, sign, first, period, system)
        return self.store_composed(entry_id, stored, period_days(period, first)[1], compose, listing)

    def store_composed(
        self,
        entry_id: str,
        stored: StoredEntry,
        last_day: date,
        compose: Callable[[], Mapping[str, Any]],
        listing: tuple[str, int] | None = None,
    ) -> StoredEntry:
        """Store the entry `compose` writes, which `stored` showed missing (an earlier writer's record
        wins), listed first in the feed index `listing` names (kind, score), so no crash can hide it."""
        self.check_may_freeze(last_day)
        if listing is not None:
            kind, score = listing
            self.store.index(kind, entry_id, score)
        record, written = self.store.publish(entry_id, new_record(compose(), self.clock()))
        if written and listing is not None:
            self._listed()
        return StoredEntry(record, stored.override, written)

    def refresh_horoscope(self, sign: Sign, first: date, period: Period, system: System) -> Outcome:
        """Publish a missing entry; regenerate a future one an older engine wrote; never touch the rest."""
        entry_id = horoscope_id(system, period, sign, first.isoformat())
        return self.refresh_entry(
            entry_id,
            first,
            lambda stored: self._store_horoscope(entry_id, stored, sign, first, period, system),
            functools.partial(self._compose_horoscope, sign, first, period, system),
        )

    def refresh_entry(
        self,
        entry_id: str,
        first: date,
        publish: Callable[[StoredEntry], StoredEntry],
        compose: Callable[[], Mapping[str, Any]],
    ) -> Outcome:
        """The refresh of one entry starting on `first`: `publish` it when missing, `compose` it again when
        it is future and an older engine wrote it, and leave overridden and frozen entries alone."""
        stored = self.store.fetch(entry_id)
        if stored.record is None:
            return _outcome(publish(stored))
        if stored.override is not None:
            return Outcome.OVERRIDDEN
        record = json.loads(stored.record)
        if first <= self.today() or record["entry"]["version"] == CONTENT_VERSION:
            return Outcome.PRESENT
        fresh = dumps({**record, "entry": compose(), "updated_at": isoformat_utc(self.clock())})
        return Outcome.REFRESHED if self.store.replace(entry_id, stored.record, fresh) else Outcome.PRESENT

    def _compose_horoscope(self, sign: Sign, first: date, period: Period, system: System) -> dict[str, Any]:
        horoscope = compose_horoscope(
            sign,
            first,
            period,
            system,
            today=self.today(),
            timezone=self.config.timezone,
            place=place_named(self.config.place),
        )
        dumped: dict[str, Any] = _HOROSCOPE_SCHEMA.dump(horoscope)
        return dumped

    def refresh_listicles(self, day: date) -> list[Outcome]:
        """Publish the date's plan and each of its listicles when missing (lists are not regenerated)."""
        outcomes = []
        plan = self.listicle_plan(day)
        for topic in plan:
            entry_id = listicle_id(topic, day.isoformat())
            stored = self.store.fetch(entry_id)
            if stored.record is not None:
                outcomes.append(Outcome.OVERRIDDEN if stored.override is not None else Outcome.PRESENT)
            else:
                outcomes.append(_outcome(self._store_listicle(entry_id, stored, topic, day, plan)))
        return outcomes

    def _horoscope(self, sign: Sign, first: date, period: Period, system: System, today: date) -> Rendered:
        return self.cached(
            _horoscope_key(sign, first, period, system, today),
            lambda: render_horoscope(self.publish_horoscope(sign, first, period, system), today),
        )

    # Listicles

    def listicle(self, slug: str, *, jsonld: bool = False) -> Rendered:
        """One listicle by its dated slug, as JSON or as a schema.org ItemList."""
        self.check_window(slug_date(slug), self.today())

        # The list is checked on a miss only: a change to it bumps the generation like any edit.
        def render() -> Rendered:
            topic, day = self.resolve_slug(slug)
            return render_listicle(self.publish_listicle(topic, day), jsonld=jsonld)

        return self.cached(_listicle_key(slug, jsonld), render)

    def resolve_slug(self, slug: str, *, withdrawn: bool = False) -> tuple[str, date]:
        """(topic, date) of the listicle its date's list holds under `slug`; with `withdrawn`, also of
        an editor-written one withdrawn from that list. Withdrawn or UnknownTopic otherwise.

        A slug may read as a catalog topic and as an editor's title at once ('8 Tips For Exercising
        Safely Outdoors'): it names whichever of the two the date's list holds. Editors cannot add a
        title whose catalog reading the list holds, and only editors change a list, so never both.
        A catalog topic runs under several titles: only the slug its piece was published under names
        it (NotThePublishedSlug, a 404 naming that slug, for reads and edits alike).
        """
        day = slug_date(slug)
        self.check_window(day, self.today())
        readings = slug_topics(slug)
        editorial = readings[-1]
        entry_id = listicle_id(editorial, day.isoformat())
        # One round trip for the list and both readings: a miss costs no more than a hit.
        catalog_ids = [listicle_id(topic, day.isoformat()) for topic in readings[:-1]]
        stored_plan, stored, *catalog = self.store.fetch_many(
            [listicle_plan_id(day.isoformat()), entry_id, *catalog_ids]
        )
        plan = self.listicle_plan(day, stored_plan)
        listed = next((topic for topic in readings if topic in plan), None)
        if listed is not None:
            if listed != editorial:
                published = self._published_slug(catalog[0], listed, day)
                if published != slug:
                    raise NotThePublishedSlug(slug, published)
            return listed, day
        if stored.record is None:
            raise UnknownTopic(f"No listicle '{slug}' was published on {day.isoformat()}.")
        if withdrawn:
            return editorial, day
        raise Withdrawn(slug, self.withdrawn_at(entry_id))

    def _published_slug(self, stored: StoredEntry, topic: str, day: date) -> str:
        """The slug of a catalog topic's piece of `day`: its record's, or the one it will be stored under."""
        if stored.record is not None:
            return str(json.loads(stored.record)["entry"]["slug"])
        return planned_slug(topic, day, self.config.listicles_per_day)

    def withdrawn_at(self, entry_id: str) -> str | None:
        """When an editor-written listicle was last withdrawn (None if its history does not say)."""
        withdrawal = self.last_withdrawal(entry_id)
        return str(withdrawal["at"]) if withdrawal else None

    def last_withdrawal(self, entry_id: str) -> dict[str, Any] | None:
        """The history record of an editor-written listicle's last withdrawal, among its newest."""
        for raw in self.store.history(entry_id, WITHDRAWAL_LOOKBACK):
            record: dict[str, Any] = json.loads(raw)
            if record["action"] == "withdraw":
                return record
        return None

    def listed_entries(self, entry_ids: list[str]) -> list[tuple[str, StoredEntry]]:
        """(id, stored entry) of those of `entry_ids` that are stored and, for a listicle, that its date's
        list holds (not withdrawn), in one round trip."""
        listicles = {entry_id: parts for entry_id in entry_ids if (parts := listicle_id_parts(entry_id))}
        days = sorted({day for _topic, day in listicles.values()})
        stored = self.store.fetch_many([*entry_ids, *(listicle_plan_id(day) for day in days)])
        plans = dict(zip(days, stored[len(entry_ids) :], strict=True))
        held = {day: set(effective_entry(plan)[0]["topics"]) for day, plan in plans.items() if plan.record}
        return [
            (entry_id, entry)
            for entry_id, entry in zip(entry_ids, stored[: len(entry_ids)], strict=True)
            if entry.record is not None
            and (entry_id not in listicles or listicles[entry_id][0] in held.get(listicles[entry_id][1], ()))
        ]

    def listicle_day(self, day: date) -> Rendered:
        """The listicles of one date, in plan order."""
        self.check_window(day, self.today())

        def render() -> Rendered:
            items = [self.listicle_entry(topic, day) for topic in self.listicle_plan(day)]
            return _list_document({"date": day.isoformat()}, items)

        return self.cached(_listicle_day_key(day), render)

    def listicle_entry(self, topic: str, day: date) -> Rendered:
        """One listicle of a known topic and date, as JSON."""
        return self.cached(
            ("listicle-entry", topic, day), lambda: render_listicle(self.publish_listicle(topic, day))
        )

    def listicle_plan(self, day: date, stored: StoredEntry | None = None) -> list[str]:
        """The topics of `day`, frozen at first publication; editors' additions are its override.
        `stored`: the list as just fetched, if the caller has it."""
        plan_id = listicle_plan_id(day.isoformat())
        stored = self.store.fetch(plan_id) if stored is None else stored
        if stored.record is None:
            self.check_may_freeze(day)
            plan = {"topics": list(daily_plan(day, self.config.listicles_per_day))}
            record, _ = self.store.publish(plan_id, new_record(plan, self.clock()))
            stored = StoredEntry(record, stored.override)
        topics: list[str] = effective_entry(stored)[0]["topics"]
        return topics

    def publish_listicle(self, topic: str, day: date) -> StoredEntry:
        """Make sure the listicle is stored (an earlier record wins); its stored record and override."""
        entry_id = listicle_id(topic, day.isoformat())
        stored = self.store.fetch(entry_id)
        if stored.record is not None:
            return stored
        return self._store_listicle(entry_id, stored, topic, day, self.listicle_plan(day))

    def _store_listicle(
        self, entry_id: str, stored: StoredEntry, topic: str, day: date, plan: list[str]
    ) -> StoredEntry:
        """Compose and store a listicle of `plan` that `stored` showed missing; an earlier writer wins."""
        if is_editorial(topic):  # listed without a record: only an interrupted write of an older release
            raise UnknownTopic(f"The editor-written listicle '{topic}' of {day.isoformat()} has no record.")
        self.check_may_freeze(day)
        self.store.index("listicle", entry_id, feed_score(day, 99 - plan.index(topic)))
        listicle = compose_listicle(topic, day, self.config.listicles_per_day)
        record, written = self.store.publish(
            entry_id, new_record(_LISTICLE_SCHEMA.dump(listicle), self.clock())
        )
        if written:
            self._listed()
        return StoredEntry(record, stored.override, written)

    def _listed(self) -> None:
        """An entry of the feed's index was just stored: every process's feed must show it.

        Bumped after the record is stored, so a feed read that missed it is dropped (LocalCache.put).
        """
        self.store.bump_feed_generation()
        self.feed_cache.invalidate()

    # What the process cache already holds, or None: the reads answered in front of Flask
    # (service.api.cached_reads) ask these first, and send anything else to the views above.

    def cached_horoscope(
        self, sign: Sign, day: date, period: Period, system: System, today: date
    ) -> Rendered | None:
        self.check_window(day, today)
        return self.peek(_horoscope_key(sign, period_start(period, day), period, system, today))

    def cached_horoscope_day(self, day: date, period: Period, system: System, today: date) -> Rendered | None:
        self.check_window(day, today)
        return self.peek(_horoscope_day_key(period_start(period, day), period, system, today))

    def cached_listicle(self, slug: str, jsonld: bool, today: date) -> Rendered | None:
        self.check_window(slug_date(slug), today)
        return self.peek(_listicle_key(slug, jsonld))

    def cached_listicle_day(self, day: date, today: date) -> Rendered | None:
        self.check_window(day, today)
        return self.peek(_listicle_day_key(day))

    def peek(self, key: Hashable) -> Rendered | None:
        """The value cached under `key`, or None; a miss is left to `cached`, which counts it."""
        found = self.cache.get(key)
        if found is not None:
            CACHE_HITS.inc()
        return found

    def cached(self, key: Hashable, render: Callable[[], Rendered]) -> Rendered:
        """The value cached under `key`, rendered and cached on a miss."""
        found = self.cache.get(key)
        if found is None:
            CACHE_MISSES.inc()
            found = render()
            self.cache.put(key, found)
        else:
            CACHE_HITS.inc()
        return found


def render_horoscope(stored: StoredEntry, today: date) -> Rendered:
    """A horoscope as readers get it, its title word relative to `today`."""
    entry, provenance = effective_entry(stored)
    return _document({**with_relative_title(entry, provenance, today), **provenance}, provenance)


def render_listicle(stored: StoredEntry, *, jsonld: bool = False) -> Rendered:
    """A listicle as readers get it, as JSON or a schema.org ItemList."""
    entry, provenance = effective_entry(stored)
    if jsonld:
        body = script_safe(dumps(_item_list(entry, provenance)))
        return rendered(body, datetime.fromisoformat(provenance["updated_at"]))
    return _document({**entry, **provenance}, provenance)


def script_safe(body: bytes) -> bytes:
    """JSON that may sit inside an HTML <script> element, whatever its strings hold (older records too).

    '<', '>' and '&' only occur inside JSON strings, where their \\u escapes mean the same.
    """
    return body.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")


def slug_date(slug: str) -> date:
    """The date of a listicle's slug (catalog or editor-written); UnknownTopic if it has none."""
    match = _SLUG.fullmatch(slug)
    if match is None:
        raise UnknownTopic(
            f"'{slug}' is not a listicle slug (like 10-foods-that-promote-longevity-2026-02-05)."
        )
    try:
        return date.fromisoformat(match["date"])
    except ValueError:
        raise UnknownTopic(f"'{slug}' does not end in a real date.") from None


def slug_topics(slug: str) -> list[str]:
    """The topics a well-formed slug can name: its catalog topic if it reads as one, then the
    editor-written listicle's topic ('custom-<stem>'), which every slug can name."""
    match = _SLUG.fullmatch(slug)
    if match is None:
        raise UnknownTopic(f"'{slug}' is not a listicle slug.")
    editorial = EDITORIAL_PREFIX + match["stem"]
    try:
        return [parse_slug(slug)[0], editorial]
    except UnknownTopic:
        return [editorial]


# The process cache's keys. A horoscope's includes `today`: its title word is relative to it.


def _horoscope_key(sign: Sign, first: date, period: Period, system: System, today: date) -> Hashable:
    return ("horoscope", system, period, sign, first, today)


def _horoscope_day_key(first: date, period: Period, system: System, today: date) -> Hashable:
    return ("horoscope-day", system, period, first, today)


def _listicle_key(slug: str, jsonld: bool) -> Hashable:
    return ("listicle", slug, jsonld)


def _listicle_day_key(day: date) -> Hashable:
    return ("listicle-day", day)


def _outcome(published: StoredEntry) -> Outcome:
    return Outcome.PUBLISHED if published.written else Outcome.PRESENT


def feed_score(day: date, rank: int) -> int:
    """Newest dates first; inside a date, higher ranks first."""
    return day.toordinal() * 100 + rank


def horoscope_feed_score(sign: Sign, day: date) -> int:
    """A daily horoscope's place in its feed index: after the date's listicles, in zodiac order."""
    return feed_score(day, 50 + 11 - sign.index)


def _document(document: Mapping[str, Any], provenance: Mapping[str, Any]) -> Rendered:
    return rendered(dumps(document), datetime.fromisoformat(provenance["updated_at"]))


def _list_document(head: Mapping[str, Any], items: Iterable[Rendered]) -> Rendered:
    """Splice already-rendered items into a list document without parsing them again."""
    items = list(items)
    body = dumps(head)[:-1] + b',"items":[' + b",".join(item.body for item in items) + b"]}"
    return rendered(body, max((i.last_modified for i in items if i.last_modified), default=None))


def _item_list(entry: Mapping[str, Any], provenance: Mapping[str, Any]) -> dict[str, Any]:
    """A listicle as schema.org ItemList JSON-LD, for the portal to embed as structured data."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": entry["title"],
        "description": entry["teaser"],
        "identifier": entry["slug"],
        "datePublished": provenance["published_at"],
        "dateModified": provenance["updated_at"],
        "keywords": ", ".join(entry["tags"]),
        "numberOfItems": len(entry["items"]),
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": item["position"],
                "name": item["heading"],
                "description": item["body"],
            }
            for item in entry["items"]
        ],
        **listicle_extras(entry),
    }

"""The latest published content, newest first, for the portal's widgets: JSON and RSS 2.0.

Every query (kind, tag, limit, format) is answered from one snapshot per portal date, kept in the
publisher's feed cache until anyone publishes or edits an entry. A snapshot holds each kind's window
(its newest indexed entries as feed items, read from Redis a page at a time and only as far as
queries go) and a bounded set of rendered answers. So a rare tag walks a window once per process per
publication rather than once per request, a tag no item can carry is refused without touching Redis
again, and however many variants readers ask for, they never push entries out of the publisher's
main cache. Links come from the configured public URLs, never from the request.

The Hindi feed (lang=hi) is a snapshot of its own over the daily Hindi entries' index: their Hindi
titles and teasers, links to the Hindi pages (or the API's URLs with lang=hi), an RSS channel in
Hindi. There are no Hindi listicles, so it holds horoscopes only.
"""

from __future__ import annotations

import functools
import heapq
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import format_datetime
from itertools import islice
from typing import Any
from xml.etree import ElementTree

from schemas.language import ENGLISH, HINDI
from schemas.listicles import FeedArgsSchema
from service.content.calendar import Period
from service.content.errors import ContentError
from service.content.listicles import load_catalog
from service.content.zodiac import Sign
from service.hindi_publishing import HINDI_FEED, with_hindi_title
from service.metrics import CACHE_HITS, CACHE_MISSES
from service.public_urls import PublicUrls
from service.publishing import Publisher, Rendered, dumps, effective_entry, rendered, with_relative_title
from service.store import StoredEntry

PAGE = 50  # index entries read per round trip
MAX_SCANNED = 1000  # per kind: a rare tag stops its search here rather than walking all history
VARIANTS = 64  # rendered answers a snapshot keeps: the portal's widgets, with room to spare
HOROSCOPE_TAGS = frozenset({"horoscope", Period.DAILY.value, *(sign.value for sign in Sign)})  # daily only
DEFAULT_LIMIT = FeedArgsSchema().fields["limit"].load_default
ATOM = "http://www.w3.org/2005/Atom"
ElementTree.register_namespace("atom", ATOM)

Item = dict[str, Any]
Provenance = dict[str, Any]
ItemOf = Callable[[dict[str, Any], Provenance, date, PublicUrls], Item]  # an entry as a feed item


class UnknownTag(ContentError):
    """A feed tag that no item can carry: neither a sign's nor a topic's, nor an editor's on a recent list."""

    status = 422
    title = "Unprocessable Entity"

    def members(self) -> dict[str, Any]:
        return {"errors": {"query": {"tag": [self.detail]}}}


def feed_json(
    publisher: Publisher, limit: int, kind: str | None, tag: str | None, lang: str = ENGLISH
) -> Rendered:
    """The feed as JSON (lang=hi: the Hindi feed, which says so in `lang`)."""
    snapshot = feed_snapshot(publisher, lang)
    head = {"lang": lang} if lang != ENGLISH else {}
    return snapshot.rendered(
        ("json", limit, kind, tag), lambda: _json(head, snapshot.items(limit, kind, tag))
    )


def feed_rss(
    publisher: Publisher, limit: int, kind: str | None, tag: str | None, lang: str = ENGLISH
) -> Rendered:
    """The feed as an RSS 2.0 channel, linking to the portal's pages (lang=hi: the Hindi channel)."""
    snapshot = feed_snapshot(publisher, lang)

    def render() -> Rendered:
        items = snapshot.items(limit, kind, tag)
        self_url = snapshot.urls.feed("/v1/feed.rss", _query(limit, kind, tag, lang))
        channel = HINDI_CHANNEL if lang == HINDI else ENGLISH_CHANNEL
        link = snapshot.urls.hindi_portal() if lang == HINDI else snapshot.urls.portal()
        return rendered(_rss(channel, link, items, self_url), _newest(items))

    return snapshot.rendered(("rss", limit, kind, tag), render)


def feed_snapshot(publisher: Publisher, lang: str = ENGLISH) -> FeedSnapshot:
    """Today's snapshot of the feed in `lang`, current as of the last publication or edit any process made."""
    key = (publisher.today(), lang)
    found = publisher.feed_cache.get(key)
    if found is None:
        # Cached before anything is read: its windows read Redis later, after the generation was.
        found = FeedSnapshot(publisher, *key)
        publisher.feed_cache.put(key, found)
    return found


class FeedSnapshot:
    """The feed of one portal date and language as of one write generation: each kind's window, and
    rendered answers."""

    def __init__(self, publisher: Publisher, today: date, lang: str = ENGLISH) -> None:
        self.urls = PublicUrls(publisher.config)
        if lang == HINDI:  # no listicle is written in Hindi
            self.windows = {"horoscope": Window(publisher, HINDI_FEED, today, self.urls, _hindi_item)}
        else:
            self.windows = {
                "horoscope": Window(publisher, "horoscope", today, self.urls, _horoscope_item),
                "listicle": Window(publisher, "listicle", today, self.urls, _listicle_item),
            }
        self._rendered: OrderedDict[Hashable, Rendered] = OrderedDict()
        self._lock = threading.Lock()

    def items(self, limit: int, kind: str | None, tag: str | None) -> list[Item]:
        """Up to `limit` items, newest first, of `kind` and carrying `tag` when given."""
        if tag is not None:
            self.check_tag(tag)
        # Horoscopes carry HOROSCOPE_TAGS only: a query for any other tag need not walk them.
        skipped = "horoscope" if tag is not None and tag not in HOROSCOPE_TAGS else None
        windows = [window for k, window in self.windows.items() if kind in (None, k) and k != skipped]
        merged = heapq.merge(*windows, key=lambda scored: -scored[0])
        return list(islice((item for _, item in merged if tag is None or tag in item["tags"]), limit))

    def check_tag(self, tag: str) -> None:
        """UnknownTag unless a feed item can carry `tag` (editors' own tags: once a listed list does).
        The tags of both languages' feeds are the same, though the Hindi feed has no listicles yet."""
        listicles = self.windows.get("listicle")
        if (
            tag in HOROSCOPE_TAGS
            or tag in catalog_tags()
            or (listicles is not None and tag in listicles.tags())
        ):
            return
        raise UnknownTag(
            f"'{tag}' is not a tag of the feed: use 'horoscope', 'daily', a sign such as 'leo', a tag of "
            f"a topic in /v1/topics, or one an editor gave one of the newest {MAX_SCANNED} listicles."
        )

    def rendered(self, key: Hashable, render: Callable[[], Rendered]) -> Rendered:
        """The answer rendered for `key`, rendered and kept (the least recently used goes) on a miss."""
        with self._lock:
            found = self._rendered.get(key)
            if found is not None:
                self._rendered.move_to_end(key)
        if found is not None:
            CACHE_HITS.inc()
            return found
        CACHE_MISSES.inc()
        found = render()
        with self._lock:
            self._rendered[key] = found
            while len(self._rendered) > VARIANTS:
                self._rendered.popitem(last=False)
        return found


class Window:
    """One kind's newest indexed entries dated up to today, as (index score, feed item), newest first.

    Read from Redis a page at a time, only as far as queries go, and at most MAX_SCANNED entries.
    The request threads of a process share it, so pages are read under a lock.
    """

    def __init__(self, publisher: Publisher, index: str, today: date, urls: PublicUrls, item: ItemOf) -> None:
        self._publisher = publisher
        self._index = index  # the feed index read (service.store.Keys.index)
        self._today = today
        self._urls = urls
        self._item_of = item
        self._max_score = today.toordinal() * 100 + 99
        self._items: list[tuple[int, Item]] = []
        self._read_ids: set[str] = set()  # a page repeats an entry when one was indexed since the last
        self._offset = 0
        self._complete = False
        self._tags: frozenset[str] | None = None
        self._lock = threading.Lock()

    def __iter__(self) -> Iterator[tuple[int, Item]]:
        position = 0
        while position < len(self._items) or self._read_up_to(position):
            yield self._items[position]
            position += 1

    def tags(self) -> frozenset[str]:
        """Every tag the window's items carry (this reads all of it, once)."""
        if self._tags is None:
            self._tags = frozenset(tag for _, item in self for tag in item["tags"])
        return self._tags

    def _read_up_to(self, position: int) -> bool:
        """Whether the window has an item at `position`, reading pages until it has or it ends."""
        with self._lock:
            while len(self._items) <= position and not self._complete:
                self._read_page()
            return len(self._items) > position

    def _read_page(self) -> None:
        page = self._publisher.store.indexed(self._index, self._max_score, PAGE, self._offset)
        unread = {entry_id: score for entry_id, score in page if entry_id not in self._read_ids}
        # Only what readers can open: not an entry indexed just before a crash kept it from being stored,
        # nor a withdrawn listicle whose unindexing has not happened (a takedown must reach syndication).
        listed = self._publisher.listed_entries(list(unread)) if unread else []
        self._read_ids.update(unread)
        self._items.extend((unread[entry_id], self._item(entry)) for entry_id, entry in listed)
        self._offset += len(page)
        self._complete = len(page) < PAGE or self._offset >= MAX_SCANNED

    def _item(self, stored: StoredEntry) -> Item:
        entry, provenance = effective_entry(stored)
        item = self._item_of(entry, provenance, self._today, self._urls)
        return {**item, "source": provenance["source"], "published_at": provenance["published_at"]}


@functools.cache
def catalog_tags() -> frozenset[str]:
    """Every tag of the listicle catalog's topics."""
    return frozenset(tag for topic in load_catalog().values() for tag in topic.tags)


def _horoscope_item(entry: dict[str, Any], provenance: Provenance, today: date, urls: PublicUrls) -> Item:
    entry = with_relative_title(entry, provenance, today)
    path = f"/v1/horoscopes/{entry['sign']}/{entry['date']}"
    return {
        "kind": "horoscope",
        "title": entry["title"],
        "teaser": entry["teaser"],
        "path": path,
        "url": urls.horoscope(path, entry["sign"], entry["date"], entry["period"], entry["system"]),
        "date": entry["date"],
        "sign": entry["sign"],
        "tags": ["horoscope", entry["period"], entry["sign"]],
    }


def _hindi_item(entry: dict[str, Any], provenance: Provenance, today: date, urls: PublicUrls) -> Item:
    entry = with_hindi_title(entry, provenance, today)
    sign, day, period = entry["sign"], entry["date"], entry["period"]
    path = f"/v1/horoscopes/{sign}/{day}?lang={HINDI}"
    rashi = Sign(sign).facts.sidereal_name.lower()
    return {
        "kind": "horoscope",
        "title": entry["title"],
        "teaser": entry["teaser"],
        "path": path,
        "url": urls.hindi_horoscope(path, sign, rashi, day, period),
        "date": day,
        "sign": sign,
        "tags": ["horoscope", period, sign],
    }


def _listicle_item(entry: dict[str, Any], _provenance: Provenance, _today: date, urls: PublicUrls) -> Item:
    path = f"/v1/listicles/{entry['slug']}"
    return {
        "kind": "listicle",
        "title": entry["title"],
        "teaser": entry["teaser"],
        "path": path,
        "url": urls.listicle(path, entry["slug"], entry["date"], entry["topic"]),
        "date": entry["date"],
        "topic": entry["topic"],
        "tags": list(entry["tags"]),
    }


def _query(limit: int, kind: str | None, tag: str | None, lang: str) -> list[tuple[str, str]]:
    """A feed's query as its self link states it: what was asked, defaults left out."""
    query = [("kind", kind), ("tag", tag), ("limit", None if limit == DEFAULT_LIMIT else str(limit))]
    query.append(("lang", None if lang == ENGLISH else lang))
    return [(name, value) for name, value in query if value is not None]


def _newest(items: list[Item]) -> datetime | None:
    return max((datetime.fromisoformat(item["published_at"]) for item in items), default=None)


def _json(head: dict[str, Any], items: list[Item]) -> Rendered:
    return rendered(dumps({**head, "items": items}), _newest(items))


@dataclass(frozen=True)
class Channel:
    """What an RSS channel says about itself, in its language."""

    title: str
    description: str
    language: str  # RSS 2.0's language code


ENGLISH_CHANNEL = Channel(
    "Horoscopes and lifestyle", "Daily horoscopes and lifestyle lists, newest first.", "en-in"
)
HINDI_CHANNEL = Channel("दैनिक राशिफल", "सभी 12 राशियों का दैनिक राशिफल, सबसे नया पहले।", "hi-in")


def _rss(about: Channel, link: str, items: list[Item], self_url: str) -> bytes:
    rss = ElementTree.Element("rss", version="2.0")
    channel = ElementTree.SubElement(rss, "channel")
    ElementTree.SubElement(channel, "title").text = about.title
    ElementTree.SubElement(channel, "link").text = link
    ElementTree.SubElement(channel, "description").text = about.description
    ElementTree.SubElement(channel, "language").text = about.language
    ElementTree.SubElement(channel, f"{{{ATOM}}}link", href=self_url, rel="self", type="application/rss+xml")
    for item in items:
        element = ElementTree.SubElement(channel, "item")
        ElementTree.SubElement(element, "title").text = item["title"]
        ElementTree.SubElement(element, "link").text = item["url"]
        ElementTree.SubElement(element, "description").text = item["teaser"]
        ElementTree.SubElement(element, "guid", isPermaLink="false").text = item["path"]
        published = datetime.fromisoformat(item["published_at"])
        ElementTree.SubElement(element, "pubDate").text = format_datetime(published, usegmt=True)
        for tag in item["tags"]:
            ElementTree.SubElement(element, "category").text = tag
    document: bytes = ElementTree.tostring(rss, encoding="utf-8", xml_declaration=True)
    return document

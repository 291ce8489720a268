"""The latest published content, newest first, for the portal's widgets: JSON and RSS 2.0."""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import format_datetime
from typing import Any
from xml.etree import ElementTree

from service.publishing import Publisher, Rendered, dumps, effective_entry, rendered, with_relative_title

KINDS = ("horoscope", "listicle")
PAGE = 50  # index entries read per round trip
MAX_SCANNED = 1000  # a rare tag stops the search here rather than walking all history


def feed_items(
    publisher: Publisher, today: date, limit: int, kind: str | None, tag: str | None
) -> list[dict[str, Any]]:
    """Up to `limit` published entries dated today or earlier, newest first, overrides applied."""
    items: list[dict[str, Any]] = []
    for entry_id, stored in _published(publisher, today, kind):
        entry, provenance = effective_entry(stored)
        if entry_id.startswith("horoscope:"):
            item = _horoscope_item(with_relative_title(entry, provenance, today))
        else:
            item = _listicle_item(entry)
        if tag is None or tag in item["tags"]:
            items.append({**item, "source": provenance["source"], "published_at": provenance["published_at"]})
            if len(items) == limit:
                break
    return items


def feed_json(publisher: Publisher, limit: int, kind: str | None, tag: str | None) -> Rendered:
    """The feed as JSON, cached like every read."""
    today = publisher.today()
    return publisher.cached(
        ("feed", today, limit, kind, tag),
        lambda: _rendered({"items": feed_items(publisher, today, limit, kind, tag)}),
    )


def feed_rss(publisher: Publisher, base_url: str, limit: int, kind: str | None, tag: str | None) -> Rendered:
    """The feed as an RSS 2.0 channel; links are absolute, made from `base_url`."""
    today = publisher.today()

    def render() -> Rendered:
        items = feed_items(publisher, today, limit, kind, tag)
        body = _rss(items, base_url.rstrip("/"))
        return rendered(body, _newest(items))

    return publisher.cached(("feed.rss", today, limit, kind, tag, base_url), render)


def _published(publisher: Publisher, today: date, kind: str | None) -> Iterator[tuple[str, Any]]:
    """(entry id, stored entry) of indexed entries, merged across kinds by score, highest first."""
    max_score = today.toordinal() * 100 + 99
    streams = [_indexed(publisher, k, max_score) for k in ((kind,) if kind else KINDS)]
    merged = heapq.merge(*streams, key=lambda pair: -pair[1])
    batch: list[str] = []
    for scanned, (entry_id, _score) in enumerate(merged, start=1):
        batch.append(entry_id)
        if len(batch) == PAGE or scanned == MAX_SCANNED:
            yield from _fetch(publisher, batch)
            batch = []
        if scanned == MAX_SCANNED:
            return
    yield from _fetch(publisher, batch)


def _indexed(publisher: Publisher, kind: str, max_score: int) -> Iterator[tuple[str, int]]:
    offset = 0
    while True:
        page = publisher.store.indexed(kind, max_score, PAGE, offset)
        yield from page
        if len(page) < PAGE:
            return
        offset += PAGE


def _fetch(publisher: Publisher, entry_ids: list[str]) -> Iterator[tuple[str, Any]]:
    # Only what readers can open: not an entry indexed just before a crash kept it from being stored,
    # nor a withdrawn listicle whose unindexing has not happened (a takedown must reach syndication).
    if entry_ids:
        yield from publisher.listed_entries(entry_ids)


def _horoscope_item(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "horoscope",
        "title": entry["title"],
        "teaser": entry["teaser"],
        "path": f"/v1/horoscopes/{entry['sign']}/{entry['date']}",
        "date": entry["date"],
        "sign": entry["sign"],
        "tags": ["horoscope", entry["period"], entry["sign"]],
    }


def _listicle_item(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "listicle",
        "title": entry["title"],
        "teaser": entry["teaser"],
        "path": f"/v1/listicles/{entry['slug']}",
        "date": entry["date"],
        "topic": entry["topic"],
        "tags": list(entry["tags"]),
    }


def _newest(items: list[dict[str, Any]]) -> datetime | None:
    return max((datetime.fromisoformat(item["published_at"]) for item in items), default=None)


def _rendered(document: dict[str, Any]) -> Rendered:
    return rendered(dumps(document), _newest(document["items"]))


def _rss(items: list[dict[str, Any]], base_url: str) -> bytes:
    rss = ElementTree.Element("rss", version="2.0")
    channel = ElementTree.SubElement(rss, "channel")
    ElementTree.SubElement(channel, "title").text = "Horoscopes and lifestyle"
    ElementTree.SubElement(channel, "link").text = f"{base_url}/v1/feed.rss"
    ElementTree.SubElement(
        channel, "description"
    ).text = "Daily horoscopes and lifestyle lists, newest first."
    ElementTree.SubElement(channel, "language").text = "en-in"
    for item in items:
        element = ElementTree.SubElement(channel, "item")
        ElementTree.SubElement(element, "title").text = item["title"]
        ElementTree.SubElement(element, "link").text = base_url + item["path"]
        ElementTree.SubElement(element, "description").text = item["teaser"]
        ElementTree.SubElement(element, "guid", isPermaLink="false").text = item["path"]
        published = datetime.fromisoformat(item["published_at"])
        ElementTree.SubElement(element, "pubDate").text = format_datetime(published, usegmt=True)
        for tag in item["tags"]:
            ElementTree.SubElement(element, "category").text = tag
    document: bytes = ElementTree.tostring(rss, encoding="utf-8", xml_declaration=True)
    return document

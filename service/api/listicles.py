"""Listicle reads, the topic catalog, and the feed."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask import Response, request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from schemas.listicles import (
    FeedArgsSchema,
    FeedSchema,
    ListicleReadArgsSchema,
    TopicListSchema,
)
from schemas.problems import ProblemSchema
from service.api.arguments import Blueprint
from service.api.day_parameter import DAY_PATTERN
from service.api.edge_headers import note_missing
from service.api.http import PROBLEM, content_response, in_language, lean_query
from service.components import components
from service.content.listicles import Topic, load_catalog
from service.days import alias_of, parse_day
from service.edge.policy import EdgePolicy, Headers
from service.feed import feed_json, feed_rss
from service.publishing import Rendered, dumps, rendered, slug_date, slug_topics
from service.store import listicle_id, listicle_plan_id

blp = Blueprint("listicles", __name__, description="Lifestyle listicles, their topics, and the feed.")

JSONLD = "application/ld+json"
LISTICLE_ARGS = ListicleReadArgsSchema()
DAY = re.compile(DAY_PATTERN)


def wants_jsonld(format_: str | None, accept: str | None) -> bool:
    """?format=jsonld, or an Accept header that prefers JSON-LD to JSON."""
    if format_ is not None:
        return format_ == "jsonld"
    if not accept:
        return False
    best = parse_accept_header(accept, MIMEAccept).best_match(
        ["application/json", JSONLD], "application/json"
    )
    return best == JSONLD


SLUG_PARAMETER = {
    "in": "path",
    "name": "slug",
    "required": True,
    "schema": {"type": "string", "example": "10-foods-that-promote-longevity-2026-02-05"},
    "description": "A listicle's dated slug; or a day (today, tomorrow, yesterday, YYYY-MM-DD) for its list.",
}
LISTICLE_OR_DAY = {
    "200": {
        "description": "For a slug, the listicle (JSON-LD, a schema.org ItemList, on request); for a day, "
        "the day's listicles in the order the portal runs them.",
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/ListicleResponse"},
                        {"$ref": "#/components/schemas/ListicleDay"},
                    ]
                }
            },
            JSONLD: {"schema": {"type": "object", "description": "A schema.org ItemList."}},
        },
    }
}


# One route for both: a day and a slug share the URL's shape, and one documented path keeps the
# OpenAPI document unambiguous for generated clients.
@blp.route("/v1/listicles/<slug>", methods=["GET"], parameters=[SLUG_PARAMETER])
@lean_query(
    blp,
    LISTICLE_ARGS,
    blp.doc(responses=LISTICLE_OR_DAY),
    blp.alt_response(304, description="Not modified."),
    blp.alt_response(
        404,
        schema=ProblemSchema,
        content_type=PROBLEM,
        description="No listicle with that slug; a malformed day, or one outside the window.",
    ),
    blp.alt_response(
        410,
        schema=ProblemSchema,
        content_type=PROBLEM,
        description="An editor-written listicle that was withdrawn; `withdrawn_at` says when (UTC).",
    ),
    blp.alt_response(
        503, schema=ProblemSchema, content_type=PROBLEM, description="Redis is unavailable; see Retry-After."
    ),
)
def get_listicle(slug: str, format: str | None = None) -> Response:  # the query's name
    """One listicle by its dated slug, or the listicles of today, tomorrow, yesterday or a date."""
    publisher = components().publisher
    if DAY.fullmatch(slug):
        today = publisher.today()
        day = parse_day(slug, today)
        rendered_day = publisher.listicle_day(day)
        return content_response(rendered_day, listicle_day_caching(publisher.edge, day, slug, today))
    note_missing("listicle", listicle_entry_ids(slug))  # its 404 or 410 is purged with them
    caching = listicle_caching(publisher.edge, slug, publisher.today())
    jsonld = wants_jsonld(format, request.environ.get("HTTP_ACCEPT"))
    return content_response(
        publisher.listicle(slug, jsonld=jsonld),
        caching,
        JSONLD if jsonld else "application/json",
        vary="Accept",
    )


def listicle_entry_ids(slug: str) -> list[str]:
    """Every entry a slug can name (a catalog topic's, an editor's): creating, editing, withdrawing or
    restoring either purges the slug's answer."""
    day = slug_date(slug).isoformat()
    return [listicle_id(topic, day) for topic in slug_topics(slug)]


def listicle_caching(edge: EdgePolicy, slug: str, today: date) -> Headers:
    """A listicle's caching headers, tagged with every entry its slug can name."""
    return edge.dated("listicle", slug_date(slug), today, listicle_entry_ids(slug))


def listicle_day_caching(edge: EdgePolicy, day: date, day_text: str, today: date) -> Headers:
    """A date's list: tagged with the list, which every change of one of its listicles purges too."""
    alias = alias_of(day_text)
    location = None if alias is None else day.isoformat()
    plan = [listicle_plan_id(day.isoformat())]
    return edge.dated("listicle", day, today, plan, alias=alias, location=location)


@blp.route("/v1/topics", methods=["GET"])
@blp.response(200, TopicListSchema)
def list_topics() -> Response:
    """Every topic of the listicle catalog."""
    publisher = components().publisher
    return content_response(publisher.cached("topics", _render_topics), publisher.edge.static("topics"))


@blp.route("/v1/feed", methods=["GET"])
@blp.arguments(FeedArgsSchema, location="query", as_kwargs=True)
@blp.response(200, FeedSchema)
@blp.alt_response(304, description="Not modified.")
@blp.alt_response(
    503, schema=ProblemSchema, content_type=PROBLEM, description="Redis is unavailable; see Retry-After."
)
def get_feed(limit: int, lang: str, kind: str | None = None, tag: str | None = None) -> Response:
    """The latest published horoscopes and listicles (today and earlier), newest first (`lang=hi`: the
    Hindi rashifal)."""
    publisher = components().publisher
    feed = feed_json(publisher, limit, kind, tag, lang)
    return in_language(lang, content_response(feed, publisher.edge.listing("feed")))


@blp.route("/v1/feed.rss", methods=["GET"])
@blp.arguments(FeedArgsSchema, location="query", as_kwargs=True)
@blp.response(200, description="RSS 2.0", content_type="application/rss+xml")
@blp.alt_response(304, description="Not modified.")
@blp.alt_response(
    503, schema=ProblemSchema, content_type=PROBLEM, description="Redis is unavailable; see Retry-After."
)
def get_feed_rss(limit: int, lang: str, kind: str | None = None, tag: str | None = None) -> Response:
    """The same feed as RSS 2.0."""
    publisher = components().publisher
    feed = feed_rss(publisher, limit, kind, tag, lang)
    return in_language(lang, content_response(feed, publisher.edge.listing("feed"), "application/rss+xml"))


def _render_topics() -> Rendered:
    items = [_topic(topic) for topic in sorted(load_catalog().values(), key=lambda t: (t.category, t.id))]
    return rendered(dumps({"items": items}), last_modified=None)  # the catalog ships with the code


def _topic(topic: Topic) -> dict[str, Any]:
    return {
        "topic": topic.id,
        "category": topic.category,
        "title": topic.variants[0].title,
        "teaser": topic.variants[0].teaser,
        "tags": list(topic.tags),
        "size": topic.size,
        "pool": len(topic.items),
        "months": sorted(topic.months),
        "variants": [
            {"title": v.title, "teaser": v.teaser, "size": v.size, "slug_stem": v.slug_stem}
            for v in topic.variants
        ],
        "pinned": [
            {"about": about, "headings": [item.heading for item in topic.items if item.about == about]}
            for about in topic.pinned
        ],
        "form": topic.form,
        "nutrients": list(topic.nutrients),
        "help": topic.help is not None,
    }

"""Listicle reads, the topic catalog, and the feed."""

from __future__ import annotations

from flask import Response, request
from flask_smorest import Blueprint

from schemas.listicles import (
    FeedArgsSchema,
    FeedSchema,
    ListicleDaySchema,
    ListicleReadArgsSchema,
    ListicleResponseSchema,
    TopicListSchema,
)
from schemas.problems import ProblemSchema
from service.api.http import PROBLEM, content_response
from service.components import components
from service.content.listicles import load_catalog
from service.days import parse_day
from service.feed import feed_json, feed_rss
from service.publishing import Rendered, dumps, rendered

blp = Blueprint("listicles", __name__, description="Lifestyle listicles, their topics, and the feed.")

JSONLD = "application/ld+json"


def wants_jsonld(format_: str | None) -> bool:
    """?format=jsonld, or an Accept header that prefers JSON-LD to JSON."""
    if format_ is not None:
        return format_ == "jsonld"
    best = request.accept_mimetypes.best_match(["application/json", JSONLD], default="application/json")
    return best == JSONLD


@blp.route("/v1/listicles/<day:day>", methods=["GET"])
@blp.response(200, ListicleDaySchema)
@blp.alt_response(304, description="Not modified.")
@blp.alt_response(
    404,
    schema=ProblemSchema,
    content_type=PROBLEM,
    description="A malformed date, or one outside the window.",
)
@blp.alt_response(
    503, schema=ProblemSchema, content_type=PROBLEM, description="Redis is unavailable; see Retry-After."
)
def get_listicle_day(day: str) -> Response:
    """The listicles of today, tomorrow, yesterday or a date, in the order the portal runs them."""
    publisher = components().publisher
    return content_response(publisher.listicle_day(parse_day(day, publisher.today())), publisher.max_age())


@blp.route("/v1/listicles/<slug>", methods=["GET"])
@blp.arguments(ListicleReadArgsSchema, location="query", as_kwargs=True)
@blp.response(
    200, ListicleResponseSchema, description="The listicle; JSON-LD (schema.org ItemList) on request."
)
@blp.alt_response(304, description="Not modified.")
@blp.alt_response(404, schema=ProblemSchema, content_type=PROBLEM, description="No listicle with that slug.")
@blp.alt_response(
    503, schema=ProblemSchema, content_type=PROBLEM, description="Redis is unavailable; see Retry-After."
)
def get_listicle(slug: str, format: str | None = None) -> Response:  # the query's name
    """One listicle by its dated slug, e.g. 10-foods-that-promote-longevity-2026-02-05."""
    publisher = components().publisher
    jsonld = wants_jsonld(format)
    response = content_response(
        publisher.listicle(slug, jsonld=jsonld), publisher.max_age(), JSONLD if jsonld else "application/json"
    )
    response.vary.add("Accept")
    return response


@blp.route("/v1/topics", methods=["GET"])
@blp.response(200, TopicListSchema)
def list_topics() -> Response:
    """Every topic of the listicle catalog."""
    publisher = components().publisher
    return content_response(publisher.cached("topics", _render_topics), publisher.max_age())


@blp.route("/v1/feed", methods=["GET"])
@blp.arguments(FeedArgsSchema, location="query", as_kwargs=True)
@blp.response(200, FeedSchema)
@blp.alt_response(304, description="Not modified.")
@blp.alt_response(
    503, schema=ProblemSchema, content_type=PROBLEM, description="Redis is unavailable; see Retry-After."
)
def get_feed(limit: int, kind: str | None = None, tag: str | None = None) -> Response:
    """The latest published horoscopes and listicles (today and earlier), newest first."""
    publisher = components().publisher
    return content_response(feed_json(publisher, limit, kind, tag), publisher.max_age())


@blp.route("/v1/feed.rss", methods=["GET"])
@blp.arguments(FeedArgsSchema, location="query", as_kwargs=True)
@blp.response(200, description="RSS 2.0", content_type="application/rss+xml")
@blp.alt_response(304, description="Not modified.")
@blp.alt_response(
    503, schema=ProblemSchema, content_type=PROBLEM, description="Redis is unavailable; see Retry-After."
)
def get_feed_rss(limit: int, kind: str | None = None, tag: str | None = None) -> Response:
    """The same feed as RSS 2.0."""
    publisher = components().publisher
    feed = feed_rss(publisher, request.url_root, limit, kind, tag)
    return content_response(feed, publisher.max_age(), "application/rss+xml")


def _render_topics() -> Rendered:
    items = [
        {
            "topic": topic.id,
            "category": topic.category,
            "title": topic.title(topic.size),
            "teaser": topic.teaser,
            "tags": list(topic.tags),
            "size": topic.size,
            "pool": len(topic.items),
        }
        for topic in sorted(load_catalog().values(), key=lambda t: (t.category, t.id))
    ]
    return rendered(dumps({"items": items}), last_modified=None)  # the catalog ships with the code

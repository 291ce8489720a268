"""Caching headers of every answer that `content_response` did not decide: errors, writes, the rest.

- 5xx: `no-store`, so no cache keeps an outage; the edge serves what it had instead (stale-if-error).
- Writes, and any request that came with credentials: `private, no-store`.
- A public read's 400, 404, 410 or 422 (unknown sign, a date outside the window, a withdrawn listicle, a bad
  query or language): public and brief, tagged so that a publication or a restore purges it.
- The signs and the OpenAPI document: until the next release (`static`).
- Everything else (health, metrics, jobs, an editors' console, ...): `private, no-store`. A new public
  route is not cached until it says so, through `content_response`.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, Response, request

from service.components import components
from service.edge.policy import NO_STORE, PRIVATE, Headers

MISSING = "horoscope.edge.missing"  # (kind, entry ids) a content view names before it may fail
CONTENT_KINDS = {  # public reads answered through content_response, and their kind
    "horoscopes.get_horoscope": "horoscope",
    "horoscopes.get_horoscope_day": "horoscope",
    "listicles.get_listicle": "listicle",
    "listicles.get_feed": "feed",
    "listicles.get_feed_rss": "feed",
    "listicles.list_topics": "topics",
    "panchang.get_panchang": "panchang",
    "panchang.list_cities": "cities",
}
STATIC_KINDS = {"signs.list_signs": "signs", "signs.get_sign": "signs", "api-docs.openapi_json": "openapi"}
PUBLIC_ERRORS = frozenset({400, 404, 410, 422})


def note_missing(kind: str, entry_ids: Iterable[str]) -> None:
    """Name the entries a read is about before it can fail, so its 404 or 410 is purged with them."""
    request.environ[MISSING] = (kind, tuple(entry_ids))


def caching_headers(response: Response) -> Response:
    """Add the caching headers an answer lacks (content answers have theirs already)."""
    if "Cache-Control" in response.headers:
        return response
    for name, value in _decide(response.status_code):
        response.headers[name] = value
    return response


def _decide(status: int) -> Headers:
    if status >= 500:
        return NO_STORE
    if request.method not in ("GET", "HEAD") or "Authorization" in request.headers:
        return PRIVATE
    rule = request.url_rule
    endpoint = rule.endpoint if rule is not None else None
    edge = components().publisher.edge
    if status in PUBLIC_ERRORS and (
        endpoint is None or endpoint in CONTENT_KINDS or endpoint in STATIC_KINDS
    ):
        kind, entry_ids = request.environ.get(MISSING, (CONTENT_KINDS.get(endpoint or ""), ()))
        return edge.missing(kind, entry_ids)
    if endpoint in STATIC_KINDS and status in (200, 304):
        return edge.static(STATIC_KINDS[endpoint])
    return PRIVATE


def register_caching_headers(app: Flask) -> None:
    app.after_request(caching_headers)

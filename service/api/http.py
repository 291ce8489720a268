"""Conditional GETs: strong ETags, 304s, and caching until the next refresh."""

from __future__ import annotations

from flask import Response, request
from werkzeug.http import http_date

from service.publishing import Rendered

PROBLEM = "application/problem+json"  # how every error is served, and documented


def etag_matches(header: str | None, etag: str) -> bool:
    """If-None-Match semantics (weak comparison, as RFC 9110 asks for GET)."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(candidate.strip().removeprefix("W/") == bare for candidate in header.split(","))


def content_response(rendered: Rendered, max_age: int, mimetype: str = "application/json") -> Response:
    """The rendered bytes, or 304 when the client already has them."""
    if etag_matches(request.headers.get("If-None-Match"), rendered.etag):
        response = Response(status=304)
    else:
        response = Response(rendered.body, mimetype=mimetype)
    response.headers["ETag"] = rendered.etag
    if rendered.last_modified is not None:
        response.headers["Last-Modified"] = http_date(rendered.last_modified)
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    return response

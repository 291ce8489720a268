"""werkzeug's own redirects (merged slashes, a missing or extra trailing slash), relative.

werkzeug builds their Location from the request's Host and scheme, so a forged Host would be sent
back to the client (and to any cache in between). A relative Location means the same to every
client that asked the real address, and names no host at all.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from flask import Flask, Response, request
from werkzeug.routing import RequestRedirect


def relative_redirect() -> Response | None:
    """The redirect routing asked for, with the request's host and scheme left out of its Location."""
    redirect = request.routing_exception
    if not isinstance(redirect, RequestRedirect):
        return None
    target = urlsplit(redirect.new_url)
    location = urlunsplit(("", "", target.path, target.query, ""))
    return Response(status=redirect.code, headers={"Location": location})


def register_relative_redirects(app: Flask) -> None:
    """Answer routing redirects before the view would raise them (before_request runs first)."""
    app.before_request(relative_redirect)

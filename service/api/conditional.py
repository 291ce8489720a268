"""Validators for the answers the content path does not render itself (signs, the OpenAPI document,
job listings): a strong ETag from the body and conditional GETs, and no Content-Type on a 204."""

from __future__ import annotations

from flask import Flask, Response, request


def conditional(response: Response) -> Response:
    """A successful GET without validators gets an ETag; If-None-Match/If-Modified-Since then apply."""
    if response.status_code == 204:
        response.headers.pop("Content-Type", None)  # no content, so no type (RFC 9110 §8.3)
    elif (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and "ETag" not in response.headers
        and not response.is_streamed
    ):
        response.add_etag()
        response.make_conditional(request)
    return response


def register_conditional(app: Flask) -> None:
    app.after_request(conditional)

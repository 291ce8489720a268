"""Every error leaves as application/problem+json (RFC 9457); nothing else ever does."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, current_app, json
from werkzeug.exceptions import HTTPException

from service.content.errors import ContentError
from service.observability import request_id

PROBLEM_MIMETYPE = "application/problem+json"

log = logging.getLogger(__name__)


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    type_: str = "about:blank",
    errors: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    request_id: str | None = None,
    members: Mapping[str, Any] | None = None,
) -> Response:
    """A problem+json response."""
    document: dict[str, Any] = {"type": type_, "title": title, "status": status, "detail": detail}
    if errors:
        document["errors"] = errors
    document.update(members or {})
    if request_id:
        document["request_id"] = request_id
    response = Response(json.dumps(document), status=status, mimetype=PROBLEM_MIMETYPE)
    response.headers.update(headers or {})
    return response


def problem_type(error: ContentError) -> str:
    """'/problems/unknown-sign' for UnknownSign: a stable name clients can switch on."""
    name = type(error).__name__
    slug = "".join(f"-{c.lower()}" if c.isupper() else c for c in name).lstrip("-")
    return f"/problems/{slug}"


def content_error(error: ContentError) -> Response:
    """A domain error, with the status it carries."""
    headers = error.headers()
    if error.status == 503:
        headers["Retry-After"] = str(current_app.extensions["horoscope"].config.retry_after_seconds)
        if (
            error.__cause__ is not None
        ):  # what Redis said names keys and addresses: the log's, not the client's
            log.warning("answered 503, request_id=%s: %s", request_id(), error)
    return problem(
        error.status,
        error.title,
        error.detail,
        type_=problem_type(error),
        headers=headers,
        members=error.members(),
    )


_DETAILS = {
    404: "No such resource. The API lives under /v1; /openapi.json describes it.",
    405: "This resource does not answer that method.",
}


def http_error(error: HTTPException) -> Response:
    """Werkzeug's HTTP errors (404 route, 405 method, 422 validation, ...) as problems."""
    status = error.code or 500
    if status >= 500:
        return unexpected_error(error)
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages")
    detail = data.get("message") or _DETAILS.get(status) or error.description or error.name
    if errors and status in (400, 422):  # a bad argument: 422, or 400 for `lang` (service.api.arguments)
        detail = "Some fields are invalid: " + _summarise(errors)
    headers = dict(data.get("headers") or {})
    allowed = getattr(error, "valid_methods", None)
    if status == 405 and allowed:
        headers["Allow"] = ", ".join(allowed)
    return problem(status, error.name, detail, errors=errors, headers=headers)


def unexpected_error(error: Exception) -> Response:
    """Log everything, tell the client nothing but an id to quote."""
    rid = request_id()
    original = getattr(error, "original_exception", None) or error
    log.error("unhandled error, request_id=%s", rid, exc_info=original)
    return problem(
        500,
        "Internal Server Error",
        "The server failed to answer. Quote the request_id when reporting it.",
        request_id=rid,
    )


def _summarise(errors: Mapping[str, Any]) -> str:
    """'title: ...; body[1]: ...; query parameter period: ...' from webargs' errors, which are keyed
    by location first ('json', 'query'), then by field, list index or '_schema' (the object itself)."""
    parts: list[str] = []
    for location, messages in errors.items():
        where = "" if location == "json" else f"{location} parameter "
        parts.extend(_messages(messages, "", where))
    return "; ".join(parts)


def _messages(messages: Any, path: str, where: str) -> list[str]:
    if not isinstance(messages, Mapping):
        listed = messages if isinstance(messages, list) else [messages]
        return [f"{where}{path or 'the body'}: {' '.join(str(m) for m in listed)}"]
    parts = []
    for key, nested in messages.items():
        if key == "_schema":
            inner = path
        elif isinstance(key, int):  # a list index
            inner = f"{path}[{key}]"
        else:
            inner = f"{path}.{key}" if path else str(key)
        parts.extend(_messages(nested, inner, where))
    return parts


def register_error_handlers(app: Flask) -> None:
    """Map domain errors, HTTP errors and anything unexpected to problems."""
    app.register_error_handler(ContentError, content_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)

"""Content answers (strong ETags, 304s, the caching contract's headers) and the lean read path."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from flask import Response, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from werkzeug.utils import get_content_type

from schemas.language import ENGLISH
from service.edge.policy import Headers
from service.publishing import Rendered

PROBLEM = "application/problem+json"  # how every error is served, and documented

View = Callable[..., Response]


def etag_matches(header: str | None, etag: str) -> bool:
    """If-None-Match semantics (weak comparison, as RFC 9110 asks for GET)."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(candidate.strip().removeprefix("W/") == bare for candidate in header.split(","))


def unmodified_since(header: str | None, last_modified: datetime | None) -> bool:
    """If-Modified-Since semantics: true when the entry has not changed since the date sent."""
    if not header or last_modified is None:
        return False
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False  # an invalid date is ignored (RFC 9110 §13.1.3)
    if since.tzinfo is None:
        return False
    return last_modified.replace(microsecond=0) <= since


def content_answer(
    rendered: Rendered,
    caching: Headers,
    if_none_match: str | None,
    mimetype: str,
    vary: str | None = None,
    if_modified_since: str | None = None,
) -> tuple[int, list[tuple[str, str]]]:
    """Status and headers of a content answer: 200, or 304 when the client already has the bytes.

    The one place that decides both, for the views and for the reads answered in front of Flask.
    `caching` is the answer's caching headers and tags (`publisher.edge`, service.edge.policy).
    If-Modified-Since counts only without If-None-Match, as RFC 9110 §13.2.2 orders them.
    """
    # One list, Last-Modified pre-formatted: the hot path's cheapest way to build them.
    headers = [*rendered.validators, *caching]
    if vary is not None:
        headers.append(("Vary", vary))
    if (
        etag_matches(if_none_match, rendered.etag)
        if if_none_match
        else unmodified_since(if_modified_since, rendered.last_modified)
    ):
        # Validators and caching only, as werkzeug sends a 304: it drops Last-Modified with the
        # other entity headers.
        return 304, [header for header in headers if header[0] != "Last-Modified"]
    return 200, [*headers, ("Content-Type", get_content_type(mimetype, "utf-8"))]  # as Response(mimetype=)


def content_response(
    rendered: Rendered, caching: Headers, mimetype: str = "application/json", vary: str | None = None
) -> Response:
    """The rendered bytes, or 304 when the client already has them, with `caching`'s headers.

    Every public content route answers through here, with the headers of its kind of answer from
    `components().publisher.edge` (service.edge.policy): `dated(...)` for entries of a date (give the
    kind, e.g. "panchang", the entry ids that a write would purge, and the alias and Content-Location
    when the URL said today/tomorrow/yesterday), `listing(kind)` or `static(kind)` otherwise.
    """
    environ = request.environ
    status, headers = content_answer(
        rendered,
        caching,
        environ.get("HTTP_IF_NONE_MATCH"),
        mimetype,
        vary,
        environ.get("HTTP_IF_MODIFIED_SINCE"),
    )
    return Response(rendered.body if status == 200 else None, status=status, headers=headers)


def in_language(lang: str, response: Response) -> Response:
    """A content answer in `lang`: Content-Language for any but English (whose answers, as ever, say
    nothing). The language is in the URL, so no Vary."""
    if lang != ENGLISH:
        response.headers["Content-Language"] = lang
    return response


QueryParser = Callable[[str], dict[str, Any] | None]


def choice_parser(schema: Schema) -> QueryParser:
    """A hand parser of a query string for a schema of string choices: what the schema loads, or None.

    None (unknown names, repeated or invalid values) sends the request through the schema after all.
    """
    choices: dict[str, frozenset[str]] = {}
    for name, field in schema.fields.items():
        one_of = [v for v in field.validators if isinstance(v, validate.OneOf)]
        if type(field) is not fields.String or field.data_key not in (None, name) or len(one_of) != 1:
            raise TypeError(f"{type(schema).__name__}.{name} is not a plain string choice")
        choices[name] = frozenset(str(choice) for choice in one_of[0].choices)
    defaults: dict[str, Any] = schema.load({})

    def parse(query: str) -> dict[str, Any] | None:
        found = dict(defaults)
        if not query:
            return found
        # Literal name=choice pairs only, each name once: cheaper than request.args, and anything
        # encoded, repeated or unknown is not a literal choice, so the schema decides it.
        seen: set[str] = set()
        for pair in query.split("&"):
            name, _, value = pair.partition("=")
            if name in seen or value not in choices.get(name, ()):
                return None
            seen.add(name)
            found[name] = value
        return found

    return parse


def lean_query(blp: Blueprint, schema: Schema, *docs: Callable[[View], View]) -> Callable[[View], View]:
    """`blp.arguments(schema, location="query", as_kwargs=True)` and the `docs` decorators, lean.

    The view is documented exactly as those decorators say, so the schema stays the source of the
    OpenAPI parameters, and any query the hand parser is unsure of goes through them (same 422s).
    A well-formed query skips marshmallow and the decorators' wrappers: on a cached read they cost
    more than everything else the service does (see bench/README.md).
    """
    parse = choice_parser(schema)
    arguments = blp.arguments(schema, location="query", as_kwargs=True)

    def decorate(view: View) -> View:
        documented = view
        for decorator in (*reversed(docs), arguments):
            documented = decorator(documented)

        @functools.wraps(view)
        def lean(**path: str) -> Response:
            query = parse(request.environ.get("QUERY_STRING", ""))
            if query is None:
                return documented(**path)
            return view(**path, **query)

        lean._apidoc = documented._apidoc  # type: ignore[attr-defined]
        return lean

    return decorate

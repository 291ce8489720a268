"""Request bodies: JSON only, within the size limit (chunked ones too), read with errors a person can act on.

Every view that takes a body declares it with `blp.arguments(Schema)` on this module's Blueprint, so
the rules hold for every write at once and each such operation documents its 400, 413 and 415.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import Request
from marshmallow import Schema
from webargs.core import is_json, missing
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge, UnsupportedMediaType

from schemas.problems import ProblemSchema
from service.api import arguments
from service.api.http import PROBLEM

# Longer than any number a field takes, far shorter than Python's 4300-digit conversion limit.
MAX_DIGITS = 20
SEND_JSON = "Send the body as JSON with 'Content-Type: application/json'"
BODY_ERRORS = {
    400: "The body is not valid JSON (the detail gives line and column), or not UTF-8.",
    413: "The body is over 64 KiB.",
    415: f"The body is not JSON. {SEND_JSON}.",
}


def read_body(request: Request) -> bytes:
    """The whole body; 413 past the size limit, whether it came with a Content-Length or chunked."""
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        raise too_large(limit)
    body = request.get_data(cache=True)
    # werkzeug stops reading a chunked body at the limit without a word: a byte past it is too much.
    chunked = request.content_length is None
    if limit is not None and chunked and len(body) >= limit and request.input_stream.read(1):
        raise too_large(limit)
    return body


def too_large(limit: int) -> RequestEntityTooLarge:
    size = f"{limit // 1024} KiB" if limit % 1024 == 0 else f"{limit} bytes"
    return RequestEntityTooLarge(f"The body is over the {size} limit; send less.")


def parse_json(body: bytes) -> Any:
    """The JSON document in `body`, or 400 saying what is wrong and where."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest(
            f"The body is not UTF-8 (byte {error.start + 1} is not); send JSON in UTF-8."
        ) from None
    if text.startswith("\ufeff"):
        raise BadRequest("The body starts with a byte order mark; send the JSON without one.")
    try:
        return json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as error:
        reason = error.msg[:1].lower() + error.msg[1:]
        raise BadRequest(
            f"The body is not valid JSON: {reason} at line {error.lineno}, column {error.colno}."
        ) from None
    except RecursionError:
        raise BadRequest(
            "The body's JSON nests arrays or objects too deeply; no field needs more than four levels."
        ) from None


def _integer(digits: str) -> int:
    """A JSON integer, refused past MAX_DIGITS before Python spends time converting it."""
    length = len(digits.lstrip("-"))
    if length > MAX_DIGITS:
        raise BadRequest(
            f"The body holds a number {length} digits long; no field takes more than {MAX_DIGITS}."
        )
    return int(digits)


class JsonBodyParser(arguments.ArgumentParser):
    """The arguments' parser, reading bodies with `read_body` and `parse_json`."""

    def load_json(self, req: Request, schema: Schema) -> Any:
        body = read_body(req)
        if not body:
            return missing  # no body at all (a job run, a restore): the schema says whether that will do
        if not is_json(req.mimetype):
            raise UnsupportedMediaType(f"{SEND_JSON}; {_what_was_sent(req)}.")
        return parse_json(body)


def _what_was_sent(req: Request) -> str:
    if not req.mimetype:
        return "this request had no Content-Type"
    sent = f"this request said '{req.mimetype[:100]}'"
    if req.mimetype == "application/x-www-form-urlencoded":
        return (
            f"{sent}, as curl's -d does unless told: add -H 'Content-Type: application/json', or use --json"
        )
    return sent


View = Callable[..., Any]


class Blueprint(arguments.Blueprint):
    """The arguments' Blueprint, whose JSON bodies are read by JsonBodyParser and documented so."""

    ARGUMENTS_PARSER = JsonBodyParser()

    def arguments(self, schema: Any, *, location: str = "json", **kwargs: Any) -> Callable[[View], View]:
        decorate = super().arguments(schema, location=location, **kwargs)
        if location != "json":
            return decorate  # type: ignore[no-any-return]

        def with_body_errors(view: View) -> View:
            view = decorate(view)
            for status, description in BODY_ERRORS.items():
                view = self.alt_response(
                    status, schema=ProblemSchema, content_type=PROBLEM, description=description
                )(view)
            return view

        return with_body_errors

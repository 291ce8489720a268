"""The OpenAPI document's per-operation facts flask-smorest leaves out: an `operationId` for every
operation, the conditional-request headers each one honours, and the answers gunicorn's worker
gives before the app."""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any, TypeVar

from apispec import BasePlugin
from flask import Flask

F = TypeVar("F", bound=Callable[..., Any])

HONOURS_IF_MATCH = "honours_if_match"


def honours_if_match(view: F) -> F:
    """Mark a write view that checks If-Match (put it right above the function, under the decorators)."""
    setattr(view, HONOURS_IF_MATCH, True)  # functools.wraps carries it out to the outer wrappers
    return view


def _header(name: str, description: str) -> dict[str, Any]:
    return {
        "in": "header",
        "name": name,
        "required": False,
        "schema": {"type": "string"},
        "description": description,
    }


IF_MATCH = _header(
    "If-Match",
    "The ETag you read: the write happens only if the entry is still that version "
    "(else 412 with the current one).",
)
IF_NONE_MATCH = _header("If-None-Match", "ETags you hold: 304 Not Modified when one is current.")
IF_MODIFIED_SINCE = _header(
    "If-Modified-Since",
    "An HTTP date: 304 Not Modified when nothing changed since (ignored with If-None-Match).",
)


class OperationFacts(BasePlugin):
    """Names every operation after its view and declares the conditional headers it honours."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.taken: set[str] = set()

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        rule, operations = kwargs["rule"], operations or {}
        view = self.app.view_functions[rule.endpoint]
        for method, operation in operations.items():
            name = view.__name__ if len(operations) == 1 else f"{method}_{view.__name__}"
            if name in self.taken:  # one view under a second path: named after that path's last part
                name = f"{name}_{(path or '').rstrip('/').rsplit('/', 1)[-1].strip('{}')}"
            self.taken.add(name)
            operation.setdefault("operationId", name)
            parameters = operation.setdefault("parameters", [])
            if method == "get":  # every GET answers with validators (service.api.conditional)
                operation["responses"].setdefault("304", {"description": "Not modified."})
                parameters += [IF_NONE_MATCH, IF_MODIFIED_SINCE]
            elif getattr(view, HONOURS_IF_MATCH, False):
                parameters.append(IF_MATCH)


class ServerAnswers(BasePlugin):
    """Documents the problems gunicorn's worker answers before the app (service/web_worker.py).

    Any request line over gunicorn's limit gets 414 and any oversized header section 431, whatever
    the operation; a body that does not arrive in time gets 408 from the view that reads it.
    """

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        for operation in (operations or {}).values():
            responses = operation.setdefault("responses", {})
            responses.setdefault("414", HTTPStatus.REQUEST_URI_TOO_LONG.name)
            responses.setdefault("431", HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.name)
            if "requestBody" in operation:
                responses.setdefault("408", HTTPStatus.REQUEST_TIMEOUT.name)

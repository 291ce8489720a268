"""Query and body arguments: a bad one is a 422 problem, a bad `lang` a 400 (schemas.language).

Every blueprint parses its arguments with ArgumentParser, so the rule holds wherever `lang` is taken,
and LanguageAnswers documents the 400 on exactly the operations that take it (with, where `system` is
taken too, the 400 of a tropical Hindi request: service.editions).
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, NoReturn

import flask_smorest
from apispec import BasePlugin
from flask import Request
from marshmallow import Schema, ValidationError
from webargs.flaskparser import FlaskParser

from schemas.language import ACCEPTED, PARAMETER
from service.api.http import PROBLEM

BAD_LANGUAGE = HTTPStatus.BAD_REQUEST
LANGUAGE_ANSWER = f"`{PARAMETER}` is not {ACCEPTED}."
HINDI_IS_VEDIC = (
    "lang=hi with system=tropical: the Hindi edition is Vedic only (/problems/hindi-is-vedic-only)."
)


class ArgumentParser(FlaskParser):
    """webargs' Flask parser, answering 400 when `lang` is among the invalid query arguments."""

    def handle_error(
        self,
        error: ValidationError,
        req: Request,
        schema: Schema,
        *,
        error_status_code: int | None,
        error_headers: Mapping[str, str] | None,
    ) -> NoReturn:
        query = error.messages.get("query") if isinstance(error.messages, dict) else None
        if isinstance(query, dict) and PARAMETER in query:
            error_status_code = BAD_LANGUAGE
        super().handle_error(
            error, req, schema, error_status_code=error_status_code, error_headers=error_headers
        )


class Blueprint(flask_smorest.Blueprint):  # type: ignore[misc]
    """flask-smorest's Blueprint, parsing with ArgumentParser."""

    ARGUMENTS_PARSER = ArgumentParser()


class LanguageAnswers(BasePlugin):
    """Documents the 400 of every operation that takes `lang` (added to a 400 it already has)."""

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        for operation in (operations or {}).values():
            taken = {p.get("name") for p in operation.get("parameters", []) if p.get("in") == "query"}
            if PARAMETER not in taken:
                continue
            answer = LANGUAGE_ANSWER + (f" Or: {HINDI_IS_VEDIC}" if "system" in taken else "")
            responses = operation.setdefault("responses", {})
            # flask-smorest keys its responses by int, the other plugins by str: either may be there.
            key = next((k for k in (int(BAD_LANGUAGE), str(int(BAD_LANGUAGE))) if k in responses), None)
            if key is not None and isinstance(responses[key], dict):
                responses[key]["description"] += f" Or: {answer}"
            else:
                responses[key or str(int(BAD_LANGUAGE))] = {
                    "description": answer,
                    "content": {PROBLEM: {"schema": "Problem"}},
                }

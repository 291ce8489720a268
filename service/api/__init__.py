"""The HTTP API: flask-smorest blueprints, one per resource, documented from the schemas."""

from __future__ import annotations

from flask import Flask, Response
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from schemas.problems import ProblemSchema
from service.api import editing, health, horoscopes, listicles, signs
from service.api.converters import DAY_SCHEMA, DayConverter
from service.errors import http_error


class ProblemApi(Api):  # type: ignore[misc]
    """flask-smorest, answering its errors as problem+json and documenting them so."""

    ERROR_SCHEMA = ProblemSchema

    def handle_http_exception(self, error: HTTPException) -> Response:
        return http_error(error)


def register_blueprints(app: Flask) -> None:
    """Mount every resource and the OpenAPI document."""
    app.url_map.converters["day"] = DayConverter
    api = ProblemApi(app)
    api.register_converter(DayConverter, lambda _converter: DAY_SCHEMA)
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    for module in (signs, horoscopes, listicles, editing, health):
        api.register_blueprint(module.blp)

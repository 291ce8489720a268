"""The HTTP API: flask-smorest blueprints, one per resource, documented from the schemas."""

from __future__ import annotations

from http import HTTPStatus

from flask import Flask, Response
from flask_smorest import Api
from flask_smorest.utils import prepare_response
from werkzeug.exceptions import HTTPException

from schemas.listicles import ListicleDaySchema
from schemas.problems import ProblemSchema
from service.api import edge, editing, health, horoscopes, jobs, listicles, panchang, signs
from service.api.arguments import LanguageAnswers
from service.api.conditional import register_conditional
from service.api.edge_headers import register_caching_headers
from service.api.http import PROBLEM
from service.api.operations import OperationFacts, ServerAnswers
from service.api.redirects import register_relative_redirects
from service.errors import http_error


class ProblemApi(Api):  # type: ignore[misc]
    """flask-smorest, answering its errors as problem+json and documenting them so."""

    ERROR_SCHEMA = ProblemSchema
    DEFAULT_ERROR_RESPONSE_NAME = None  # every operation lists its own errors

    def _register_responses(self) -> None:
        """flask-smorest's shared responses (its 422 for bad arguments), documented as problem+json."""
        for status in HTTPStatus:
            if status >= 400:
                response = {"description": status.phrase, "schema": self.ERROR_SCHEMA}
                prepare_response(response, self.spec, PROBLEM)
                self.spec.components.response(status.name, response, lazy=True)

    def handle_http_exception(self, error: HTTPException) -> Response:
        return http_error(error)


def register_blueprints(app: Flask) -> None:
    """Mount every resource and the OpenAPI document."""
    api = ProblemApi(
        app, spec_kwargs={"extra_plugins": [OperationFacts(app), ServerAnswers(), LanguageAnswers()]}
    )
    # Listed in a oneOf by the listicle read, which flask-smorest cannot register by itself.
    api.spec.components.schema("ListicleDay", schema=ListicleDaySchema)
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    for module in (signs, horoscopes, listicles, panchang, editing, jobs, edge, health):
        api.register_blueprint(module.blp)
    register_conditional(app)
    register_caching_headers(app)
    register_relative_redirects(app)

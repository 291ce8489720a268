"""Writes need a bearer token: a decorator for views, answering 401, 403 or 429 otherwise."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import g, request

from service.components import components
from service.content.errors import ContentError
from service.tokens import Editor

F = TypeVar("F", bound=Callable[..., Any])


class Unauthorized(ContentError):
    status = 401
    title = "Unauthorized"

    def __init__(self, detail: str, *, invalid_token: bool = False) -> None:
        super().__init__(detail)
        self.invalid_token = invalid_token

    def headers(self) -> dict[str, str]:
        challenge = 'Bearer realm="horoscope-service"'
        return {"WWW-Authenticate": challenge + (', error="invalid_token"' if self.invalid_token else "")}


class Forbidden(ContentError):
    status = 403
    title = "Forbidden"


def require_role(role: str) -> Callable[[F], F]:
    """Decorate a view so that only a valid bearer token of `role` (or higher) reaches it."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            g.editor = authenticate(role)
            return view(*args, **kwargs)

        return cast(F, guarded)

    return decorate


def authenticate(role: str) -> Editor:
    """The request's editor, or 401/403/429."""
    tokens = components().tokens
    client = request.remote_addr or "unknown"
    tokens.check_rate(client)
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("This needs an 'Authorization: Bearer <token>' header; ask an admin for a token.")
    editor = tokens.verify(token.strip())
    if editor is None:
        tokens.record_failure(client)
        raise Unauthorized(
            "The bearer token is not valid (revoked, mistyped, or from another deployment).",
            invalid_token=True,
        )
    if not editor.may(role):
        raise Forbidden(f"The token '{editor.name}' has role '{editor.role}'; this needs '{role}'.")
    return editor

"""Writes need a bearer token: a decorator for views, answering 401, 403 or 429 otherwise.

The token is verified before any limit is looked at, and only a credential that fails is counted
or refused: a valid token always works, whatever others sent from its address or with its id. A
bad one costs the same lookup and constant-time comparison whether the client is locked out or
not; past the limit it gets 429 instead of 401, so a locked-out client learns nothing new.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import g, request

from service.components import components
from service.content.errors import ContentError
from service.days import isoformat_utc
from service.tokens import Editor, split_token

F = TypeVar("F", bound=Callable[..., Any])

EDITOR = "horoscope.editor"  # the authenticated token's name, in the WSGI environ, for the access line
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


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
    """The request's editor, or 401/403/429; a write also counts against its token's write limit."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("This needs an 'Authorization: Bearer <token>' header; ask an admin for a token.")
    editor = check_token(token, role)
    if request.method not in SAFE_METHODS:
        components().limits.count_write(editor.name, components().clock())
    return editor


def check_token(token: str, role: str) -> Editor:
    """The editor a presented token belongs to, or 401/403/429 (the bearer header's and the console's
    sign-in's one check): a failure counts against the client's address and the token's id."""
    parts = components()
    now = parts.clock()
    editor = parts.tokens.verify(token)
    if editor is None:
        found = split_token(token)
        parts.limits.count_failure(parts.clients(request.environ), found and found[0], now)
        raise Unauthorized(
            "The token is not valid (revoked, mistyped, or from another deployment).",
            invalid_token=True,
        )
    request.environ[EDITOR] = editor.name
    if editor.expires_at is not None and editor.expired(now):
        expired_at = isoformat_utc(editor.expires_at)
        raise Unauthorized(
            f"The token '{editor.name}' expired at {expired_at}; ask an admin for a new one.",
            invalid_token=True,
        )
    parts.tokens.touch(editor, now)
    if not editor.may(role):
        raise Forbidden(f"The token '{editor.name}' has role '{editor.role}'; this needs '{role}'.")
    return editor


def admin_asking() -> bool:
    """Whether an admin's token came with this request, for answers that show admins more.

    Without an Authorization header the answer is False at no cost, so public probes stay cheap; an
    editor's token gets the public answer too, and a token that is not valid 401 or 429 as on writes.
    """
    if "Authorization" not in request.headers:
        return False
    return authenticate("editor").may("admin")

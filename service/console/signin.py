"""Signing in with a token, the session cookie, CSRF checks on every form, and signing out.

The token is checked exactly as a bearer token is (service.auth.check_token): the same failure
limits per client address and token id, the same messages. It is exchanged for a session cookie
(HttpOnly, SameSite=Strict, Secure unless the browser talks to this server on loopback), so the
token itself never sits in the browser. Every POST carries the session's CSRF token; the sign-in
form, made before there is a session, carries one that a cookie of its own repeats.
"""

from __future__ import annotations

import functools
import hmac
import ipaddress
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from flask import g, redirect, request
from werkzeug.wrappers import Response

from service.auth import EDITOR, Forbidden, Unauthorized, check_token
from service.components import components
from service.console.pages import bp, outcome, page
from service.console.sessions import Session, Sessions
from service.content.errors import ContentError
from service.rate_limits import RateLimited

F = TypeVar("F", bound=Callable[..., Any])

SESSION_COOKIE = "console_session"
SIGN_IN_COOKIE = "console_sign_in"  # the sign-in form's CSRF token, before there is a session
COOKIE_PATH = "/console"
_FORWARDING = ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "Forwarded")


class StaleForm(ContentError):
    """A POST without this session's CSRF token: another site's form, or a page from before a sign-in."""

    status = 403
    title = "Form refused"


class SignedOut(ContentError):
    """A POST whose session ended (signed out elsewhere, expired, or its token revoked)."""

    status = 401
    title = "Signed out"


def sessions() -> Sessions:
    parts = components()
    return Sessions(parts.store, parts.tokens, timedelta(hours=parts.config.console_session_hours))


def on_loopback() -> bool:
    """Whether the browser talks to this very server on a loopback address (`make run`): only then may a
    cookie go without Secure, since plain http is all there is. A proxy in front (forwarding headers,
    or an https request) always gets Secure cookies."""
    if request.is_secure or any(header in request.headers for header in _FORWARDING):
        return False
    host = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
    return _loopback(host.strip("[]")) and _loopback(request.remote_addr or "")


def _loopback(name: str) -> bool:
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def set_cookie(response: Response, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=COOKIE_PATH,
        httponly=True,
        samesite="Strict",
        secure=not on_loopback(),
    )


def signed_in(role: str = "editor") -> Callable[[F], F]:
    """Decorate a console view: it needs a live session of `role` (or higher), and a POST its CSRF token
    and a place in the token's write limit. A GET without a session is sent to sign in."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            parts = components()
            now = parts.clock()
            session = sessions().find(request.cookies.get(SESSION_COOKIE), now)
            if session is None:
                if request.method == "POST":
                    raise SignedOut(
                        "Your sign-in ended (signed out, expired, or its token was revoked), so nothing was "
                        "saved. Copy your text below, sign in again and paste it back."
                    )
                return redirect(_sign_in_url(request.full_path.rstrip("?")), 303)
            g.console_session = session
            request.environ[EDITOR] = session.editor.name  # the access line names the editor
            if request.method == "POST" and not session.csrf_matches(request.form.get("csrf_token")):
                raise StaleForm(
                    "This form did not come from your current console page (an old tab from before "
                    "you signed in again, or another site), so nothing was saved. Copy your text "
                    "below and send it again from a freshly opened page."
                )
            if not session.editor.may(role):
                raise Forbidden(
                    f"'{session.editor.name}' signed in with an {session.editor.role} token; this page "
                    f"needs an {role}'s."
                )
            if request.method == "POST":
                parts.limits.count_write(session.editor.name, now)
            return view(*args, **kwargs)

        return cast(F, guarded)

    return decorate


def current() -> Session:
    """This request's session (inside a view decorated with `signed_in`)."""
    session: Session = g.console_session
    return session


def _sign_in_url(next_path: str) -> str:
    return f"{COOKIE_PATH}/sign-in?{urlencode({'next': next_path})}"


def _safe_next(value: str | None) -> str:
    """Where to go after signing in: a console path, never another site ('//evil', 'https://...')."""
    if value and value.startswith(f"{COOKIE_PATH}/") and not value.startswith("//") and "\\" not in value:
        return value
    return COOKIE_PATH


@bp.route("/sign-in", methods=["GET"])
def sign_in_form() -> Response:
    """The sign-in page: a Token field and a Sign in button."""
    return _sign_in_page(200, message=outcome())


@bp.route("/sign-in", methods=["POST"])
def sign_in() -> Response:
    """Exchange a valid editor's or admin's token for a session cookie."""
    sent, expected = request.form.get("csrf_token", ""), request.cookies.get(SIGN_IN_COOKIE, "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        return _sign_in_page(
            403, error="The sign-in form had expired (or came from another site). Paste your token again."
        )
    token = request.form.get("token", "").strip()
    if not token:
        return _sign_in_page(422, error="Paste your token into the Token field.")
    try:
        editor = check_token(token, "editor")
    except (Unauthorized, Forbidden, RateLimited) as refused:
        return _sign_in_page(refused.status, headers=refused.headers(), error=refused.detail)
    session_id, session = sessions().open(editor, components().clock())
    response = redirect(_safe_next(request.form.get("next")), 303)
    max_age = int((session.expires_at - components().clock()).total_seconds())
    set_cookie(response, SESSION_COOKIE, session_id, max_age)
    response.delete_cookie(SIGN_IN_COOKIE, path=COOKIE_PATH)
    return response


@bp.route("/sign-out", methods=["POST"])
@signed_in()
def sign_out() -> Response:
    """End this session; the token stays valid for the API and other sign-ins."""
    sessions().close(request.cookies.get(SESSION_COOKIE))
    response = redirect(f"{COOKIE_PATH}/sign-in?done=signed-out", 303)
    response.delete_cookie(SESSION_COOKIE, path=COOKIE_PATH)
    return response


def _sign_in_page(
    status: int,
    *,
    headers: dict[str, str] | None = None,
    error: str | None = None,
    message: str | None = None,
) -> Response:
    csrf = secrets.token_urlsafe(32)
    response = page(
        "sign_in.html",
        status,
        headers,
        csrf=csrf,
        error=error,
        message=message,
        next=_safe_next(request.values.get("next")),
        editor=None,
    )
    set_cookie(response, SIGN_IN_COOKIE, csrf, max_age=3600)
    return response

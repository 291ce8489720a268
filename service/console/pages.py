"""The console's blueprint: its pages' headers, error pages and the helpers every template uses."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from flask import Blueprint, Response, g, render_template, request
from werkzeug.exceptions import HTTPException, NotFound

from service.components import components
from service.console.forms import label
from service.content.calendar import long_date
from service.content.errors import ContentError
from service.errors import unexpected_error

bp = Blueprint(
    "console",
    __name__,
    url_prefix="/console",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)

# Forms carry whole horoscopes and listicles (and the version they started from): more than the
# API's 64 KiB JSON limit, which would refuse a long listicle and lose what the editor typed.
FORM_LIMIT = 1024 * 1024

# Nothing from elsewhere: the console's own stylesheet and script, its own forms, no framing.
SECURITY_HEADERS = {
    "Cache-Control": "private, no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}

# The outcome messages a redirect may name (?done=...): fixed texts, so a link cannot put words on a page.
OUTCOMES = {
    "saved": "Saved. Readers see the new text now.",
    "unchanged": "Nothing was changed, so nothing was saved.",
    "reverted": "Reverted: readers see the generated text again.",
    "restored": "Restored. Readers see that version now.",
    "created": "Published: the listicle runs in the day's list.",
    "withdrawn": "Withdrawn: the listicle is out of the day's list and the feed; its history can restore it.",
    "ordered": "The day's running order is saved.",
    "ran": "The job ran; its outcome is at the top of its runs.",
    "signed-out": "You are signed out.",
}


@bp.before_request
def allow_large_forms() -> None:
    request.max_content_length = FORM_LIMIT
    request.max_form_memory_size = FORM_LIMIT


@bp.after_request
def private_answers(response: Response) -> Response:
    """Every console answer is the signed-in editor's alone: never stored by a browser or a proxy."""
    response.headers.update(SECURITY_HEADERS)
    return response


def page(template: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any) -> Response:
    """A console page as an HTML response."""
    html = render_template(f"console/{template}", **context)
    return Response(html, status=status, headers=headers, mimetype="text/html")


def outcome() -> str | None:
    """The message of a redirect's ?done=..., if it names one."""
    return OUTCOMES.get(request.args.get("done", ""))


@bp.context_processor
def signed_in_context() -> dict[str, Any]:
    """What every page may show: who is signed in, the CSRF token their forms carry, field labels."""
    session = getattr(g, "console_session", None)
    return {
        "editor": session.editor if session is not None else None,
        "csrf": session.csrf if session is not None else "",
        "session_hours": components().config.console_session_hours,
        "label": label,
        "where": where,
        "timedelta": timedelta,
    }


def where(path: str, key: str) -> str:
    """Where inside a field a message points: ('body', 'body.2') -> 'Paragraph 3'."""
    rest = key.removeprefix(path + ".").split(".")
    if rest[0].isdigit():
        name = "Paragraph" if path == "body" else "Item" if path == "items" else "Entry"
        inner = f" {label(rest[1]).lower()}" if len(rest) > 1 else ""
        return f"{name} {int(rest[0]) + 1}{inner}"
    return label(f"{path}.{'.'.join(rest)}")


@bp.app_template_filter("local_time")
def local_time(instant: str | datetime | None) -> str:
    """'4 Feb 2026, 10:05 IST': a UTC instant in the portal's time zone, as a desk reads it."""
    if instant is None:
        return "never"
    moment = datetime.fromisoformat(instant) if isinstance(instant, str) else instant
    local = moment.astimezone(components().config.zone)
    return f"{local.day} {local:%b %Y, %H:%M} {local.tzname()}"


@bp.app_template_filter("long_day")
def long_day(day: date | str) -> str:
    """'Thursday, February 05, 2026'."""
    value = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{value:%A}, {long_date(value)}"


@bp.app_template_global("posted_text")
def posted_text() -> list[tuple[str, str]]:
    """The text fields of a refused POST, so that an error page can give the editor back what they typed."""
    if request.method != "POST":
        return []
    hidden = {"csrf_token", "etag", "base", "action", "order", "move"}
    return [
        (name, value)
        for name, value in request.form.items(multi=True)
        if name not in hidden and value.strip()
    ]


@bp.errorhandler(ContentError)
def content_error(error: ContentError) -> Response:
    """A domain error (no such entry, out of the window, Redis down, too many requests) as a page."""
    headers = error.headers()
    if error.status == 503:
        headers["Retry-After"] = str(components().config.retry_after_seconds)
    return page("error.html", error.status, headers, title=error.title, detail=error.detail)


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException) -> Response:
    status = error.code or 500
    if status >= 500:
        return unexpected_error(error)
    detail = error.description or error.name
    if isinstance(error, NotFound):
        detail = "There is no console page here. The day board lists every day's entries."
    return page("error.html", status, title=error.name, detail=detail)


@bp.route("/<path:_anything>", methods=["GET", "POST"])
def unknown(_anything: str) -> Response:
    """Any other console path: the console's own 404 page, not the API's problem document."""
    raise NotFound()

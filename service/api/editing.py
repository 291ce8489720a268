"""Editors' writes: overrides, history and restore for horoscopes and listicles, and new listicles."""

from __future__ import annotations

from typing import Any

from flask import Response, g, request

from schemas.editing import (
    EditArgsSchema,
    HistoryArgsSchema,
    HistorySchema,
    HoroscopePatchSchema,
    HoroscopeReplaceSchema,
    ListiclePatchSchema,
    ListicleReplaceSchema,
    NewListicleSchema,
    NoteSchema,
    RevertArgsSchema,
)
from schemas.horoscopes import HoroscopeResponseSchema
from schemas.language import HINDI
from schemas.listicles import ListicleResponseSchema
from schemas.problems import ProblemSchema
from service.api.day_parameter import DAY_PARAMETER
from service.api.http import PROBLEM
from service.api.json_body import Blueprint
from service.api.operations import honours_if_match
from service.api.signs import SIGN_PARAMETER
from service.auth import require_role
from service.components import components
from service.content.calendar import Period
from service.content.zodiac import Sign
from service.days import parse_day
from service.editing import Editing, Target
from service.editions import edition_system
from service.editorial import EditorialListicles
from service.hindi_editing import hindi_target
from service.publishing import Rendered

# Every view checks its token right under its routes, before flask-smorest parses a body: without a
# token a client learns nothing, not even what a valid body looks like.
blp = Blueprint("editing", __name__, description="Editors' overrides, history and listicles (bearer token).")

HOROSCOPE = "/v1/horoscopes/<sign>/<day>"
LISTICLE = "/v1/listicles/<slug>"
WRITE_ERRORS = {
    401: "Missing or invalid bearer token (see WWW-Authenticate).",
    403: "The token's role may not do this.",
    404: "No such entry, revision or override.",
    409: "That slug is taken (by a listed or withdrawn listicle), or a generated listicle cannot be deleted.",
    410: "The editor-written listicle was withdrawn: only its history and a restore answer.",
    412: "If-Match named an ETag that is no longer current; `current` holds the current version.",
    422: "Invalid fields: markup, control or invisible characters, too long, not a whole number, unknown,"
    " or missing for PUT.",
    429: "Too many failed authentications, or too many writes by this token; see Retry-After.",
    503: "Redis is unavailable; nothing was written. See Retry-After.",
}


def documented_errors(view):  # type: ignore[no-untyped-def]
    """Attach the write errors to a view's OpenAPI operation."""
    for status, description in WRITE_ERRORS.items():
        view = blp.alt_response(status, schema=ProblemSchema, content_type=PROBLEM, description=description)(
            view
        )
    return blp.doc(security=[{"bearerAuth": []}])(view)


def editing() -> Editing:
    return Editing(components().publisher)


def editorial() -> EditorialListicles:
    return EditorialListicles(editing())


def written(rendered: Rendered, status: int = 200) -> Response:
    """The entry as readers now see it, with the ETag to send in the next If-Match (and Last-Modified)."""
    return Response(rendered.body, status=status, mimetype="application/json", headers=rendered.validators)


def horoscope_target(sign: str, day: str, args: dict[str, Any]) -> Target:
    """The entry the URL and its query name: English (either system) or Hindi (service.hindi_editing)."""
    publisher = components().publisher
    the_sign, the_day, period = Sign.parse(sign), parse_day(day, publisher.today()), Period(args["period"])
    system = edition_system(args["lang"], args.get("system"))
    if args["lang"] == HINDI:
        return hindi_target(publisher, the_sign, the_day, period)
    return editing().horoscope(the_sign, the_day, period, system)


def if_match() -> str | None:
    return request.headers.get("If-Match")


@blp.route(f"{HOROSCOPE}/override", methods=["PUT"], parameters=[SIGN_PARAMETER, DAY_PARAMETER])
@require_role("editor")
@blp.arguments(EditArgsSchema, location="query")
@blp.arguments(HoroscopeReplaceSchema, location="json")
@blp.response(200, HoroscopeResponseSchema)
@documented_errors
@honours_if_match
def put_horoscope_override(args: dict[str, Any], fields: dict[str, Any], sign: str, day: str) -> Response:
    """Replace every editable field of a horoscope (If-Match recommended)."""
    return written(editing().put(horoscope_target(sign, day, args), fields, g.editor, if_match()))


@blp.route(f"{HOROSCOPE}/override", methods=["PATCH"], parameters=[SIGN_PARAMETER, DAY_PARAMETER])
@require_role("editor")
@blp.arguments(EditArgsSchema, location="query")
@blp.arguments(HoroscopePatchSchema, location="json", required=False)
@blp.response(200, HoroscopeResponseSchema)
@documented_errors
@honours_if_match
def patch_horoscope_override(args: dict[str, Any], fields: dict[str, Any], sign: str, day: str) -> Response:
    """Change only the fields given, e.g. {"title": ...} or {"sections": {"love": {"text": ...}}}."""
    return written(editing().patch(horoscope_target(sign, day, args), fields, g.editor, if_match()))


@blp.route(f"{HOROSCOPE}/override", methods=["DELETE"], parameters=[SIGN_PARAMETER, DAY_PARAMETER])
@require_role("editor")
@blp.arguments(RevertArgsSchema, location="query")
@blp.response(200, HoroscopeResponseSchema)
@documented_errors
@honours_if_match
def delete_horoscope_override(args: dict[str, Any], sign: str, day: str) -> Response:
    """Revert to the generated text (the history keeps every earlier version)."""
    return written(
        editing().revert(horoscope_target(sign, day, args), g.editor, args.get("note"), if_match())
    )


@blp.route(f"{HOROSCOPE}/history", methods=["GET"], parameters=[SIGN_PARAMETER, DAY_PARAMETER])
@require_role("editor")
@blp.arguments(HistoryArgsSchema, location="query")
@blp.response(200, HistorySchema)
@documented_errors
def get_horoscope_history(args: dict[str, Any], sign: str, day: str) -> dict[str, Any]:
    """Every change to a horoscope, newest first: who, when, what (before and after), and why."""
    return {"items": editing().history(horoscope_target(sign, day, args), args["limit"])}


@blp.route(
    f"{HOROSCOPE}/history/<int:revision>/restore",
    methods=["POST"],
    parameters=[SIGN_PARAMETER, DAY_PARAMETER],
)
@require_role("editor")
@blp.arguments(EditArgsSchema, location="query")
@blp.arguments(NoteSchema, location="json", required=False)
@blp.response(200, HoroscopeResponseSchema)
@documented_errors
@honours_if_match
def restore_horoscope(
    args: dict[str, Any], body: dict[str, Any], sign: str, day: str, revision: int
) -> Response:
    """Bring back the horoscope as it was right after that revision."""
    target = horoscope_target(sign, day, args)
    return written(editing().restore(target, revision, g.editor, body.get("note"), if_match()))


@blp.route(f"{LISTICLE}/override", methods=["PUT"])
@blp.route(LISTICLE, methods=["PUT"])
@require_role("editor")
@blp.arguments(ListicleReplaceSchema, location="json")
@blp.response(200, ListicleResponseSchema)
@documented_errors
@honours_if_match
def put_listicle(fields: dict[str, Any], slug: str) -> Response:
    """Replace every editable field of a listicle: title, teaser, items (in order), tags, disclaimer."""
    return written(editing().put(editing().listicle(slug), fields, g.editor, if_match()))


@blp.route(f"{LISTICLE}/override", methods=["PATCH"])
@blp.route(LISTICLE, methods=["PATCH"])
@require_role("editor")
@blp.arguments(ListiclePatchSchema, location="json", required=False)
@blp.response(200, ListicleResponseSchema)
@documented_errors
@honours_if_match
def patch_listicle(fields: dict[str, Any], slug: str) -> Response:
    """Change only the fields given; `items` is the whole new list (reorder, replace, add, remove)."""
    return written(editing().patch(editing().listicle(slug), fields, g.editor, if_match()))


@blp.route(f"{LISTICLE}/override", methods=["DELETE"])
@require_role("editor")
@blp.arguments(NoteSchema, location="query")
@blp.response(200, ListicleResponseSchema)
@documented_errors
@honours_if_match
def delete_listicle_override(args: dict[str, Any], slug: str) -> Response:
    """Revert a listicle to its generated (or first written) text."""
    return written(editing().revert(editing().listicle(slug), g.editor, args.get("note"), if_match()))


@blp.route(f"{LISTICLE}/history", methods=["GET"])
@require_role("editor")
@blp.arguments(HistoryArgsSchema, location="query")
@blp.response(200, HistorySchema)
@documented_errors
def get_listicle_history(args: dict[str, Any], slug: str) -> dict[str, Any]:
    """Every change to a listicle, newest first (a withdrawn one's too)."""
    return {"items": editing().history(editing().listicle(slug, withdrawn=True), args["limit"])}


@blp.route(f"{LISTICLE}/history/<int:revision>/restore", methods=["POST"])
@require_role("editor")
@blp.arguments(NoteSchema, location="json", required=False)
@blp.response(200, ListicleResponseSchema)
@documented_errors
@honours_if_match
def restore_listicle(body: dict[str, Any], slug: str, revision: int) -> Response:
    """Bring back the listicle as it was right after that revision (a withdrawn one is listed again)."""
    return written(editorial().restore(slug, revision, g.editor, body.get("note"), if_match()))


@blp.route("/v1/listicles", methods=["POST"])
@require_role("editor")
@blp.arguments(NewListicleSchema, location="json")
@blp.response(201, ListicleResponseSchema)
@documented_errors
def create_listicle(data: dict[str, Any]) -> Response:
    """Publish an editor-written listicle for a date, at `position` in that date's list."""
    created = editorial().create(data, g.editor)
    response = written(created, 201)
    response.headers["Location"] = f"/v1/listicles/{response.get_json()['slug']}"
    return response


@blp.route(LISTICLE, methods=["DELETE"])
@require_role("editor")
@blp.arguments(NoteSchema, location="query")
@blp.response(204)
@documented_errors
def delete_listicle(args: dict[str, Any], slug: str) -> Response:
    """Withdraw an editor-written listicle: out of its date's list and the feed; record and history stay."""
    editorial().withdraw(slug, g.editor, args.get("note"))
    return Response(status=204)

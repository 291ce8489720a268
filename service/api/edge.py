"""Purging the edge by hand (admin): a takedown, or a release that changed every answer."""

from __future__ import annotations

from typing import Any

from flask import g

from schemas.edge import PurgeQueuedSchema, PurgeRequestSchema
from schemas.problems import ProblemSchema
from service.api.http import PROBLEM
from service.api.json_body import Blueprint
from service.auth import require_role
from service.components import components
from service.edge.purges import manual_purge

blp = Blueprint("edge", __name__, url_prefix="/v1/edge", description="The edge caches' purges (admin token).")

ERRORS = {
    401: "Missing or invalid bearer token.",
    403: "The token is not an admin's.",
    409: "No edge backend is configured (HOROSCOPE_EDGE_BACKENDS).",
    422: "Tags that are not this deployment's (its prefix) or not portable.",
    429: "Too many failed authentications, or too many writes by this token; see Retry-After.",
    503: "Redis is unavailable; nothing was queued.",
}


def _documented(view):  # type: ignore[no-untyped-def]
    for status, description in ERRORS.items():
        view = blp.alt_response(status, schema=ProblemSchema, content_type=PROBLEM, description=description)(
            view
        )
    return blp.doc(security=[{"bearerAuth": []}])(view)


@blp.route("/purges", methods=["POST"])
@require_role("admin")
@blp.arguments(PurgeRequestSchema, location="json")
@blp.response(202, PurgeQueuedSchema)
@_documented
def purge(body: dict[str, Any]) -> dict[str, Any]:
    """Queue a purge of these tags at every configured edge (soft unless `hard`); the scheduler sends it."""
    tags, hard = body["tags"], body["hard"]
    events = manual_purge(components().store, tags, hard=hard, by=g.editor.name)
    return {"tags": tags, "hard": hard, "events": events}

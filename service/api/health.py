"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from schemas.health import LivenessSchema, ReadinessSchema
from service.components import components
from service.store import StoreUnavailable

blp = Blueprint("health", __name__, description="Process and dependency health.")


@blp.get("/healthz")
@blp.response(200, LivenessSchema)
def liveness() -> dict[str, str]:
    """The process answers; says nothing about Redis."""
    return {"status": "ok"}


@blp.get("/readyz")
@blp.response(200, ReadinessSchema)
@blp.alt_response(503, schema=ReadinessSchema, description="Not ready: a check failed.")
def readiness() -> tuple[dict[str, Any], int]:
    """Redis reachable and persistent; 503 with each check's result otherwise."""
    parts = components()
    checks: dict[str, dict[str, Any]] = {}
    try:
        checks["redis"] = {"ok": True, "detail": f"PING answered in {parts.store.ping():.1f} ms"}
        persistence = parts.store.persistence()
        checks["persistence"] = {
            "ok": persistence.aof_enabled or not parts.config.require_persistence,
            "detail": persistence.detail,
        }
    except StoreUnavailable as error:
        checks.setdefault("redis", {"ok": False, "detail": error.detail})
        checks.setdefault("persistence", {"ok": False, "detail": "unknown: Redis did not answer"})
    ready = all(check["ok"] for check in checks.values())
    return {"status": "ready" if ready else "not ready", "checks": checks}, 200 if ready else 503

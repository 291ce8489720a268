"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask_smorest import Blueprint

from jobs.runs import RunLedger
from schemas.health import LivenessSchema, ReadinessSchema
from service.components import Components, components
from service.content.calendar import Period
from service.content.zodiac import Sign, System
from service.store import StoreUnavailable, horoscope_id

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
    for name, check in _operational_checks(parts).items():  # reported, but this replica can serve anyway
        checks[name] = {**check, "affects_readiness": False}
    return {"status": "ready" if ready else "not ready", "checks": checks}, 200 if ready else 503


def _operational_checks(parts: Components) -> dict[str, dict[str, Any]]:
    """Whether tomorrow is published, and how long ago a scheduler said it was alive."""
    tomorrow = parts.publisher.today() + timedelta(days=1)
    entry_ids = [horoscope_id(System.TROPICAL, Period.DAILY, sign, tomorrow.isoformat()) for sign in Sign]
    try:
        stored = parts.store.fetch_many(entry_ids)
        beat = RunLedger(parts.store, keep_days=parts.config.retention_days).heartbeat()
    except StoreUnavailable as error:
        unknown = {"ok": False, "detail": f"unknown: {error.detail}"}
        return {"tomorrow": unknown, "scheduler": unknown}
    published = sum(entry.record is not None for entry in stored)
    tomorrow_check = {
        "ok": published == len(entry_ids),
        "detail": f"{published} of {len(entry_ids)} daily horoscopes of {tomorrow.isoformat()} published",
    }
    if beat is None:
        return {"tomorrow": tomorrow_check, "scheduler": {"ok": False, "detail": "no scheduler heartbeat"}}
    age = (parts.clock() - datetime.fromisoformat(beat["at"])).total_seconds()
    scheduler_check = {
        "ok": True,
        "detail": f"{beat['scheduler']} was alive {age:.0f} s ago",
        "heartbeat_age_seconds": round(age, 1),
    }
    return {"tomorrow": tomorrow_check, "scheduler": scheduler_check}

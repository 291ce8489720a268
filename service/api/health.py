"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask_smorest import Blueprint

from jobs.runs import RunLedger
from schemas.health import LivenessSchema, ReadinessSchema
from schemas.problems import ProblemSchema
from service.api.http import PROBLEM
from service.auth import admin_asking
from service.components import Components, components
from service.content.calendar import Period
from service.content.zodiac import Sign, System
from service.edge.backends import target_names
from service.edge.consumer import backlog
from service.store import OUT_OF_MEMORY_SECONDS, Memory, StoreUnavailable, horoscope_id

blp = Blueprint("health", __name__, description="Process and dependency health.")

PUBLIC_FIELDS = ("ok", "affects_readiness")  # what a check shows without an admin token
MEMORY_HEADROOM = 0.05  # this close to maxmemory, a noeviction Redis is about to refuse writes


@blp.get("/healthz")
@blp.response(200, LivenessSchema)
def liveness() -> dict[str, str]:
    """The process answers; says nothing about Redis."""
    return {"status": "ok"}


@blp.get("/readyz")
@blp.response(200, ReadinessSchema)
@blp.alt_response(503, schema=ReadinessSchema, description="Not ready: a check failed.")
@blp.alt_response(401, schema=ProblemSchema, content_type=PROBLEM, description="A token that is not valid.")
@blp.alt_response(
    429, schema=ProblemSchema, content_type=PROBLEM, description="Too many failed authentications."
)
@blp.doc(security=[{}, {"bearerAuth": []}])
def readiness() -> tuple[dict[str, Any], int]:
    """Redis reachable, persistent and still holding the service's data; 503 otherwise.

    Everyone gets the status and whether each check passed; an admin's bearer token also gets each
    check's detail. Memory pressure, tomorrow's entries and the scheduler are reported without
    making the replica unready (status `degraded` when Redis refuses writes for lack of memory).
    """
    parts = components()
    admin = _admin_asking()
    checks = _readiness_checks(parts)
    ready = all(check["ok"] for check in checks.values())
    reported = {"memory": _memory_check(parts), **_operational_checks(parts), **_edge_check(parts)}
    for name, check in reported.items():  # reported, but this replica can serve anyway
        checks[name] = {**check, "affects_readiness": False}
    status = "ready" if reported["memory"]["ok"] else "degraded"
    if not admin:
        checks = {
            name: {key: check[key] for key in PUBLIC_FIELDS if key in check} for name, check in checks.items()
        }
    return {"status": status if ready else "not ready", "checks": checks}, 200 if ready else 503


def _admin_asking() -> bool:
    """Whether an admin asks; while Redis is down no token can be checked: everyone gets the public answer."""
    try:
        return admin_asking()
    except StoreUnavailable:
        return False


def _readiness_checks(parts: Components) -> dict[str, dict[str, Any]]:
    """Redis answers, keeps an append-only file, and still holds the data this process saw."""
    checks: dict[str, dict[str, Any]] = {}
    try:
        checks["redis"] = {"ok": True, "detail": f"PING answered in {parts.store.ping():.1f} ms"}
        persistence = parts.store.persistence()
        checks["persistence"] = {
            "ok": persistence.aof_enabled or not parts.config.require_persistence,
            "detail": persistence.detail,
        }
        epoch = parts.publisher.epoch.check()
        checks["data"] = {"ok": epoch.intact, "detail": epoch.detail}
    except StoreUnavailable as error:
        checks.setdefault("redis", {"ok": False, "detail": str(error)})
        for name in ("persistence", "data"):
            checks.setdefault(name, {"ok": False, "detail": "unknown: Redis did not answer"})
    return checks


def _memory_check(parts: Components) -> dict[str, Any]:
    """Whether Redis has room for writes: used against maxmemory, and refusals this process met."""
    try:
        memory = parts.store.memory()
    except StoreUnavailable as error:
        return {"ok": False, "detail": f"unknown: {error}"}
    return memory_pressure(memory, parts.store.refused_for_memory_within(OUT_OF_MEMORY_SECONDS))


def memory_pressure(memory: Memory, refused_seconds_ago: float | None) -> dict[str, Any]:
    """The memory check: not ok when Redis refuses writes, is about to, or may evict the data."""
    if memory.maximum:
        use = (
            f"used {_mib(memory.used)} of {_mib(memory.maximum)} maxmemory ({memory.ratio:.0%}), "
            f"policy {memory.policy}"
        )
    else:
        use = f"used {_mib(memory.used)}, no maxmemory set"
    facts = {"used_memory_bytes": memory.used, "maxmemory_bytes": memory.maximum}
    if refused_seconds_ago is not None:
        problem = f"Redis refused a command for lack of memory {refused_seconds_ago:.0f} s ago"
    elif memory.maximum and memory.policy.startswith("allkeys"):
        problem = (
            f"maxmemory-policy {memory.policy} lets Redis evict published entries, overrides and history"
        )
    elif memory.ratio >= 1 - MEMORY_HEADROOM:
        problem = f"Redis is within {MEMORY_HEADROOM:.0%} of maxmemory and will refuse writes"
    else:
        return {"ok": True, "detail": use, **facts}
    advice = "edits, job runs and first reads of unpublished entries fail: raise maxmemory or free memory"
    if memory.policy.startswith("allkeys"):
        advice = "set maxmemory-policy noeviction and give Redis the memory its data needs"
    return {"ok": False, "detail": f"{problem}: {advice} ({use})", **facts}


def _edge_check(parts: Components) -> dict[str, dict[str, Any]]:
    """With edge backends: the purges each target still waits for, and any given up on."""
    if not parts.config.edge_backends:
        return {}
    try:
        waiting = backlog(parts.store, target_names(parts.config))
        dead = int(parts.store.call(lambda client: client.xlen(parts.store.keys.dead_purges)))
    except StoreUnavailable as error:
        return {"edge": {"ok": False, "detail": f"unknown: {error}"}}
    limit = parts.config.edge_backlog_limit
    behind = {target: read + unread for target, (read, unread) in waiting.items()}
    ok = dead == 0 and all(count <= limit for count in behind.values())
    detail = "; ".join(f"{target}: {count} purges waiting" for target, count in behind.items())
    if dead:
        detail += f"; {dead} dead-lettered (horoscope-service purge --retry-dead sends them again)"
    return {"edge": {"ok": ok, "detail": detail, "backlog": behind, "dead_letters": dead}}


def _mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def _operational_checks(parts: Components) -> dict[str, dict[str, Any]]:
    """Whether tomorrow is published, and how long ago a scheduler said it was alive."""
    tomorrow = parts.publisher.today() + timedelta(days=1)
    entry_ids = [horoscope_id(System.TROPICAL, Period.DAILY, sign, tomorrow.isoformat()) for sign in Sign]
    try:
        stored = parts.store.fetch_many(entry_ids)
        beat = RunLedger(parts.store, keep_days=parts.config.retention_days).heartbeat()
    except StoreUnavailable as error:
        unknown = {"ok": False, "detail": f"unknown: {error}"}
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

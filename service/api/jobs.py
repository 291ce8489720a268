"""Scheduled jobs: their schedules and runs, and manual runs (admin)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import g

from jobs.definitions import JOBS, job_named
from jobs.errors import JobRunFailed
from jobs.runner import JobRunner
from jobs.runs import RunLedger, RunOutcome
from schemas.jobs import JobListSchema, ManualRunSchema, RunListSchema, RunsArgsSchema, RunSchema
from schemas.problems import ProblemSchema
from service.api.http import PROBLEM
from service.api.json_body import Blueprint
from service.auth import require_role
from service.components import components
from service.days import isoformat_utc
from service.schedules import next_fire

blp = Blueprint("jobs", __name__, url_prefix="/v1/jobs", description="Scheduled jobs and their runs.")

NAME_PARAMETER = {
    "in": "path",
    "name": "name",
    "required": True,
    "schema": {"type": "string"},
    "description": "refresh-tomorrow, prefill or prune.",
}
RUN_ERRORS = {
    401: "Missing or invalid bearer token.",
    403: "The token is not an admin's.",
    404: "No such job.",
    409: "That run is in progress in another process.",
    422: "Malformed body, or a target date the job may not run for.",
    429: "Too many failed authentications, or too many writes by this token; see Retry-After.",
    500: "The run failed; its record (GET .../runs) says why.",
    503: "Redis is unavailable.",
}


def runner() -> JobRunner:
    """A runner on this app's Redis, publisher and clock."""
    parts = components()
    ledger = RunLedger(parts.store, keep_days=parts.config.retention_days)
    return JobRunner(ledger, parts.publisher, parts.clock, lock_seconds=parts.config.job_lock_seconds)


def documented_run_errors(view):  # type: ignore[no-untyped-def]
    """Attach the manual run's errors to its OpenAPI operation."""
    for status, description in RUN_ERRORS.items():
        view = blp.alt_response(status, schema=ProblemSchema, content_type=PROBLEM, description=description)(
            view
        )
    return blp.doc(security=[{"bearerAuth": []}])(view)


@blp.route("", methods=["GET"])
@blp.response(200, JobListSchema)
def list_jobs() -> dict[str, Any]:
    """Every job with its schedule, next run time (from the cron, in the portal's zone) and last run."""
    parts = components()
    ledger = runner().ledger
    now = parts.clock()
    items = []
    for job in JOBS:
        schedule = job.schedule(parts.config)
        fire = next_fire(schedule, parts.config.zone, now)
        last = ledger.last_run(job.name)
        items.append(
            {
                "name": job.name,
                "description": job.description,
                "schedule": schedule,
                "timezone": parts.config.timezone,
                "next_run_at": None if fire is None else isoformat_utc(fire),
                "last_run": None if last is None else last.document(),
            }
        )
    return {"items": items, "scheduler": ledger.heartbeat()}


@blp.route("/<name>/runs", methods=["GET"], parameters=[NAME_PARAMETER])
@blp.arguments(RunsArgsSchema, location="query", as_kwargs=True)
@blp.response(200, RunListSchema)
@blp.alt_response(404, schema=ProblemSchema, content_type=PROBLEM, description="No such job.")
def list_runs(name: str, limit: int) -> dict[str, Any]:
    """A job's recent runs, newest first."""
    job = job_named(name)
    return {"items": [run.document() for run in runner().ledger.runs(job.name, limit)]}


@blp.route("/<name>/runs", methods=["POST"], parameters=[NAME_PARAMETER])
@require_role("admin")
@blp.arguments(ManualRunSchema, location="json", required=False)
@blp.response(201, RunSchema)
@documented_run_errors
def run_now(body: dict[str, Any], name: str) -> dict[str, Any]:
    """Run a job now, under the same lock as the scheduler, even if its target is done; 201 with the run."""
    job = job_named(name)
    target: date | None = body.get("date")
    run = runner().run_manual(job, target, started_by=g.editor.name)
    if run.outcome is RunOutcome.FAILED:
        raise JobRunFailed(
            f"Run {run.run_id} of {job.name} for {run.target_date.isoformat()} failed: {run.error}"
        )
    return run.document()

"""Scheduled jobs: their schedules and runs, and manual runs (admin)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import g

from jobs.definitions import JOBS, job_named
from jobs.errors import JobRunFailed
from jobs.runner import JobRunner
from jobs.runs import RunLedger, RunOutcome, RunRecord
from schemas.jobs import JobListSchema, ManualRunSchema, RunListSchema, RunsArgsSchema, RunSchema
from schemas.problems import ProblemSchema
from service.api.http import PROBLEM
from service.api.json_body import Blueprint
from service.auth import admin_asking, require_role
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
ADMIN_ONLY_RUN_FIELDS = ("error", "scheduler", "started_by")  # error texts, host:pid, admin names
PUBLIC_OR_ADMIN: list[dict[str, list[str]]] = [
    {},
    {"bearerAuth": []},
]  # anyone may read; an admin's token shows more


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


def documented_viewer_errors(view):  # type: ignore[no-untyped-def]
    """The errors a read that shows admins more can answer when a token comes with it."""
    for status in (401, 429):
        view = blp.alt_response(
            status, schema=ProblemSchema, content_type=PROBLEM, description=RUN_ERRORS[status]
        )(view)
    return blp.doc(security=PUBLIC_OR_ADMIN)(view)


def shown(run: RunRecord, admin: bool) -> dict[str, Any]:
    """A run record as this reader may see it: without error texts and host:pid unless an admin."""
    document = run.document()
    return document if admin else {k: v for k, v in document.items() if k not in ADMIN_ONLY_RUN_FIELDS}


@blp.route("", methods=["GET"])
@blp.response(200, JobListSchema)
@documented_viewer_errors
def list_jobs() -> dict[str, Any]:
    """Every job with its schedule, next run time (from the cron, in the portal's zone) and last run.

    With an admin's bearer token, runs also show their error and the scheduler process (host:pid).
    """
    admin = admin_asking()
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
                "last_run": None if last is None else shown(last, admin),
            }
        )
    beat = ledger.heartbeat()
    return {"items": items, "scheduler": beat if admin or beat is None else {"at": beat["at"]}}


@blp.route("/<name>/runs", methods=["GET"], parameters=[NAME_PARAMETER])
@blp.arguments(RunsArgsSchema, location="query", as_kwargs=True)
@blp.response(200, RunListSchema)
@blp.alt_response(404, schema=ProblemSchema, content_type=PROBLEM, description="No such job.")
@documented_viewer_errors
def list_runs(name: str, limit: int) -> dict[str, Any]:
    """A job's recent runs, newest first; with an admin's token, with errors and host:pid."""
    admin = admin_asking()
    job = job_named(name)
    return {"items": [shown(run, admin) for run in runner().ledger.runs(job.name, limit)]}


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
        raise JobRunFailed(  # the error itself is in the run's record and the log, not in the answer
            f"Run {run.run_id} of {job.name} for {run.target_date.isoformat()} failed; its record "
            f"(GET /v1/jobs/{job.name}/runs) says why."
        )
    return run.document()

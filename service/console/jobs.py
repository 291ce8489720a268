"""The jobs page (admins): each job's schedule, its recent runs with their outcomes, and Run now."""

from __future__ import annotations

from flask import redirect, url_for
from werkzeug.wrappers import Response

from jobs.definitions import JOBS, job_named
from service.api.jobs import runner
from service.components import components
from service.console.pages import bp, outcome, page
from service.console.signin import current, signed_in
from service.days import isoformat_utc
from service.schedules import next_fire

RECENT_RUNS = 10


@bp.route("/jobs", methods=["GET"])
@signed_in("admin")
def jobs_page() -> Response:
    """Every scheduled job: schedule, next run, the latest runs and the scheduler's heartbeat."""
    parts = components()
    ledger = runner().ledger
    now = parts.clock()
    listed = []
    for job in JOBS:
        schedule = job.schedule(parts.config)
        fire = next_fire(schedule, parts.config.zone, now)
        listed.append(
            {
                "job": job,
                "schedule": schedule,
                "next_run_at": None if fire is None else isoformat_utc(fire),
                "runs": ledger.runs(job.name, RECENT_RUNS),
            }
        )
    return page(
        "jobs.html",
        jobs=listed,
        heartbeat=ledger.heartbeat(),
        timezone=parts.config.timezone,
        message=outcome(),
    )


@bp.route("/jobs/<name>/run", methods=["POST"])
@signed_in("admin")
def run_job(name: str) -> Response:
    """Run a job now for its usual target date, under the scheduler's lock; its record says how it went."""
    job = job_named(name)
    runner().run_manual(job, None, started_by=current().editor.name)
    return redirect(url_for("console.jobs_page", done="ran") + f"#job-{job.name}", 303)

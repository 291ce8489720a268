"""Scheduled jobs and their runs: what GET /v1/jobs answers, and how a manual run is asked for."""

from marshmallow import Schema, fields, validate

from schemas.bodies import StrictSchema

TRIGGERS = ("schedule", "catch-up", "manual")
OUTCOMES = ("succeeded", "failed", "skipped")
MAX_RUNS_LISTED = 1000  # what the stream keeps per job


class RunCountsSchema(Schema):
    """What a run did, entry by entry."""

    published = fields.Integer(
        required=True, metadata={"description": "Entries that were missing, now stored."}
    )
    refreshed = fields.Integer(
        required=True, metadata={"description": "Future entries an older engine wrote, regenerated."}
    )
    overridden = fields.Integer(required=True, metadata={"description": "Left alone: an override stands."})
    present = fields.Integer(
        required=True, metadata={"description": "Already stored and current, or frozen."}
    )
    removed = fields.Integer(required=True, metadata={"description": "Pruned entries."})
    trimmed = fields.Integer(
        required=True, metadata={"description": "History records past the history retention, dropped."}
    )


class RunSchema(Schema):
    """One run of a job for a target date."""

    run_id = fields.String(required=True)
    job = fields.String(required=True)
    target_date = fields.String(required=True, metadata={"format": "date", "example": "2026-02-05"})
    trigger = fields.String(required=True, validate=validate.OneOf(TRIGGERS))
    started_at = fields.String(required=True, metadata={"description": "UTC instant, ISO 8601."})
    finished_at = fields.String(required=True, metadata={"description": "UTC instant, ISO 8601."})
    outcome = fields.String(
        required=True,
        validate=validate.OneOf(OUTCOMES),
        metadata={"description": "skipped: already done, or another process was running it."},
    )
    counts = fields.Nested(RunCountsSchema, required=True)
    error = fields.String(allow_none=True, metadata={"description": "Why a failed run failed (admins only)."})
    detail = fields.String(allow_none=True, metadata={"description": "Why a run was skipped."})
    scheduler = fields.String(metadata={"description": "The process that ran it, host:pid (admins only)."})
    started_by = fields.String(
        allow_none=True,
        metadata={
            "description": "Who asked for a manual run: the admin token's name, or cli:<user> (admins only)."
        },
    )


class RunListSchema(Schema):
    """A job's recent runs."""

    items = fields.List(fields.Nested(RunSchema), required=True, metadata={"description": "Newest first."})


class JobSchema(Schema):
    """A job, its schedule and its latest run."""

    name = fields.String(required=True, metadata={"example": "refresh-tomorrow"})
    description = fields.String(required=True)
    schedule = fields.String(
        required=True, metadata={"description": "Cron expression.", "example": "5 0 * * *"}
    )
    timezone = fields.String(required=True, metadata={"description": "The zone the schedule is read in."})
    next_run_at = fields.String(
        allow_none=True,
        metadata={"description": "UTC instant of the next firing; null if it never fires again."},
    )
    last_run = fields.Nested(RunSchema, allow_none=True)


class HeartbeatSchema(Schema):
    """A scheduler process saying it is alive."""

    scheduler = fields.String(metadata={"description": "The process, host:pid (admins only)."})
    at = fields.String(required=True, metadata={"description": "UTC instant of its latest heartbeat."})


class JobListSchema(Schema):
    """Every job, and whether a scheduler is alive."""

    items = fields.List(fields.Nested(JobSchema), required=True)
    scheduler = fields.Nested(
        HeartbeatSchema,
        allow_none=True,
        metadata={"description": "The latest scheduler heartbeat; null when no scheduler beat recently."},
    )


class RunsArgsSchema(Schema):
    """Query arguments of the runs listing."""

    limit = fields.Integer(
        load_default=20,
        validate=validate.Range(1, MAX_RUNS_LISTED),
        metadata={"description": f"How many runs, newest first (at most {MAX_RUNS_LISTED})."},
    )


class ManualRunSchema(StrictSchema):
    """The body of a manual run; empty for the job's default target."""

    date = fields.Date(
        metadata={"description": "Target date (YYYY-MM-DD); default: the job's, as if it fired now."}
    )

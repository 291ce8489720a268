"""Job metrics for /metrics, read from Redis at scrape time: the scheduler is another process."""

from __future__ import annotations

from collections import Counter

from prometheus_client import CollectorRegistry, Gauge, generate_latest

from jobs.definitions import JOBS
from jobs.runs import RunLedger, RunOutcome

REFRESH = "refresh-tomorrow"


def job_metrics(ledger: RunLedger) -> bytes:
    """Recorded runs by job and outcome, and when tomorrow was last refreshed successfully."""
    registry = CollectorRegistry()
    runs = Gauge(
        "horoscope_job_runs_recorded",
        "Runs in each job's retained record (the last 1,000), by outcome.",
        ["job", "outcome"],
        registry=registry,
    )
    last_refresh = Gauge(
        "horoscope_last_successful_refresh_timestamp_seconds",
        "When the newest successful refresh of tomorrow finished (Unix time; 0 if none is recorded).",
        registry=registry,
    )
    for job in JOBS:
        recorded = ledger.runs(job.name, ledger.max_runs)
        outcomes = Counter(run.outcome for run in recorded)
        for outcome in RunOutcome:
            runs.labels(job.name, outcome.value).set(outcomes[outcome])
        if job.name == REFRESH:
            succeeded = [run.finished_at for run in recorded if run.outcome is RunOutcome.SUCCEEDED]
            last_refresh.set(max(succeeded).timestamp() if succeeded else 0)
    return generate_latest(registry)

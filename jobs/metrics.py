"""Job metrics for /metrics, read from Redis at scrape time: the scheduler is another process.

A collector of its own rather than prometheus-client Gauges: under gunicorn a Gauge would also live in
each worker's multiprocess file, and every scrape would export it again, per process, beside this one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime

from prometheus_client.core import GaugeMetricFamily, Metric

from jobs.definitions import JOBS
from jobs.runs import RunLedger, RunOutcome
from service.store import StoreUnavailable

REFRESH = "refresh-tomorrow"


class JobMetrics:
    """Recorded runs by job and outcome, the last successful refresh of tomorrow, the last heartbeat."""

    def __init__(self, ledger: RunLedger) -> None:
        self.ledger = ledger

    def collect(self) -> Iterator[Metric]:
        """The three families, or none while Redis is unavailable (the rest of /metrics still answers)."""
        runs = GaugeMetricFamily(
            "horoscope_job_runs_recorded",
            "Runs in each job's retained record (the last 1,000), by outcome.",
            labels=["job", "outcome"],
        )
        last_refresh = 0.0
        try:
            beat = self.ledger.heartbeat()
            for job in JOBS:
                recorded = self.ledger.runs(job.name, self.ledger.max_runs)
                outcomes = Counter(run.outcome for run in recorded)
                for outcome in RunOutcome:
                    runs.add_metric([job.name, outcome.value], outcomes[outcome])
                if job.name == REFRESH:
                    succeeded = [run.finished_at for run in recorded if run.outcome is RunOutcome.SUCCEEDED]
                    last_refresh = max(succeeded).timestamp() if succeeded else 0.0
        except StoreUnavailable:
            return
        yield runs
        yield GaugeMetricFamily(
            "horoscope_last_successful_refresh_timestamp_seconds",
            "When the newest successful refresh of tomorrow finished (Unix time; 0 if none is recorded).",
            value=last_refresh,
        )
        yield GaugeMetricFamily(
            "horoscope_scheduler_heartbeat_timestamp_seconds",
            "When a scheduler last said it was alive (Unix time; 0 when none did in the last 90 s).",
            value=0.0 if beat is None else datetime.fromisoformat(beat["at"]).timestamp(),
        )

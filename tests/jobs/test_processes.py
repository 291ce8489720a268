"""Real scheduler processes against one real Redis: exactly once, crash recovery, the scheduler command."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import redis

from jobs.runs import RunOutcome, RunRecord
from tests.jobs.conftest import dated_entries, entry_keys, recorded_runs
from tests.redis_fixtures import CLUSTER

ROOT = Path(__file__).parents[2]
JOB_NAMES = ("refresh-tomorrow", "prefill", "prune")
FEB_4_10AM_IN_KOLKATA = "2026-02-04T04:30:00+00:00"
FEB_4_0005_IN_KOLKATA = "2026-02-03T18:35:00+00:00"

pytestmark = pytest.mark.slow


def spawn(
    redis_url: str, now: str, *options: str, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.jobs.entry", "--redis-url", redis_url, "--now", now, *options]
    return subprocess.Popen(
        command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )


def runs_printed(process: subprocess.Popen[str]) -> list[dict[str, Any]]:
    out, _ = process.communicate(timeout=90)
    assert process.returncode == 0
    printed: list[dict[str, Any]] = json.loads(out.strip().splitlines()[-1])
    return printed


def test_three_schedulers_started_together_run_each_date_once(
    redis_url: str, redis_client: redis.Redis
) -> None:
    processes = [spawn(redis_url, FEB_4_10AM_IN_KOLKATA, "--wait") for _ in range(3)]
    for process in processes:
        assert process.stdout is not None
        assert process.stdout.readline() == "ready\n"
    for process in processes:  # the start line: all three are connected and waiting
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    printed = [runs_printed(process) for process in processes]
    assert all(len(runs) == 4 for runs in printed)  # refresh of Feb 4 and Feb 5, prefill, prune

    recorded = [run for name in JOB_NAMES for run in recorded_runs(redis_client, name)]
    assert len(recorded) == 12
    succeeded = [run for run in recorded if run.outcome is RunOutcome.SUCCEEDED]
    assert Counter((run.job, run.target_date.isoformat()) for run in succeeded) == {
        ("refresh-tomorrow", "2026-02-04"): 1,
        ("refresh-tomorrow", "2026-02-05"): 1,
        ("prefill", "2026-02-04"): 1,
        ("prune", "2026-02-04"): 1,
    }
    assert all(run.outcome is RunOutcome.SKIPPED for run in recorded if run not in succeeded)
    for run in succeeded:
        done = json.loads(redis_client.get(f"hs:{{job:{run.job}}}:done:{run.target_date.isoformat()}"))  # type: ignore[arg-type]
        assert done["run_id"] == run.run_id
    # Every entry was written by exactly one run, whichever process got there first.
    stored = entry_keys(redis_client, "horoscope:*") | entry_keys(redis_client, "listicle:*")
    stored |= entry_keys(redis_client, "panchang:*")
    assert sum(run.counts.published for run in succeeded) == len(stored) == 3 * 36 + 36 + 36 + 3 * 3 + 3


def test_a_scheduler_killed_midway_is_completed_after_restart(
    redis_url: str, redis_client: redis.Redis
) -> None:
    lock_key = "hs:{job:refresh-tomorrow}:lock:2026-02-05"
    first = spawn(redis_url, FEB_4_0005_IN_KOLKATA, "--job", "refresh-tomorrow", "--pause-after", "10",
                  "--lock-seconds", "1")  # fmt: skip
    assert first.stdout is not None
    assert first.stdout.readline() == "ready\n"
    assert first.stdout.readline() == "paused\n"
    partial = {key: redis_client.get(key) for key in dated_entries(redis_client, "2026-02-05")}
    assert len(partial) == 10
    assert redis_client.exists(lock_key) == 1, "the run holds its lock, renewed while paused"

    first.send_signal(signal.SIGKILL)
    first.communicate()
    assert redis_client.get("hs:{job:refresh-tomorrow}:done:2026-02-05") is None
    assert recorded_runs(redis_client, "refresh-tomorrow") == [], "a killed run records nothing"
    # Nobody renews the dead process's lock now: wait out its remaining expiry, which is the mechanism.
    # PTTL rounds down, and Redis expires a key once its deadline has passed: 2 ms more than PTTL.
    time.sleep((max(redis_client.pttl(lock_key), 0) + 2) / 1000)
    assert redis_client.exists(lock_key) == 0

    [retry] = runs_printed(spawn(redis_url, FEB_4_0005_IN_KOLKATA, "--job", "refresh-tomorrow"))
    assert (retry["target_date"], retry["trigger"], retry["outcome"]) == (
        "2026-02-05",
        "schedule",
        "succeeded",
    )
    assert retry["counts"]["published"] == 39 + 1 - 10  # and the panchang
    assert retry["counts"]["present"] == 10
    assert len(dated_entries(redis_client, "2026-02-05")) == 39 + 1
    assert {key: redis_client.get(key) for key in partial} == partial, "what the first wrote is kept"
    assert [run.run_id for run in recorded_runs(redis_client, "refresh-tomorrow")] == [retry["run_id"]]


def test_the_scheduler_command_catches_up_beats_and_stops_on_sigterm(
    redis_url: str, redis_client: redis.Redis
) -> None:
    # Runs on the real clock: schedules that surely fired today make the catch-up the same at any hour.
    env = {
        **os.environ,
        "HOROSCOPE_REDIS_URL": redis_url,
        "HOROSCOPE_REDIS_CLUSTER": str(CLUSTER).lower(),
        "HOROSCOPE_LOOKAHEAD_DAYS": "0",
        "HOROSCOPE_REFRESH_SCHEDULE": "0 0 * * *",
        "HOROSCOPE_PREFILL_SCHEDULE": "0 * * * *",
        "HOROSCOPE_PRUNE_SCHEDULE": "0 0 * * *",
    }
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "scheduler"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert scheduler.stdout is not None
    try:
        messages = []
        for line in scheduler.stdout:  # JSON log lines; APScheduler starts once the catch-up is done
            messages.append(json.loads(line)["message"])
            if messages[-1] == "Scheduler started":
                break
        heartbeat = json.loads(redis_client.get("hs:{scheduler}:heartbeat"))  # type: ignore[arg-type]
        assert heartbeat["scheduler"].endswith(f":{scheduler.pid}")
        assert 0 < redis_client.ttl("hs:{scheduler}:heartbeat") <= 90
        caught_up: list[RunRecord] = [run for name in JOB_NAMES for run in recorded_runs(redis_client, name)]
        assert [(run.job, run.trigger.value, run.outcome.value) for run in caught_up] == [
            ("refresh-tomorrow", "catch-up", "succeeded"),
            ("refresh-tomorrow", "catch-up", "succeeded"),
            ("prefill", "catch-up", "succeeded"),
            ("prune", "catch-up", "succeeded"),
        ]
        today = caught_up[0].target_date
        assert [run.target_date for run in caught_up] == [today, today + timedelta(days=1), today, today]
    finally:
        scheduler.send_signal(signal.SIGTERM)
        rest, _ = scheduler.communicate(timeout=30)
    assert scheduler.returncode == 0
    assert "signal 15: stopping the scheduler" in rest

"""Fixtures of the jobs' tests: runners and schedulers on the session's real Redis, with the test clock."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import redis

from jobs.runner import JobRunner
from jobs.runs import RunLedger, RunRecord
from jobs.scheduler import JobScheduler
from service.config import Config
from service.publishing import Publisher
from service.store import Keys, Store, connect
from tests.conftest import Clock

KOLKATA = ZoneInfo("Asia/Kolkata")
NEW_YORK = ZoneInfo("America/New_York")


def local(zone: ZoneInfo, *fields: int) -> datetime:
    """A UTC instant from local wall-clock fields: local(KOLKATA, 2026, 2, 4, 0, 5)."""
    return datetime(*fields, tzinfo=zone).astimezone(UTC)  # type: ignore[misc]


def build_runner(config: Config, clock: Callable[[], datetime], **options: object) -> JobRunner:
    """A runner on `config`'s Redis, as the scheduler and the API build it."""
    store = Store(connect(config), Keys(config.key_prefix))
    publisher = Publisher(store, config, clock)
    ledger = RunLedger(store, keep_days=config.retention_days)
    return JobRunner(ledger, publisher, clock, lock_seconds=config.job_lock_seconds, **options)  # type: ignore[arg-type]


@pytest.fixture
def make_runner(config: Config, clock: Clock) -> Iterator[Callable[..., JobRunner]]:
    """A runner with settings overridden by keyword (and `observe=` passed to the runner)."""
    built: list[JobRunner] = []

    def build(observe: Callable[..., None] | None = None, **settings: Any) -> JobRunner:
        runner = build_runner(replace(config, **settings), clock, scheduler="test:1", observe=observe)
        built.append(runner)
        return runner

    yield build
    for runner in built:
        runner.publisher.store.close()


@pytest.fixture
def runner(make_runner: Callable[..., JobRunner]) -> JobRunner:
    return make_runner()


@pytest.fixture
def make_scheduler(make_runner: Callable[..., JobRunner], clock: Clock) -> Callable[..., JobScheduler]:
    def build(**settings: object) -> JobScheduler:
        job_runner = make_runner(**settings)
        return JobScheduler(job_runner, job_runner.publisher.config, clock)

    return build


def recorded_runs(client: redis.Redis, job: str, prefix: str = "hs") -> list[RunRecord]:
    """Every run recorded for `job`, oldest first, read straight from its stream."""
    return [
        RunRecord.from_document(json.loads(fields[b"run"]))
        for _, fields in client.xrange(f"{prefix}:{{job:{job}}}:runs")
    ]


def entry_keys(client: redis.Redis, pattern: str = "*") -> set[bytes]:
    """Stored generated entries matching `pattern` (e.g. '*2026-02-05')."""
    return set(client.scan_iter(f"hs:{{{pattern}}}:entry", count=1000))


def dated_entries(client: redis.Redis, day: str) -> set[bytes]:
    """Stored horoscopes (Hindi ones too), listicles and panchangs (not the listicle plan) of one date."""
    kinds = ("horoscope", "listicle", "panchang")
    found: set[bytes] = set().union(*(entry_keys(client, f"{kind}:*:{day}") for kind in kinds))
    return found | entry_keys(client, f"horoscope:*:{day}:hi")

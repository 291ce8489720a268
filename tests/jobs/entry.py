"""A scheduler process for the multi-process tests: a fixed clock, a start barrier, a pause to be killed in.

    python -m tests.jobs.entry --redis-url URL --now ISO [--job NAME] [--wait] [--pause-after N]

Prints "ready" once connected; with --wait, starts only when a line arrives on stdin (so several
processes start together). Without --job it runs the start-up catch-up, with it one scheduled run.
With --pause-after N it prints "paused" once N entries are published and blocks, to be SIGKILLed.
Last it prints the run records as one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime

from jobs.definitions import job_named
from jobs.scheduler import JobScheduler
from jobs.tally import Counts
from service.config import Config
from tests.jobs.conftest import build_runner
from tests.redis_fixtures import CLUSTER


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--now", required=True, type=datetime.fromisoformat)
    parser.add_argument("--job")
    parser.add_argument("--wait", action="store_true")
    parser.add_argument("--pause-after", type=int)
    parser.add_argument("--lock-seconds", type=float, default=60.0)
    args = parser.parse_args()

    config = Config(redis_url=args.redis_url, redis_cluster=CLUSTER, job_lock_seconds=args.lock_seconds)
    now: datetime = args.now

    def pause_when_asked(counts: Counts) -> None:
        if counts.published == args.pause_after:
            print("paused", flush=True)
            sys.stdin.readline()  # never answered: the test kills us here, mid-run, lock held

    runner = build_runner(config, lambda: now, observe=pause_when_asked)
    scheduler = JobScheduler(runner, config, lambda: now)
    runner.publisher.store.ping()
    print("ready", flush=True)
    if args.wait:
        sys.stdin.readline()
    runs = [scheduler.run_scheduled(job_named(args.job))] if args.job else scheduler.catch_up()
    print(json.dumps([run.document() for run in runs]), flush=True)


if __name__ == "__main__":
    main()

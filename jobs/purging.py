"""The scheduler's edge work: one consumer thread per purge target, and the purge at local midnight.

Web processes only queue purges (service.edge.purges); this process sends them (service.edge.consumer).
At midnight the aliases change meaning and the title words of four dates change (Yesterday, Today,
Tomorrow): their answers already expire then (service.edge.policy), and a hard purge makes sure of it
at edges that clamp TTLs. Every scheduler replica fires it; a Redis SET NX per date queues it once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from apscheduler.schedulers.base import BaseScheduler

from jobs.runner import process_name
from service.config import Config
from service.days import DAY_ALIASES, local_today
from service.edge.backends import PurgeTarget, purge_targets
from service.edge.consumer import PurgeConsumer
from service.edge.purges import PurgeQueue
from service.schedules import WallClockCronTrigger
from service.store import Store

log = logging.getLogger(__name__)

ROLLOVER = "edge-rollover"
ROLLOVER_SCHEDULE = "0 0 * * *"
ROLLOVER_MARK_SECONDS = 2 * 86400


class EdgePurging:
    """Consumers for every configured purge target, and the midnight rollover purge."""

    def __init__(
        self,
        store: Store,
        queue: PurgeQueue,
        config: Config,
        clock: Callable[[], datetime],
        targets: list[PurgeTarget] | None = None,
    ) -> None:
        self.store = store
        self.queue = queue
        self.config = config
        self.clock = clock
        name = process_name()
        targets = purge_targets(config) if targets is None else targets
        self.consumers = [PurgeConsumer(store, target, config, consumer=name) for target in targets]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """A thread per consumer (daemon: a stuck backend call never keeps the process alive)."""
        self._stop.clear()
        for consumer in self.consumers:
            thread = threading.Thread(
                target=consumer.run, args=(self._stop,), name=f"purge {consumer.target.name}", daemon=True
            )
            thread.start()
            self._threads.append(thread)
        log.info("edge purges to %s", ", ".join(c.target.name for c in self.consumers))

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the consumers after their current step (unsent purges stay pending for the next start)."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()

    def rollover(self) -> list[str]:
        """Hard-purge the aliases, the dates whose title word changed, and the feed, once per date."""
        today = local_today(self.clock(), self.config.zone)
        mark = self.store.keys.rollover(today.isoformat())
        first = self.store.call(lambda client: client.set(mark, "1", nx=True, ex=ROLLOVER_MARK_SECONDS))
        if not first:
            return []
        tags = self.queue.tags
        days = [today + timedelta(days=offset) for offset in range(-2, 2)]
        purged = [
            *(tags.alias(word) for word in DAY_ALIASES),
            *(tags.date(day) for day in days),
            tags.feed,
        ]
        ids = self.queue.submit(self.store, purged, hard=True, reason="rollover")
        log.info("midnight rollover of %s: purging %s", today.isoformat(), " ".join(purged))
        return ids

    def add_jobs(self, scheduler: BaseScheduler) -> None:
        """The rollover at every local midnight (wall clock, across daylight-saving changes)."""
        scheduler.add_job(
            self.rollover,
            WallClockCronTrigger.from_crontab(ROLLOVER_SCHEDULE, timezone=self.config.zone),
            id=ROLLOVER,
            name="Purge the aliases and the dates whose title word changed at midnight",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=3600,
        )

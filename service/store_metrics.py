"""Store metrics for /metrics, read from Redis at scrape time: its memory, and whether data was lost.

A collector rather than prometheus-client Gauges, like jobs.metrics: under gunicorn a Gauge would
also live in each worker's multiprocess file and be exported again, per process.
"""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client.core import GaugeMetricFamily, Metric

from service.epoch import DataEpoch
from service.store import Store, StoreUnavailable


class StoreMetrics:
    """Redis's used and maximum memory, and 1 while the data epoch says data was lost."""

    def __init__(self, store: Store, epoch: DataEpoch) -> None:
        self.store = store
        self.epoch = epoch

    def collect(self) -> Iterator[Metric]:
        """The three families, or none while Redis is unavailable (the rest of /metrics still answers)."""
        try:
            memory = self.store.memory()
            intact = self.epoch.check().intact
        except StoreUnavailable:
            return
        yield GaugeMetricFamily(
            "horoscope_redis_used_memory_bytes",
            "Redis used_memory (on a cluster, the fullest primary's).",
            value=memory.used,
        )
        yield GaugeMetricFamily(
            "horoscope_redis_maxmemory_bytes",
            "Redis maxmemory (0: no limit); with noeviction, writes are refused once used reaches it.",
            value=memory.maximum,
        )
        yield GaugeMetricFamily(
            "horoscope_data_lost",
            "1 while Redis no longer holds the data the service stored (/readyz's data check says why).",
            value=0 if intact else 1,
        )

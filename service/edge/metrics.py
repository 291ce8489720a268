"""Purge metrics for /metrics, read from Redis at scrape time: the consumers run in the scheduler.

A collector, like jobs.metrics and service.store_metrics: the consumers count into a Redis hash
(service.edge.consumer), and every web process reports the same numbers from it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric

from service.edge.consumer import LAG_BUCKETS, backlog, text
from service.store import Store, StoreUnavailable

RESULTS = ("ok", "retried", "dead", "skipped")


class EdgeMetrics:
    """Purges by target and result, the lag from write to purge, and what waits or was given up."""

    def __init__(self, store: Store, targets: Sequence[str]) -> None:
        self.store = store
        self.targets = targets

    def collect(self) -> Iterator[Metric]:
        """Every family, or none while Redis is unavailable (the rest of /metrics still answers)."""
        keys = self.store.keys
        try:
            found = self.store.call(lambda client: client.hgetall(keys.purge_stats))
            stats = {text(key): float(value) for key, value in found.items()}
            waiting = backlog(self.store, self.targets)
            dead = int(self.store.call(lambda client: client.xlen(keys.dead_purges)))
        except StoreUnavailable:
            return
        purges = CounterMetricFamily(
            "horoscope_edge_purges",
            "Purge events settled or retried, by target (a Varnish node, fastly, ...) and result "
            "(ok, retried: a failed attempt, dead: moved to the dead-letter stream).",
            labels=["target", "result"],
        )
        lag = HistogramMetricFamily(
            "horoscope_edge_purge_lag_seconds",
            "Time from a write to its purge's acknowledgement by the target (first sendings).",
            labels=["target"],
        )
        pending = GaugeMetricFamily(
            "horoscope_edge_purges_waiting",
            "Purge events not yet acknowledged by a target: read and pending, or not read yet.",
            labels=["target", "state"],
        )
        for target in self.targets:
            for result in RESULTS:
                purges.add_metric([target, result], stats.get(f"purged|{target}|{result}", 0.0))
            buckets = [(str(bound), stats.get(f"lag|{target}|{bound}", 0.0)) for bound in LAG_BUCKETS]
            buckets.append(("+Inf", stats.get(f"lag|{target}|+Inf", 0.0)))
            lag.add_metric([target], buckets, stats.get(f"lagsum|{target}", 0.0))
            read, unread = waiting[target]
            pending.add_metric([target, "pending"], read)
            pending.add_metric([target, "unread"], unread)
        yield purges
        yield lag
        yield pending
        yield GaugeMetricFamily(
            "horoscope_edge_dead_letters",
            "Purge events in the dead-letter stream (horoscope-service purge --retry-dead sends them again).",
            value=dead,
        )

"""The service's Prometheus metrics, defined once; the web layer, the store and the jobs count into them.

Every label value comes from a closed set, so that no client can add series: a made-up method or
status is counted as `other`, and a path no route matches as `unmatched`.
"""

from http import HTTPStatus

from prometheus_client import Counter, Histogram

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"})
STATUSES = frozenset(str(status.value) for status in HTTPStatus)
OTHER = "other"

REQUESTS = Counter("horoscope_http_requests", "HTTP requests answered.", ["route", "method", "status"])
LATENCY = Histogram(
    "horoscope_http_request_duration_seconds",
    "Time to answer a request.",
    ["route"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
CACHE_LOOKUPS = Counter("horoscope_cache_lookups", "In-process cache lookups.", ["result"])
CACHE_HITS = CACHE_LOOKUPS.labels("hit")  # resolved once: the read path counts every lookup
CACHE_MISSES = CACHE_LOOKUPS.labels("miss")
REDIS_ERRORS = Counter("horoscope_redis_errors", "Redis calls that failed or were skipped in a cooldown.")


def method_label(method: str) -> str:
    """The request method as a label: one of the standard methods, or `other`."""
    return method if method in METHODS else OTHER


def status_label(status: str) -> str:
    """The answer's status code as a label: a code HTTP defines, or `other`."""
    return status if status in STATUSES else OTHER

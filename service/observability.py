"""What the service tells operators: a JSON log line per request, request ids, Prometheus metrics.

Metrics work across gunicorn workers through prometheus-client's multiprocess mode: `serve` points
PROMETHEUS_MULTIPROC_DIR at an emptied directory before the workers start, every worker writes its
samples there, gunicorn's child_exit hook marks dead workers, and /metrics merges them all.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest, multiprocess

from jobs.metrics import job_metrics
from jobs.runs import RunLedger
from service.components import components
from service.metrics import LATENCY, REQUESTS
from service.store import StoreUnavailable

_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
access_log = logging.getLogger("service.access")


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with whatever a log call passed in `extra={"fields": {...}}`."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure_logging(level: str) -> None:
    """JSON lines on stdout for every logger of the process."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    # Replace only our own handler (an app built twice must not log twice); leave others be.
    root.handlers[:] = [h for h in root.handlers if not isinstance(h.formatter, JsonFormatter)] + [handler]
    root.setLevel(level)


def request_id() -> str:
    """This request's id: the caller's X-Request-ID when it is sane, else a fresh one."""
    found: str | None = g.get("request_id")
    if found is None:
        given = request.headers.get("X-Request-ID", "")
        found = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        g.request_id = found
    return found


def register_observability(app: Flask) -> None:
    """Request ids, access log lines and request metrics on every request; /metrics."""

    @app.before_request
    def start_clock() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def account(response: Response) -> Response:
        elapsed = time.perf_counter() - g.get("started", time.perf_counter())
        route = request.url_rule.rule if request.url_rule is not None else "unmatched"
        rid = request_id()
        response.headers["X-Request-ID"] = rid
        REQUESTS.labels(route, request.method, str(response.status_code)).inc()
        LATENCY.labels(route).observe(elapsed)
        access_log.info(
            "request",
            extra={
                "fields": {
                    "method": request.method,
                    "path": request.path,
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": round(elapsed * 1000, 3),
                    "request_id": rid,
                }
            },
        )
        return response

    app.add_url_rule("/metrics", "metrics", metrics)


def metrics() -> Response:
    """Prometheus text format, merged across workers when running under gunicorn."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=directory)  # type: ignore[no-untyped-call]
        body = generate_latest(registry)
    else:
        body = generate_latest()
    # During a Redis outage the process's own metrics still tell operators something.
    with contextlib.suppress(StoreUnavailable):
        body += job_metrics(RunLedger(components().store, keep_days=components().config.retention_days))
    return Response(body, mimetype=CONTENT_TYPE_LATEST)

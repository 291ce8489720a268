"""What the service tells operators: a JSON log line per request, request ids, Prometheus metrics.

Metrics work across gunicorn workers through prometheus-client's multiprocess mode: gunicorn's master
points PROMETHEUS_MULTIPROC_DIR at a directory of its own before the workers start
(service/metrics_directory.py), every worker writes its samples there, and /metrics merges them all.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import re
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TextIO

from flask import Flask, Request, Response, request
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess

from jobs.metrics import JobMetrics
from jobs.runs import RunLedger
from service.auth import EDITOR
from service.client_address import ClientAddresses
from service.components import components
from service.edge.backends import target_names
from service.edge.metrics import EdgeMetrics
from service.metrics import LATENCY, REQUESTS, method_label, status_label
from service.store_metrics import StoreMetrics

_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


FLUSH_SECONDS = 0.5
REQUEST_ID = "horoscope.request_id"
FLASK_REQUEST = "horoscope.flask_request"  # where AccountedRequest leaves itself in the WSGI environ
ROUTE = "horoscope.route"  # the route of a request answered before Flask (service.api.cached_reads)


def request_id() -> str:
    """This request's id (see RequestAccounting)."""
    found: str | None = request.environ.get(REQUEST_ID)
    return found or uuid.uuid4().hex


class RequestAccounting:
    """WSGI middleware: a request id, one JSON access line and the request metrics for every request.

    A middleware rather than Flask hooks because it runs on every read, and the hot path costs about
    as much as a bare Flask response: plain environ lookups, cached metric children and one write
    per line (not the logging machinery) keep it to a few microseconds.
    """

    def __init__(
        self,
        app: WsgiApp,
        stream: TextIO,
        *,
        access_lines: bool = True,
        client_address: Callable[[dict[str, Any]], str] | None = None,
    ) -> None:
        self.app = app
        self.stream = stream
        self.access_lines = access_lines
        self.client_address = client_address or ClientAddresses()
        self._lock = threading.Lock()
        self._flushed = float("-inf")
        self._counters: dict[tuple[str, str, str], Any] = {}
        # Ids made here are unique per process start (pid and a random prefix) and cheap to count up.
        self._id_prefix = f"{os.getpid():x}-{uuid.uuid4().hex[:8]}-"
        self._sequence = itertools.count(1)
        self._second = -1
        self._second_text = ""
        self._histograms: dict[str, Any] = {}

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        given = environ.get("HTTP_X_REQUEST_ID", "")
        rid = given if given and _SAFE_ID.match(given) else f"{self._id_prefix}{next(self._sequence):x}"
        environ[REQUEST_ID] = rid
        status_line = ""

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            nonlocal status_line
            status_line = status
            headers.append(("X-Request-ID", rid))
            return start_response(status, headers, exc_info)

        body = self.app(environ, start)
        self._account(environ, status_line[:3], time.perf_counter() - started, rid)
        return body

    def _account(self, environ: dict[str, Any], status: str, elapsed: float, rid: str) -> None:
        route: str | None = environ.get(ROUTE)
        if route is None:
            # The request class below leaves Flask's Request in the environ: its url_rule names the route.
            rule = getattr(environ.get(FLASK_REQUEST), "url_rule", None)
            route = rule.rule if rule is not None else "unmatched"
        method: str = environ.get("REQUEST_METHOD", "")
        key = (route, method_label(method), status)
        counter = self._counters.get(key)
        if counter is None:
            counter = self._counters[key] = REQUESTS.labels(route, key[1], status_label(status))
        counter.inc()
        histogram = self._histograms.get(route)
        if histogram is None:
            histogram = self._histograms[route] = LATENCY.labels(route)
        histogram.observe(elapsed)
        if self.access_lines:
            # Who: the client (behind trusted proxies) on every line, the token's name on authenticated ones.
            editor: str | None = environ.get(EDITOR)
            who = f', "client": {json.dumps(self.client_address(environ))}'
            if editor is not None:
                who += f', "editor": {json.dumps(editor, ensure_ascii=False)}'
            # Built by hand, JSON-escaping only what a client controls: this runs on every request.
            text = (
                f'{{"ts": "{self._timestamp()}", "level": "info", "logger": "service.access", '
                f'"message": "request", "method": {json.dumps(method)}, '
                f'"path": {json.dumps(environ.get("PATH_INFO", ""), ensure_ascii=False)}, '
                f'"route": {json.dumps(route)}, "status": {int(status or 0)}, '
                f'"duration_ms": {round(elapsed * 1000, 3)}, "request_id": "{rid}"{who}}}\n'
            )
            with self._lock:
                self.stream.write(text)
                # A flush is a system call; lines go out at least every FLUSH_SECONDS instead of each.
                now = time.monotonic()
                if now - self._flushed > FLUSH_SECONDS:
                    self.stream.flush()
                    self._flushed = now

    def _timestamp(self) -> str:
        """Now as ISO 8601 UTC with milliseconds; the seconds part is formatted once a second."""
        now = time.time()
        second = int(now)
        if second != self._second:
            self._second = second
            self._second_text = datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%S")
        return f"{self._second_text}.{int((now - second) * 1000):03d}+00:00"


class AccountedRequest(Request):
    """Flask's request, which also leaves itself in the WSGI environ for RequestAccounting."""

    def __init__(self, environ: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(environ, *args, **kwargs)
        environ[FLASK_REQUEST] = self


def register_observability(app: Flask, log_level: str) -> None:
    """The accounting middleware around the app, and /metrics."""

    app.request_class = AccountedRequest
    access_lines = logging.getLevelName(log_level) <= logging.INFO
    app.wsgi_app = RequestAccounting(  # type: ignore[method-assign]
        app.wsgi_app,
        sys.stdout,
        access_lines=access_lines,
        client_address=app.extensions["horoscope"].clients,
    )
    app.add_url_rule("/metrics", "metrics", metrics)


def metrics() -> Response:
    """Prometheus text format: every worker's samples when running under gunicorn, and the jobs'."""
    registry = CollectorRegistry()
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:  # this server's own directory (service/metrics_directory.py), merged
        multiprocess.MultiProcessCollector(registry, path=directory)  # type: ignore[no-untyped-call]
    else:
        registry.register(REGISTRY)  # a single process: its own metrics
    parts = components()
    registry.register(JobMetrics(RunLedger(parts.store, keep_days=parts.config.retention_days)))
    registry.register(StoreMetrics(parts.store, parts.publisher.epoch))
    if parts.config.edge_backends:
        registry.register(EdgeMetrics(parts.store, target_names(parts.config)))
    # content_type, not mimetype: Flask would add a second charset to the one the constant has.
    return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)

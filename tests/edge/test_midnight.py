"""Aliases at local midnight, through a real Varnish: their TTL ends then, and the rollover purges them.

The app runs in this process (werkzeug) on the test's clock; Varnish's own clock cannot be moved, so
the first test sets the app's clock two seconds before midnight and lets the real TTL run out.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from jobs.purging import EdgePurging
from service.edge.backends import VarnishNode
from service.edge.purges import PurgeQueue
from service.redis_server import free_port
from tests.conftest import Clock
from tests.edge.conftest import until
from tests.edge.varnish import Varnish, fetch

pytestmark = pytest.mark.slow


@dataclass
class Edge:
    app: Flask
    varnish: Varnish

    def get(self, path: str) -> tuple[str, dict[str, str], dict[str, object]]:
        status, headers, body = fetch(self.varnish.url + path)
        assert status == 200, body
        return headers["X-Cache"], headers, json.loads(body)


@pytest.fixture
def edge(varnish_ready: None, make_app: Callable[..., Flask], tmp_path: Path) -> Iterator[Edge]:
    varnish_port = free_port()
    app = make_app(edge_backends=("varnish",), varnish_urls=(f"http://127.0.0.1:{varnish_port}",))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    varnish = Varnish(tmp_path / "varnish", server.server_port, port=varnish_port).start()
    yield Edge(app, varnish)
    varnish.stop()
    server.shutdown()
    server.server_close()


def test_an_alias_expires_at_the_next_local_midnight(edge: Edge, clock: Clock) -> None:
    clock.now = datetime(2026, 2, 4, 18, 29, 58, tzinfo=UTC)  # 23:59:58 in Kolkata
    cache, headers, body = edge.get("/v1/horoscopes/leo/today")
    assert (cache, body["date"], headers["Content-Location"]) == ("MISS", "2026-02-04", "2026-02-04")
    assert headers["Cache-Control"] == "public, max-age=2, stale-if-error=86400"
    clock.now = datetime(2026, 2, 4, 18, 30, 1, tzinfo=UTC)  # 00:00:01 on the 5th
    # No purge runs here: the edge lets go of the alias by its TTL alone.
    _, headers, body = until(
        lambda: (found := edge.get("/v1/horoscopes/leo/today"))[2]["date"] == "2026-02-05" and found
    )
    assert headers["Content-Location"] == "2026-02-05"


def test_the_midnight_rollover_hard_purges_the_aliases(edge: Edge, clock: Clock) -> None:
    parts = edge.app.extensions["horoscope"]
    assert edge.get("/v1/horoscopes/leo/today")[2]["date"] == "2026-02-04"  # 10:00: until midnight
    assert edge.get("/v1/listicles/tomorrow")[0] == "MISS"
    assert edge.get("/v1/horoscopes/leo/today")[0] == "HIT"
    clock.now = datetime(2026, 2, 4, 18, 30, 0, 500000, tzinfo=UTC)  # just past midnight in Kolkata
    assert edge.get("/v1/horoscopes/leo/today")[0] == "HIT"  # Varnish's clock is the real one: still fresh
    queue = parts.store.announcer
    assert isinstance(queue, PurgeQueue)
    rollover = EdgePurging(
        parts.store, queue, parts.config, clock, targets=[VarnishNode(edge.varnish.url, None, 2)]
    )
    assert rollover.rollover(), "the first scheduler to fire queues it"
    assert rollover.rollover() == [], "other replicas find it queued"
    consumer = rollover.consumers[0]
    consumer.ensure_group()
    until(lambda: consumer.step(100))
    cache, _, body = edge.get("/v1/horoscopes/leo/today")
    assert (cache, body["date"]) == ("MISS", "2026-02-05")
    assert edge.get("/v1/listicles/tomorrow")[2]["date"] == "2026-02-06"

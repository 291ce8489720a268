"""End to end through a real Varnish with xkey and the deployment's VCL, in front of a real `serve`.

Purges are sent by a real `horoscope-service scheduler` where the test is about the whole path, and
by a consumer stepped by the test where it is about what happens when a node fails.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
import redis

from service.config import Config
from service.days import local_today
from service.edge.backends import VarnishNode
from service.edge.consumer import PurgeConsumer
from service.redis_server import free_port
from tests.edge.conftest import PURGE_SECRET, Stack, until
from tests.edge.varnish import ROOT, fetch

pytestmark = pytest.mark.slow


def today(stack: Stack) -> str:
    return local_today(datetime.now(UTC), stack.config.zone).isoformat()


def read(stack: Stack, path: str) -> tuple[str, dict[str, str], dict[str, object]]:
    """(X-Cache, headers, JSON body) of a GET through Varnish."""
    status, headers, body = fetch(stack.varnish.url + path)
    assert status == 200, body
    return headers["X-Cache"], headers, json.loads(body)


def patch_headline(stack: Stack, path: str, headline: str) -> None:
    status, _, body = fetch(
        f"{stack.origin_url}{path}/override",
        {"Authorization": f"Bearer {stack.tokens['editor']}", "Content-Type": "application/json"},
        method="PATCH",
        data=json.dumps({"headline": headline}).encode(),
    )
    assert status == 200, body


@contextmanager
def scheduler(stack: Stack) -> Iterator[subprocess.Popen[bytes]]:
    """`horoscope-service scheduler` on the stack's settings: it runs the purge consumers."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOROSCOPE_")}
    env |= {f"HOROSCOPE_{k.upper()}": v for k, v in stack.settings.items()}
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "scheduler"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_second_read_is_a_hit_and_the_edge_headers_stay_inside(stack: Stack) -> None:
    day = today(stack)
    first, headers, body = read(stack, f"/v1/horoscopes/virgo/{day}")
    assert first == "MISS"
    assert headers["Cache-Control"].startswith("public, max-age=")
    assert "xkey" not in headers
    assert "Surrogate-Control" not in headers
    again, _, body_again = read(stack, f"/v1/horoscopes/virgo/{day}")
    assert again == "HIT"
    assert body_again == body
    _, alias_headers, alias_body = read(stack, "/v1/horoscopes/virgo/today")
    assert alias_headers["Content-Location"] == day
    assert alias_body["date"] == day


def test_an_editors_patch_reaches_the_edge_within_seconds_and_nothing_else_is_purged(stack: Stack) -> None:
    day = today(stack)
    read(stack, f"/v1/horoscopes/leo/{day}")
    read(stack, "/v1/horoscopes/leo/today")
    read(stack, f"/v1/horoscopes/aries/{day}")
    with scheduler(stack):
        patch_headline(stack, f"/v1/horoscopes/leo/{day}", "A Correction From The Desk")
        # Through the edge, the dated URL and its alias alike, once the consumer has purged their tag.
        until(lambda: read(stack, f"/v1/horoscopes/leo/{day}")[2]["headline"] == "A Correction From The Desk")
        until(lambda: read(stack, "/v1/horoscopes/leo/today")[2]["headline"] == "A Correction From The Desk")
    # Aries was not purged: still the cached object.
    assert read(stack, f"/v1/horoscopes/aries/{day}")[0] == "HIT"


def test_a_hindi_override_reaches_the_edge_and_leaves_the_english_entries_cached(stack: Stack) -> None:
    day = today(stack)
    read(stack, f"/v1/horoscopes/leo/{day}?lang=hi")
    read(stack, f"/v1/horoscopes/leo/{day}?system=sidereal")
    headline = "पारिवारिक सुख और धैर्य"
    with scheduler(stack):
        status, _, body = fetch(
            f"{stack.origin_url}/v1/horoscopes/leo/{day}/override?lang=hi",
            {"Authorization": f"Bearer {stack.tokens['editor']}", "Content-Type": "application/json"},
            method="PATCH",
            data=json.dumps({"headline": headline}).encode(),
        )
        assert status == 200, body
        until(lambda: read(stack, f"/v1/horoscopes/leo/{day}?lang=hi")[2]["headline"] == headline)
    english = read(stack, f"/v1/horoscopes/leo/{day}?system=sidereal")
    assert english[0] == "HIT", "the English Vedic entry was not purged"
    assert english[2]["headline"] != headline


def test_errors_and_authenticated_answers_are_not_kept(stack: Stack) -> None:
    history = "/v1/horoscopes/leo/today/history"
    editor = {"Authorization": f"Bearer {stack.tokens['editor']}"}
    for _ in range(2):
        status, headers, _ = fetch(stack.varnish.url + history, editor)
        assert status == 200
        assert headers["Cache-Control"] == "private, no-store"
        assert headers["X-Cache"] == "MISS"
        status, headers, _ = fetch(stack.varnish.url + history)
        assert status == 401
        assert headers["X-Cache"] == "MISS"
    # A 503 (Redis paused past the service's timeout, the entry not yet published) is not kept.
    path = f"/v1/horoscopes/pisces/{(datetime.now(UTC) + timedelta(days=9)).date().isoformat()}"
    client = redis.Redis.from_url(stack.redis.url)
    client.client_pause(3000)
    status, headers, _ = fetch(stack.varnish.url + path)
    assert status == 503
    assert headers["Cache-Control"] == "no-store"
    until(lambda: fetch(stack.varnish.url + path)[0] == 200)
    client.close()


class Forwarder:
    """A TCP relay standing for the network between the scheduler and a Varnish node: cut it, mend it."""

    def __init__(self, target_port: int) -> None:
        self.port = free_port()
        self.target_port = target_port
        self.server: socket.socket | None = None

    def start(self) -> None:
        self.server = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                near, _ = server.accept()
            except OSError:
                return
            far = socket.create_connection(("127.0.0.1", self.target_port))
            for a, b in ((near, far), (far, near)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            sink.close()


def stepped(stack: Stack, node: VarnishNode, consumer: str, **settings: object) -> PurgeConsumer:
    config = Config(**{**stack.config.__dict__, "edge_purge_backoff_seconds": 0.05, **settings})  # type: ignore[arg-type]
    purging = PurgeConsumer(stack.store(), node, config, consumer=consumer)
    purging.ensure_group()
    return purging


def test_a_node_that_was_unreachable_gets_its_purges_when_it_returns(stack: Stack) -> None:
    day = today(stack)
    path = f"/v1/horoscopes/libra/{day}"
    read(stack, path)
    relay = Forwarder(stack.varnish.port)
    consumer = stepped(stack, VarnishNode(f"http://127.0.0.1:{relay.port}", PURGE_SECRET, 2.0), "test")
    consumer.step()
    consumer.waiting.clear()  # earlier tests' purges: not this test's business
    patch_headline(stack, path, "Heard Once The Line Came Back")
    until(lambda: consumer.step() or consumer.failures)  # due, sent, refused: the relay is down
    assert consumer.waiting, "the purge stays pending"
    assert read(stack, path)[2]["headline"] != "Heard Once The Line Came Back"  # the edge still has the old
    relay.start()
    try:
        until(lambda: consumer.step(100) and not consumer.waiting)
        until(lambda: read(stack, path)[2]["headline"] == "Heard Once The Line Came Back")
    finally:
        relay.stop()


def test_a_permanently_failing_backend_dead_letters_its_purges(stack: Stack) -> None:
    store = stack.store()
    dead_before = store.client.xlen(store.keys.dead_purges)
    refused = stepped(stack, VarnishNode(stack.varnish.url, "wrong-secret", 2.0), "refused")
    until(lambda: refused.step() or not refused.waiting)  # earlier events: refused at once (403)
    patch_headline(stack, f"/v1/horoscopes/gemini/{today(stack)}", "Nobody Hears This One")
    until(lambda: refused.step(100) and not refused.waiting)
    dead = store.client.xrange(store.keys.dead_purges)[dead_before:]
    assert dead, "the refused purges are in the dead-letter stream"
    assert {entry[b"target"] for _, entry in dead} == {f"varnish@127.0.0.1:{stack.varnish.port}".encode()}
    assert all(b"403" in entry[b"error"] for _, entry in dead)
    store.close()


def test_with_the_origin_stopped_varnish_serves_what_it_had(stack: Stack) -> None:
    path = f"/v1/horoscopes/scorpio/{today(stack)}"
    _, _, before = read(stack, path)
    stack.stop_origin()
    try:
        cache, _, during = read(stack, path)
        assert cache == "HIT"
        assert during == before
    finally:
        stack.start_origin()
        stack.varnish.stop()
        stack.varnish.origin_port = stack.origin_port
        stack.varnish.start()

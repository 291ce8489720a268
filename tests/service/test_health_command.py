"""`horoscope-service health`: the container HEALTHCHECK of each role, and what it reads."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from jobs.runs import RunLedger
from service import metrics_directory
from service.cli import main
from service.config import Config
from service.redis_server import RedisServer, free_port
from service.store import Keys, Store, connect
from tests.conftest import Clock

HOST = socket.gethostname()


@pytest.fixture
def web_answering() -> Iterator[Callable[[int], int]]:
    """A server on a free port whose /healthz answers the status given; returns the port."""
    servers: list[ThreadingHTTPServer] = []

    def serve(status: int) -> int:
        class Health(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(status if self.path == "/healthz" else 404)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Health)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.server_address[1]

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def health(role: str, **env: str) -> Any:
    return CliRunner().invoke(main, ["health", "--role", role], env=env)


def test_the_web_check_passes_only_when_healthz_answers_200(web_answering: Callable[[int], int]) -> None:
    passed = health("web", PORT=str(web_answering(200)))
    assert passed.exit_code == 0
    assert "answered 200" in passed.output
    failing = health("web", PORT=str(web_answering(503)))
    assert failing.exit_code == 1
    assert "answered 503" in failing.output
    nobody = health("web", PORT=str(free_port()))
    assert nobody.exit_code == 1
    assert "did not answer" in nobody.output


def test_the_scheduler_check_reads_its_own_hosts_heartbeat(private_redis: RedisServer, clock: Clock) -> None:
    config = Config(redis_url=private_redis.url)
    ledger = RunLedger(Store(connect(config), Keys("hs")), keep_days=400)
    env = {"HOROSCOPE_REDIS_URL": private_redis.url}
    assert health("scheduler", **env).exit_code == 1
    ledger.beat("another-host:7", clock(), ttl_seconds=90)
    refused = health("scheduler", **env)
    assert refused.exit_code == 1, "another host's scheduler says nothing about this one"
    assert f"no unexpired heartbeat from a scheduler on {HOST}" in refused.output
    ledger.beat(f"{HOST}:4242", clock(), ttl_seconds=90)
    passed = health("scheduler", **env)
    assert passed.exit_code == 0
    assert f"{HOST}:4242 beat" in passed.output
    assert ledger.heartbeat(HOST) == {"scheduler": f"{HOST}:4242", "at": "2026-02-04T04:30:00Z"}
    assert ledger.heartbeat() == ledger.heartbeat(HOST), "the latest heartbeat is still the shared one"


def test_each_hosts_heartbeat_expires(
    redis_client: Any, make_app: Callable[..., Flask], clock: Clock
) -> None:
    store = make_app().extensions["horoscope"].store
    RunLedger(store, keep_days=400).beat("web-7:4242", clock(), ttl_seconds=90)
    assert 0 < redis_client.ttl("hs:{scheduler}:heartbeat:web-7") <= 90


def test_the_scheduler_check_fails_cleanly_without_redis() -> None:
    down = health("scheduler", HOROSCOPE_REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    assert down.exit_code == 1
    assert down.output.startswith("Error: scheduler: cannot read its heartbeat")


def test_metrics_say_when_a_scheduler_last_beat(client: FlaskClient, app: Flask, clock: Clock) -> None:
    text = client.get("/metrics").get_data(as_text=True)
    assert "horoscope_scheduler_heartbeat_timestamp_seconds 0.0" in text
    RunLedger(app.extensions["horoscope"].store, keep_days=400).beat("web-7:1", clock(), ttl_seconds=90)
    text = client.get("/metrics").get_data(as_text=True)
    assert f"horoscope_scheduler_heartbeat_timestamp_seconds {clock().timestamp():.7e}" in text


def test_metrics_files_go_under_the_metrics_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(metrics_directory.VARIABLE, "")  # empty is unset; the test's end restores it
    monkeypatch.setenv("HOROSCOPE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HOROSCOPE_METRICS_DIR", str(tmp_path / "metrics"))
    metrics_directory.open_for_server()
    try:
        server_directory = Path(os.environ[metrics_directory.VARIABLE])
        assert server_directory.parent == tmp_path / "metrics"
        assert server_directory.is_dir()
        assert not (tmp_path / "data").exists(), "nothing is written to the data directory"
    finally:
        metrics_directory.close_for_server()
    assert not server_directory.exists()


def test_the_metrics_dir_defaults_to_the_data_dirs(tmp_path: Path) -> None:
    assert Config.from_env({"HOROSCOPE_DATA_DIR": str(tmp_path)}).metrics_dir == tmp_path / "metrics"
    assert Config.from_env({"HOROSCOPE_METRICS_DIR": "m"}).metrics_dir == Path("m").absolute()

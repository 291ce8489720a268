"""Fixtures of the edge tests: a real Varnish with xkey in front of a real `serve`, and a fake vendor API."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from service.config import Config
from service.redis_server import RedisServer, free_port
from service.store import Keys, Store, connect
from service.tokens import Tokens
from tests.edge.varnish import Varnish, ensure_varnish
from tests.service.test_serve import start_serve, stop

PURGE_SECRET = "s3cret"


def until(check: Callable[[], Any], timeout: float = 15.0, every: float = 0.05) -> Any:
    """Poll `check` until it answers something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        assert time.monotonic() < deadline, f"not within {timeout} s"
        time.sleep(every)


@pytest.fixture(scope="session")
def varnish_ready() -> None:
    """Varnish and the xkey vmod, installed by .ci/run (or here); skipped only where they cannot be."""
    reason = ensure_varnish()
    if reason is not None:
        pytest.skip(f"Varnish with the xkey vmod is needed: {reason}")


@dataclass
class Stack:
    """Varnish (the deployment's VCL) in front of `horoscope-service serve`, on a Redis of their own."""

    directory: Path
    redis: RedisServer
    varnish: Varnish
    settings: dict[str, str]
    origin_port: int = 0
    origin: subprocess.Popen[bytes] | None = None
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def config(self) -> Config:
        return Config.from_env({f"HOROSCOPE_{k.upper()}": v for k, v in self.settings.items()})

    def store(self) -> Store:
        config = self.config
        return Store(connect(config), Keys(config.key_prefix))

    def start_origin(self) -> None:
        self.origin, self.origin_port = start_serve(self.directory, workers=1, **self.settings)

    def stop_origin(self) -> None:
        if self.origin is not None:
            stop(self.origin)
            self.origin = None

    @property
    def origin_url(self) -> str:
        return f"http://127.0.0.1:{self.origin_port}"


@pytest.fixture(scope="module")
def stack(varnish_ready: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    directory = tmp_path_factory.mktemp("edge")
    redis_server = RedisServer(directory / "redis").start()
    varnish_port = free_port()
    settings = {
        "redis_url": redis_server.url,
        "edge_backends": "varnish",
        "varnish_urls": f"http://127.0.0.1:{varnish_port}",
        "varnish_purge_token": PURGE_SECRET,
        "log_level": "WARNING",
    }
    built = Stack(directory, redis_server, Varnish(directory / "varnish", 0, port=varnish_port), settings)
    try:
        built.start_origin()
        built.varnish.origin_port = built.origin_port
        built.varnish.secret = PURGE_SECRET
        built.varnish.start()
        store = built.store()
        issued = Tokens(store)
        now = datetime.now(UTC)
        built.tokens = {
            "editor": issued.create("asha", "editor", now),
            "admin": issued.create("ravi", "admin", now),
        }
        store.close()
        yield built
    finally:
        built.varnish.stop()
        built.stop_origin()
        redis_server.kill()


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class FakeApi:
    """A local HTTP server standing in for a vendor's API: records requests, answers as told."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.answers: list[tuple[int, dict[str, str], bytes]] = []  # next answers, in order
        self.default: tuple[int, dict[str, str], bytes] = (
            200,
            {},
            b'{"success": true, "result": {"id": "p1"}}',
        )
        api = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                api.requests.append(Recorded(self.command, self.path, dict(self.headers.items()), body))
                status, headers, answer = api.answers.pop(0) if api.answers else api.default
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            do_GET = do_POST = do_PURGE = _any

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"


@pytest.fixture
def fake_api() -> Iterator[FakeApi]:
    api = FakeApi()
    api.thread.start()
    yield api
    api.server.shutdown()
    api.server.server_close()

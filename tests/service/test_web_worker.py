"""The web worker in a real `serve`: slow clients (issue 19 H1) and gunicorn's own errors (L10)."""

from __future__ import annotations

import json
import re
import socket
import time
from collections import Counter
from collections.abc import Iterator

import pytest

from service.config import Config
from service.days import utc_now
from service.redis_server import RedisServer
from service.store import Keys, Store, connect
from service.tokens import Tokens
from tests.service.test_serve import get, start_serve, stop
from tests.slow_clients import SLOW_HEADERS, SlowClients, slow_body

pytestmark = pytest.mark.slow

SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class Served:
    """A running `horoscope-service serve` (2 workers, as deployed) and an editor's token for it."""

    def __init__(self, port: int, token: str) -> None:
        self.port = port
        self.token = token

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    directory = tmp_path_factory.mktemp("web-worker")
    redis_server = RedisServer(directory / "redis").start()
    store = Store(connect(Config(redis_url=redis_server.url)), Keys("hs"))
    token = Tokens(store).create("asha", "editor", utc_now())
    store.close()
    server, port = start_serve(directory, workers=2, redis_url=redis_server.url)
    try:
        yield Served(port, token)
    finally:
        stop(server)
        redis_server.stop()


def exchange(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, read the answer until the server closes: status, headers (lower-case), body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, body


def test_readers_are_served_while_fifty_slow_clients_hold_connections(served: Served) -> None:
    port = served.port
    # 50 clients that never finish their headers, and 10 that never finish a 1000-byte body: 5 with
    # no token (answered 401 without reading it), 5 with an editor's token (whose body is read).
    headers = SlowClients(port, 50, SLOW_HEADERS)
    anonymous = SlowClients(port, 5, slow_body())
    editors = SlowClients(port, 5, slow_body(served.token))
    attack = [headers, anonymous, editors]
    for clients in attack:
        clients.start()
    reads: Counter[int] = Counter()
    give_up = time.monotonic() + 60  # the deadlines are 5 s: a bound for a broken server, not a speed target
    try:
        # Read until every slow header connection has been cut off at least once (the server always
        # had 50 open meanwhile) and the editors' slow bodies got their answers.
        while sum(headers.answers.values()) < 50 or sum(editors.answers.values()) < 5:
            for path in ("/v1/horoscopes/leo/today", "/healthz"):
                status, _ = get(served.url(path))  # a 5 s timeout: a reader left waiting fails the test
                reads[status] += 1
            assert time.monotonic() < give_up, (
                f"slow clients were not cut off: {headers.answers}, {editors.answers}"
            )
    finally:
        for clients in attack:
            clients.close()
    assert set(reads) == {200}, reads
    assert set(headers.answers) == {0}, "a client that never finishes its headers is dropped unanswered"
    assert set(anonymous.answers) <= {401}, anonymous.answers
    assert set(editors.answers) == {408}, "a body that does not arrive in time gets 408"


def test_a_late_body_gets_a_408_problem_and_the_connection_closes(served: Served) -> None:
    request = (
        b"PATCH /v1/horoscopes/leo/today/override HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + f"Authorization: Bearer {served.token}\r\nContent-Length: 40\r\n\r\n".encode()
        + b'{"mood": "Sl'  # 12 of the 40 bytes, then nothing: the server must not wait for ever
    )
    status, headers, body = exchange(served.port, request)  # returns once the server closes
    assert status == 408
    assert headers["content-type"] == "application/problem+json"
    assert headers["connection"] == "close"
    assert SANE_ID.match(headers["x-request-id"])
    assert json.loads(body)["status"] == 408
    status, page = get(served.url("/v1/horoscopes/leo/today"))
    assert json.loads(page)["mood"] != "Sl", "nothing was written"


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /v1/signs?q=" + b"a" * 4400 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        (b"GET /v1/signs HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n", 431),
        (b"GET /v1/signs HTTP/1.1\r\nHost: x\r\n" + b"X-a: b\r\n" * 101 + b"\r\n", 431),
        (
            b"POST /v1/listicles HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            400,
        ),
        (b"GET /v1/signs HTTP/1.1\r\nHost: x\r\nX-Request-ID: a\rb\r\n\r\n", 400),
        (b"GET /v1/signs HTTP/1.1\r\nHost: x\r\nX-a: b\r\n  folded\r\n\r\n", 400),
        (b"GET /v1/signs HTTP/9.9\r\nHost: x\r\n\r\n", 400),
    ],
    ids=[
        "long-request-line",
        "long-header",
        "101-headers",
        "length-and-chunked",
        "bare-cr",
        "obs-fold",
        "version",
    ],
)
def test_requests_gunicorn_cannot_parse_get_problems(
    served: Served, request_bytes: bytes, status: int
) -> None:
    answered, headers, body = exchange(served.port, request_bytes)
    assert answered == status
    assert headers["content-type"] == "application/problem+json"
    assert SANE_ID.match(headers["x-request-id"])
    assert headers["connection"] == "close"
    assert int(headers["content-length"]) == len(body)
    document = json.loads(body)
    assert document["status"] == status
    assert document["title"]
    assert document["detail"]


def test_the_long_request_line_answer_is_documented(served: Served) -> None:
    status, body = get(served.url("/openapi.json"))
    assert status == 200
    for path, operations in json.loads(body)["paths"].items():
        for method, operation in operations.items():
            if method in ("get", "put", "patch", "post", "delete"):
                assert "414" in operation["responses"], f"{method.upper()} {path}"
                assert "431" in operation["responses"], f"{method.upper()} {path}"

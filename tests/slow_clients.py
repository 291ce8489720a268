"""Slow clients, as a slowloris sends them: for tests/service/test_web_worker.py and bench/slow_clients.py."""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from collections import Counter

# The attacks of the adversarial report (issue 19 H1): headers that never end, one line a second...
SLOW_HEADERS = (b"GET /healthz HTTP/1.1\r\nHost: x\r\n", b"X-a: b\r\n")


def slow_body(token: str | None = None) -> tuple[bytes, bytes]:
    """...and an edit whose 1000-byte body comes a byte a second: (what is sent first, each drip)."""
    head = (
        b"PATCH /v1/horoscopes/leo/today/override HTTP/1.1\r\nHost: x\r\n"
        b"Content-Type: application/json\r\nContent-Length: 1000\r\n"
    )
    if token:
        head += f"Authorization: Bearer {token}\r\n".encode()
    return head + b"\r\n{", b" "


class SlowClients(threading.Thread):
    """`count` connections that send `head`, then `drip` once a second, like a slowloris.

    Whenever the server answers or drops one of them, a new one takes its place, so the server
    always has `count` slow connections open; `answers` counts how each one ended (a status code,
    or 0 for closed without an answer).
    """

    def __init__(self, port: int, count: int, attack: tuple[bytes, bytes]) -> None:
        super().__init__(daemon=True)
        self.port = port
        self.head, self.drip = attack
        self.answers: Counter[int] = Counter()
        self.stopping = threading.Event()
        self.connections = [self._open() for _ in range(count)]  # open before any reader starts

    def _open(self) -> socket.socket:
        connection = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        connection.sendall(self.head)
        return connection

    def run(self) -> None:
        while not self.stopping.wait(1.0):  # the drip's pace
            ended, _, _ = select.select(self.connections, [], [], 0)
            for connection in ended:
                try:
                    answer = connection.recv(65536)
                except OSError:
                    answer = b""  # reset
                self.answers[int(answer.split()[1]) if answer else 0] += 1
                connection.close()
                self.connections[self.connections.index(connection)] = self._open()
            for connection in self.connections:
                with contextlib.suppress(OSError):  # dropped: select sees it on the next round
                    connection.sendall(self.drip)

    def close(self) -> None:
        self.stopping.set()
        self.join()
        for connection in self.connections:
            connection.close()

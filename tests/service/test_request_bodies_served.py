"""Chunked bodies through the real gunicorn: bounded like any other, never cut short and accepted."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.redis_fixtures import CLUSTER
from tests.service.test_editing_api import OVERRIDE
from tests.service.test_serve import start_serve, stop

LIMIT = 64 * 1024

pytestmark = pytest.mark.slow


@pytest.fixture
def port(tmp_path: Path, redis_url: str) -> Iterator[int]:
    """A served API (gunicorn, one worker) on the shared Redis, where the `tokens` fixture's tokens live."""
    server, port = start_serve(tmp_path, workers=1, redis_url=redis_url, redis_cluster=str(CLUSTER).lower())
    yield port
    stop(server)


def send_chunked(port: int, token: str, body: bytes) -> tuple[int, dict[str, Any]]:
    """PATCH the override with `body` in 8 KiB chunks and no Content-Length."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        chunks = (body[at : at + 8192] for at in range(0, len(body), 8192))
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        connection.request("PATCH", OVERRIDE, body=chunks, headers=headers, encode_chunked=True)
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def padded(document: dict[str, Any], size: int) -> bytes:
    """`document` as JSON, padded with spaces (valid JSON whitespace) to exactly `size` bytes."""
    text = json.dumps(document).encode()
    return text + b" " * (size - len(text))


def test_chunked_bodies_over_64_kib_are_413_never_cut_and_accepted(port: int, tokens: dict[str, str]) -> None:
    # The first 64 KiB parse as JSON on their own; the rest is not JSON at all.
    cut_here = padded({"mood": "ChunkedOver64k"}, LIMIT) + b"THIS IS NOT JSON" + b" " * 100_000
    status, found = send_chunked(port, tokens["editor"], cut_here)
    assert status == 413, found
    assert "64 KiB" in found["detail"]

    status, found = send_chunked(port, tokens["editor"], json.dumps({"teaser": "x" * 80_000}).encode())
    assert status == 413
    assert "64 KiB" in found["detail"]

    status, entry = send_chunked(port, tokens["editor"], padded({"mood": "ExactlyAtTheLimit"}, LIMIT))
    assert status == 200
    assert entry["mood"] == "ExactlyAtTheLimit"
    assert entry["overridden"] == ["mood"]  # and neither refused body left a trace

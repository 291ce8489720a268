"""Request ids, JSON access lines and metrics."""

from __future__ import annotations

import json
import logging

import pytest
from flask.testing import FlaskClient

from service.observability import JsonFormatter


def test_request_ids_are_echoed_or_made(client: FlaskClient) -> None:
    assert (
        client.get("/healthz", headers={"X-Request-ID": "portal-123"}).headers["X-Request-ID"] == "portal-123"
    )
    made = client.get("/healthz").headers["X-Request-ID"]
    assert len(made) == 32
    assert client.get("/healthz").headers["X-Request-ID"] != made
    unsafe = client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert unsafe.headers["X-Request-ID"] != "bad id\twith spaces"


def test_one_json_line_per_request(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="service.access"):
        client.get("/v1/horoscopes/leo/2026-02-05", headers={"X-Request-ID": "r-1"})
    lines = [record for record in caplog.records if record.name == "service.access"]
    assert len(lines) == 1
    line = json.loads(JsonFormatter().format(lines[0]))
    assert line["method"] == "GET"
    assert line["path"] == "/v1/horoscopes/leo/2026-02-05"
    assert line["route"] == "/v1/horoscopes/<sign>/<day>"
    assert line["status"] == 200
    assert line["request_id"] == "r-1"
    assert line["duration_ms"] > 0


def test_metrics_count_requests_by_route_and_status(client: FlaskClient) -> None:
    def count() -> float:
        text = client.get("/metrics").get_data(as_text=True)
        prefix = 'horoscope_http_requests_total{method="GET",route="/v1/signs/<sign>",status="404"} '
        found = [line for line in text.splitlines() if line.startswith(prefix)]
        return float(found[0].removeprefix(prefix)) if found else 0.0

    before = count()
    client.get("/v1/signs/ophiuchus")
    client.get("/v1/signs/ophiuchus")
    assert count() == before + 2
    assert client.get("/metrics").mimetype == "text/plain"

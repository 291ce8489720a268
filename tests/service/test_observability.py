"""Request ids, JSON access lines and metrics."""

from __future__ import annotations

import io
import json

from flask import Flask
from flask.testing import FlaskClient


def test_request_ids_are_echoed_or_made(client: FlaskClient) -> None:
    assert (
        client.get("/healthz", headers={"X-Request-ID": "portal-123"}).headers["X-Request-ID"] == "portal-123"
    )
    made = client.get("/healthz").headers["X-Request-ID"]
    assert made
    assert client.get("/healthz").headers["X-Request-ID"] != made
    unsafe = client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert unsafe.headers["X-Request-ID"] != "bad id\twith spaces"


def test_one_json_line_per_request(app: Flask) -> None:
    lines = io.StringIO()
    app.wsgi_app.stream = lines  # type: ignore[attr-defined]
    client = app.test_client()
    client.get("/v1/horoscopes/leo/2026-02-05", headers={"X-Request-ID": "r-1"})
    client.get("/nowhere")
    first, second = (json.loads(line) for line in lines.getvalue().splitlines())
    assert first["method"] == "GET"
    assert first["path"] == "/v1/horoscopes/leo/2026-02-05"
    assert first["route"] == "/v1/horoscopes/<sign>/<day>"
    assert first["status"] == 200
    assert first["request_id"] == "r-1"
    assert first["duration_ms"] > 0
    assert first["level"] == "info"
    assert (second["route"], second["status"]) == ("unmatched", 404)


def test_no_access_lines_above_info(make_app) -> None:
    app = make_app(log_level="WARNING")
    lines = io.StringIO()
    app.wsgi_app.stream = lines
    app.test_client().get("/healthz")
    assert lines.getvalue() == ""


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


def test_cache_hits_and_misses_are_counted(client: FlaskClient) -> None:
    def lookups(result: str) -> float:
        text = client.get("/metrics").get_data(as_text=True)
        prefix = f'horoscope_cache_lookups_total{{result="{result}"}} '
        return float(next(line for line in text.splitlines() if line.startswith(prefix)).removeprefix(prefix))

    hits, misses = lookups("hit"), lookups("miss")
    client.get("/v1/signs/leo")  # not cached content: no lookup
    client.get("/v1/horoscopes/leo/2026-02-05")
    client.get("/v1/horoscopes/leo/2026-02-05")
    assert lookups("miss") == misses + 1
    assert lookups("hit") == hits + 1

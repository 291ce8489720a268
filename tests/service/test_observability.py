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


def series(client: FlaskClient, name: str) -> set[str]:
    """The label sets `name` is exported with."""
    text = client.get("/metrics").get_data(as_text=True)
    return {line.split(" ")[0] for line in text.splitlines() if line.startswith(name + "{")}


def test_made_up_methods_add_no_series(client: FlaskClient) -> None:
    before = series(client, "horoscope_http_requests_total")
    for number in range(40):
        client.open("/v1/signs/leo", method=f"ZZ{number:02d}")
        client.open(f"/made-up/{number}", method=f"QQ{number:02d}")
    added = series(client, "horoscope_http_requests_total") - before
    # The method label comes from a closed set: anything else counts as `other`.
    assert added <= {
        'horoscope_http_requests_total{method="other",route="unmatched",status="405"}',
        'horoscope_http_requests_total{method="other",route="unmatched",status="404"}',
    }


def test_metrics_content_type_names_each_parameter_once(client: FlaskClient) -> None:
    content_type = client.get("/metrics").headers["Content-Type"]
    parameters = [part.split("=")[0].strip() for part in content_type.split(";")[1:]]
    assert content_type.startswith("text/plain;")
    assert sorted(parameters) == ["charset", "version"]

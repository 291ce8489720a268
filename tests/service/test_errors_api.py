"""Every error path answers application/problem+json with a message a person can act on."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient


def assert_problem(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == status
    assert problem["title"]
    assert problem["detail"]
    assert problem["type"]
    return problem


def test_unknown_sign(client: FlaskClient) -> None:
    problem = assert_problem(client.get("/v1/horoscopes/ophiuchus/today"), 404)
    assert "ophiuchus" in problem["detail"]
    assert "sagittarius" in problem["detail"]
    assert problem["type"] == "/problems/unknown-sign"
    assert_problem(client.get("/v1/signs/ophiuchus"), 404)


@pytest.mark.parametrize("day", ["2026-13-01", "2026-02-30", "someday", "05-02-2026"])
def test_malformed_day(client: FlaskClient, day: str) -> None:
    problem = assert_problem(client.get(f"/v1/horoscopes/leo/{day}"), 404)
    assert "YYYY-MM-DD" in problem["detail"]
    assert_problem(client.get(f"/v1/horoscopes/{day}"), 404)


@pytest.mark.parametrize(("query", "field"), [("period=yearly", "period"), ("system=jyotish", "system")])
def test_bad_period_or_system(client: FlaskClient, query: str, field: str) -> None:
    problem = assert_problem(client.get(f"/v1/horoscopes/leo/today?{query}"), 422)
    assert field in problem["errors"]["query"]
    assert field in problem["detail"]


def test_dates_beyond_the_ephemeris(make_app) -> None:
    client = make_app(past_days=100_000, future_days=100_000).test_client()
    problem = assert_problem(client.get("/v1/horoscopes/leo/1850-01-01"), 404)
    assert "1899" in problem["detail"] or "1900" in problem["detail"]


def test_unknown_route_and_wrong_method(client: FlaskClient) -> None:
    assert_problem(client.get("/v2/horoscopes/leo/today"), 404)
    problem = assert_problem(client.post("/v1/horoscopes/leo/today"), 405)
    assert problem["title"] == "Method Not Allowed"


def test_unexpected_errors_leak_nothing(make_app, caplog: pytest.LogCaptureFixture) -> None:
    app: Flask = make_app()

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret connection string redis://admin:hunter2@db")

    app.testing = False  # let the error handler answer, as in production
    response = app.test_client().get("/boom", headers={"X-Request-ID": "req-42"})
    problem = assert_problem(response, 500)
    assert "hunter2" not in response.get_data(as_text=True)
    assert problem["request_id"] == "req-42"
    assert any("req-42" in record.getMessage() for record in caplog.records)

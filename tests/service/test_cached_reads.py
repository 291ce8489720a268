"""Reads answered in front of Flask: the same status, headers and bytes as the views, or the views."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder

from service.observability import FLASK_REQUEST, ROUTE
from tests.conftest import Clock

SIGN_PATHS = [
    "/v1/horoscopes/leo/today",
    "/v1/horoscopes/LEO/Tomorrow",
    "/v1/horoscopes/simha/yesterday",  # a sidereal name
    "/v1/horoscopes/%20leo/today",
    "/v1/horoscopes/aries/2026-02-05",
    "/v1/horoscopes/aries/2026-02-04",
]
DAY_PATHS = ["/v1/horoscopes/today", "/v1/horoscopes/2026-02-05", "/v1/horoscopes/YESTERDAY"]
QUERIES = ["", "period=weekly", "period=monthly&system=sidereal", "system=sidereal"]
PANCHANG_PATHS = ["/v1/panchang/today", "/v1/panchang/2026-02-05", "/v1/panchang/YESTERDAY"]
PANCHANG_QUERIES = ["", "city=new-delhi", "city=mumbai"]
# Everything here goes to the views: errors, queries left to the schema, other routes and methods.
NOT_CACHED = [
    ("GET", "/v1/horoscopes/leo/2024-01-01", ""),  # outside the window
    ("GET", "/v1/horoscopes/leo/someday", ""),
    ("GET", "/v1/horoscopes/leo/2026-2-05", ""),
    ("GET", "/v1/horoscopes/ophiuchus/today", ""),
    ("GET", "/v1/horoscopes/leo/today", "period=yearly"),
    ("GET", "/v1/horoscopes/leo/today", "utm_source=portal"),
    ("GET", "/v1/horoscopes/leo//today", ""),
    ("GET", "/v1/horoscopes/leo/today/", ""),
    ("GET", "/v1/horoscopes/leo/today/history", ""),
    ("GET", "/v1/listicles/nothing-like-it-2026-02-04", ""),
    ("GET", "/v1/listicles/today", "format=xml"),
    ("GET", "/v1/signs/leo", ""),
    ("GET", "/v1/panchang/today", "city=Mumbai"),  # the view folds the case
    ("GET", "/v1/panchang/today", "city=atlantis"),
    ("GET", "/v1/panchang/today", "city=mumbai&city=pune"),
    ("GET", "/v1/panchang/today", "utm_source=portal"),
    ("GET", "/v1/panchang/2024-01-01", ""),
    ("GET", "/v1/cities", ""),
    ("HEAD", "/v1/horoscopes/leo/today", ""),
    ("POST", "/v1/horoscopes/leo/today", ""),
]


def wsgi(app: Flask, method: str, path: str, query: str, headers: dict[str, str], *, front: bool) -> Any:
    """(status, headers without the request id, body, environ) of one request, with or without the front."""
    environ = EnvironBuilder(path=path, method=method, query_string=query, headers=headers).get_environ()
    answered: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        answered.extend([status, [h for h in headers if h[0] != "X-Request-ID"]])

    # app.wsgi_app is the whole stack; Flask.wsgi_app is Flask alone, as before the front existed.
    stack = app.wsgi_app if front else lambda env, start: Flask.wsgi_app(app, env, start)
    body = b"".join(stack(environ, start_response))
    return answered[0], answered[1], body, environ


def assert_same_answer(app: Flask, method: str, path: str, query: str = "", **headers: str) -> dict[str, Any]:
    """Ask the views (which fills the cache), then the whole stack; both answers must be identical."""
    status, flask_headers, body, flask_environ = wsgi(app, method, path, query, headers, front=False)
    front = wsgi(app, method, path, query, headers, front=True)
    assert front[:3] == (status, flask_headers, body)
    return {"status": status, "headers": dict(flask_headers), "environ": front[3], "flask": flask_environ}


@pytest.mark.parametrize(("path", "query"), list(itertools.product(SIGN_PATHS + DAY_PATHS, QUERIES)))
def test_a_cached_horoscope_is_answered_in_front_exactly_as_the_view_answers(
    app: Flask, path: str, query: str
) -> None:
    first = assert_same_answer(app, "GET", path, query)
    assert first["status"] == "200 OK"
    # Answered in front of Flask, under the route label the view has in the metrics.
    assert first["environ"][ROUTE] == first["flask"][FLASK_REQUEST].url_rule.rule
    assert FLASK_REQUEST not in first["environ"]
    etag = first["headers"]["ETag"]
    for if_none_match in (etag, f"W/{etag}", f'"other", {etag}', "*", '"stale"'):
        again = assert_same_answer(app, "GET", path, query, **{"If-None-Match": if_none_match})
        assert again["status"] == ("200 OK" if if_none_match == '"stale"' else "304 NOT MODIFIED")
        assert FLASK_REQUEST not in again["environ"]


@pytest.mark.parametrize(
    ("query", "accept", "served"),
    [
        ("", "", "application/json"),
        ("", "*/*", "application/json"),
        ("", "application/ld+json", "application/ld+json"),
        ("", "application/ld+json;q=0.5, application/json", "application/json"),
        ("format=jsonld", "", "application/ld+json"),
        ("format=json", "application/ld+json", "application/json"),
    ],
)
def test_a_cached_listicle_is_answered_in_front_exactly_as_the_view_answers(
    app: Flask, client: FlaskClient, query: str, accept: str, served: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    for day in ("today", "2026-02-05"):
        listing = assert_same_answer(app, "GET", f"/v1/listicles/{day}", query, **headers)
        assert listing["environ"][ROUTE] == "/v1/listicles/<slug>"
    slug = client.get("/v1/listicles/today").get_json()["items"][0]["slug"]
    answer = assert_same_answer(app, "GET", f"/v1/listicles/{slug}", query, **headers)
    assert answer["environ"][ROUTE] == "/v1/listicles/<slug>"
    assert answer["headers"]["Content-Type"] == served
    assert answer["headers"]["Vary"] == "Accept"


@pytest.mark.parametrize(("path", "query"), list(itertools.product(PANCHANG_PATHS, PANCHANG_QUERIES)))
def test_a_cached_panchang_is_answered_in_front_exactly_as_the_view_answers(
    app: Flask, path: str, query: str
) -> None:
    first = assert_same_answer(app, "GET", path, query)
    assert first["status"] == "200 OK"
    assert first["environ"][ROUTE] == "/v1/panchang/<day>"
    assert FLASK_REQUEST not in first["environ"]
    etag = first["headers"]["ETag"]
    again = assert_same_answer(app, "GET", path, query, **{"If-None-Match": etag})
    assert again["status"] == "304 NOT MODIFIED"
    assert FLASK_REQUEST not in again["environ"]


@pytest.mark.parametrize(("method", "path", "query"), NOT_CACHED)
def test_anything_else_goes_to_the_views(app: Flask, method: str, path: str, query: str) -> None:
    assert_same_answer(app, "GET", "/v1/listicles/today")  # something is cached
    assert_same_answer(app, "GET", "/v1/panchang/today", "city=mumbai")
    answer = assert_same_answer(app, method, path, query)
    assert ROUTE not in answer["environ"]
    assert FLASK_REQUEST in answer["environ"]


def test_an_edit_is_served_at_once_by_the_replica_that_took_it(
    app: Flask, client: FlaskClient, editor: dict[str, str]
) -> None:
    assert_same_answer(app, "GET", "/v1/horoscopes/leo/today")
    response = client.patch("/v1/horoscopes/leo/today/override", json={"headline": "Edited"}, headers=editor)
    assert response.status_code == 200
    answer = client.get("/v1/horoscopes/leo/today")
    assert answer.get_json()["headline"] == "Edited"
    assert answer.headers["ETag"] == response.headers["ETag"]


def test_after_local_midnight_today_is_the_next_date_and_the_title_word_follows(
    app: Flask, client: FlaskClient, clock: Clock
) -> None:
    clock.now = clock.now.replace(hour=18, minute=29)  # 23:59 in New Delhi on Feb 4
    tomorrow = client.get("/v1/horoscopes/leo/tomorrow").get_json()
    assert client.get("/v1/horoscopes/leo/tomorrow").get_json() == tomorrow  # cached now
    clock.advance(minutes=2)
    today = assert_same_answer(app, "GET", "/v1/horoscopes/leo/today")
    entry = client.get("/v1/horoscopes/leo/today").get_json()
    assert today["status"] == "200 OK"
    assert entry["date"] == tomorrow["date"] == "2026-02-05"
    assert tomorrow["title"].startswith("Leo Horoscope Tomorrow, February 05, 2026: ")
    assert entry["title"].startswith("Leo Horoscope Today, February 05, 2026: ")

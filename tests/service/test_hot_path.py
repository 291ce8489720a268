"""The lean read path: hand-parsed queries, pre-formatted validators, listicles served from memory."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from marshmallow import Schema, fields, validate
from webargs.flaskparser import FlaskParser
from werkzeug.http import http_date

from schemas.horoscopes import ReadArgsSchema
from schemas.listicles import ListicleReadArgsSchema
from service import create_app
from service.api.http import choice_parser
from service.config import Config
from service.publishing import rendered

QUERIES = [
    "",
    "period=daily",
    "period=weekly&system=sidereal",
    "system=sidereal&period=monthly",
    "system=tropical",
    "format=json",
    "format=jsonld",
    # Everything below is left to the schema: invalid, empty, repeated, unknown or oddly cased.
    "period=yearly",
    "period=",
    "period",
    "period=DAILY",
    "period=daily&period=weekly",
    "system=jyotish&period=hourly",
    "format=xml",
    "format=json&format=jsonld",
    "utm_source=portal",
    "period=weekly&utm_source=portal",
    "period=d%61ily",
    "p%65riod=weekly",
    "period=weekly&",
    "&period=weekly",
    "period=weekly;system=sidereal",
    "period=weekly+",
    "system=sidereal&system=sidereal",
    "=daily",
]


@pytest.mark.parametrize("schema", [ReadArgsSchema(), ListicleReadArgsSchema()])
@pytest.mark.parametrize("query", QUERIES)
def test_the_hand_parser_agrees_with_the_schema_or_steps_aside(schema: Schema, query: str) -> None:
    parse = choice_parser(schema)
    with Flask(__name__).test_request_context(f"/?{query}"):
        from flask import request

        mine = parse(request.environ["QUERY_STRING"])
        if mine is None:
            return  # the schema answers, as before
        theirs = FlaskParser().parse(schema, request, location="query")
    assert mine == theirs


def test_the_hand_parser_refuses_anything_but_string_choices() -> None:
    class Limit(Schema):
        limit = fields.Integer(load_default=20, validate=validate.Range(1, 100))

    with pytest.raises(TypeError):
        choice_parser(Limit())


@pytest.mark.parametrize("path", ["/v1/horoscopes/leo/today", "/v1/horoscopes/today"])
@pytest.mark.parametrize(
    ("lean", "through_the_schema"),
    [
        ("", "?utm_source=portal"),
        ("?period=weekly&system=sidereal", "?period=weekly&system=sidereal&utm_source=portal"),
        ("?period=monthly", "?period=monthly&period=daily"),  # the schema takes the first of repeats
    ],
)
def test_both_paths_answer_the_same(
    client: FlaskClient, path: str, lean: str, through_the_schema: str
) -> None:
    first, second = client.get(path + lean), client.get(path + through_the_schema)
    assert first.status_code == second.status_code == 200
    assert first.data == second.data
    assert first.headers["ETag"] == second.headers["ETag"]


@pytest.mark.parametrize(
    ("path", "errors"),
    [
        ("/v1/horoscopes/leo/today?period=yearly", {"period": ["Must be one of: daily, weekly, monthly."]}),
        ("/v1/horoscopes/today?system=", {"system": ["Must be one of: tropical, sidereal, vedic."]}),
        ("/v1/horoscopes/leo/today?period=DAILY", {"period": ["Must be one of: daily, weekly, monthly."]}),
    ],
)
def test_bad_values_are_still_422_problems(client: FlaskClient, path: str, errors: dict[str, Any]) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["errors"] == {"query": errors}
    assert problem["detail"].startswith(f"Some fields are invalid: query parameter {next(iter(errors))}: ")


def test_the_openapi_document_still_describes_the_queries(client: FlaskClient) -> None:
    paths = client.get("/openapi.json").get_json()["paths"]
    for path in ("/v1/horoscopes/{sign}/{day}", "/v1/horoscopes/{day}"):
        operation = paths[path]["get"]
        query = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}
        assert query["period"]["schema"] == {
            "type": "string",
            "default": "daily",
            "enum": ["daily", "weekly", "monthly"],
        }
        assert query["system"]["schema"]["enum"] == ["tropical", "sidereal", "vedic"]
        assert {"200", "304", "404", "422", "503"} <= set(operation["responses"])
    listicle = paths["/v1/listicles/{slug}"]["get"]
    assert [p["name"] for p in listicle["parameters"] if p["in"] == "query"] == ["format"]
    assert {"200", "304", "404", "422"} <= set(listicle["responses"])


@pytest.mark.parametrize(
    "instant",
    [
        datetime(2026, 2, 4, 4, 30, tzinfo=UTC),
        datetime(2026, 2, 4, 10, 0, 1, tzinfo=timezone(timedelta(hours=5, minutes=30))),
    ],
)
def test_last_modified_is_formatted_once_as_werkzeug_would(instant: datetime) -> None:
    found = rendered(b"{}", instant)
    assert dict(found.validators) == {"ETag": found.etag, "Last-Modified": http_date(instant)}
    assert rendered(b"{}", None).validators == (("ETag", found.etag),)


def test_a_cached_listicle_is_served_without_redis(app: Flask, client: FlaskClient) -> None:
    slug = client.get("/v1/listicles/today").get_json()["items"][0]["slug"]
    first = client.get(f"/v1/listicles/{slug}")
    store = app.extensions["horoscope"].store
    calls = 0
    fetch, fetch_many = store.fetch, store.fetch_many

    def counting(fetching: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def fetch_counted(entry_ids: Any) -> Any:
            nonlocal calls
            calls += 1
            return fetching(entry_ids)

        return fetch_counted

    store.fetch, store.fetch_many = counting(fetch), counting(fetch_many)
    second = client.get(f"/v1/listicles/{slug}")
    assert second.data == first.data
    assert calls == 0
    assert client.get("/v1/listicles/nothing-like-it-2026-02-04").status_code == 404  # still checked
    assert calls == 1  # in one round trip


def test_a_cached_listicle_still_respects_the_read_window(client: FlaskClient, clock: Any) -> None:
    slug = client.get("/v1/listicles/today").get_json()["items"][0]["slug"]
    assert client.get(f"/v1/listicles/{slug}").status_code == 200
    clock.advance(days=401)
    response = client.get(f"/v1/listicles/{slug}")
    assert response.status_code == 404
    assert response.get_json()["type"] == "/problems/date-out-of-range"


@pytest.mark.parametrize("front", [True, False], ids=["cached, in front of Flask", "the view"])
def test_one_reading_of_the_clock_per_read_at_local_midnight(config: Config, front: bool) -> None:
    """The day alias and the title word agree even when the clock crosses midnight mid-request."""
    midnight = datetime(2026, 2, 4, 18, 30, tzinfo=UTC)  # 00:00 on Feb 5 in New Delhi
    ticks = iter(range(1_000_000))
    start = midnight - timedelta(seconds=1)

    def ticking() -> datetime:
        return start + timedelta(microseconds=next(ticks))  # a microsecond later at every reading

    app = create_app(config, clock=ticking)
    if not front:  # the views alone (each read in front misses here and reads the clock again)
        app.wsgi_app = functools.partial(Flask.wsgi_app, app)  # type: ignore[method-assign]
    try:
        with app.test_client() as client:
            client.get("/v1/horoscopes/leo/today")  # published (and cached) before the clock is moved
            ticks = iter(range(1_000_000))
            start = midnight - timedelta(microseconds=1)
            entry = client.get("/v1/horoscopes/leo/today").get_json()
    finally:
        app.extensions["horoscope"].store.close()
    assert entry["date"] == "2026-02-04"
    assert entry["title"].startswith("Leo Horoscope Today, February 04, 2026: ")

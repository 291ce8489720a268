"""Every write queues its edge purge with the write: in the same transaction on one Redis, right after it
on a Redis Cluster (the stream lives in a slot of its own). Runs on both (make test)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.content.calendar import Period
from service.content.zodiac import Sign, System
from service.hindi_publishing import hindi_horoscope_id, publish_hindi, refresh_hindi
from service.store import Keys, horoscope_id
from tests.conftest import Clock

EDGE = {"edge_backends": ("varnish",), "varnish_urls": ("http://127.0.0.1:9",)}
LEO = "hs.horoscope.tropical.daily.leo.2026-02-05"


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app(**EDGE)


def purges(redis_client: Any) -> list[dict[str, str]]:
    return [
        {k.decode(): v.decode() for k, v in fields.items()}
        for _, fields in redis_client.xrange(Keys("hs").purges)
    ]


def test_an_edit_queues_the_purge_of_its_entry_and_the_feed(
    client: FlaskClient, editor: dict[str, str], redis_client: Any
) -> None:
    client.get("/v1/horoscopes/leo/2026-02-05")
    assert purges(redis_client) == []
    answer = client.patch("/v1/horoscopes/leo/2026-02-05/override", json={"headline": "New"}, headers=editor)
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "private, no-store"
    first, again = purges(redis_client)
    assert first["tags"].split() == [LEO, "hs.feed"]
    assert (first["mode"], first["reason"]) == ("soft", "edit")
    assert int(first["due"]) - int(first["at"]) == 1500
    assert again["repeat"] == "1"
    assert int(again["due"]) - int(first["due"]) == 5000


def test_a_refused_edit_queues_nothing(
    client: FlaskClient, editor: dict[str, str], redis_client: Any
) -> None:
    etag = client.get("/v1/horoscopes/leo/2026-02-05").headers["ETag"]
    client.patch("/v1/horoscopes/leo/2026-02-05/override", json={"headline": "One"}, headers=editor)
    queued = len(purges(redis_client))
    stale = client.patch(
        "/v1/horoscopes/leo/2026-02-05/override",
        json={"headline": "Two"},
        headers={**editor, "If-Match": etag},
    )
    assert stale.status_code == 412
    assert len(purges(redis_client)) == queued


def test_revert_and_restore_queue_purges_too(
    client: FlaskClient, editor: dict[str, str], redis_client: Any
) -> None:
    path = "/v1/horoscopes/leo/2026-02-05"
    client.patch(f"{path}/override", json={"headline": "One"}, headers=editor)
    client.delete(f"{path}/override", headers=editor)
    client.post(f"{path}/history/1/restore", headers=editor)
    reasons = [event["tags"] for event in purges(redis_client) if "repeat" not in event]
    assert reasons == [f"{LEO} hs.feed"] * 3


def test_a_hindi_edit_purges_the_hindi_entry_which_its_answers_are_tagged_with(
    client: FlaskClient, editor: dict[str, str], redis_client: Any
) -> None:
    hindi = "hs.horoscope.sidereal.daily.leo.2026-02-05.hi"
    one = client.get("/v1/horoscopes/leo/2026-02-05?lang=hi").headers["xkey"].split()
    twelve = client.get("/v1/horoscopes/2026-02-05?lang=hi").headers["xkey"].split()
    english = client.get("/v1/horoscopes/leo/2026-02-05?system=sidereal").headers["xkey"].split()
    assert hindi in one
    assert hindi in twelve
    assert hindi not in english
    assert "hs.horoscope.sidereal.daily.leo.2026-02-05" in english
    answer = client.patch(
        "/v1/horoscopes/leo/2026-02-05/override?lang=hi", json={"mood": "शांत"}, headers=editor
    )
    assert answer.status_code == 200
    client.delete("/v1/horoscopes/leo/2026-02-05/override?lang=hi", headers=editor)
    firsts = [event["tags"].split() for event in purges(redis_client) if "repeat" not in event]
    assert firsts == [[hindi, "hs.feed"]] * 2, "the edit and the revert, the Hindi entry only"


def test_listicle_changes_purge_the_listicle_and_its_dates_list(
    client: FlaskClient, editor: dict[str, str], redis_client: Any
) -> None:
    new = {
        "date": "2026-02-05",
        "position": 1,
        "title": "3 Winter Walks",
        "teaser": "Short walks for cold days.",
        "items": [{"heading": f"Walk {n}", "body": "Wrap up and go."} for n in (1, 2, 3)],
        "tags": ["fitness"],
        "disclaimer": None,
    }
    created = client.post("/v1/listicles", json=new, headers=editor)
    assert created.status_code == 201, created.get_json()
    slug = created.get_json()["slug"]
    client.delete(f"/v1/listicles/{slug}", headers=editor)
    firsts = [event["tags"].split() for event in purges(redis_client) if "repeat" not in event]
    entry = "hs.listicle.custom-3-winter-walks.2026-02-05"
    assert firsts == [[entry, "hs.listicle-plan.2026-02-05", "hs.feed"]] * 2


def test_a_refresh_that_regenerates_an_entry_queues_its_purge(
    app: Flask, redis_client: Any, clock: Clock
) -> None:
    publisher = app.extensions["horoscope"].publisher
    first = publisher.today().replace(day=publisher.today().day + 2)
    entry_id = horoscope_id(System.TROPICAL, Period.DAILY, Sign.LEO, first.isoformat())
    publisher.publish_horoscope(Sign.LEO, first, Period.DAILY, System.TROPICAL)
    key = Keys("hs").entry(entry_id)
    record = json.loads(redis_client.get(key))
    record["entry"]["version"] = "2000.1.1"  # written by an older engine
    redis_client.set(key, json.dumps(record))
    assert publisher.refresh_horoscope(Sign.LEO, first, Period.DAILY, System.TROPICAL).value == "refreshed"
    (event,) = [event for event in purges(redis_client) if "repeat" not in event]
    assert event["tags"] == f"hs.horoscope.tropical.daily.leo.{first.isoformat()} hs.feed"
    assert event["reason"] == "refresh"


def test_a_refresh_that_regenerates_a_hindi_entry_purges_the_hindi_entry(
    app: Flask, redis_client: Any, clock: Clock
) -> None:
    publisher = app.extensions["horoscope"].publisher
    first = publisher.today().replace(day=publisher.today().day + 2)
    publish_hindi(publisher, Sign.LEO, first, Period.DAILY)
    key = Keys("hs").entry(hindi_horoscope_id(Period.DAILY, Sign.LEO, first))
    record = json.loads(redis_client.get(key))
    record["entry"]["version"] = "2000.1.1"  # written by an older engine
    redis_client.set(key, json.dumps(record))
    assert refresh_hindi(publisher, Sign.LEO, first, Period.DAILY).value == "refreshed"
    (event,) = [event for event in purges(redis_client) if "repeat" not in event]
    assert event["tags"] == f"hs.horoscope.sidereal.daily.leo.{first.isoformat()}.hi hs.feed"


def test_without_an_edge_nothing_is_queued(
    make_app: Callable[..., Flask], clock: Clock, redis_client: Any
) -> None:
    plain = make_app()
    token = plain.extensions["horoscope"].tokens.create("mira", "editor", clock())
    answer = plain.test_client().patch(
        "/v1/horoscopes/leo/2026-02-05/override",
        json={"headline": "Quiet"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200
    assert not redis_client.exists(Keys("hs").purges)

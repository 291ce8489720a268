"""GET /v1/panchang/<day> and GET /v1/cities: the module's panchang, frozen once published, cached like
horoscopes; the cities it is computed for."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from schemas.panchang import PanchangSchema
from service.content.festivals import festivals_on
from service.content.panchang import panchang_for
from service.content.places import default_place, place, places
from tests.conftest import Clock

IST = ZoneInfo("Asia/Kolkata")
FEB_5 = "/v1/panchang/2026-02-05"
MEMBERS = {
    "date", "place", "weekday", "sunrise", "sunset", "moonrise", "moonset", "tithi", "nakshatra", "yoga",
    "karana", "moon_rashi", "sun_rashi", "month", "vikram_samvat", "shaka_samvat", "rahu_kaal",
    "yamaganda", "gulika_kaal", "abhijit_muhurat", "festivals", "eclipse", "published_at", "updated_at",
}  # fmt: skip


def at(text: str) -> datetime:
    """An instant of the document, which must carry its offset."""
    moment = datetime.fromisoformat(text)
    assert moment.utcoffset() == timedelta(hours=5, minutes=30), text
    return moment


def near(text: str, published: str, minutes: float) -> bool:
    """Whether a document's instant is within `minutes` of a published IST time ('2026-02-06 00:23')."""
    return abs(at(text) - datetime.fromisoformat(published).replace(tzinfo=IST)) <= timedelta(minutes=minutes)


def entry_key(city: str, day: str) -> str:
    return f"hs:{{panchang:{city}:{day}}}:entry"


def test_new_delhis_panchang_is_the_modules_in_the_documented_shape(client: FlaskClient) -> None:
    response = client.get(FEB_5)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    document = response.get_json()
    assert set(document) == MEMBERS
    assert PanchangSchema().validate(document) == {}

    expected = panchang_for(date(2026, 2, 5), default_place())
    assert document["date"] == "2026-02-05"
    assert document["place"] == {
        "slug": "new-delhi",
        "name": "New Delhi",
        "hindi": "नई दिल्ली",
        "latitude": expected.place.latitude,
        "longitude": expected.place.longitude,
        "timezone": "Asia/Kolkata",
    }
    assert document["weekday"] == {"name": "Thursday", "hindi": "गुरुवार"}
    for name in ("sunrise", "sunset", "moonrise", "moonset"):
        assert at(document[name]) == getattr(expected, name), name
    for name in ("tithi", "nakshatra", "yoga", "karana"):
        limb = getattr(expected, name)
        assert document[name]["number"] == limb.number
        assert (document[name]["name"], document[name]["hindi"]) == (limb.name, limb.hindi)
        assert at(document[name]["ends_at"]) == limb.ends_at
    assert document["tithi"]["paksha"] == "krishna"
    for name in ("moon_rashi", "sun_rashi"):
        rashi = getattr(expected, name)
        assert document[name] == {
            "sign": rashi.sign.value,
            "name": rashi.name,
            "hindi": rashi.hindi,
            "ends_at": rashi.ends_at.isoformat(),
        }
    assert document["month"] == {
        "purnimanta": {"number": 12, "name": "Phalguna", "hindi": "फाल्गुन", "adhik": False},
        "amanta": {"number": 11, "name": "Magha", "hindi": "माघ", "adhik": False},
    }
    assert (document["vikram_samvat"], document["shaka_samvat"]) == (2082, 1947)
    for name in ("rahu_kaal", "yamaganda", "gulika_kaal", "abhijit_muhurat"):
        period = getattr(expected, name)
        assert (at(document[name]["start"]), at(document[name]["end"])) == (period.start, period.end)
    assert document["festivals"] == [
        {"slug": f.slug, "name": f.name, "hindi": f.hindi} for f in festivals_on(date(2026, 2, 5))
    ]
    assert document["eclipse"] is None
    assert document["published_at"] == document["updated_at"] == "2026-02-04T04:30:00Z"


def test_published_values_for_5_february_2026(client: FlaskClient) -> None:
    # ETV Bharat and Haribhoomi, 5 Feb 2026 (tests/content/test_panchang.py): Phalguna Krishna
    # Chaturthi till 00:23, Uttara Phalguni till 22:55, sunrise 07:08.
    document = client.get("/v1/panchang/tomorrow").get_json()
    assert document["date"] == "2026-02-05"
    assert near(document["sunrise"], "2026-02-05 07:08", 2)
    assert (document["tithi"]["name"], document["month"]["purnimanta"]["name"]) == ("Chaturthi", "Phalguna")
    assert near(document["tithi"]["ends_at"], "2026-02-06 00:23", 5)
    assert document["nakshatra"]["name"] == "Uttara Phalguni"
    assert near(document["nakshatra"]["ends_at"], "2026-02-05 22:55", 5)


def test_a_wednesday_has_no_abhijit_muhurat_and_an_eclipse_day_has_its_eclipse(client: FlaskClient) -> None:
    assert client.get("/v1/panchang/2026-02-04").get_json()["abhijit_muhurat"] is None  # a Wednesday
    holi = client.get("/v1/panchang/2026-03-03").get_json()  # the total lunar eclipse, seen from India
    eclipse = holi["eclipse"]
    assert (eclipse["kind"], eclipse["type"], eclipse["visible_in_india"]) == ("lunar", "total", True)
    expected = panchang_for(date(2026, 3, 3)).eclipse
    assert expected is not None
    assert expected.sutak_start is not None
    assert abs(at(eclipse["maximum"]) - expected.maximum) <= timedelta(seconds=0.5)
    assert abs(at(eclipse["sutak_start"]) - expected.sutak_start) <= timedelta(seconds=0.5)
    assert PanchangSchema().validate(holi) == {}


def test_a_city_by_its_slug_in_any_case(client: FlaskClient) -> None:
    mumbai = client.get(FEB_5, query_string={"city": "mumbai"})
    assert mumbai.status_code == 200
    document = mumbai.get_json()
    assert document["place"]["slug"] == "mumbai"
    assert at(document["sunrise"]) == panchang_for(date(2026, 2, 5), place("mumbai")).sunrise
    assert document["sunrise"] != client.get(FEB_5).get_json()["sunrise"]
    shouted = client.get(FEB_5, query_string={"city": "MUMBAI"})
    assert (shouted.data, shouted.headers["ETag"]) == (mumbai.data, mumbai.headers["ETag"])


def test_the_default_city_is_the_setting(make_app: Callable[..., Flask]) -> None:
    with make_app(place="kolkata").test_client() as client:
        assert client.get(FEB_5).get_json()["place"]["slug"] == "kolkata"


@pytest.mark.parametrize(
    ("path", "query", "problem", "says"),
    [
        (FEB_5, {"city": "atlantis"}, "/problems/unknown-place", "GET /v1/cities"),
        (FEB_5, {"city": ""}, "/problems/unknown-place", "GET /v1/cities"),
        ("/v1/panchang/2024-01-01", {}, "/problems/date-out-of-range", "2024-12-31"),  # 400 days back
        ("/v1/panchang/2026-03-07", {}, "/problems/date-out-of-range", "2026-03-06"),  # 30 days ahead
        ("/v1/panchang/someday", {}, "/problems/invalid-day", "YYYY-MM-DD"),
    ],
)
def test_unknown_cities_and_days_outside_the_window_are_404(
    client: FlaskClient, redis_client: redis.Redis, path: str, query: dict[str, str], problem: str, says: str
) -> None:
    response = client.get(path, query_string=query)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == problem
    assert says in response.get_json()["detail"]
    assert list(redis_client.scan_iter("hs:{panchang:*")) == [], "nothing is published"


def test_other_query_parameters_are_ignored_as_on_every_read(client: FlaskClient) -> None:
    tagged = client.get(FEB_5, query_string={"utm_source": "portal"})  # the portal's campaign tags
    assert (tagged.status_code, tagged.data) == (200, client.get(FEB_5).data)


def test_published_once_then_frozen(
    client: FlaskClient, make_app: Callable[..., Flask], redis_client: redis.Redis, clock: Clock
) -> None:
    first = client.get(FEB_5)
    stored = json.loads(redis_client.get(entry_key("new-delhi", "2026-02-05")))  # type: ignore[arg-type]
    assert stored["entry"] == {
        k: v for k, v in first.get_json().items() if k not in ("published_at", "updated_at")
    }
    assert first.headers["Last-Modified"] == "Wed, 04 Feb 2026 04:30:00 GMT"

    clock.advance(hours=3)  # another process, later: it reads the stored record, it does not compose
    with make_app().test_client() as other:
        again = other.get(FEB_5)
    assert (again.data, again.headers["ETag"]) == (first.data, first.headers["ETag"])
    assert again.get_json()["published_at"] == "2026-02-04T04:30:00Z"

    stored["entry"]["sunrise"] = "2026-02-05T07:08:00+05:30"  # say a record an older release wrote
    redis_client.set(entry_key("new-delhi", "2026-02-05"), json.dumps(stored))
    with make_app().test_client() as fresh:
        assert fresh.get(FEB_5).get_json()["sunrise"] == "2026-02-05T07:08:00+05:30"


@pytest.mark.parametrize("path", [FEB_5, "/v1/cities"])
def test_validators_answer_304(client: FlaskClient, path: str) -> None:
    first = client.get(path)
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    unchanged = client.get(path, headers={"If-None-Match": etag})
    assert (unchanged.status_code, unchanged.data, unchanged.headers["ETag"]) == (304, b"", etag)
    assert client.get(path, headers={"If-None-Match": '"stale"'}).status_code == 200
    if "Last-Modified" in first.headers:
        since = client.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]})
        assert since.status_code == 304


def test_the_cities(client: FlaskClient) -> None:
    response = client.get("/v1/cities")
    assert response.status_code == 200
    items: list[dict[str, Any]] = response.get_json()["items"]
    assert [item["slug"] for item in items] == [p.slug for p in places()]
    assert len(items) >= 50
    assert items[0] == {
        "slug": "new-delhi",
        "name": "New Delhi",
        "hindi": "नई दिल्ली",
        "latitude": 28.6214,
        "longitude": 77.2148,
        "timezone": "Asia/Kolkata",
    }


def test_the_openapi_document_describes_both(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    path = spec["paths"]["/v1/panchang/{day}"]
    read = path["get"]
    assert read["operationId"] == "get_panchang"
    assert {"200", "304", "404", "422", "503"} <= set(read["responses"])
    names = {p["name"] for p in path.get("parameters", []) + read["parameters"]}
    assert names >= {"day", "city", "lang", "If-None-Match"}
    assert spec["paths"]["/v1/cities"]["get"]["operationId"] == "list_cities"
    documented = spec["components"]["schemas"]["Panchang"]
    assert set(documented["properties"]) == MEMBERS | {"lang", "text"}  # those two: the Hindi edition's
    assert set(documented["required"]) == MEMBERS

"""Lucky details and festivals through the API: the new shape, entries stored with the old one, edits."""

from __future__ import annotations

import json
from datetime import date

from flask.testing import FlaskClient

from service.store import Keys, horoscope_id

WEEK = "/v1/horoscopes/leo/2026-02-09?period=weekly"  # Monday 9 to Sunday 15 February
WEEK_OVERRIDE = "/v1/horoscopes/leo/2026-02-09/override?period=weekly"


def test_a_daily_entry_has_a_lucky_time_and_no_day(client: FlaskClient) -> None:
    lucky = client.get("/v1/horoscopes/leo/2026-02-05").get_json()["lucky"]
    assert set(lucky) == {"number", "color", "time", "day"}
    assert lucky["day"] is None
    assert " - " in lucky["time"]


def test_a_weekly_entry_has_a_lucky_day_inside_its_week_and_no_time(client: FlaskClient) -> None:
    entry = client.get(WEEK).get_json()
    assert entry["lucky"]["time"] is None
    assert "2026-02-09" <= entry["lucky"]["day"] <= "2026-02-15"
    assert [o["slug"] for o in entry["occasions"]] == ["valentines-day", "maha-shivaratri"]
    assert "Valentine's Day on Saturday, February 14" in " ".join(entry["body"])


def test_a_festival_day_names_the_festival(client: FlaskClient) -> None:
    entry = client.get("/v1/horoscopes/scorpio/2026-02-14").get_json()
    assert entry["occasions"] == [
        {"day": "2026-02-14", "slug": "valentines-day", "name": "Valentine's Day", "hindi": "वैलेंटाइन डे"}
    ]
    assert entry["headline"].startswith("Valentine's Day And ")
    assert "Valentine's Day" in entry["body"][0]


def test_an_entry_stored_with_the_old_lucky_shape_still_reads_and_edits(
    client: FlaskClient, redis_client, editor: dict[str, str]
) -> None:
    client.get(WEEK)  # published now; then made to look as an older engine stored it
    key = Keys("hs").entry(horoscope_id("tropical", "weekly", "leo", "2026-02-09"))
    record = json.loads(redis_client.get(key))
    record["entry"]["lucky"] = {"number": 7, "color": "Saffron", "time": "9:00 AM - 10:30 AM"}
    del record["entry"]["occasions"]
    redis_client.set(key, json.dumps(record))
    client.application.extensions["horoscope"].publisher.invalidate()
    old = client.get(WEEK)
    assert old.status_code == 200
    assert old.get_json()["lucky"] == {"number": 7, "color": "Saffron", "time": "9:00 AM - 10:30 AM"}
    assert "occasions" not in old.get_json()
    assert client.patch(WEEK_OVERRIDE, json={"mood": "Calm"}, headers=editor).status_code == 200
    edited = client.patch(WEEK_OVERRIDE, json={"lucky": {"day": "2026-02-12"}}, headers=editor)
    assert edited.status_code == 200, edited.get_json()
    assert edited.get_json()["lucky"]["day"] == "2026-02-12"
    assert client.get(WEEK).get_json()["overridden"] == ["lucky.day", "mood"]


def test_editors_set_a_lucky_day_inside_the_period_only(client: FlaskClient, editor: dict[str, str]) -> None:
    outside = client.patch(WEEK_OVERRIDE, json={"lucky": {"day": "2026-02-16"}}, headers=editor)
    assert outside.status_code == 422
    assert "lucky" in outside.get_json()["errors"]["json"]
    time = client.patch(WEEK_OVERRIDE, json={"lucky": {"time": "9:00 AM - 10:00 AM"}}, headers=editor)
    assert time.status_code == 422
    daily = client.patch(
        "/v1/horoscopes/leo/2026-02-05/override", json={"lucky": {"day": "2026-02-05"}}, headers=editor
    )
    assert daily.status_code == 422
    bad = client.patch(WEEK_OVERRIDE, json={"lucky": {"day": "next Tuesday"}}, headers=editor)
    assert bad.status_code == 422
    inside = client.patch(WEEK_OVERRIDE, json={"lucky": {"day": "2026-02-15"}}, headers=editor)
    assert inside.status_code == 200
    assert date.fromisoformat(client.get(WEEK).get_json()["lucky"]["day"]) == date(2026, 2, 15)


def test_the_openapi_document_describes_the_lucky_day_and_occasions(client: FlaskClient) -> None:
    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    lucky = schemas["Lucky"]["properties"]
    assert {"time", "day"} <= set(lucky)
    assert "Rahu Kaal" in lucky["time"]["description"]
    assert "occasions" in schemas["HoroscopeResponse"]["properties"]
    assert "day" in schemas["LuckyPatch"]["properties"]

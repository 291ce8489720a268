"""GET /v1/panchang/<day>?lang=hi: the same publication in Hindi, with the lines a Hindi portal prints."""

from __future__ import annotations

import redis
from flask.testing import FlaskClient

from schemas.panchang import PanchangSchema
from service.content.hindi.checks import problems
from tests.service.test_panchang_api import FEB_5, MEMBERS, entry_key


def test_the_hindi_edition_names_everything_in_hindi_and_prints_its_lines(client: FlaskClient) -> None:
    english = client.get(FEB_5).get_json()
    response = client.get(f"{FEB_5}?lang=hi")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "hi"
    assert "Content-Language" not in client.get(FEB_5).headers
    hindi = response.get_json()
    assert set(hindi) == MEMBERS | {"lang", "text"}
    assert PanchangSchema().validate(hindi) == {}
    assert hindi["lang"] == "hi"
    for member in ("tithi", "nakshatra", "yoga", "karana", "moon_rashi", "weekday", "place"):
        assert hindi[member]["name"] == english[member]["hindi"]
        assert {k: v for k, v in hindi[member].items() if k != "name"} == {
            k: v for k, v in english[member].items() if k != "name"
        }
    assert hindi["month"]["purnimanta"]["name"] == "फाल्गुन"
    assert hindi["sunrise"] == english["sunrise"]  # instants stay ISO 8601
    assert hindi["text"]["summary"] == (
        "पंचांग के अनुसार गुरुवार, 5 फरवरी 2026 को नई दिल्ली में फाल्गुन माह के कृष्ण पक्ष की चतुर्थी तिथि "
        "है और चंद्रमा उत्तरा फाल्गुनी नक्षत्र में है।"
    )
    lines = hindi["text"]["lines"]
    assert "तिथि: कृष्ण चतुर्थी, 6 फरवरी 2026, रात 12:22 बजे तक" in lines  # ends after midnight: dated
    assert "सूर्योदय: सुबह 7:07 बजे" in lines
    assert "राहुकाल: दोपहर 1:57 बजे से 3:19 बजे तक" in lines
    for text in (hindi["text"]["summary"], *lines):
        assert problems(text) == [], text


def test_both_editions_are_one_publication(client: FlaskClient, redis_client: redis.Redis) -> None:
    hindi = client.get(f"{FEB_5}?lang=hi")
    english = client.get(FEB_5)
    assert hindi.headers["ETag"] != english.headers["ETag"]
    assert hindi.get_json()["published_at"] == english.get_json()["published_at"]
    assert redis_client.exists(entry_key("new-delhi", "2026-02-05")) == 1
    assert client.get(f"{FEB_5}?lang=hi", headers={"If-None-Match": hindi.headers["ETag"]}).status_code == 304


def test_a_festival_and_an_eclipse_are_told_in_the_summary(client: FlaskClient) -> None:
    shivaratri = client.get("/v1/panchang/2026-02-15?lang=hi").get_json()
    assert "इस दिन महाशिवरात्रि का पर्व है।" in shivaratri["text"]["summary"]
    holi_eclipse = client.get("/v1/panchang/2026-03-03?lang=hi").get_json()
    assert "इस दिन चंद्र ग्रहण है, जो यहां दिखाई देगा।" in holi_eclipse["text"]["summary"]


def test_an_alias_points_at_the_dated_hindi_url(client: FlaskClient) -> None:
    response = client.get("/v1/panchang/today?lang=hi&city=mumbai")
    assert response.status_code == 200
    assert response.headers["Content-Location"].endswith("?city=mumbai&lang=hi")

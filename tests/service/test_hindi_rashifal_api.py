"""GET /v1/horoscopes/...?lang=hi: the Hindi rashifal, published and frozen as an entry of its own."""

from __future__ import annotations

from datetime import date

import pytest
import redis
from flask.testing import FlaskClient

from service.content.calendar import Period
from service.content.hindi import agreement, checks
from service.content.hindi.rashifal_writer import NOTE
from service.content.zodiac import Sign
from service.hindi_publishing import hindi_horoscope_id

LEO = "/v1/horoscopes/leo/2026-02-05"


def test_a_hindi_rashifal_is_vedic_in_hindi_and_says_so(client: FlaskClient) -> None:
    response = client.get(f"{LEO}?lang=hi")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "hi"
    assert "Accept-Language" not in response.headers.get("Vary", "")
    entry = response.get_json()
    assert entry["lang"] == "hi"
    assert entry["note"] == NOTE
    assert entry["system"] == "sidereal"
    assert "सिंह राशिफल, 5 फरवरी 2026: " in entry["title"]  # कल का ..., read on 4 February
    texts = [
        entry["title"],
        entry["teaser"],
        *entry["body"],
        *(s["text"] for s in entry["sections"].values()),
    ]
    for text in texts:
        assert checks.problems(text) + agreement.problems(text) == [], text
    assert "कन्या राशि" in entry["body"][0]  # the sidereal Moon, the 2nd from Singh
    assert "Content-Language" not in client.get(LEO).headers


@pytest.mark.parametrize("period", ["daily", "weekly", "monthly"])
def test_every_period_has_a_hindi_edition(client: FlaskClient, period: str) -> None:
    response = client.get(f"{LEO}?lang=hi&period={period}")
    assert response.status_code == 200
    assert response.get_json()["period"] == period
    assert {"साप्ताहिक": "weekly", "मासिक": "monthly"}.get(
        response.get_json()["title"].split()[1], "daily"
    ) == period


def test_a_hindi_entry_is_stored_under_its_own_id_and_frozen(
    client: FlaskClient, redis_client: redis.Redis
) -> None:
    first = client.get(f"{LEO}?lang=hi")
    entry_id = hindi_horoscope_id(Period.DAILY, Sign.LEO, date(2026, 2, 5))
    assert entry_id == "horoscope:sidereal:daily:leo:2026-02-05:hi"
    assert redis_client.exists(f"hs:{{{entry_id}}}:entry") == 1
    again = client.get(f"{LEO}?lang=hi")
    assert again.get_json()["published_at"] == first.get_json()["published_at"]
    assert again.headers["ETag"] == first.headers["ETag"]
    english = client.get(f"{LEO}?system=sidereal")
    assert english.headers["ETag"] != first.headers["ETag"]
    assert client.get(f"{LEO}?lang=hi", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


def test_all_twelve_in_hindi(client: FlaskClient) -> None:
    response = client.get("/v1/horoscopes/2026-02-05?lang=hi")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "hi"
    page = response.get_json()
    assert page["lang"] == "hi"
    assert page["note"] == NOTE
    assert page["system"] == "sidereal"
    titles = [item["title"] for item in page["items"]]
    assert len(set(titles)) == 12
    assert "मेष राशिफल" in titles[0]


def test_an_alias_points_at_the_dated_hindi_url(client: FlaskClient) -> None:
    response = client.get("/v1/horoscopes/leo/today?lang=hi&period=weekly")
    assert response.status_code == 200
    assert response.headers["Content-Location"].endswith("?period=weekly&lang=hi")


@pytest.mark.parametrize("page", [LEO, "/v1/horoscopes/2026-02-05"])
def test_hindi_without_system_is_the_vedic_edition_and_its_note_says_so(
    client: FlaskClient, page: str
) -> None:
    default = client.get(f"{page}?lang=hi")
    assert default.status_code == 200
    document = default.get_json()
    assert document["system"] == "sidereal"
    assert document["note"] == NOTE
    assert all(word in NOTE for word in ("चंद्र राशि", "वैदिक", "लाहिड़ी अयनांश"))
    for system in ("sidereal", "vedic"):
        named = client.get(f"{page}?lang=hi&system={system}")
        assert named.status_code == 200
        assert named.headers["ETag"] == default.headers["ETag"], "the same edition, the same answer"
    assert client.get(page).get_json()["system"] == "tropical", "English still defaults to tropical"


@pytest.mark.parametrize("page", [LEO, "/v1/horoscopes/2026-02-05"])
def test_a_tropical_hindi_reading_is_a_400_problem_saying_hindi_is_vedic(
    client: FlaskClient, page: str
) -> None:
    response = client.get(f"{page}?lang=hi&system=tropical")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"] == "/problems/hindi-is-vedic-only"
    assert "Hindi edition is Vedic only (Moon sign, Lahiri ayanamsa)" in problem["detail"]
    assert list(problem["errors"]["query"]) == ["system"]
    assert client.get(f"{page}?system=tropical").status_code == 200


def test_the_openapi_document_says_hindi_is_vedic(client: FlaskClient) -> None:
    read = client.get("/openapi.json").get_json()["paths"]["/v1/horoscopes/{sign}/{day}"]["get"]
    system = next(p for p in read["parameters"] if p["name"] == "system")
    assert "default" not in system["schema"]
    assert "sidereal with lang=hi" in system["description"]
    assert "Hindi edition is Vedic only" in read["responses"]["400"]["description"]


def test_signs_in_hindi_name_each_lord(client: FlaskClient) -> None:
    response = client.get("/v1/signs?lang=hi")
    assert response.headers["Content-Language"] == "hi"
    leo = response.get_json()["items"][4]
    assert leo["rashi"]["hindi"] == "सिंह"
    assert leo["rashi"]["lord_hindi"] == "सूर्य"
    assert client.get("/v1/signs/cancer?lang=hi").get_json()["rashi"]["lord_hindi"] == "चंद्रमा"
    assert "lord_hindi" not in client.get("/v1/signs/cancer").get_json()["rashi"]

"""Editors' overrides of Hindi entries (`?lang=hi` on the override, history and restore routes): the
English overrides' guarantees on the Hindi entry's own id, and the Hindi sub-editor's checks."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest
import redis
from flask.testing import FlaskClient

from service.content.hindi import agreement, checks
from service.store import Keys
from tests.conftest import Clock

ENTRY = "/v1/horoscopes/leo/2026-02-05"
HINDI = f"{ENTRY}?lang=hi"
OVERRIDE = f"{ENTRY}/override?lang=hi"
HISTORY = f"{ENTRY}/history?lang=hi"
HINDI_ID = "horoscope:sidereal:daily:leo:2026-02-05:hi"
TEASER = "सिंह राशिफल: आज बातचीत में धैर्य रखें और परिवार के साथ समय बिताएं।"
FULL_EDIT: dict[str, Any] = {
    "title": "कल का सिंह राशिफल, 5 फरवरी 2026: धैर्य और पारिवारिक सुख",
    "headline": "धैर्य और पारिवारिक सुख",
    "teaser": TEASER,
    "body": ["चंद्रमा दूसरे भाव में है, इसलिए खर्च सोच-समझकर करें।", "शाम को परिवार के साथ भोजन करें।"],
    "sections": {
        area: {"text": "आज इस क्षेत्र में संयम से काम लें।", "rating": 3}
        for area in ("love", "career", "money", "health")
    },
    "lucky": {"number": 1, "color": "केसरिया", "time": "सुबह 9:00 बजे से 10:30 बजे तक"},
    "mood": "शांत",
    "compatibility": "aries",
    "note": "Festival special",
}


def override_key(entry_id: str = HINDI_ID) -> str:
    return Keys("hs").override(entry_id)


def test_a_hindi_override_is_served_by_hindi_reads_and_leaves_the_english_entries_alone(
    client: FlaskClient, editor: dict[str, str], redis_client: redis.Redis
) -> None:
    english = {
        system: client.get(f"{ENTRY}?system={system}").get_json() for system in ("tropical", "sidereal")
    }
    answer = client.patch(OVERRIDE, json={"teaser": TEASER, "note": "सरल टीज़र"}, headers=editor)
    assert answer.status_code == 200
    entry = answer.get_json()
    assert (entry["lang"], entry["source"], entry["overridden"]) == ("hi", "override", ["teaser"])
    assert redis_client.exists(override_key()) == 1
    read = client.get(HINDI)
    assert read.get_json() == entry
    assert read.headers["ETag"] == answer.headers["ETag"], "the ETag to send in the next If-Match"
    twelve = client.get("/v1/horoscopes/2026-02-05?lang=hi").get_json()["items"]
    assert twelve[4]["teaser"] == TEASER
    for system, before in english.items():
        assert client.get(f"{ENTRY}?system={system}").get_json() == before
    assert client.get(f"{ENTRY}/history?system=sidereal", headers=editor).get_json()["items"] == []


def test_put_keeps_a_house_style_title_as_its_headline_and_the_day_word_follows_the_clock(
    client: FlaskClient, editor: dict[str, str], clock: Clock
) -> None:
    answer = client.put(OVERRIDE, json=FULL_EDIT, headers=editor)
    assert answer.status_code == 200
    entry = answer.get_json()
    assert entry["title"] == FULL_EDIT["title"]
    assert "title" not in entry["overridden"]
    assert "headline" in entry["overridden"]
    assert entry["lucky"]["time"] == FULL_EDIT["lucky"]["time"]
    clock.advance(days=1)
    assert client.get(HINDI).get_json()["title"] == "आज का सिंह राशिफल, 5 फरवरी 2026: धैर्य और पारिवारिक सुख"
    wrong = client.patch(OVERRIDE, json={"title": "Leo Horoscope Today: Bold Moves"}, headers=editor)
    assert wrong.status_code == 422
    assert "आज का सिंह राशिफल, 5 फरवरी 2026: <headline>" in wrong.get_json()["detail"]


def test_history_revert_and_restore_of_a_hindi_entry(
    client: FlaskClient, editor: dict[str, str], clock: Clock
) -> None:
    generated = client.get(HINDI).get_json()
    client.patch(OVERRIDE, json={"mood": "शांत", "note": "first"}, headers=editor)
    clock.advance(minutes=5)
    reverted = client.delete(f"{OVERRIDE}&note=back", headers=editor)
    assert reverted.status_code == 200
    assert reverted.get_json()["mood"] == generated["mood"]
    assert reverted.get_json()["source"] == "generated"
    assert client.delete(OVERRIDE, headers=editor).status_code == 404
    history = client.get(HISTORY, headers=editor).get_json()["items"]
    assert [(r["id"], r["action"], r["note"]) for r in history] == [
        (2, "revert", "back"),
        (1, "patch", "first"),
    ]
    assert history[1]["changes"] == [{"field": "mood", "before": generated["mood"], "after": "शांत"}]
    restored = client.post(f"{ENTRY}/history/1/restore?lang=hi", json={"note": "फिर से"}, headers=editor)
    assert restored.status_code == 200
    assert restored.get_json()["mood"] == "शांत"
    assert client.get(HINDI).get_json()["mood"] == "शांत"


def test_if_match_takes_the_etag_hindi_reads_carry(client: FlaskClient, editor: dict[str, str]) -> None:
    etag = client.get(HINDI).headers["ETag"]
    first = client.patch(OVERRIDE, json={"mood": "शांत"}, headers={**editor, "If-Match": etag})
    assert first.status_code == 200
    stale = client.patch(OVERRIDE, json={"mood": "प्रसन्न"}, headers={**editor, "If-Match": etag})
    assert stale.status_code == 412
    assert stale.get_json()["current"]["mood"] == "शांत"
    assert stale.headers["ETag"] == first.headers["ETag"] == client.get(HINDI).headers["ETag"]
    english_etag = client.get(f"{ENTRY}?system=sidereal").headers["ETag"]
    assert (
        client.patch(
            OVERRIDE, json={"mood": "प्रसन्न"}, headers={**editor, "If-Match": english_etag}
        ).status_code
        == 412
    )


@pytest.mark.parametrize(
    ("body", "field", "problem"),
    [
        ({"teaser": "Leo, a day to shine."}, "teaser", "script: character 'L'"),
        ({"body": ["ठीक है।", "तुम आज आराम करो।"]}, "body", "register: 'तुम' is not the आप register"),
        ({"sections": {"love": {"text": "आपकी पत्नी खुश रहेगी।"}}}, "sections", "reader gender"),
        ({"mood": "ज़्यादा खुश"}, "mood", "spelling"),
        ({"headline": "कल नई शुरुआत"}, "headline", "dates: 'कल' without its date"),
        ({"body": ["यूरेनस आपके भाव में है।"]}, "body", "navagraha: outer planet"),
        ({"lucky": {"color": "Saffron"}}, "lucky", "script"),
    ],
)
def test_text_failing_the_hindi_checks_is_422_listing_the_problems_and_stores_nothing(
    client: FlaskClient,
    editor: dict[str, str],
    redis_client: redis.Redis,
    body: dict[str, Any],
    field: str,
    problem: str,
) -> None:
    response = client.patch(OVERRIDE, json=body, headers=editor)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    document = response.get_json()
    assert document["type"] == "/problems/invalid-edit"
    assert document["detail"].startswith("The Hindi sub-editor's checks refuse this text: ")
    assert problem in document["detail"]
    assert problem in json.dumps(document["errors"]["json"][field], ensure_ascii=False)
    assert redis_client.get(override_key()) is None
    assert client.get(HISTORY, headers=editor).get_json()["items"] == []


def test_what_passes_is_what_the_gate_passes_and_text_is_stored_in_nfc(
    client: FlaskClient, editor: dict[str, str]
) -> None:
    precomposed = "शाम को किताब पढ़ें।".replace("ढ़", "\u095d")  # ढ़ as the one code point NFC excludes
    assert not unicodedata.is_normalized("NFC", precomposed)
    answer = client.patch(OVERRIDE, json={"body": [precomposed]}, headers=editor)
    assert answer.status_code == 200
    stored = answer.get_json()["body"][0]
    assert stored == unicodedata.normalize("NFC", precomposed)
    assert checks.problems(stored) + agreement.problems(stored) == []


def test_each_edition_takes_its_own_lucky_time(client: FlaskClient, editor: dict[str, str]) -> None:
    english_time = client.patch(OVERRIDE, json={"lucky": {"time": "9:00 AM - 10:30 AM"}}, headers=editor)
    assert english_time.status_code == 422
    assert english_time.get_json()["errors"]["json"]["lucky"]["time"] == [
        "Use a window like 'दोपहर 1:30 बजे से 3:00 बजे तक'."
    ]
    hindi_time = client.patch(
        f"{ENTRY}/override", json={"lucky": {"time": "सुबह 9:00 बजे से 10:30 बजे तक"}}, headers=editor
    )
    assert hindi_time.status_code == 422
    assert hindi_time.get_json()["errors"]["json"]["lucky"]["time"] == [
        "Use a window like '2:00 PM - 3:30 PM'."
    ]
    weekly = client.patch(
        f"{ENTRY}/override?lang=hi&period=weekly",
        json={"lucky": {"time": "सुबह 9:00 बजे से 10:30 बजे तक"}},
        headers=editor,
    )
    assert weekly.status_code == 422, "a weekly entry carries a lucky day, in Hindi too"


def test_edits_name_their_edition_as_reads_do(client: FlaskClient, editor: dict[str, str]) -> None:
    tropical = client.patch(f"{OVERRIDE}&system=tropical", json={"mood": "शांत"}, headers=editor)
    assert tropical.status_code == 400
    assert tropical.get_json()["type"] == "/problems/hindi-is-vedic-only"
    assert client.get(f"{HISTORY}&system=tropical", headers=editor).status_code == 400
    unknown = client.patch(f"{ENTRY}/override?lang=fr", json={"mood": "x"}, headers=editor)
    assert unknown.status_code == 400
    assert list(unknown.get_json()["errors"]["query"]) == ["lang"]
    vedic = client.patch(f"{OVERRIDE}&system=vedic", json={"mood": "शांत"}, headers=editor)
    assert vedic.status_code == 200
    assert client.get(HINDI).get_json()["mood"] == "शांत"


def test_a_hindi_override_reaches_another_process_and_survives_a_cold_cache(
    make_app, editor: dict[str, str]
) -> None:
    writer = make_app().test_client()
    assert writer.patch(OVERRIDE, json={"mood": "शांत"}, headers=editor).status_code == 200
    fresh = make_app().test_client()
    assert fresh.get(HINDI).get_json()["mood"] == "शांत"


def test_a_hindi_override_outlives_its_generated_record(
    client: FlaskClient, editor: dict[str, str], redis_client: redis.Redis
) -> None:
    client.patch(OVERRIDE, json={"mood": "शांत"}, headers=editor)
    redis_client.delete(Keys("hs").entry(HINDI_ID))  # as the prune drops a generated record
    entry = client.get(HINDI).get_json()
    assert (entry["mood"], entry["source"]) == ("शांत", "override")


def test_the_openapi_document_lists_lang_and_its_400_on_every_horoscope_edit(client: FlaskClient) -> None:
    paths = client.get("/openapi.json").get_json()["paths"]
    operations = [
        paths["/v1/horoscopes/{sign}/{day}/override"][method] for method in ("put", "patch", "delete")
    ] + [
        paths["/v1/horoscopes/{sign}/{day}/history"]["get"],
        paths["/v1/horoscopes/{sign}/{day}/history/{revision}/restore"]["post"],
    ]
    for operation in operations:
        assert "lang" in {p["name"] for p in operation["parameters"]}
        assert "Hindi edition is Vedic only" in operation["responses"]["400"]["description"]
    assert "lang" not in {p["name"] for p in paths["/v1/listicles/{slug}/override"]["put"]["parameters"]}

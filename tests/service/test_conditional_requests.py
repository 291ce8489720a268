"""Validators and conditional GETs beyond ETags: If-Modified-Since, a Last-Modified that only moves
forward, validators on the static documents, and a 204 without a Content-Type."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.conftest import Clock
from tests.service.test_listicle_editing_api import NEW

ENTRY = "/v1/horoscopes/leo/2026-02-05"
PUBLISHED = "Wed, 04 Feb 2026 04:30:00 GMT"  # the test clock's instant, when the entry is first read


def test_if_modified_since_answers_304_when_nothing_changed(client: FlaskClient) -> None:
    first = client.get(ENTRY)  # composed by the view
    assert first.headers["Last-Modified"] == PUBLISHED
    for _ in range(2):  # then answered in front of Flask, from the process cache
        unchanged = client.get(ENTRY, headers={"If-Modified-Since": PUBLISHED})
        assert unchanged.status_code == 304
        assert unchanged.data == b""
        assert unchanged.headers["ETag"] == first.headers["ETag"]
    later = client.get(ENTRY, headers={"If-Modified-Since": "Thu, 05 Feb 2026 00:00:00 GMT"})
    assert later.status_code == 304


@pytest.mark.parametrize(
    "headers",
    [
        {"If-Modified-Since": "Tue, 03 Feb 2026 04:30:00 GMT"},  # older than the entry
        {"If-Modified-Since": "not a date"},  # ignored, as RFC 9110 asks
        {"If-Modified-Since": PUBLISHED, "If-None-Match": '"another"'},  # If-None-Match decides
    ],
)
def test_if_modified_since_answers_200_otherwise(client: FlaskClient, headers: dict[str, str]) -> None:
    client.get(ENTRY)
    response = client.get(ENTRY, headers=headers)
    assert response.status_code == 200
    assert response.get_json()["sign"] == "leo"


def test_a_revert_moves_last_modified_forward(
    client: FlaskClient, editor: dict[str, str], clock: Clock
) -> None:
    client.get(ENTRY)
    clock.advance(minutes=10)
    edited = client.patch(f"{ENTRY}/override", json={"mood": "Calm"}, headers=editor)
    assert edited.headers["Last-Modified"] == "Wed, 04 Feb 2026 04:40:00 GMT"
    clock.advance(minutes=10)
    reverted = client.delete(f"{ENTRY}/override", headers=editor)
    assert reverted.status_code == 200
    assert reverted.get_json()["source"] == "generated"
    assert reverted.get_json()["updated_at"] == "2026-02-04T04:50:00Z"
    assert reverted.headers["Last-Modified"] == "Wed, 04 Feb 2026 04:50:00 GMT"
    # A client holding the edited version must not be told it is current.
    stale = client.get(ENTRY, headers={"If-Modified-Since": edited.headers["Last-Modified"]})
    assert stale.status_code == 200
    assert stale.get_json()["mood"] != "Calm"


@pytest.mark.parametrize("path", ["/v1/signs", "/v1/signs/leo", "/v1/topics", "/openapi.json"])
def test_static_documents_carry_validators(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    etag = response.headers["ETag"]
    assert etag.startswith('"')  # strong
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""


def test_a_204_has_no_content_type(client: FlaskClient, editor: dict[str, str]) -> None:
    slug = client.post("/v1/listicles", json=NEW, headers=editor).get_json()["slug"]
    response = client.delete(f"/v1/listicles/{slug}", headers=editor)
    assert response.status_code == 204
    assert "Content-Type" not in response.headers


def test_every_operation_is_named_and_declares_its_conditional_headers(client: FlaskClient) -> None:
    paths = client.get("/openapi.json").get_json()["paths"]
    operations = {
        (method.upper(), path): operation
        for path, methods in paths.items()
        for method, operation in methods.items()
        if method != "parameters"
    }
    names = [operation["operationId"] for operation in operations.values()]
    assert len(names) == len(set(names)), "operationIds are unique"

    def headers(method: str, path: str) -> set[str]:
        return {p["name"] for p in operations[method, path].get("parameters", []) if p["in"] == "header"}

    assert operations["GET", "/v1/horoscopes/{sign}/{day}"]["operationId"] == "get_horoscope"
    assert {"If-None-Match", "If-Modified-Since"} <= headers("GET", "/v1/horoscopes/{sign}/{day}")
    assert "304" in operations["GET", "/v1/signs"]["responses"]
    for write in ("PUT", "PATCH", "DELETE"):
        assert "If-Match" in headers(write, "/v1/horoscopes/{sign}/{day}/override")
    assert "If-Match" in headers("POST", "/v1/listicles/{slug}/history/{revision}/restore")
    assert "If-Match" not in headers("POST", "/v1/listicles")  # a new listicle has no version to match

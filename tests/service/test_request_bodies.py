"""Every write's body: JSON only, bounded, parsed and validated with messages a person can act on."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.editing import Editing
from service.tokens import Editor
from tests.service.test_editing_api import ENTRY, FULL_EDIT, OVERRIDE, override_key
from tests.service.test_listicle_editing_api import DAY, NEW

LISTICLES = "/v1/listicles"
RUNS = "/v1/jobs/prefill/runs"


def first_slug(client: FlaskClient) -> str:
    slug: str = client.get(f"{LISTICLES}/{DAY}").get_json()["items"][0]["slug"]
    return slug


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    document: dict[str, Any] = response.get_json()
    assert document["status"] == status
    return document


def history(client: FlaskClient, editor: dict[str, str], entry: str = ENTRY) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.get(f"{entry}/history", headers=editor).get_json()["items"]
    return items


# --- 415: a body that is not JSON -----------------------------------------------------------------

NOT_JSON = [
    pytest.param({"content_type": "application/x-www-form-urlencoded"}, id="curl -d (form)"),
    pytest.param({"content_type": "text/plain"}, id="text/plain"),
    pytest.param({}, id="no Content-Type"),
]


@pytest.mark.parametrize("sent", NOT_JSON)
@pytest.mark.parametrize("method", ["PATCH", "PUT"])
def test_a_horoscope_edit_that_is_not_json_is_415_and_stores_nothing(
    client: FlaskClient, editor: dict[str, str], redis_client: Any, method: str, sent: dict[str, str]
) -> None:
    body = json.dumps({**FULL_EDIT, "mood": "ViaTheWrongType"}).encode()
    found = problem(client.open(OVERRIDE, method=method, data=body, headers=editor, **sent), 415)
    assert "Content-Type: application/json" in found["detail"]
    assert redis_client.get(override_key()) is None
    assert history(client, editor) == []
    assert client.get(ENTRY).get_json()["mood"] != "ViaTheWrongType"


def test_the_415_tells_a_curl_user_what_to_add(client: FlaskClient, editor: dict[str, str]) -> None:
    sent = client.patch(
        OVERRIDE, data="mood=Calm", content_type="application/x-www-form-urlencoded", headers=editor
    )
    detail = problem(sent, 415)["detail"]
    assert "application/x-www-form-urlencoded" in detail
    assert "--json" in detail


@pytest.mark.parametrize(
    ("method", "path", "role"),
    [
        ("PUT", "listicle", "editor"),
        ("PATCH", "listicle", "editor"),
        ("PATCH", "listicle-override", "editor"),
        ("POST", "listicle-restore", "editor"),
        ("POST", "horoscope-restore", "editor"),
        ("POST", LISTICLES, "editor"),
        ("POST", RUNS, "admin"),
    ],
)
def test_every_write_refuses_a_body_that_is_not_json(
    client: FlaskClient, tokens: dict[str, str], method: str, path: str, role: str
) -> None:
    slug = first_slug(client)
    path = {
        "listicle": f"{LISTICLES}/{slug}",
        "listicle-override": f"{LISTICLES}/{slug}/override",
        "listicle-restore": f"{LISTICLES}/{slug}/history/1/restore",
        "horoscope-restore": f"{ENTRY}/history/1/restore",
    }.get(path, path)
    headers = {"Authorization": f"Bearer {tokens[role]}"}
    sent = client.open(path, method=method, data=json.dumps(NEW), content_type="text/plain", headers=headers)
    assert "Content-Type: application/json" in problem(sent, 415)["detail"]
    assert client.get(f"{LISTICLES}/{DAY}").get_json()["items"][1]["title"] != NEW["title"]


def test_no_token_is_401_before_the_body_is_looked_at(client: FlaskClient) -> None:
    problem(client.patch(OVERRIDE, data="mood=Calm", content_type="text/plain"), 401)


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "application/merge-patch+json"])
def test_json_with_a_charset_or_a_json_suffix_is_accepted(
    client: FlaskClient, editor: dict[str, str], content_type: str
) -> None:
    sent = client.patch(
        OVERRIDE, data=json.dumps({"mood": "Calm"}), content_type=content_type, headers=editor
    )
    assert sent.status_code == 200
    assert sent.get_json()["mood"] == "Calm"


def test_a_job_run_needs_no_body_but_refuses_a_form(client: FlaskClient, tokens: dict[str, str]) -> None:
    admin = {"Authorization": f"Bearer {tokens['admin']}"}
    form = "application/x-www-form-urlencoded"
    problem(client.post(RUNS, data="date=2026-02-04", content_type=form, headers=admin), 415)
    assert client.post(RUNS, headers=admin).status_code == 201
    assert client.post(RUNS, data=b"", content_type=form, headers=admin).status_code == 201  # curl -d ''


def test_every_operation_with_a_body_documents_400_413_and_415(client: FlaskClient) -> None:
    paths = client.get("/openapi.json").get_json()["paths"]
    with_body = [
        (path, method, operation)
        for path, operations in paths.items()
        for method, operation in operations.items()
        if "requestBody" in operation
    ]
    assert len(with_body) >= 10
    for path, method, operation in with_body:
        documented = operation["responses"]
        assert {"400", "413", "415"} <= set(documented), (method, path)
        assert "application/problem+json" in documented["415"]["content"], (method, path)
        assert "Content-Type: application/json" in documented["415"]["description"]


# --- 400 and 413: what cannot be read -------------------------------------------------------------


def test_malformed_json_names_line_and_column(client: FlaskClient, editor: dict[str, str]) -> None:
    body = b'{\n  "title": "x",\n}'
    found = problem(client.patch(OVERRIDE, data=body, content_type="application/json", headers=editor), 400)
    assert "line 3, column 1" in found["detail"]
    assert "browser" not in found["detail"]


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b'{"mood": "Calm \xff"}', "not UTF-8"),
        (b'\xef\xbb\xbf{"mood": "Calm"}', "byte order mark"),
    ],
)
def test_bodies_that_are_not_utf8_json_say_so(
    client: FlaskClient, editor: dict[str, str], body: bytes, said: str
) -> None:
    found = problem(client.patch(OVERRIDE, data=body, content_type="application/json", headers=editor), 400)
    assert said in found["detail"]


def test_a_body_over_64_kib_says_the_limit(client: FlaskClient, editor: dict[str, str]) -> None:
    body = json.dumps({"teaser": "x" * 70_000}).encode()
    found = problem(client.patch(OVERRIDE, data=body, content_type="application/json", headers=editor), 413)
    assert "64 KiB" in found["detail"]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param('{"body": ' + "[" * 5000 + "]" * 5000 + "}", id="arrays 5000 deep"),
        pytest.param('{"sections": ' + '{"a":' * 5000 + "1" + "}" * 5000 + "}", id="objects 5000 deep"),
        pytest.param('{"lucky": {"number": ' + "9" * 5000 + "}}", id="a 5000-digit number"),
        pytest.param('{"lucky": {"number": -' + "9" * 5000 + "}}", id="a 5000-digit negative number"),
    ],
)
def test_pathological_json_is_a_problem_not_a_500(
    app: Flask, editor: dict[str, str], redis_client: Any, body: str
) -> None:
    app.testing = False  # answer a crash with a 500, as in production, instead of raising it here
    sent = app.test_client().patch(OVERRIDE, data=body, content_type="application/json", headers=editor)
    assert problem(sent, 400)["detail"].startswith("The body")
    assert redis_client.get(override_key()) is None


def test_deep_but_parseable_json_is_a_field_error(client: FlaskClient, editor: dict[str, str]) -> None:
    body = '{"body": ' + "[" * 500 + "]" * 500 + "}"
    found = problem(client.patch(OVERRIDE, data=body, content_type="application/json", headers=editor), 422)
    assert found["detail"].startswith("Some fields are invalid: body[0]:")


# --- 422: field errors a person can act on --------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"body": [f"Paragraph {n}." for n in range(50)]}, "body: 1 to 10 paragraphs."),
        ({"body": ["Fine.", "<b>bold</b>"]}, "body[1]: Markup is not allowed"),
        ({"title": "x" * 201}, "title: At most 200 characters."),
        ({"mood": ""}, "mood: Must not be blank."),
        ({"sections": {"love": {"rating": 9}}}, "sections.love.rating: A rating from 1 to 5."),
        ({"sections": "love"}, "sections: Must be a JSON object"),
        ({"titel": "x"}, "titel: Unknown field."),
    ],
)
def test_field_errors_name_the_field_and_what_it_takes(
    client: FlaskClient, editor: dict[str, str], body: Any, detail: str
) -> None:
    found = problem(client.patch(OVERRIDE, json=body, headers=editor), 422)
    assert detail in found["detail"]
    assert "json." not in found["detail"]
    assert "_schema" not in found["detail"]


def test_a_body_that_is_not_an_object_says_so(client: FlaskClient, editor: dict[str, str]) -> None:
    found = problem(client.patch(OVERRIDE, json=["mood", "Calm"], headers=editor), 422)
    assert (
        found["detail"]
        == 'Some fields are invalid: the body: Must be a JSON object of fields, like {"note": "..."}.'
    )


@pytest.mark.parametrize("value", ["7", 7.5, 7.0, True, "0x7"])
def test_whole_numbers_are_never_coerced(
    client: FlaskClient, editor: dict[str, str], redis_client: Any, value: Any
) -> None:
    for body, field in [
        ({"lucky": {"number": value}}, "lucky.number"),
        ({"sections": {"love": {"rating": value}}}, "sections.love.rating"),
    ]:
        found = problem(client.patch(OVERRIDE, json=body, headers=editor), 422)
        assert f"{field}: Must be a whole number" in found["detail"]
    assert redis_client.get(override_key()) is None
    placed = problem(client.post(LISTICLES, json={**NEW, "position": value}, headers=editor), 422)
    assert "position: Must be a whole number" in placed["detail"]


def test_whole_numbers_still_pass(client: FlaskClient, editor: dict[str, str]) -> None:
    sent = client.patch(
        OVERRIDE, json={"lucky": {"number": 7}, "sections": {"love": {"rating": 5}}}, headers=editor
    )
    assert sent.status_code == 200
    assert sent.get_json()["lucky"]["number"] == 7


# --- plain text: markup, invisible characters, blanks ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Stars <img src=x onerror=alert(document.domain)//",
        "</script x",
        '<a href="javascript:alert(1)"',
        "<iframe src=//evil.example",
        "x <!-- y",
        "<?xml",
        "<svg/onload=alert(1)>",
    ],
)
def test_markup_is_refused_closed_or_not(
    client: FlaskClient, editor: dict[str, str], redis_client: Any, text: str
) -> None:
    found = problem(client.patch(OVERRIDE, json={"headline": text}, headers=editor), 422)
    assert "headline: Markup is not allowed" in found["detail"]
    assert redis_client.get(override_key()) is None


def test_markup_is_refused_in_a_listicle_item(client: FlaskClient, editor: dict[str, str]) -> None:
    items = [
        {**item, "body": "<img src=x onerror=alert(1)//"} if n == 1 else item
        for n, item in enumerate(NEW["items"])
    ]
    found = problem(client.post(LISTICLES, json={**NEW, "items": items}, headers=editor), 422)
    assert "items[1].body: Markup is not allowed" in found["detail"]


@pytest.mark.parametrize("text", ["a < b and c > d", "3 < 5", "Love <3", "Rs 100 & more"])
def test_prose_with_angle_brackets_passes(client: FlaskClient, editor: dict[str, str], text: str) -> None:
    sent = client.patch(OVERRIDE, json={"headline": text}, headers=editor)
    assert sent.status_code == 200
    assert sent.get_json()["headline"] == text


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Leo \u202eeganam ytinrev", "U+202E"),
        ("a\u2066b\u2069c", "U+2066"),
        ("a\u061cb", "U+061C"),
        ("Wi\u200bse", "U+200B"),
        ("Left\u200emark", "U+200E"),
        ("Word\u2060joiner", "U+2060"),
        ("\ufeffWise", "U+FEFF"),
        ("a\U000e0041\U000e0042b", "U+E0041"),
        ("a\uffffb", "U+FFFF"),
        ("a\ufdd0b", "U+FDD0"),
        ("\u200d", "U+200D"),
        ("\u200c\u200c", "U+200C"),
        ("Wise\u200d", "U+200D"),
    ],
)
def test_invisible_and_bidi_characters_are_refused(
    client: FlaskClient, editor: dict[str, str], text: str, named: str
) -> None:
    found = problem(client.patch(OVERRIDE, json={"headline": text}, headers=editor), 422)
    assert f"headline: Invisible or direction-changing character {named}" in found["detail"]


@pytest.mark.parametrize("text", ["\u3164", "\u2800\u2800", "\u00a0", "\u3000 \u3164", "\u0301"])
def test_text_with_nothing_visible_is_blank(client: FlaskClient, editor: dict[str, str], text: str) -> None:
    found = problem(client.patch(OVERRIDE, json={"headline": text}, headers=editor), 422)
    assert "headline: Must not be blank." in found["detail"]


@pytest.mark.parametrize(
    "text",
    [
        "सिंह राशि: आज का दिन शुभ है",
        "क्\u200dष और क्\u200cष",  # ZWJ and ZWNJ after a virama: how Devanagari spells conjuncts
        "می\u200cخواهم",  # ZWNJ inside a Persian word
        "Family \U0001f468\u200d\U0001f469\u200d\U0001f467 day",  # an emoji ZWJ sequence
        "Caf\u00e9 au lait",
    ],
)
def test_real_scripts_and_joiners_inside_words_pass(
    client: FlaskClient, editor: dict[str, str], text: str
) -> None:
    sent = client.patch(OVERRIDE, json={"headline": text}, headers=editor)
    assert sent.status_code == 200, sent.get_json()
    assert sent.get_json()["headline"] == text


# --- tags ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "said"),
    [("a" * 41, "1 to 40 characters"), ("Monsoon", "lower-case"), ("a--b", "lower-case"), ("", "1 to 40")],
)
def test_each_tag_is_short_and_plain(
    client: FlaskClient, editor: dict[str, str], tag: str, said: str
) -> None:
    found = problem(client.post(LISTICLES, json={**NEW, "tags": ["monsoon", tag]}, headers=editor), 422)
    assert "tags[1]: " in found["detail"]
    assert said in found["detail"]


def test_ten_tags_of_6000_characters_are_refused(client: FlaskClient, editor: dict[str, str]) -> None:
    problem(client.post(LISTICLES, json={**NEW, "tags": ["a" * 6000] * 10}, headers=editor), 422)
    assert client.post(LISTICLES, json={**NEW, "tags": ["a" * 40] * 10}, headers=editor).status_code == 201


def test_the_tag_limit_is_in_the_openapi_document(client: FlaskClient) -> None:
    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    for name in ("NewListicle", "ListicleReplace", "ListiclePatch"):
        tag = schemas[name]["properties"]["tags"]["items"]
        assert tag["maxLength"] == 40, name
        assert tag["pattern"], name


# --- JSON-LD is safe inside a <script> element ----------------------------------------------------


def test_jsonld_escapes_angle_brackets_and_ampersands(
    app: Flask, client: FlaskClient, editor: dict[str, str]
) -> None:
    slug = first_slug(client)
    client.patch(f"{LISTICLES}/{slug}/override", json={"teaser": "Sleep > scrolling & a < b"}, headers=editor)
    # An older record, stored before the stricter check: the rendering alone must keep it inert.
    with app.app_context():
        editing = Editing(app.extensions["horoscope"].publisher)
        older = {"title": "Sleep </script><img src=x onerror=alert(1)>"}
        editing.patch(editing.listicle(slug), older, Editor("legacy", "editor"), None)
    for answer in (
        client.get(f"{LISTICLES}/{slug}?format=jsonld"),
        client.get(f"{LISTICLES}/{slug}", headers={"Accept": "application/ld+json"}),
    ):
        assert answer.mimetype == "application/ld+json"
        raw = answer.get_data(as_text=True)
        assert not {"<", ">", "&"} & set(raw)
        assert "\\u003c/script\\u003e" in raw
        document = json.loads(raw)
        assert document["name"] == "Sleep </script><img src=x onerror=alert(1)>"
        assert document["description"] == "Sleep > scrolling & a < b"
    assert client.get(f"{LISTICLES}/{slug}").get_json()["teaser"] == "Sleep > scrolling & a < b"

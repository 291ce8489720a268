"""`lang` on every read with a Hindi edition: en or hi; anything else is a 400 problem naming the
parameter and what it accepts, while every other bad query argument stays a 422."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

READS = (
    "/v1/horoscopes/leo/2026-02-05",
    "/v1/horoscopes/2026-02-05",
    "/v1/signs",
    "/v1/signs/leo",
    "/v1/panchang/2026-02-05",
    "/v1/feed",
    "/v1/feed.rss",
)
DOCUMENTED = (
    ("/v1/horoscopes/{sign}/{day}", "get"),
    ("/v1/horoscopes/{day}", "get"),
    ("/v1/signs", "get"),
    ("/v1/signs/{sign}", "get"),
    ("/v1/panchang/{day}", "get"),
    ("/v1/feed", "get"),
    ("/v1/feed.rss", "get"),
)


@pytest.mark.parametrize("read", READS)
@pytest.mark.parametrize("lang", ["fr", "HI", "hi-IN", "en-in", ""])
def test_an_unknown_language_is_a_400_problem_naming_the_parameter_and_its_values(
    client: FlaskClient, read: str, lang: str
) -> None:
    response = client.get(f"{read}?lang={lang}")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == 400
    assert f"'{lang}' is not a language of this API: use en (the default) or hi." in problem["detail"]
    assert "lang" in problem["detail"]
    assert list(problem["errors"]["query"]) == ["lang"]


@pytest.mark.parametrize("read", READS)
def test_en_and_hi_are_answered(client: FlaskClient, read: str) -> None:
    assert client.get(f"{read}?lang=en").status_code == 200
    hindi = client.get(f"{read}?lang=hi")
    assert hindi.status_code == 200
    assert hindi.headers["Content-Language"] == "hi"


def test_other_bad_arguments_stay_422_and_a_bad_language_beside_them_makes_it_400(
    client: FlaskClient,
) -> None:
    period = client.get("/v1/horoscopes/leo/2026-02-05?period=yearly&lang=hi")
    assert period.status_code == 422
    assert list(period.get_json()["errors"]["query"]) == ["period"]
    both = client.get("/v1/horoscopes/leo/2026-02-05?period=yearly&lang=fr")
    assert both.status_code == 400
    assert set(both.get_json()["errors"]["query"]) == {"period", "lang"}


def test_a_bad_language_is_cached_briefly_like_any_bad_query(client: FlaskClient) -> None:
    bad_language = client.get("/v1/horoscopes/leo/2026-02-05?lang=fr").headers["Cache-Control"]
    bad_period = client.get("/v1/horoscopes/leo/2026-02-05?period=yearly").headers["Cache-Control"]
    assert bad_language == bad_period
    assert bad_language.startswith("public, max-age=")


@pytest.mark.parametrize(("path", "method"), DOCUMENTED)
def test_the_openapi_document_declares_the_400_and_the_accepted_values(
    client: FlaskClient, path: str, method: str
) -> None:
    spec = client.get("/openapi.json").get_json()
    operation = spec["paths"][path][method]
    lang = next(p for p in operation["parameters"] if p["name"] == "lang")
    assert lang["in"] == "query"
    assert lang["schema"]["enum"] == ["en", "hi"]
    assert lang["schema"]["default"] == "en"
    assert "400" in lang["description"]
    answer = operation["responses"]["400"]
    assert "`lang` is not en (the default) or hi." in answer["description"]
    assert answer["content"]["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_operations_without_lang_document_no_language_400(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    for path in ("/v1/cities", "/v1/topics", "/healthz"):
        assert "400" not in spec["paths"][path]["get"]["responses"], path

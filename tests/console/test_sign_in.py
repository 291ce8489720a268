"""Signing in to the console: the token exchanged for a server-side session, cookies, CSRF, limits,
revocation and signing out (Flask's test client against a real Redis)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import Clock
from tests.console.forms import csrf_of, form, sign_in, status_text

TOMORROW = "/console/2026-02-05"
LEO = f"{TOMORROW}/leo"


def test_a_page_without_a_session_sends_the_browser_to_sign_in_and_back(
    client: FlaskClient, tokens: dict[str, str]
) -> None:
    answer = client.get(LEO + "?period=daily")
    assert answer.status_code == 303
    assert (
        answer.headers["Location"] == "/console/sign-in?next=%2Fconsole%2F2026-02-05%2Fleo%3Fperiod%3Ddaily"
    )
    page = client.get(answer.headers["Location"])
    assert 'for="token">Token</label>' in page.text
    assert ">Sign in</button>" in page.text
    sent = form(page.text, "/console/sign-in")
    answer = client.post("/console/sign-in", data={**sent, "token": tokens["editor"]})
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/console/2026-02-05/leo?period=daily"
    assert client.get(answer.headers["Location"]).status_code == 200


def test_signing_in_sets_a_session_cookie_that_scripts_and_other_sites_cannot_use(
    client: FlaskClient, tokens: dict[str, str], redis_client: object
) -> None:
    page = client.get("/console/sign-in")
    answer = client.post(
        "/console/sign-in", data={"csrf_token": csrf_of(page.text), "token": tokens["editor"]}
    )
    cookie = next(c for c in answer.headers.getlist("Set-Cookie") if c.startswith("console_session="))
    attributes = [part.strip() for part in cookie.split(";")]
    assert {"HttpOnly", "SameSite=Strict", "Path=/console"} <= set(attributes)
    assert "Secure" not in attributes  # the test client talks to localhost over plain http
    session_id = attributes[0].removeprefix("console_session=")
    # Redis keeps the session under a digest of the cookie, never the cookie itself, nor the token.
    key = "hs:{tokens}:console-session:" + hashlib.sha256(session_id.encode()).hexdigest()
    record = redis_client.get(key)  # type: ignore[attr-defined]
    assert record is not None
    assert session_id.encode() not in record
    assert tokens["editor"].encode() not in record


def test_cookies_are_secure_unless_the_browser_is_on_loopback(app: Flask, tokens: dict[str, str]) -> None:
    for base_url, headers in (
        ("https://desk.portal.example", {}),
        ("http://desk.portal.example", {}),
        ("http://127.0.0.1:8000", {"X-Forwarded-Proto": "https"}),  # a proxy on the same host
    ):
        with app.test_client() as browser:
            page = browser.get("/console/sign-in", base_url=base_url, headers=headers)
            cookie = page.headers["Set-Cookie"]
            assert "; Secure" in cookie, (base_url, headers)


def test_console_answers_are_private_and_never_stored(client: FlaskClient, tokens: dict[str, str]) -> None:
    for path in ("/console/sign-in", "/console/static/console.css", "/console/no/such/page"):
        with client.get(path) as answer:  # a static file's answer holds the file open until closed
            assert answer.headers["Cache-Control"] == "private, no-store", path
    sign_in(client, tokens["editor"])
    answer = client.get(TOMORROW)
    assert answer.headers["Cache-Control"] == "private, no-store"
    assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
    missing = client.get("/console/no/such/page")
    assert missing.status_code == 404
    assert missing.mimetype == "text/html"


def test_a_bad_token_is_refused_and_counted_like_the_apis_then_limited(
    make_app: Callable[..., Flask], tokens: dict[str, str]
) -> None:
    app = make_app(auth_failures_per_minute=2)
    with app.test_client() as browser:
        for _ in range(2):
            page = browser.get("/console/sign-in")
            answer = browser.post(
                "/console/sign-in",
                data={"csrf_token": csrf_of(page.text), "token": "hs_0123456789abcdef_wrong"},
            )
            assert answer.status_code == 401
            assert "The token is not valid" in answer.text
        page = browser.get("/console/sign-in")
        answer = browser.post(
            "/console/sign-in", data={"csrf_token": csrf_of(page.text), "token": "hs_0123456789abcdef_wrong"}
        )
        assert answer.status_code == 429
        assert int(answer.headers["Retry-After"]) >= 1
        assert "Too many failed authentications" in answer.text
        # The API counts the same failures: the address is locked out there too.
        api = browser.patch(
            "/v1/horoscopes/leo/tomorrow/override", headers={"Authorization": "Bearer hs_x_y"}
        )
        assert api.status_code == 429
        # A valid token is never refused.
        sign_in(browser, tokens["editor"])


def test_the_sign_in_form_needs_its_own_csrf_cookie(app: Flask, tokens: dict[str, str]) -> None:
    with app.test_client() as browser:  # another site's form: no sign-in cookie came with it
        answer = browser.post("/console/sign-in", data={"csrf_token": "forged", "token": tokens["editor"]})
        assert answer.status_code == 403
        assert not any(c.startswith("console_session=") for c in answer.headers.getlist("Set-Cookie"))


def test_a_form_without_the_sessions_csrf_token_changes_nothing_and_gives_the_text_back(
    client: FlaskClient, tokens: dict[str, str]
) -> None:
    sign_in(client, tokens["editor"])
    sent = form(client.get(LEO).text, LEO)
    answer = client.post(LEO, data={**sent, "csrf_token": "from-another-site", "headline": "Forged Words"})
    assert answer.status_code == 403
    assert "nothing was saved" in answer.text
    assert "Forged Words" in answer.text  # what was typed comes back, to copy
    assert client.get("/v1/horoscopes/leo/2026-02-05").get_json()["source"] == "generated"
    answer = client.post(LEO, data={key: value for key, value in sent.items() if key != "csrf_token"})
    assert answer.status_code == 403


def test_revoking_the_token_ends_its_sessions_at_once(
    app: Flask, client: FlaskClient, tokens: dict[str, str]
) -> None:
    sign_in(client, tokens["editor"])
    sent = form(client.get(LEO).text, LEO)
    assert app.extensions["horoscope"].tokens.revoke("asha")
    assert client.get(LEO).status_code == 303  # back to sign in
    answer = client.post(LEO, data={**sent, "headline": "Typed Before The Revocation"})
    assert answer.status_code == 401
    assert "Typed Before The Revocation" in answer.text
    assert client.get("/v1/horoscopes/leo/2026-02-05").get_json()["source"] == "generated"


def test_a_session_ends_with_its_tokens_expiry_and_its_own_lifetime(
    app: Flask, clock: Clock, tokens: dict[str, str]
) -> None:
    short = app.extensions["horoscope"].tokens.create("brief", "editor", clock(), clock().replace(hour=6))
    with app.test_client() as browser:
        sign_in(browser, short)
        assert browser.get(TOMORROW).status_code == 200
        clock.advance(hours=2)  # past 06:00 UTC, when the token expires
        assert browser.get(TOMORROW).status_code == 303
    with app.test_client() as browser:
        sign_in(browser, tokens["editor"])
        clock.advance(hours=11, minutes=59)
        assert browser.get(TOMORROW).status_code == 200
        clock.advance(minutes=2)  # HOROSCOPE_CONSOLE_SESSION_HOURS: 12
        assert browser.get(TOMORROW).status_code == 303


def test_signing_out_ends_the_session_on_the_server(app: Flask, tokens: dict[str, str]) -> None:
    with app.test_client() as browser:
        sign_in(browser, tokens["editor"])
        cookie = browser.get_cookie("console_session", path="/console")
        assert cookie is not None
        board = browser.get(TOMORROW)
        answer = browser.post("/console/sign-out", data={"csrf_token": csrf_of(board.text)})
        assert answer.status_code == 303
        signed_out = browser.get(answer.headers["Location"])
        assert status_text(signed_out.text) == "You are signed out."
    with app.test_client() as replay:  # the old cookie, replayed, opens nothing
        replay.set_cookie("console_session", cookie.value, path="/console")
        assert replay.get(TOMORROW).status_code == 303


def test_console_writes_count_against_the_tokens_write_limit(
    make_app: Callable[..., Flask], tokens: dict[str, str]
) -> None:
    app = make_app(writes_per_minute=1)
    with app.test_client() as browser:
        sign_in(browser, tokens["editor"])
        sent = form(browser.get(LEO).text, LEO)
        assert browser.post(LEO, data={**sent, "headline": "One"}).status_code == 303
        sent = form(browser.get(LEO).text, LEO)
        answer = browser.post(LEO, data={**sent, "headline": "Two"})
        assert answer.status_code == 429
        assert "Retry-After" in answer.headers
        assert "Two" in answer.text

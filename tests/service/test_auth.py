"""Bearer tokens through the API against real Redis: lockouts that never block a valid token, the real
client address behind trusted proxies, sliding windows that hold under concurrency, per-token write
limits, expiry, and who is named in the access lines."""

from __future__ import annotations

import io
import json
import threading
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import Clock

ENTRY = "/v1/horoscopes/leo/2026-02-05"
OVERRIDE = f"{ENTRY}/override"
UNKNOWN = "Bearer hs_deadbeefdeadbeef_guess"


def patch(client: FlaskClient, authorization: str, address: str = "127.0.0.1", **headers: str) -> Any:
    """An empty PATCH (a write that changes nothing) from `address`."""
    return client.patch(
        OVERRIDE,
        json={},
        headers={"Authorization": authorization, **headers},
        environ_base={"REMOTE_ADDR": address},
    )


def guess(client: FlaskClient, number: int, address: str = "127.0.0.1", **headers: str) -> Any:
    """A bad token, each one different (a new id each time unless the caller fixes it)."""
    return patch(client, f"Bearer hs_{number:016x}_guess", address, **headers)


def test_a_valid_token_works_from_a_locked_out_address(client: FlaskClient, editor: dict[str, str]) -> None:
    assert [guess(client, n).status_code for n in range(10)] == [401] * 10
    locked = guess(client, 10)
    assert locked.status_code == 429
    assert locked.mimetype == "application/problem+json"
    assert 0 < int(locked.headers["Retry-After"]) <= 60
    assert "from 127.0.0.1" in locked.json["detail"]
    assert patch(client, editor["Authorization"]).status_code == 200, "a token that verifies is never refused"
    assert patch(client, UNKNOWN, "127.0.0.2").status_code == 401, "other addresses are not locked out"


def test_missing_tokens_are_not_failures(client: FlaskClient) -> None:
    for _ in range(12):
        assert client.patch(OVERRIDE, json={}).status_code == 401
    assert guess(client, 1).status_code == 401


def test_failures_are_counted_per_token_id_across_addresses(client: FlaskClient) -> None:
    wrong_secret = "Bearer hs_0123456789abcdef_guess"
    answers = [patch(client, wrong_secret, f"10.1.0.{n}").status_code for n in range(11)]
    assert answers == [401] * 10 + [429], "many addresses guessing one token's secret share its limit"
    limited = patch(client, wrong_secret, "10.1.0.99")
    assert (limited.status_code, "with this token id" in limited.json["detail"]) == (429, True)
    assert patch(client, UNKNOWN, "10.1.0.99").status_code == 401, "that address is not locked out"


def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(client: FlaskClient) -> None:
    answers = [
        guess(client, n, "10.0.0.5", **{"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(11)
    ]
    assert answers == [401] * 10 + [429], "a client cannot dodge the limit by making up X-Forwarded-For"


def test_behind_a_trusted_proxy_every_client_has_its_own_limit(
    make_app: Callable[..., Flask], clock: Clock
) -> None:
    app = make_app(trusted_proxies="10.0.0.0/8")
    client = app.test_client()
    token = app.extensions["horoscope"].tokens.create("asha", "editor", clock())
    proxy = "10.0.0.5"
    for n in range(10):
        # The client's own X-Forwarded-For entries (left of what the proxies added) are not believed.
        forwarded = f"198.51.100.{n}, 203.0.113.7, 10.0.0.9"
        assert guess(client, n, proxy, **{"X-Forwarded-For": forwarded}).status_code == 401
    assert guess(client, 10, proxy, **{"X-Forwarded-For": "203.0.113.7"}).status_code == 429
    assert guess(client, 11, proxy, **{"X-Forwarded-For": "203.0.113.8"}).status_code == 401, "a colleague"
    valid = patch(client, f"Bearer {token}", proxy, **{"X-Forwarded-For": "203.0.113.7"})
    assert valid.status_code == 200


def test_the_failure_window_slides(client: FlaskClient, clock: Clock) -> None:
    assert [guess(client, n).status_code for n in range(5)] == [401] * 5
    clock.advance(seconds=30)
    assert [guess(client, n).status_code for n in range(5, 10)] == [401] * 5
    clock.advance(seconds=29.5)
    limited = guess(client, 10)
    assert (limited.status_code, limited.headers["Retry-After"]) == (429, "1")
    clock.advance(seconds=1)  # the first five are older than 60 s; the next five are not
    assert [guess(client, n).status_code for n in range(11, 16)] == [401] * 5
    limited = guess(client, 16)
    assert (limited.status_code, limited.headers["Retry-After"]) == (429, "30")


def parallel(count: int, request: Callable[[FlaskClient, int], Any], app: Flask) -> Counter[int]:
    """Send `count` requests at once, each from its own thread and client; their statuses."""
    start = threading.Barrier(count)
    statuses: list[int] = []

    def send(number: int) -> None:
        client = app.test_client()
        start.wait()
        statuses.append(request(client, number).status_code)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Counter(statuses)


def test_parallel_guesses_cannot_pass_the_limit(app: Flask) -> None:
    assert parallel(60, guess, app) == {401: 10, 429: 50}


def test_writes_are_limited_per_token(make_app: Callable[..., Flask], clock: Clock) -> None:
    app = make_app(writes_per_minute=3)
    client = app.test_client()
    issued = app.extensions["horoscope"].tokens
    asha, ravi = (f"Bearer {issued.create(name, 'editor', clock())}" for name in ("asha", "ravi"))
    assert [patch(client, asha).status_code for _ in range(3)] == [200] * 3
    limited = patch(client, asha)
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "60"
    assert "'asha' reached its limit of 3 writes in any 60 s" in limited.json["detail"]
    history = client.get(f"{ENTRY}/history", headers={"Authorization": asha})
    assert history.status_code == 200, "reads do not count"
    assert patch(client, ravi).status_code == 200, "each token has its own limit"
    clock.advance(seconds=60)
    assert patch(client, asha).status_code == 200


def test_parallel_writes_cannot_pass_the_limit(make_app: Callable[..., Flask], clock: Clock) -> None:
    app = make_app(writes_per_minute=5)
    token = f"Bearer {app.extensions['horoscope'].tokens.create('asha', 'editor', clock())}"
    assert parallel(20, lambda client, _: patch(client, token), app) == {200: 5, 429: 15}


def test_expired_tokens_are_refused_saying_when(app: Flask, client: FlaskClient, clock: Clock) -> None:
    issued = app.extensions["horoscope"].tokens
    token = f"Bearer {issued.create('asha', 'editor', clock(), clock() + timedelta(days=90))}"
    assert patch(client, token).status_code == 200
    clock.advance(days=90)
    expired = patch(client, token)
    assert expired.status_code == 401
    assert expired.json["detail"] == (
        "The token 'asha' expired at 2026-05-05T04:30:00Z; ask an admin for a new one."
    )
    assert 'error="invalid_token"' in expired.headers["WWW-Authenticate"]


def test_access_lines_name_the_client_and_the_editor(make_app: Callable[..., Flask], clock: Clock) -> None:
    app = make_app(trusted_proxies="10.0.0.5")
    token = app.extensions["horoscope"].tokens.create("asha", "editor", clock())
    lines = io.StringIO()
    app.wsgi_app.stream = lines  # type: ignore[attr-defined]
    client = app.test_client()
    forwarded = {"X-Forwarded-For": "203.0.113.7"}
    client.get(ENTRY, headers=forwarded, environ_base={"REMOTE_ADDR": "10.0.0.5"})
    client.get(ENTRY, headers=forwarded, environ_base={"REMOTE_ADDR": "192.0.2.1"})  # not a trusted proxy
    patch(client, f"Bearer {token}", "10.0.0.5", **forwarded)
    guess(client, 1, "10.0.0.5", **forwarded)
    read, direct, write, refused = (json.loads(line) for line in lines.getvalue().splitlines())
    assert (read["client"], "editor" in read) == ("203.0.113.7", False)
    assert direct["client"] == "192.0.2.1"
    assert (write["method"], write["status"], write["client"], write["editor"]) == (
        "PATCH",
        200,
        "203.0.113.7",
        "asha",
    )
    assert (refused["status"], refused["client"], "editor" in refused) == (401, "203.0.113.7", False)


@pytest.mark.parametrize("value", ["10.0.0.0/33", "proxy.internal", " , "])
def test_trusted_proxies_must_be_addresses(value: str) -> None:
    from service.config import Config, ConfigError

    with pytest.raises(ConfigError, match="HOROSCOPE_TRUSTED_PROXIES"):
        Config.from_env({"HOROSCOPE_TRUSTED_PROXIES": value})

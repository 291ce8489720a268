"""Editors' overrides, history, restore and If-Match, through the API against real Redis."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from service.content.calendar import Period
from service.content.zodiac import Sign, System
from service.redis_server import RedisServer
from service.store import Keys, horoscope_id
from tests.conftest import Clock

ENTRY = "/v1/horoscopes/leo/2026-02-05"
OVERRIDE = f"{ENTRY}/override"
FULL_EDIT: dict[str, Any] = {
    "title": "Leo Horoscope Tomorrow, February 05, 2026: Bold Moves And Warm Words",
    "headline": "Bold Moves And Warm Words",
    "teaser": "Leo Horoscope: Hello, radiant Leo! A day to lead with your heart.",
    "body": ["An editor wrote this paragraph.", "And this one, with care."],
    "sections": {
        area: {"text": f"The {area} section, by an editor.", "rating": 4}
        for area in ("love", "career", "money", "health")
    },
    "lucky": {"number": 7, "color": "Saffron", "time": "9:00 AM - 10:30 AM"},
    "mood": "Confident",
    "compatibility": "aries",
    "note": "Rewritten for the festival special.",
}


def override_key(entry: str = "horoscope:tropical:daily:leo:2026-02-05") -> str:
    return Keys("hs").override(entry)


def test_writes_need_a_bearer_token(client: FlaskClient) -> None:
    missing = client.patch(OVERRIDE, json={"title": "x"})
    assert missing.status_code == 401
    assert missing.mimetype == "application/problem+json"
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = client.patch(OVERRIDE, json={"title": "x"}, headers={"Authorization": "Bearer hs_0000_guess"})
    assert wrong.status_code == 401
    assert 'error="invalid_token"' in wrong.headers["WWW-Authenticate"]
    assert client.get(f"{ENTRY}/history").status_code == 401


def test_revoked_tokens_stop_working(app: Flask, client: FlaskClient, editor: dict[str, str]) -> None:
    assert client.patch(OVERRIDE, json={"mood": "Calm"}, headers=editor).status_code == 200
    assert app.extensions["horoscope"].tokens.revoke("asha")
    assert client.patch(OVERRIDE, json={"mood": "Bold"}, headers=editor).status_code == 401


def test_put_replaces_every_editable_field(client: FlaskClient, editor: dict[str, str]) -> None:
    response = client.put(OVERRIDE, json=FULL_EDIT, headers=editor)
    assert response.status_code == 200
    entry = response.get_json()
    assert entry["source"] == "override"
    assert entry["title"] == FULL_EDIT["title"]
    assert entry["body"] == FULL_EDIT["body"]
    assert "sections.love.text" in entry["overridden"]
    assert "note" not in entry
    assert response.headers["ETag"] == client.get(ENTRY).headers["ETag"]
    assert client.get(ENTRY).get_json() == entry


def test_put_must_send_every_field(client: FlaskClient, editor: dict[str, str], redis_client) -> None:
    partial = {key: value for key, value in FULL_EDIT.items() if key not in ("mood", "lucky")}
    response = client.put(OVERRIDE, json=partial, headers=editor)
    assert response.status_code == 422
    assert "mood" in response.get_json()["detail"]
    assert "lucky" in response.get_json()["errors"]["json"]
    assert redis_client.get(override_key()) is None


def test_patch_changes_only_what_is_given(client: FlaskClient, editor: dict[str, str]) -> None:
    generated = client.get(ENTRY).get_json()
    first = client.patch(
        OVERRIDE, json={"sections": {"love": {"text": "Say it plainly today."}}}, headers=editor
    )
    assert first.status_code == 200
    entry = first.get_json()
    assert entry["overridden"] == ["sections.love.text"]
    assert entry["sections"]["love"] == {
        "text": "Say it plainly today.",
        "rating": generated["sections"]["love"]["rating"],
    }
    assert entry["body"] == generated["body"]
    second = client.patch(OVERRIDE, json={"mood": "Playful"}, headers=editor).get_json()
    assert second["overridden"] == ["mood", "sections.love.text"]
    assert second["title"] == generated["title"]  # still the generated, relative title


def test_an_empty_patch_changes_nothing(client: FlaskClient, editor: dict[str, str]) -> None:
    response = client.patch(OVERRIDE, json={}, headers=editor)
    assert response.status_code == 200
    assert response.get_json()["source"] == "generated"
    assert client.get(f"{ENTRY}/history", headers=editor).get_json()["items"] == []


def test_no_token_means_no_validation_hints(client: FlaskClient) -> None:
    response = client.put(OVERRIDE, json={"title": "<b>x</b>"})
    assert response.status_code == 401
    assert "errors" not in response.get_json()


def test_revert_restores_the_generated_text(client: FlaskClient, editor: dict[str, str]) -> None:
    generated = client.get(ENTRY).get_json()
    client.patch(OVERRIDE, json={"teaser": "Leo Horoscope: A new teaser."}, headers=editor)
    reverted = client.delete(f"{OVERRIDE}?note=Back%20to%20the%20original", headers=editor)
    assert reverted.status_code == 200
    entry = reverted.get_json()
    assert entry["source"] == "generated"
    assert {k: v for k, v in entry.items() if k != "updated_at"} == {
        k: v for k, v in generated.items() if k != "updated_at"
    }
    again = client.delete(OVERRIDE, headers=editor)
    assert again.status_code == 404


def test_history_and_restore(client: FlaskClient, editor: dict[str, str], clock: Clock) -> None:
    client.patch(OVERRIDE, json={"mood": "Calm", "note": "first"}, headers=editor)
    clock.advance(minutes=5)
    client.patch(OVERRIDE, json={"mood": "Bold"}, headers=editor)
    clock.advance(minutes=5)
    client.delete(OVERRIDE, headers=editor)
    history = client.get(f"{ENTRY}/history", headers=editor).get_json()["items"]
    assert [record["id"] for record in history] == [3, 2, 1]
    assert [record["action"] for record in history] == ["revert", "patch", "patch"]
    assert history[2]["by"] == "asha"
    assert history[2]["note"] == "first"
    assert history[2]["at"] == "2026-02-04T04:30:00Z"
    assert history[1]["changes"] == [{"field": "mood", "before": "Calm", "after": "Bold"}]
    assert history[0]["changes"][0]["before"] == "Bold"

    restored = client.post(f"{ENTRY}/history/1/restore", json={"note": "Calm was right"}, headers=editor)
    assert restored.status_code == 200
    assert restored.get_json()["mood"] == "Calm"
    latest = client.get(f"{ENTRY}/history?limit=1", headers=editor).get_json()["items"]
    assert latest[0]["action"] == "restore"
    assert latest[0]["restored_from"] == 1
    assert client.post(f"{ENTRY}/history/99/restore", json={}, headers=editor).status_code == 404


def test_stale_if_match_gets_412_with_the_current_version(
    client: FlaskClient, editor: dict[str, str]
) -> None:
    etag = client.get(ENTRY).headers["ETag"]
    ok = client.patch(OVERRIDE, json={"mood": "Calm"}, headers={**editor, "If-Match": etag})
    assert ok.status_code == 200
    stale = client.patch(OVERRIDE, json={"mood": "Bold"}, headers={**editor, "If-Match": etag})
    assert stale.status_code == 412
    problem = stale.get_json()
    assert problem["current"]["mood"] == "Calm"
    assert stale.headers["ETag"] == ok.headers["ETag"]
    assert (
        client.patch(
            OVERRIDE, json={"mood": "Bold"}, headers={**editor, "If-Match": ok.headers["ETag"]}
        ).status_code
        == 200
    )


def test_two_editors_with_one_etag_never_overwrite_each_other(
    make_app, tokens: dict[str, str], editor: dict[str, str]
) -> None:
    apps = [make_app(), make_app()]  # two replicas
    etag = apps[0].test_client().get(ENTRY).headers["ETag"]
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def edit(app: Flask, mood: str) -> None:
        client = app.test_client()
        barrier.wait()
        statuses.append(
            client.patch(OVERRIDE, json={"mood": mood}, headers={**editor, "If-Match": etag}).status_code
        )

    threads = [
        threading.Thread(target=edit, args=(app, mood))
        for app, mood in zip(apps, ["Calm", "Bold"], strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 412]
    history = apps[0].test_client().get(f"{ENTRY}/history", headers=editor).get_json()["items"]
    assert len(history) == 1


def test_a_write_reaches_other_replicas_within_a_second(
    make_app, editor: dict[str, str], clock: Clock
) -> None:
    import time

    writer, reader = make_app().test_client(), make_app().test_client()
    assert reader.get(ENTRY).get_json()["source"] == "generated"  # now cached in the reader
    writer.patch(OVERRIDE, json={"mood": "Calm"}, headers=editor)
    assert writer.get(ENTRY).get_json()["mood"] == "Calm"  # at once on the replica that wrote
    started = time.monotonic()
    while reader.get(ENTRY).get_json()["source"] != "override":
        assert time.monotonic() - started < 1.5, "another replica must see the write within about a second"


def test_overrides_survive_refresh_and_a_cold_cache(make_app, editor: dict[str, str], clock: Clock) -> None:
    app = make_app()
    client = app.test_client()
    client.patch(OVERRIDE, json={"headline": "An Editor's Headline"}, headers=editor)
    publisher = app.extensions["horoscope"].publisher
    outcome = publisher.refresh_horoscope(
        Sign.LEO, publisher.today().replace(day=5), Period.DAILY, System.TROPICAL
    )
    assert outcome.value == "overridden"
    fresh = make_app().test_client()  # a new process: nothing cached
    assert fresh.get(ENTRY).get_json()["headline"] == "An Editor's Headline"


def test_an_override_survives_redis_being_killed(tmp_path, clock: Clock, make_app) -> None:
    # fsync on every write: under the default `everysec` a crash may lose the last second (README).
    server = RedisServer(tmp_path / "redis", None, "--appendfsync", "always").start()
    try:
        app = make_app(redis_url=server.url)
        token = app.extensions["horoscope"].tokens.create("asha", "editor", clock())
        response = app.test_client().patch(
            OVERRIDE, json={"mood": "Steady"}, headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 200
        server.kill()
        server.start()
        after = make_app(redis_url=server.url).test_client().get(ENTRY).get_json()
        assert after["mood"] == "Steady"
        assert after["source"] == "override"
    finally:
        server.kill()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "<script>alert(1)</script>"}, "title"),
        ({"teaser": "Read <b>this</b>"}, "teaser"),
        ({"mood": "Calm\u0007"}, "mood"),
        ({"body": ["Fine.", "Line\nbreak"]}, "body"),
        ({"title": "x" * 201}, "title"),
        ({"mood": ""}, "mood"),
        ({"lucky": {"time": "whenever"}}, "lucky"),
        ({"sections": {"love": {"rating": 6}}}, "sections"),
        ({"compatibility": "ophiuchus"}, "compatibility"),
        ({"sign": "virgo"}, "sign"),
        ({"surprise": True}, "surprise"),
    ],
)
def test_bad_fields_are_refused_and_nothing_is_stored(
    client: FlaskClient, editor: dict[str, str], redis_client, body: dict[str, Any], field: str
) -> None:
    response = client.patch(OVERRIDE, json=body, headers=editor)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]["json"]
    assert redis_client.get(override_key()) is None


def test_unpaired_surrogates_are_refused(client: FlaskClient, editor: dict[str, str]) -> None:
    raw = b'{"mood": "Calm \\ud800"}'
    response = client.patch(OVERRIDE, data=raw, content_type="application/json", headers=editor)
    assert response.status_code == 422
    assert "mood" in response.get_json()["errors"]["json"]


def test_malformed_json_is_400(client: FlaskClient, editor: dict[str, str]) -> None:
    response = client.patch(OVERRIDE, data=b'{"mood": ', content_type="application/json", headers=editor)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"


def test_bodies_over_64_kib_are_413(client: FlaskClient, editor: dict[str, str]) -> None:
    body = json.dumps({"teaser": "x" * 70_000}).encode()
    response = client.patch(OVERRIDE, data=body, content_type="application/json", headers=editor)
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"


def test_writes_fail_closed_when_redis_is_down(private_redis, clock: Clock, make_app) -> None:
    app = make_app(redis_url=private_redis.url)
    token = app.extensions["horoscope"].tokens.create("asha", "editor", clock())
    client = app.test_client()
    client.get(ENTRY)
    private_redis.stop()
    response = client.patch(OVERRIDE, json={"mood": "Calm"}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    private_redis.start()
    with redis.Redis.from_url(private_redis.url) as observer:
        assert observer.get(override_key()) is None


def test_the_key_of_an_entry_is_tagged(redis_url: str) -> None:
    assert override_key() == "hs:{" + horoscope_id("tropical", "daily", "leo", "2026-02-05") + "}:override"

"""History retention: every change of the last HOROSCOPE_HISTORY_DAYS, and at least the last
HOROSCOPE_HISTORY_MIN_RECORDS per entry, trimmed as edits write and by the prune job."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask

from tests.conftest import Clock

OVERRIDE = "/v1/horoscopes/leo/2026-02-05/override"
HISTORY = "/v1/horoscopes/leo/2026-02-05/history"
HISTORY_KEY = "hs:{horoscope:tropical:daily:leo:2026-02-05}:history"


def admin(app: Flask, clock: Clock) -> dict[str, str]:
    return {"Authorization": f"Bearer {app.extensions['horoscope'].tokens.create('ravi', 'admin', clock())}"}


def edit(client, headers: dict[str, str], mood: str) -> None:
    assert client.patch(OVERRIDE, json={"mood": mood}, headers=headers).status_code == 200


def ids(client, headers: dict[str, str]) -> list[int]:
    return [record["id"] for record in client.get(HISTORY, headers=headers).get_json()["items"]]


def test_an_edit_trims_its_history_past_the_retention(
    make_app: Callable[..., Flask], clock: Clock, redis_client
) -> None:
    app = make_app(history_days=1, history_min_records=3)
    headers, client = admin(app, clock), app.test_client()
    for n in range(6):
        edit(client, headers, f"Mood {n + 1}")
    assert ids(client, headers) == [6, 5, 4, 3, 2, 1], "everything of the last day stays"

    clock.advance(days=2)
    edit(client, headers, "Mood 7")
    assert ids(client, headers) == [7, 6, 5], "older than a day: only the last three stay"
    assert redis_client.llen(HISTORY_KEY) == 3
    edit(client, headers, "Mood 8")
    assert ids(client, headers) == [8, 7, 6], "ids keep counting changes, not records"

    restored = client.post(f"{HISTORY}/7/restore", json={}, headers=headers)
    assert (restored.status_code, restored.get_json()["mood"]) == (200, "Mood 7")
    gone = client.post(f"{HISTORY}/2/restore", json={}, headers=headers)
    assert gone.status_code == 404
    assert "retention" in gone.get_json()["detail"]
    assert client.post(f"{HISTORY}/99/restore", json={}, headers=headers).status_code == 404


def test_the_prune_job_trims_histories_nobody_edits(
    make_app: Callable[..., Flask], clock: Clock, redis_client
) -> None:
    app = make_app(history_days=1, history_min_records=2)
    headers, client = admin(app, clock), app.test_client()
    for n in range(5):
        edit(client, headers, f"Mood {n + 1}")

    clock.advance(days=2)
    run = client.post("/v1/jobs/prune/runs", json={}, headers=headers)
    assert run.status_code == 201
    assert run.get_json()["counts"]["trimmed"] == 3
    assert ids(client, headers) == [5, 4]
    assert redis_client.llen(HISTORY_KEY) == 2

"""GET /v1/jobs, GET and POST /v1/jobs/<name>/runs."""

from __future__ import annotations

from typing import Any

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import Clock

RUNS = "/v1/jobs/refresh-tomorrow/runs"


@pytest.fixture
def tokens(app: Flask, clock: Clock) -> dict[str, str]:
    store = app.extensions["horoscope"].tokens
    return {role: store.create(f"{role}-token", role, clock()) for role in ("editor", "admin")}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def run_now(client: FlaskClient, token: str, body: Any = None, path: str = RUNS) -> Any:
    return client.post(path, json={} if body is None else body, headers=bearer(token))


def test_jobs_list_schedules_next_runs_and_last_runs(client: FlaskClient, tokens: dict[str, str]) -> None:
    listed = client.get("/v1/jobs")
    assert listed.status_code == 200
    jobs = {job["name"]: job for job in listed.json["items"]}
    assert list(jobs) == ["refresh-tomorrow", "prefill", "prune"]
    refresh = jobs["refresh-tomorrow"]
    assert (refresh["schedule"], refresh["timezone"]) == ("5 0 * * *", "Asia/Kolkata")
    assert refresh["next_run_at"] == "2026-02-04T18:35:00Z"  # 00:05 on Feb 5 in Kolkata
    assert jobs["prefill"]["next_run_at"] == "2026-02-04T05:00:00Z"  # 10:30 in Kolkata
    assert refresh["last_run"] is None
    assert listed.json["scheduler"] is None

    ran = run_now(client, tokens["admin"])
    assert client.get("/v1/jobs", headers=bearer(tokens["admin"])).json["items"][0]["last_run"] == ran.json
    public = {
        key: value for key, value in ran.json.items() if key not in ("error", "scheduler", "started_by")
    }
    assert client.get("/v1/jobs").json["items"][0]["last_run"] == public


def test_a_manual_run_answers_201_with_its_record(client: FlaskClient, tokens: dict[str, str]) -> None:
    created = run_now(client, tokens["admin"])
    assert created.status_code == 201
    run = created.json
    assert (run["job"], run["target_date"], run["trigger"], run["outcome"]) == (
        "refresh-tomorrow",
        "2026-02-05",
        "manual",
        "succeeded",
    )
    assert run["counts"] == {
        "published": 40,  # 36 readings (12 signs in 3 editions), 3 listicles, the panchang
        "refreshed": 0,
        "overridden": 0,
        "present": 0,
        "removed": 0,
        "trimmed": 0,
    }
    assert run["started_at"] == run["finished_at"] == "2026-02-04T04:30:00Z"

    bodiless = client.post(RUNS, headers=bearer(tokens["admin"]))
    assert (bodiless.status_code, bodiless.json["target_date"]) == (201, "2026-02-05")
    dated = run_now(client, tokens["admin"], {"date": "2026-02-06"})
    assert (dated.status_code, dated.json["target_date"]) == (201, "2026-02-06")
    again = run_now(client, tokens["admin"], {"date": "2026-02-05"})
    assert again.status_code == 201, "manual runs repeat a done date"
    assert again.json["counts"]["present"] == 40


def test_runs_are_listed_newest_first_with_a_limit(client: FlaskClient, tokens: dict[str, str]) -> None:
    made = [run_now(client, tokens["admin"], {"date": f"2026-02-0{day}"}).json["run_id"] for day in (5, 6, 7)]
    listed = client.get(RUNS)
    assert [run["run_id"] for run in listed.json["items"]] == made[::-1]
    assert [run["run_id"] for run in client.get(f"{RUNS}?limit=2").json["items"]] == made[:0:-1]
    assert client.get("/v1/jobs/prune/runs").json == {"items": []}


@pytest.mark.parametrize("limit", ["0", "1001", "many"])
def test_a_bad_limit_is_422(client: FlaskClient, limit: str) -> None:
    answer = client.get(f"{RUNS}?limit={limit}")
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    assert "limit" in answer.json["errors"]["query"]


def test_manual_runs_need_an_admin_token(client: FlaskClient, tokens: dict[str, str]) -> None:
    anonymous = client.post(RUNS, json={"date": "not checked before the token"})
    assert anonymous.status_code == 401
    assert anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    assert run_now(client, "hs_0000_wrong").status_code == 401
    editor = run_now(client, tokens["editor"])
    assert editor.status_code == 403
    assert editor.mimetype == "application/problem+json"
    assert client.get(RUNS).json == {"items": []}, "nothing ran"


def test_unknown_jobs_are_404(client: FlaskClient, tokens: dict[str, str]) -> None:
    for answer in (
        client.get("/v1/jobs/refresh-today/runs"),
        run_now(client, tokens["admin"], path="/v1/jobs/refresh-today/runs"),
    ):
        assert answer.status_code == 404
        assert answer.json["type"] == "/problems/unknown-job"


@pytest.mark.parametrize(
    "body",
    [
        {"date": "tomorrow"},
        {"date": "2026-02-30"},
        {"when": "2026-02-05"},
        {"date": "2027-02-05"},
        ["2026-02-05"],
    ],
)
def test_a_bad_body_is_422(client: FlaskClient, tokens: dict[str, str], body: Any) -> None:
    answer = run_now(client, tokens["admin"], body)
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"


def test_a_run_in_progress_elsewhere_is_409(
    client: FlaskClient, tokens: dict[str, str], redis_client: redis.Redis
) -> None:
    redis_client.set("hs:{job:refresh-tomorrow}:lock:2026-02-05", "another-process", px=60_000)
    answer = run_now(client, tokens["admin"], {"date": "2026-02-05"})
    assert answer.status_code == 409
    assert answer.mimetype == "application/problem+json"
    assert answer.json["type"] == "/problems/run-in-progress"
    assert run_now(client, tokens["admin"], {"date": "2026-02-06"}).status_code == 201, "other dates run"


def test_a_failed_run_is_500_and_recorded(
    client: FlaskClient, tokens: dict[str, str], redis_client: redis.Redis
) -> None:
    redis_client.set("hs:{horoscope:tropical:daily:leo:2026-02-05}:entry", b"not json")
    answer = run_now(client, tokens["admin"])
    assert answer.status_code == 500
    assert answer.json["type"] == "/problems/job-run-failed"
    assert "JSONDecodeError" not in answer.json["detail"], "the error goes to the run record and the log"
    assert f"GET {RUNS}" in answer.json["detail"]
    public = client.get(RUNS).json["items"][0]
    assert (public["outcome"], "error" in public, "scheduler" in public) == ("failed", False, False)
    recorded = client.get(RUNS, headers=bearer(tokens["admin"])).json["items"][0]
    assert (recorded["outcome"], recorded["error"].split(":")[0]) == ("failed", "JSONDecodeError")


def test_the_heartbeat_shows_in_the_jobs_list(
    app: Flask, client: FlaskClient, redis_client: redis.Redis, tokens: dict[str, str]
) -> None:
    redis_client.set(
        "hs:{scheduler}:heartbeat", '{"scheduler": "host:7", "at": "2026-02-04T04:29:40Z"}', ex=90
    )
    assert client.get("/v1/jobs").json["scheduler"] == {"at": "2026-02-04T04:29:40Z"}, (
        "host:pid is for admins"
    )
    admin = client.get("/v1/jobs", headers=bearer(tokens["admin"])).json["scheduler"]
    assert admin == {"scheduler": "host:7", "at": "2026-02-04T04:29:40Z"}
    editor = client.get("/v1/jobs", headers=bearer(tokens["editor"]))
    assert editor.status_code == 200
    assert editor.json["scheduler"] == {"at": "2026-02-04T04:29:40Z"}, "an editor gets the public view"


def test_the_jobs_endpoints_are_documented(client: FlaskClient) -> None:
    paths = client.get("/openapi.json").json["paths"]
    assert "get" in paths["/v1/jobs"]
    runs = paths["/v1/jobs/{name}/runs"]
    assert {"get", "post"} <= set(runs)
    assert {"201", "401", "403", "404", "409", "422"} <= set(runs["post"]["responses"])


def test_a_manual_run_records_the_admin_who_started_it(client: FlaskClient, tokens: dict[str, str]) -> None:
    started = run_now(client, tokens["admin"], {"date": "2026-02-05"})
    assert started.json["started_by"] == "admin-token"
    admin = bearer(tokens["admin"])
    assert client.get(RUNS, headers=admin).json["items"][0]["started_by"] == "admin-token"
    assert client.get("/v1/jobs", headers=admin).json["items"][0]["last_run"]["started_by"] == "admin-token"
    assert "started_by" not in client.get(RUNS).json["items"][0], "admins' names are for admins"

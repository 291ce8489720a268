from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from service.redis_server import RedisServer
from tests.conftest import Clock


def test_liveness(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readiness_lists_each_check(client: FlaskClient, tokens: dict[str, str]) -> None:
    admin = {"Authorization": f"Bearer {tokens['admin']}"}
    response = client.get("/readyz", headers=admin)
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready"
    assert body["checks"]["redis"]["ok"] is True
    assert body["checks"]["persistence"] == {"ok": True, "detail": "append-only file enabled"}
    assert body["checks"]["data"]["ok"] is True


def test_readiness_shows_details_to_admins_only(
    client: FlaskClient, tokens: dict[str, str], app, clock
) -> None:
    from jobs.runs import RunLedger

    RunLedger(app.extensions["horoscope"].store, keep_days=400).beat("web-7:4242", clock(), ttl_seconds=90)
    public = client.get("/readyz")
    assert public.status_code == 200
    body = public.get_json()
    assert body["status"] == "ready"
    assert body["checks"]["persistence"] == {"ok": True}
    assert body["checks"]["scheduler"] == {"ok": True, "affects_readiness": False}
    assert "web-7:4242" not in public.get_data(as_text=True)
    assert " ms" not in public.get_data(as_text=True)  # no PING time
    admin = client.get("/readyz", headers={"Authorization": f"Bearer {tokens['admin']}"}).get_json()
    assert "web-7:4242" in admin["checks"]["scheduler"]["detail"]
    assert admin["checks"]["redis"]["detail"].startswith("PING answered in")
    editor = client.get("/readyz", headers={"Authorization": f"Bearer {tokens['editor']}"})
    assert editor.status_code == 200, "an editor's token gets the public answer, not a refusal"
    assert editor.get_json() == public.get_json()
    assert client.get("/readyz", headers={"Authorization": "Bearer hs_nope_nope"}).status_code == 401


def test_readiness_refuses_a_redis_without_persistence(tmp_path, make_app: Callable[..., Flask]) -> None:
    server = RedisServer(tmp_path / "volatile", None, "--appendonly", "no").start()
    try:
        client = make_app(redis_url=server.url).test_client()
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.get_json()["status"] == "not ready"
        assert response.get_json()["checks"]["persistence"] == {"ok": False}
        lenient = make_app(redis_url=server.url, require_persistence=False)
        assert lenient.test_client().get("/readyz").status_code == 200
    finally:
        server.stop()


def test_signs(client: FlaskClient) -> None:
    signs = client.get("/v1/signs").get_json()["items"]
    assert [sign["name"] for sign in signs][:3] == ["Aries", "Taurus", "Gemini"]
    dhanu = client.get("/v1/signs/dhanu").get_json()
    assert dhanu == client.get("/v1/signs/Sagittarius").get_json()
    assert dhanu["sidereal_name"] == "Dhanu"
    assert dhanu["ruler"] == "jupiter"
    assert dhanu["dates"] == {"start": "11-22", "end": "12-21"}
    # Both editions' names and lords: Western modern rulers, and the rashi with its jyotish lord.
    lords = {s["rashi"]["name"]: (s["rashi"]["lord_name"], s["ruler"]) for s in signs}
    assert lords["Vrishchik"] == ("Mangal", "pluto")
    assert lords["Kumbh"] == ("Shani", "uranus")
    assert lords["Meen"] == ("Guru", "neptune")
    assert [s["rashi"]["name"] for s in signs] == [
        "Mesh", "Vrishabh", "Mithun", "Kark", "Singh", "Kanya",
        "Tula", "Vrishchik", "Dhanu", "Makar", "Kumbh", "Meen",
    ]  # fmt: skip
    assert client.get("/v1/signs/vrishchika").get_json()["rashi"] == {
        "name": "Vrishchik",
        "hindi": "वृश्चिक",
        "lord": "mars",
        "lord_name": "Mangal",
        "variants": [
            "vrishchik",
            "vrishchika",
            "vrischik",
            "vrischika",
            "vrushchik",
            "vrishchikam",
            "brishchik",
        ],
    }


def test_openapi_document_describes_the_reads(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    assert {
        "/v1/horoscopes/{sign}/{day}",
        "/v1/horoscopes/{day}",
        "/v1/signs",
        "/healthz",
        "/readyz",
    } <= set(paths)
    path = paths["/v1/horoscopes/{sign}/{day}"]
    read = path["get"]
    assert {"200", "304", "404", "422", "503"} <= set(read["responses"])
    names = {parameter["name"] for parameter in path.get("parameters", []) + read["parameters"]}
    assert {"sign", "day", "period", "system"} <= names
    assert "HoroscopeResponse" in spec["components"]["schemas"]
    assert "Problem" in spec["components"]["schemas"]


def test_readiness_reports_tomorrow_and_the_scheduler(
    client: FlaskClient, app, clock: Clock, tokens: dict[str, str]
) -> None:
    admin = {"Authorization": f"Bearer {tokens['admin']}"}
    before = client.get("/readyz", headers=admin).get_json()["checks"]
    assert before["tomorrow"]["ok"] is False
    assert before["tomorrow"]["affects_readiness"] is False
    assert before["scheduler"] == {
        "ok": False,
        "detail": "no scheduler heartbeat",
        "affects_readiness": False,
    }

    client.get("/v1/horoscopes/2026-02-05")  # publishes tomorrow's twelve
    from jobs.runs import RunLedger

    ledger = RunLedger(app.extensions["horoscope"].store, keep_days=400)
    ledger.beat("host:42", clock(), ttl_seconds=90)
    clock.advance(seconds=12)
    after = client.get("/readyz", headers=admin)
    assert after.status_code == 200
    checks = after.get_json()["checks"]
    assert checks["tomorrow"]["ok"] is True
    assert "12 of 12" in checks["tomorrow"]["detail"]
    assert checks["scheduler"]["ok"] is True
    assert checks["scheduler"]["heartbeat_age_seconds"] == 12.0


def test_metrics_report_job_runs_and_the_last_refresh(client: FlaskClient, tokens: dict[str, str]) -> None:
    text = client.get("/metrics").get_data(as_text=True)
    assert 'horoscope_job_runs_recorded{job="refresh-tomorrow",outcome="succeeded"} 0.0' in text
    assert "horoscope_last_successful_refresh_timestamp_seconds 0.0" in text
    admin = {"Authorization": f"Bearer {tokens['admin']}"}
    assert client.post("/v1/jobs/refresh-tomorrow/runs", json={}, headers=admin).status_code == 201
    text = client.get("/metrics").get_data(as_text=True)
    assert 'horoscope_job_runs_recorded{job="refresh-tomorrow",outcome="succeeded"} 1.0' in text
    # The test clock says 2026-02-04T04:30:00Z: that is when the run finished.
    assert "horoscope_last_successful_refresh_timestamp_seconds 1.7701794e+09" in text

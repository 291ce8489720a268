from __future__ import annotations

from flask.testing import FlaskClient

from service import create_app
from service.config import Config
from service.redis_server import RedisServer
from tests.conftest import Clock


def test_liveness(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readiness_lists_each_check(client: FlaskClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready"
    assert body["checks"]["redis"]["ok"] is True
    assert body["checks"]["persistence"] == {"ok": True, "detail": "append-only file enabled"}


def test_readiness_refuses_a_redis_without_persistence(tmp_path, clock: Clock) -> None:
    server = RedisServer(tmp_path / "volatile", None, "--appendonly", "no").start()
    try:
        client = create_app(Config(redis_url=server.url), clock=clock).test_client()
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.get_json()["checks"]["persistence"]["ok"] is False
        lenient = create_app(Config(redis_url=server.url, require_persistence=False), clock=clock)
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

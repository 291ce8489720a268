"""deploy/compose.yaml: the stack a portal starts on one host, checked for what an operator relies on."""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[2]
COMPOSE = ROOT / "deploy" / "compose.yaml"


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    found: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())["services"]
    return found


def seconds(duration: str) -> float:
    units = {"ms": 0.001, "s": 1, "m": 60}
    for unit in sorted(units, key=len, reverse=True):
        if duration.endswith(unit):
            return float(duration.removesuffix(unit)) * units[unit]
    raise ValueError(duration)


def graceful_timeout() -> float:
    """gunicorn.conf.py's graceful timeout with no GUNICORN_* variable set, as in the compose file."""
    saved = {name: os.environ.pop(name) for name in list(os.environ) if name.startswith("GUNICORN_")}
    try:
        return float(runpy.run_path(str(ROOT / "gunicorn.conf.py"))["graceful_timeout"])
    finally:
        os.environ.update(saved)


def test_the_stack_is_redis_two_web_replicas_and_a_scheduler(services: dict[str, Any]) -> None:
    assert set(services) == {"redis", "web", "scheduler"}
    assert services["web"]["command"] == ["web"]
    assert services["web"]["deploy"]["replicas"] == 2
    assert services["scheduler"]["command"] == ["scheduler"]
    assert (ROOT / "deploy" / services["web"]["build"]["context"] / "Dockerfile").is_file()


def test_redis_keeps_the_data_on_a_named_volume_and_never_evicts_it(services: dict[str, Any]) -> None:
    redis = services["redis"]
    command = " ".join(redis["command"])
    assert "--appendonly yes" in command
    assert "--maxmemory-policy noeviction" in command
    volume, _, target = redis["volumes"][0].partition(":")
    assert target == "/data"
    assert volume in yaml.safe_load(COMPOSE.read_text())["volumes"]
    assert redis["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


@pytest.mark.parametrize("name", ["web", "scheduler"])
def test_the_service_waits_for_a_healthy_redis_and_stops_gracefully(
    services: dict[str, Any], name: str
) -> None:
    service = services[name]
    assert service["depends_on"] == {"redis": {"condition": "service_healthy"}}
    assert service["environment"]["HOROSCOPE_REDIS_URL"] == "redis://redis:6379/0"
    assert seconds(service["stop_grace_period"]) > graceful_timeout()
    assert service["read_only"] is True
    assert service["tmpfs"] == ["/tmp"]
    assert "healthcheck" not in service, "the image's role-aware HEALTHCHECK applies"


@pytest.mark.parametrize("name", ["redis", "web", "scheduler"])
def test_every_service_restarts_and_has_limits(services: dict[str, Any], name: str) -> None:
    service = services[name]
    assert service["restart"] == "unless-stopped"
    limits = service["deploy"]["resources"]["limits"]
    assert float(limits["cpus"]) > 0
    assert limits["memory"]


def test_compose_itself_accepts_the_file() -> None:
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "compose", "version"], capture_output=True).returncode != 0:
        pytest.skip("no `docker compose` here; the structure is checked by the tests above")
    checked = subprocess.run(
        [docker, "compose", "-f", str(COMPOSE), "config", "--quiet"], capture_output=True
    )
    assert checked.returncode == 0, checked.stderr.decode()

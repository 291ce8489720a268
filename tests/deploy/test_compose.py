"""deploy/compose.yaml: the stack a portal starts on one host, checked for what an operator relies on."""

from __future__ import annotations

import itertools
import os
import re
import runpy
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from service.config import Config

ROOT = Path(__file__).parents[2]
COMPOSE = ROOT / "deploy" / "compose.yaml"
VARNISH = ROOT / "deploy" / "varnish"
WEB = ("web-1", "web-2")
APP = (*WEB, "scheduler")
TOKEN = "HOROSCOPE_VARNISH_PURGE_TOKEN"


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


def interpolated(value: str, environ: dict[str, str]) -> str:
    """Compose's ${NAME}, ${NAME:-default} and ${NAME:?error}, for the variables in `environ`."""

    def one(found: re.Match[str]) -> str:
        name, operator, rest = found.group(1), found.group(2), found.group(3)
        if environ.get(name):
            return environ[name]
        if operator == ":?":
            raise KeyError(f"{name}: {rest}")
        return rest if operator == ":-" else ""

    return re.sub(r"\$\{(\w+)(?:(:[-?])([^}]*))?\}", one, value)


def listener_ports(command: list[str]) -> dict[str, int]:
    """varnishd's `-a name=:port,PROTO` listeners, by name."""
    pairs = itertools.pairwise(command)
    found = (re.fullmatch(r"(\w+)=:(\d+),HTTP", value) for flag, value in pairs if flag == "-a")
    return {match.group(1): int(match.group(2)) for match in found if match}


def test_the_stack_is_varnish_two_web_replicas_a_scheduler_and_redis(services: dict[str, Any]) -> None:
    assert set(services) == {"redis", *APP, "varnish"}
    for name in WEB:
        assert services[name]["command"] == ["web"]
    assert services["scheduler"]["command"] == ["scheduler"]
    assert {services[name]["image"] for name in APP} == {"horoscope-service:local"}
    assert (ROOT / "deploy" / services["web-1"]["build"]["context"] / "Dockerfile").is_file()
    for name in WEB:
        assert "ports" not in services[name], "readers go through Varnish"


def test_redis_keeps_the_data_on_a_named_volume_and_never_evicts_it(services: dict[str, Any]) -> None:
    redis = services["redis"]
    command = " ".join(redis["command"])
    assert "--appendonly yes" in command
    assert "--maxmemory-policy noeviction" in command
    volume, _, target = redis["volumes"][0].partition(":")
    assert target == "/data"
    assert volume in yaml.safe_load(COMPOSE.read_text())["volumes"]
    assert redis["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert re.fullmatch(r"redis:[\w.-]+@sha256:[0-9a-f]{64}", redis["image"]), "pinned by digest"


@pytest.mark.parametrize("name", APP)
def test_the_service_waits_for_a_healthy_redis_and_stops_gracefully(
    services: dict[str, Any], name: str
) -> None:
    service = services[name]
    assert service["depends_on"]["redis"] == {"condition": "service_healthy"}
    assert service["environment"]["HOROSCOPE_REDIS_URL"] == "redis://redis:6379/0"
    assert seconds(service["stop_grace_period"]) > graceful_timeout()
    assert service["read_only"] is True
    assert service["tmpfs"] == ["/tmp"]
    assert "healthcheck" not in service, "the image's role-aware HEALTHCHECK applies"


@pytest.mark.parametrize("name", ["redis", *APP, "varnish"])
def test_every_service_restarts_has_limits_and_rotates_its_logs(services: dict[str, Any], name: str) -> None:
    service = services[name]
    assert service["restart"] == "unless-stopped"
    limits = service["deploy"]["resources"]["limits"]
    assert float(limits["cpus"]) > 0
    assert limits["memory"]
    assert service["logging"]["options"]["max-size"]


def test_varnish_starts_after_healthy_replicas_and_restarts_with_them(services: dict[str, Any]) -> None:
    varnish = services["varnish"]
    assert varnish["depends_on"] == {
        name: {"condition": "service_healthy", "restart": True} for name in WEB
    }, "compose.vcl's names are resolved when Varnish loads it"
    assert "varnishadm" in " ".join(varnish["healthcheck"]["test"])
    assert services["scheduler"]["depends_on"]["varnish"] == {"condition": "service_started"}


def test_varnish_runs_compose_vcl_on_the_replicas_the_compose_file_names(services: dict[str, Any]) -> None:
    varnish = services["varnish"]
    command = varnish["command"]
    loaded = Path(command[command.index("-f") + 1])
    assert loaded.parent == Path("/etc/varnish")
    dockerfile = (ROOT / "deploy" / varnish["build"]["context"] / "Dockerfile").read_text()
    copied = re.search(r"^COPY (.+) /etc/varnish/$", dockerfile, re.M)
    assert copied
    assert loaded.name in copied.group(1).split()
    assert "horoscope.vcl" in copied.group(1).split(), "compose.vcl includes it"
    vcl = (VARNISH / loaded.name).read_text()
    assert 'include "./horoscope.vcl";' in vcl
    backends = dict(re.findall(r'\.host = "([\w-]+)";\s*\.port = "(\d+)";', vcl))
    assert backends == dict.fromkeys(WEB, "8000"), "the web services, on the image's PORT"
    assert re.search(r"^\s+PORT=8000$", (ROOT / "Dockerfile").read_text(), re.M), "the image listens there"


def test_purges_reach_the_purge_listener_with_the_secret_varnish_checks(services: dict[str, Any]) -> None:
    varnish = services["varnish"]
    ports = listener_ports(varnish["command"])
    assert set(ports) == {"http", "purge"}, "compose.vcl takes purges only on the listener named purge"
    published = [entry.rsplit(":", 1)[1] for entry in varnish["ports"]]
    assert published == [str(ports["http"])], "readers reach the http listener; the purge one stays inside"
    for name in APP:
        environment = services[name]["environment"]
        assert environment["HOROSCOPE_EDGE_BACKENDS"] == "varnish"
        assert environment["HOROSCOPE_VARNISH_URLS"] == f"http://varnish:{ports['purge']}"
        assert environment[TOKEN] == varnish["environment"][TOKEN], "one secret, on both sides"
    vcl = (VARNISH / "compose.vcl").read_text()
    assert 'local.socket != "purge"' in vcl
    assert 'std.getenv("HOROSCOPE_VARNISH_PURGE_TOKEN")' in vcl


@pytest.mark.parametrize("name", APP)
def test_the_services_environment_is_a_valid_configuration(services: dict[str, Any], name: str) -> None:
    environment = services[name]["environment"]
    with pytest.raises(KeyError, match=TOKEN):
        interpolated(environment[TOKEN], {})  # compose refuses to start without a purge secret
    resolved = {key: interpolated(str(value), {TOKEN: "t0ken"}) for key, value in environment.items()}
    config = Config.from_env(resolved)
    assert config.edge_backends == ("varnish",)
    assert config.varnish_purge_token == "t0ken"


def test_compose_itself_accepts_the_file() -> None:
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "compose", "version"], capture_output=True).returncode != 0:
        pytest.skip("no `docker compose` here; the structure is checked by the tests above")
    checked = subprocess.run(
        [docker, "compose", "-f", str(COMPOSE), "config", "--quiet"],
        capture_output=True,
        env={**os.environ, TOKEN: "t0ken"},
    )
    assert checked.returncode == 0, checked.stderr.decode()

"""deploy/varnish/compose.vcl under a real varnishd: the two replicas, the purge listener, the secret.

The compose file's names (web-1, web-2) resolve only on the compose network, so here they point at
two small origins on loopback; everything else is the file as compose loads it (horoscope.vcl
inlined). tests/deploy/test_compose.py checks that the names and ports are the compose file's.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from service.redis_server import free_port
from tests.edge.conftest import until
from tests.edge.varnish import VCL, Varnish, fetch, inline_includes

COMPOSE_VCL = VCL.parent / "compose.vcl"
TOKEN = "compose-purge-token"


class Origin(BaseHTTPRequestHandler):
    """A replica: /healthz for the probe, and any other path answered with the replica's name."""

    def do_GET(self) -> None:
        body = self.server.name.encode()  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Surrogate-Control", "max-age=0")  # every read reaches a replica
        self.send_header("xkey", "hs.test")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def start_origin(name: str) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Origin)
    server.name = name  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def compose_vcl(ports: dict[str, int]) -> str:
    vcl = inline_includes(COMPOSE_VCL.read_text())
    for name, port in ports.items():
        declared = f'.host = "{name}";\n    .port = "8000";'
        assert declared in vcl, f"compose.vcl declares no backend {name}:8000"
        vcl = vcl.replace(declared, f'.host = "127.0.0.1";\n    .port = "{port}";')
    return vcl


@pytest.fixture
def replicas() -> Iterator[dict[str, ThreadingHTTPServer]]:
    servers = {name: start_origin(name) for name in ("web-1", "web-2")}
    yield servers
    for server in servers.values():
        server.shutdown()
        server.server_close()


def start_varnish(
    tmp_path: Path, replicas: dict[str, ThreadingHTTPServer], env: dict[str, str]
) -> tuple[Varnish, str]:
    purge_port = free_port()
    varnish = Varnish(
        tmp_path / "varnish",
        0,
        vcl=compose_vcl({name: server.server_address[1] for name, server in replicas.items()}),
        listeners=(f"purge=127.0.0.1:{purge_port}",),
        env=env,
    ).start()
    return varnish, f"http://127.0.0.1:{purge_port}"


def purge(base: str, token: str | None = None) -> int:
    headers = {"xkey-softpurge": "hs.test", **({"X-Purge-Token": token} if token is not None else {})}
    return fetch(base + "/", headers, method="PURGE")[0]


@pytest.mark.usefixtures("varnish_ready")
def test_reads_go_to_both_replicas_and_never_to_a_stopped_one(
    tmp_path: Path, replicas: dict[str, ThreadingHTTPServer]
) -> None:
    varnish, _ = start_varnish(tmp_path, replicas, {"HOROSCOPE_VARNISH_PURGE_TOKEN": TOKEN})
    try:
        answered = {fetch(f"{varnish.url}/v1/read?n={n}")[2].decode() for n in range(6)}
        assert answered == {"web-1", "web-2"}
        replicas["web-2"].shutdown()
        replicas["web-2"].server_close()
        # Before the probe notices, a read web-2 cannot answer is retried on web-1; after, it skips web-2.
        answers = {fetch(f"{varnish.url}/v1/read?m={n}")[::2] for n in range(6)}
        assert answers == {(200, b"web-1")}
        until(lambda: "sick" in varnish.backends().get("web_2", ""), timeout=20)
        assert {fetch(f"{varnish.url}/v1/read?k={n}")[::2] for n in range(6)} == {(200, b"web-1")}
    finally:
        varnish.stop()


@pytest.mark.usefixtures("varnish_ready")
def test_purges_need_the_purge_listener_and_the_secret(
    tmp_path: Path, replicas: dict[str, ThreadingHTTPServer]
) -> None:
    varnish, purge_url = start_varnish(tmp_path, replicas, {"HOROSCOPE_VARNISH_PURGE_TOKEN": TOKEN})
    try:
        assert purge(varnish.url, TOKEN) == 403, "the readers' listener takes no purge"
        assert purge(purge_url) == 403
        assert purge(purge_url, "wrong") == 403
        assert purge(purge_url, TOKEN) == 200
        assert fetch(f"{purge_url}/v1/read")[2] in (b"web-1", b"web-2"), "reads still work there"
    finally:
        varnish.stop()


@pytest.mark.usefixtures("varnish_ready")
def test_without_a_secret_no_purge_is_taken(tmp_path: Path, replicas: dict[str, ThreadingHTTPServer]) -> None:
    varnish, purge_url = start_varnish(tmp_path, replicas, {"HOROSCOPE_VARNISH_PURGE_TOKEN": ""})
    try:
        assert purge(purge_url) == 403
        assert purge(purge_url, "") == 403
        assert purge(purge_url, "anything") == 403
    finally:
        varnish.stop()

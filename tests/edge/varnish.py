"""A real varnishd with the xkey vmod, started on free loopback ports with the deployment's VCL.

Used by the tests (tests/edge/conftest.py) and by bench/edge_purge.py. Varnish and varnish-modules
come from Debian (.ci/run installs them); `ensure_varnish` installs them when missing and says why
it cannot when it cannot.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from service.redis_server import free_port

ROOT = Path(__file__).parents[2]
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
PACKAGES = ("varnish", "varnish-modules")


# As root, varnishd drops to users that cannot read pytest's (or a mktemp clone's) 0700 directories.
NO_JAIL = ["-j", "none"] if os.geteuid() == 0 else []


def varnish_missing() -> str | None:
    """Why Varnish with xkey cannot run here, or None when it can."""
    if shutil.which("varnishd") is None:
        return "varnishd is not installed"
    found = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", "varnish-modules"], capture_output=True, text=True, check=False
    )
    return (
        None if "install ok installed" in found.stdout else "varnish-modules (the xkey vmod) is not installed"
    )


def ensure_varnish() -> str | None:
    """Install varnish and varnish-modules with apt-get when missing; why not, when that fails."""
    missing = varnish_missing()
    if missing is None:
        return None
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return f"{missing}, and apt-get cannot install it here (not root, or no apt-get)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=300", *PACKAGES],
    ):
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            return f"{missing}, and `{' '.join(command)}` failed: {done.stderr.strip()[-300:]}"
    return varnish_missing()


def inline_includes(vcl: str, directory: Path = VCL.parent) -> str:
    """`vcl` with each `include "./name.vcl";` replaced by that file's text (less its `vcl 4.1;` line):
    one self-contained VCL, as varnishtest and a VCL written elsewhere need."""
    return re.sub(
        r'^include "\./([\w.-]+)";$',
        lambda found: re.sub(r"^vcl 4\.1;\n", "", (directory / found.group(1)).read_text()),
        vcl,
        flags=re.M,
    )


def render_vcl(origin_port: int, *, secret: str = "", probe: bool = True) -> str:
    """deploy/varnish/default.vcl (its includes inlined) with its origin at 127.0.0.1:`origin_port`
    and purge secret `secret`."""
    vcl = inline_includes(VCL.read_text())
    vcl = re.sub(r'\.port = "\d+";', f'.port = "{origin_port}";', vcl, count=1)
    vcl = vcl.replace('set req.http.x-purge-secret = "";', f'set req.http.x-purge-secret = "{secret}";')
    if not probe:  # varnishtest's scripted servers would have to answer the probe too
        vcl = re.sub(r"\n    \.probe = \{.*?\n    \}", "", vcl, flags=re.S)
    return vcl


class Varnish:
    """One varnishd in the foreground (-F), stopped by its pid."""

    def __init__(
        self,
        directory: Path,
        origin_port: int,
        *,
        port: int | None = None,
        secret: str = "",
        vcl: str | None = None,
        listeners: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
    ) -> None:
        """`vcl`: this VCL's text instead of default.vcl's for `origin_port`; `listeners`: more
        `-a` addresses (name=host:port) beside the one on `port`; `env`: more environment."""
        self.directory = directory
        self.origin_port = origin_port
        self.port = port or free_port()
        self.secret = secret
        self.vcl = vcl
        self.listeners = listeners
        self.env = env or {}
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Varnish:
        self.directory.mkdir(parents=True, exist_ok=True)
        vcl = self.directory / "default.vcl"
        vcl.write_text(self.vcl or render_vcl(self.origin_port, secret=self.secret))
        secret_file = self.directory / "secret"
        secret_file.write_text("test-admin-secret\n")
        command = [
            "varnishd", "-F", "-n", str(self.directory / "work"), "-a", f"http=127.0.0.1:{self.port}",
            *(argument for listener in self.listeners for argument in ("-a", listener)),
            "-T", f"127.0.0.1:{free_port()}", "-S", str(secret_file), "-f", str(vcl), "-s", "malloc,32m",
            "-p", "thread_pools=1", "-p", "thread_pool_min=5",
        ]  # fmt: skip
        command[1:1] = NO_JAIL
        with (self.directory / "varnishd.log").open("ab") as log:  # the child keeps its own descriptor
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **self.env}
            )
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                output = (self.directory / "varnishd.log").read_text()[-2000:]
                raise RuntimeError(f"varnishd exited with {self.process.returncode}: {output}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("varnishd did not listen within 30 s") from None
                time.sleep(0.05)

    def backends(self) -> dict[str, str]:
        """Each backend's line in `varnishadm backend.list` (its health among them), by its VCL name."""
        listed = subprocess.run(
            ["varnishadm", "-n", str(self.directory / "work"), "backend.list"],
            capture_output=True,
            text=True,
            check=False,
        )
        lines = (line.split(maxsplit=1) for line in listed.stdout.splitlines()[1:] if line.strip())
        return {name.rpartition(".")[2]: rest for name, rest in lines}

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def fetch(
    url: str, headers: dict[str, str] | None = None, method: str = "GET", data: bytes | None = None
) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of one request, errors included."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()

"""`pip install` of the project (not editable), then `horoscope-service serve` from an empty directory."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from service.redis_server import free_port
from tests.service.test_serve import stop

ROOT = Path(__file__).parents[2]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_serve_runs_from_any_directory_after_a_plain_install(tmp_path: Path) -> None:
    target, elsewhere = tmp_path / "site", tmp_path / "empty"
    elsewhere.mkdir()
    built = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    # The installed copy first on the path; the dependencies from this environment.
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOROSCOPE_")}
    env |= {"PYTHONPATH": str(target), "HOROSCOPE_DATA_DIR": str(tmp_path / "var")}
    where = subprocess.run(
        [sys.executable, "-c", "import service; print(service.__file__)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.startswith(str(target)), where.stdout
    port = free_port()
    server = subprocess.Popen(
        [str(target / "bin" / "horoscope-service"), "serve", "--port", str(port), "--workers", "1"],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        import time

        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stdout.read().decode()[-2000:] if server.stdout else ""
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/v1/horoscopes/leo/today", timeout=5
                ) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "serve did not answer within 60 s"
                time.sleep(0.2)
    finally:
        stop(server)
    assert not (elsewhere / "gunicorn.conf.py").exists()

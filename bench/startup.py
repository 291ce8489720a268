"""Start-up figures: `serve` to /readyz 200, cold and warm, the first read after it, and CLI commands.

Run by hand: `.venv/bin/python bench/startup.py` (about a minute). Every `serve` uses the embedded
Redis in a temporary data directory and a free loopback port; see bench/README.md for the method.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from service.redis_server import free_port  # noqa: E402


@dataclass(frozen=True)
class Start:
    """One `serve` run: seconds to /readyz 200, the first read's seconds, the process tree's CPU seconds."""

    ready: float
    first_read: float
    cpu: float


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def children_cpu() -> float:
    """CPU seconds of every reaped descendant (serve reaps gunicorn and Redis, gunicorn its workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def serve_once(env: dict[str, str], timeout: float = 60.0) -> Start:
    """Spawn `serve`, poll /readyz every 10 ms until 200, read one horoscope, stop it with SIGTERM."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cpu_before = children_cpu()
    started = time.perf_counter()
    serve = subprocess.Popen(
        [str(BIN / "horoscope-service"), "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            if serve.poll() is not None or time.perf_counter() - started > timeout:
                raise RuntimeError(f"serve not ready within {timeout} s (exit {serve.returncode})")
            try:
                if status_of(f"{base}/readyz") == 200:
                    break
            except OSError:
                pass
            time.sleep(0.01)
        ready = time.perf_counter() - started
        read_started = time.perf_counter()
        if status_of(f"{base}/v1/horoscopes/leo/today") != 200:
            raise RuntimeError("the first read after /readyz failed")
        first_read = time.perf_counter() - read_started
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(60)
    return Start(ready, first_read, children_cpu() - cpu_before)


def run_command(env: dict[str, str], *args: str) -> tuple[float, float]:
    """Wall and CPU seconds of one CLI command, which must succeed."""
    cpu_before = children_cpu()
    started = time.perf_counter()
    command = [str(BIN / "horoscope-service"), *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - started, children_cpu() - cpu_before


def summary(values: list[float]) -> str:
    """Median and range of a few runs."""
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm starts and runs of each CLI command")
    options = parser.parse_args()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HOROSCOPE_", "PYTHONPYCACHE"))}
    scratch = Path(tempfile.mkdtemp(prefix="horoscope-startup-"))
    try:
        env = {**clean, "HOROSCOPE_DATA_DIR": str(scratch / "var")}
        # Cold: nothing compiled (every module, the dependencies' too, compiled from source into an
        # empty bytecode cache) and an empty data directory, so Redis starts empty.
        cold = serve_once({**env, "PYTHONPYCACHEPREFIX": str(scratch / "pycache")})
        warm = [serve_once(env) for _ in range(options.runs)]
        rows = [
            ("`serve` to /readyz 200, cold (no bytecode, empty Redis)", f"{cold.ready:.2f}", ""),
            ("`serve` to /readyz 200, warm", summary([start.ready for start in warm]), "<= 2"),
            ("CPU of a cold start, all processes, start to stop", f"{cold.cpu:.2f}", ""),
            ("CPU of a warm start, all processes, start to stop", summary([s.cpu for s in warm]), ""),
            ("first read after /readyz, cold (composes it)", f"{cold.first_read:.3f}", ""),
            ("first read after /readyz, warm (stored)", summary([s.first_read for s in warm]), ""),
        ]
        commands = [("--help",), ("settings",), ("tokens", "list"), ("jobs", "list")]
        serve = subprocess.Popen(
            [str(BIN / "horoscope-service"), "serve", "--port", str(free_port())],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 30
            while not (scratch / "var" / "redis" / "url").exists():
                if time.monotonic() > deadline or serve.poll() is not None:
                    raise RuntimeError("serve did not start its embedded Redis")
                time.sleep(0.01)
            for args in commands:
                runs = [run_command(env, *args) for _ in range(options.runs)]
                walls, cpus = [wall for wall, _ in runs], [cpu for _, cpu in runs]
                name = f"`horoscope-service {' '.join(args)}`"
                rows.append((name, f"{summary(walls)}, CPU {summary(cpus)}", "<= 1"))
        finally:
            serve.send_signal(signal.SIGTERM)
            serve.wait(60)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    load = os.getloadavg()[0]
    print(f"\n{os.cpu_count()} CPUs, load average {load:.1f} at the end; medians of {options.runs} runs\n")
    print("| start-up | seconds | target |")
    print("|---|---|---|")
    for name, value, target in rows:
        print(f"| {name} | {value} | {target} |")


if __name__ == "__main__":
    main()

"""Load and generation benchmarks of the service, side by side with a bare Flask baseline.

Run by hand: `make bench` (or `.venv/bin/python bench/run.py --help`). It starts its own Redis
(append-only on) and gunicorn servers on loopback, loads them with wrk, and prints one table whose
ratios are against the baseline measured in the same run. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from startup import serve_once  # noqa: E402  (bench/ is the script's own folder on sys.path)

from jobs.refresh import EDITIONS, readings_starting, refresh_readings, refresh_tomorrow  # noqa: E402
from jobs.tally import Tally  # noqa: E402
from service.components import check_content  # noqa: E402
from service.config import Config  # noqa: E402
from service.content.composer import compose_horoscope  # noqa: E402
from service.content.zodiac import Sign  # noqa: E402
from service.days import utc_now  # noqa: E402
from service.publishing import Publisher  # noqa: E402
from service.redis_server import RedisServer, free_port  # noqa: E402
from service.store import Keys, Store, connect  # noqa: E402
from service.tokens import Tokens  # noqa: E402

BIN = Path(sys.executable).parent
BENCH = ROOT / "bench"
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class Load:
    """One wrk run's figures."""

    rps: float
    p50: float  # ms
    p99: float  # ms
    requests: int
    bad: int  # non-2xx/3xx answers plus socket errors
    cpu_us: float = 0.0  # the gunicorn workers' CPU time per request: steadier than req/s on a busy machine


def parse_wrk(output: str) -> Load:
    """requests/s, p50 and p99 (ms) and failures from `wrk --latency` output."""

    def latency(percent: str) -> float:
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        assert match, output
        return float(match[1]) * UNITS_MS[match[2]]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    if rps is None or total is None:
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket:
        bad += sum(int(n) for n in socket.groups())
    return Load(float(rps[1]), latency("50"), latency("99"), int(total[1]), bad)


def ensure_wrk() -> str:
    """The wrk binary; installed with apt-get (Debian package `wrk`) when missing."""
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is not installed: installing the Debian package `wrk` with apt-get", file=sys.stderr)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "install", "-y", "wrk"], check=True, env=env)
    found = shutil.which("wrk")
    if not found:
        sys.exit("apt-get did not install wrk")
    return found


@dataclass(frozen=True)
class Target:
    """What one wrk run asks for."""

    url: str
    server: Gunicorn
    headers: tuple[tuple[str, str], ...] = ()
    script: tuple[str, ...] = ()  # a Lua file and its arguments

    def args(self) -> list[str]:
        found = [arg for name, value in self.headers for arg in ("-H", f"{name}: {value}")]
        if self.script:
            return [*found, "-s", self.script[0], self.url, "--", *self.script[1:]]
        return [*found, self.url]


class Wrk:
    """The same threads, connections, warm-up and duration for every scenario."""

    def __init__(self, binary: str, threads: int, connections: int, warmup: int, duration: int) -> None:
        self.binary, self.threads, self.connections = binary, threads, connections
        self.warmup, self.duration = warmup, duration

    def warm(self, target: Target) -> None:
        self._wrk(self.warmup, target.args())

    def measure(self, target: Target) -> Load:
        cpu = target.server.cpu_seconds()
        load = parse_wrk(self._wrk(self.duration, ["--latency", *target.args()]))
        return replace(load, cpu_us=(target.server.cpu_seconds() - cpu) / max(load.requests, 1) * 1e6)

    def _wrk(self, seconds: int, args: list[str]) -> str:
        command = [self.binary, f"-t{self.threads}", f"-c{self.connections}", f"-d{seconds}s", *args]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@dataclass(frozen=True)
class Row:
    """A scenario's medians over its rounds, and its ratios to the baseline runs paired with them."""

    name: str
    load: Load
    rps_ratio: float
    p99_ratio: float
    kind: str = ""  # which target applies: "single", "all" or none


def paired(
    wrk: Wrk, name: str, target: Target, baseline: Target, rounds: int, kind: str = ""
) -> tuple[Row, list[Load]]:
    """Warm up, then `rounds` times the baseline and the scenario back to back.

    Pairing keeps slow drifts of the machine (other processes on 2 cores) out of the ratios.
    """
    wrk.warm(target)
    bases, runs = [], []
    for _ in range(rounds):
        bases.append(wrk.measure(baseline))
        runs.append(wrk.measure(target))
    ratios = [run.rps / base.rps for base, run in zip(bases, runs, strict=True)]
    p99s = [run.p99 / base.p99 for base, run in zip(bases, runs, strict=True)]
    return Row(name, median_load(runs), statistics.median(ratios), statistics.median(p99s), kind), bases


def median_load(loads: list[Load]) -> Load:
    return Load(
        statistics.median(load.rps for load in loads),
        statistics.median(load.p50 for load in loads),
        statistics.median(load.p99 for load in loads),
        sum(load.requests for load in loads),
        sum(load.bad for load in loads),
        statistics.median(load.cpu_us for load in loads),
    )


class Gunicorn:
    """An app under the project's gunicorn.conf.py on a loopback port."""

    def __init__(self, app: str, env: dict[str, str], log: Path, *, chdir: Path | None = None) -> None:
        self.port = free_port()
        self.log = log
        command = [str(BIN / "python"), "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
        command += ["--bind", f"127.0.0.1:{self.port}"]
        if chdir:
            command += ["--chdir", str(chdir)]
        with log.open("ab") as output:  # gunicorn's own log, out of the table's way
            self.process = subprocess.Popen(
                [*command, app], cwd=ROOT, env=env, stdout=output, stderr=output, start_new_session=True
            )
        self.base = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, path: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-2000:]}")
            try:
                if http_get(self.base + path)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"{self.base}{path} not ready within {timeout} s")

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        return [int(pid) for pid in children.split()]

    def cpu_seconds(self) -> float:
        """CPU time of the live workers plus that of the workers already reaped (recycled by max_requests)."""
        ticks = sum(proc_stat(self.process.pid)[15:17])  # cutime, cstime: children that exited
        for pid in self.workers():
            with contextlib.suppress(FileNotFoundError):  # exited between the listing and the read
                ticks += sum(proc_stat(pid)[13:15])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def restarts(self) -> int:
        """Workers recycled so far (gunicorn logs each)."""
        return self.log.read_text(errors="replace").count("Autorestarting worker")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def http_get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def proc_stat(pid: int) -> list[int]:
    """/proc/<pid>/stat's fields as numbers, at their 0-based positions (utime is 13; text fields read 0)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return [0, 0] + [int(field) if field.lstrip("-").isdigit() else 0 for field in fields]


def vm_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
    assert match
    return int(match[1]) / 1024


class Editor(threading.Thread):
    """One override write a second (PATCH of a love section over the mix's 36 entries), through HTTP."""

    def __init__(self, port: int, token: str, days: list[str]) -> None:
        super().__init__(daemon=True)
        self.port, self.token, self.days = port, token, days
        self.statuses: Counter[int] = Counter()
        self.latencies: list[float] = []
        self.done = threading.Event()

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        signs = list(Sign)
        count = 0
        while not self.done.wait(1.0 if count else 0.0):
            sign, day = signs[count % 12], self.days[count % 3]
            body = json.dumps({"sections": {"love": {"text": f"Bench edit {count}."}}, "note": "bench"})
            started = time.perf_counter()
            connection.request(
                "PATCH",
                f"/v1/horoscopes/{sign}/{day}/override",
                body,
                {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            )
            response = connection.getresponse()
            response.read()
            self.latencies.append((time.perf_counter() - started) * 1000)
            self.statuses[response.status] += 1
            count += 1
        connection.close()


@contextmanager
def editing(port: int, token: str, days: list[str]) -> Iterator[Editor]:
    editor = Editor(port, token, days)
    editor.start()
    try:
        yield editor
    finally:
        editor.done.set()
        editor.join()


def timed(call: object, *args: object) -> float:
    started = time.perf_counter()
    call(*args)  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=4, help="seconds of each measured wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="baseline/scenario pairs per scenario")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk warm-up before each run")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--skip-generation", action="store_true", help="only the load scenarios")
    parser.add_argument("--log-level", help="HOROSCOPE_LOG_LEVEL of the service (default: its own, INFO)")
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers in `finally` on a kill too

    wrk = Wrk(ensure_wrk(), options.threads, options.connections, options.warmup, options.duration)
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HOROSCOPE_", "BENCH_"))}
    if options.log_level:
        clean["HOROSCOPE_LOG_LEVEL"] = options.log_level
    if options.workers:
        clean["WEB_CONCURRENCY"] = str(options.workers)
    scratch = Path(tempfile.mkdtemp(prefix="horoscope-bench-"))
    redis_server = RedisServer(scratch / "redis").start()
    try:
        env = {**clean, "HOROSCOPE_REDIS_URL": redis_server.url, "HOROSCOPE_DATA_DIR": str(scratch / "var")}
        config = Config.from_env(env)
        publisher = Publisher(Store(connect(config), Keys(config.key_prefix)), config, utc_now)
        today = publisher.today()
        days = [today - timedelta(days=1), today, today + timedelta(days=1)]
        iso = [d.isoformat() for d in days]
        figures: list[tuple[str, str, str]] = []

        started = time.perf_counter()
        check_content(config)
        compose_horoscope(Sign.ARIES, date(2000, 1, 1), today=today, timezone=config.timezone)
        warm = time.perf_counter() - started
        refresh = timed(refresh_tomorrow, publisher, days[2], Tally())
        figures.append(("refresh of tomorrow (24 horoscopes + listicles)", f"{refresh:.2f} s", "< 1 s"))
        figures.append(("(process warm-up before it: phrase banks + ephemeris)", f"{warm:.2f} s", ""))
        for day in days[:2]:  # yesterday and today, both systems, and their listicles
            refresh_readings(publisher, readings_starting(day), EDITIONS, Tally())
            publisher.refresh_listicles(day)
        token = Tokens(publisher.store).create("bench", "editor", utc_now())

        rows, rss, restarts = load_scenarios(wrk, env, clean, iso, token, options.rounds)

        if not options.skip_generation:
            figures.append(
                ("backfill, a year of dailies, 12 signs, tropical", backfill(env, today), "< 30 s")
            )
        figures.append(
            ("resident memory per worker after the load", ", ".join(f"{mb:.0f} MB" for mb in rss), "< 150 MB")
        )
        figures.append(
            (
                "workers recycled (max_requests) during the load: service, baseline",
                f"{restarts[0]}, {restarts[1]}",
                "",
            )
        )
        if not options.skip_generation:
            figures.append(
                ("`serve` start to /readyz 200 (embedded Redis)", startup(clean, scratch), "< 3 s")
            )
    finally:
        redis_server.stop()
        shutil.rmtree(scratch, ignore_errors=True)

    print_table(rows, wrk, options)
    print()
    print("| generation and process | measured | target |")
    print("|---|---|---|")
    for name, value, target in figures:
        print(f"| {name} | {value} | {target} |")


def load_scenarios(
    wrk: Wrk, env: dict[str, str], clean: dict[str, str], iso: list[str], token: str, rounds: int
) -> tuple[list[Row], list[float], tuple[int, int]]:
    """Every wrk scenario paired with baseline runs; the service workers' VmRSS after the load."""
    yesterday, today, tomorrow = iso
    logs = Path(env["HOROSCOPE_DATA_DIR"]).parent
    service = Gunicorn("service.wsgi:app", env, logs / "service.log")
    baseline: Gunicorn | None = None
    try:
        service.wait_ready("/readyz")
        single = f"/v1/horoscopes/leo/{today}"
        status, headers, body = http_get(service.base + single)
        assert status == 200, (status, body)
        conditional = (("If-None-Match", headers["ETag"]),)
        assert http_get(service.base + single, dict(conditional))[0] == 304
        slug = json.loads(http_get(f"{service.base}/v1/listicles/{today}")[2])["items"][0]["slug"]

        body_file = logs / "baseline-body"
        body_file.write_bytes(body)
        copied = {name: headers[name] for name in ("Content-Type", "ETag", "Last-Modified", "Cache-Control")}
        baseline_env = {
            **clean,
            "BENCH_BASELINE_BODY": str(body_file),
            "BENCH_BASELINE_HEADERS": json.dumps(copied),
        }
        baseline = Gunicorn("baseline_app:app", baseline_env, logs / "baseline.log", chdir=BENCH)
        baseline.wait_ready(single)
        base = Target(baseline.base + single, baseline)
        wrk.warm(base)

        scenarios = [
            ("single sign GET", Target(service.base + single, service), "single"),
            (
                "single sign GET, If-None-Match (304)",
                Target(service.base + single, service, conditional),
                "single",
            ),
            ("all twelve signs GET", Target(f"{service.base}/v1/horoscopes/{today}", service), "all"),
            ("listicle GET", Target(f"{service.base}/v1/listicles/{slug}", service), ""),
        ]
        rows, bases = [], []
        for name, target, kind in scenarios:
            row, runs = paired(wrk, name, target, base, rounds, kind)
            rows.append(row)
            bases += runs
        mix = Target(service.base + "/", service, script=(str(BENCH / "mix.lua"), yesterday, today, tomorrow))
        with editing(service.port, token, iso) as editor:
            row, runs = paired(wrk, "mix", mix, base, rounds)
        bases += runs
        writes = ", ".join(f"{n} x {status}" for status, n in sorted(editor.statuses.items()))
        median_write = statistics.median(editor.latencies) if editor.latencies else 0.0
        name = f"mix: 90% single, 10% all-12, 3 dates; 1 write/s ({writes}, p50 {median_write:.0f} ms)"
        rows.append(replace(row, name=name))
        rss = [vm_rss_mb(pid) for pid in service.workers()]
        restarts = (service.restarts(), baseline.restarts())
    finally:
        service.stop()
        if baseline is not None:
            baseline.stop()
    rows.insert(0, Row("baseline: bare Flask, same bytes and headers", median_load(bases), 1.0, 1.0))
    return rows, rss, restarts


def backfill(env: dict[str, str], today: date) -> str:
    """`horoscope-service publish` of a calendar year of daily tropical horoscopes, as a fresh process."""
    year = today.year - 2  # a year no scenario touched; outside the read window, hence --force
    command = [
        str(BIN / "horoscope-service"), "publish", "--from", f"{year}-01-01", "--to", f"{year}-12-31",
        "--system", "tropical", "--periods", "daily", "--force",
    ]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        return f"failed: {done.stderr.strip()[-300:]}"
    return f"{elapsed:.1f} s ({done.stdout.strip().splitlines()[-1]})"


def startup(clean: dict[str, str], scratch: Path) -> str:
    """Seconds from spawning `horoscope-service serve` (embedded Redis, fresh data dir) to /readyz 200."""
    try:
        start = serve_once({**clean, "HOROSCOPE_DATA_DIR": str(scratch / "serve")}, timeout=30)
    except RuntimeError as error:
        return str(error)
    return f"{start.ready:.2f} s"


def print_table(rows: list[Row], wrk: Wrk, options: argparse.Namespace) -> None:
    workers = options.workers or os.environ.get("WEB_CONCURRENCY", "2")
    print(
        f"\nwrk -t{wrk.threads} -c{wrk.connections}; per scenario {wrk.warmup} s warm-up, then "
        f"{options.rounds} rounds of {wrk.duration} s baseline + {wrk.duration} s scenario; medians. "
        f"gunicorn.conf.py, {workers} workers, {os.cpu_count()} CPUs, loopback.\n"
    )
    print(
        "| scenario | requests/s | p50 ms | p99 ms | req/s vs baseline | p99 vs baseline "
        "| worker CPU µs/req | failed | target |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        load = row.load
        if row.kind == "single":
            verdict = "ok" if row.rps_ratio >= 0.9 and row.p99_ratio <= 1.5 else "MISSED"
            target = f">= 0.90, p99 <= 1.5x: {verdict}"
        elif row.kind == "all":
            target = f">= 0.70: {'ok' if row.rps_ratio >= 0.7 else 'MISSED'}"
        else:
            target = ""
        print(
            f"| {row.name} | {load.rps:,.0f} | {load.p50:.2f} | {load.p99:.2f} | {row.rps_ratio:.2f} | "
            f"{row.p99_ratio:.2f} | {load.cpu_us:.0f} | {load.bad} | {target} |"
        )


if __name__ == "__main__":
    main()

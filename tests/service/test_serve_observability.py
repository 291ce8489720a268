"""/metrics and the log lines of real `serve` processes: gunicorn, its workers, their files."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from jobs.runs import RunLedger, RunOutcome, RunRecord, Trigger
from jobs.tally import Counts
from service.config import Config
from service.redis_server import RedisServer
from service.store import Keys, Store, connect
from tests.service.test_serve import children, get, start_serve, stop

SIGNS_READ = rb'horoscope_http_requests_total\{method="GET",route="/v1/signs/<sign>",status="200"\} (\S+)'


def signs_read(port: int) -> float:
    """How many GET /v1/signs/<sign> a server's /metrics counts, over all its workers."""
    status, body = get(f"http://127.0.0.1:{port}/metrics")
    assert status == 200
    return sum(float(value) for value in re.findall(SIGNS_READ, body))


def read_signs(port: int, times: int) -> None:
    for _ in range(times):  # a new connection each time: every worker gets some
        assert get(f"http://127.0.0.1:{port}/v1/signs/leo")[0] == 200


def metrics_directories(tmp_path: Path) -> set[Path]:
    return {path for path in (tmp_path / "var" / "metrics").iterdir() if path.is_dir()}


def kill_whole_server(server: subprocess.Popen[bytes]) -> None:
    """SIGKILL serve, its gunicorn master and the workers, as an OOM killer or `kill -9` would."""
    master = next(
        pid for pid in children(server.pid) if b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes()
    )
    workers = children(master)
    server.kill()
    server.wait()
    os.killpg(master, signal.SIGKILL)  # serve starts gunicorn in a session (and group) of its own
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in (master, *workers)):
        assert time.monotonic() < deadline, "the killed server's processes did not go away"
        time.sleep(0.05)


@pytest.mark.slow
def test_servers_started_from_one_directory_keep_their_own_metrics(
    tmp_path: Path, private_redis: RedisServer
) -> None:
    first, first_port = start_serve(tmp_path, workers=2, redis_url=private_redis.url)
    try:
        read_signs(first_port, 5)
        first_directory = metrics_directories(tmp_path)
        second, second_port = start_serve(tmp_path, workers=2, redis_url=private_redis.url)
        try:
            read_signs(second_port, 3)
            # The second start wiped none of the first's samples, and neither counts the other's requests.
            assert signs_read(first_port) == 5
            assert signs_read(second_port) == 3
            assert len(metrics_directories(tmp_path)) == 2
        finally:
            stop(second)
        assert metrics_directories(tmp_path) == first_directory, "a server removes its own directory at exit"

        killed, killed_port = start_serve(tmp_path, workers=1, redis_url=private_redis.url)
        read_signs(killed_port, 1)
        kill_whole_server(killed)
        assert len(metrics_directories(tmp_path)) == 2, "a killed server leaves its directory behind"
        third, third_port = start_serve(tmp_path, workers=1, redis_url=private_redis.url)
        try:
            # The next start removed the killed server's directory, and only that one.
            assert len(metrics_directories(tmp_path)) == 2
            assert first_directory < metrics_directories(tmp_path)
            assert signs_read(first_port) == 5
            assert signs_read(third_port) == 0
        finally:
            stop(third)
    finally:
        stop(first)
    assert metrics_directories(tmp_path) == set()


@pytest.mark.slow
def test_every_metric_family_appears_once_with_its_value(tmp_path: Path, private_redis: RedisServer) -> None:
    store = Store(connect(Config(redis_url=private_redis.url)), Keys("hs"))
    finished = datetime(2026, 2, 4, 4, 30, tzinfo=UTC)
    RunLedger(store, keep_days=400).record(
        RunRecord(
            run_id="r-1",
            job="refresh-tomorrow",
            target_date=date(2026, 2, 5),
            trigger=Trigger.MANUAL,
            started_at=finished,
            finished_at=finished,
            outcome=RunOutcome.SUCCEEDED,
            counts=Counts(published=36),
            error=None,
            detail=None,
            scheduler="test:1",
        )
    )
    store.close()
    server, port = start_serve(tmp_path, workers=2, redis_url=private_redis.url)
    try:
        read_signs(port, 4)
        for _ in range(6):  # new connections: both workers answer some, each after earlier scrapes
            status, body = get(f"http://127.0.0.1:{port}/metrics")
            assert status == 200
            text = body.decode()
            families = Counter(line.split()[2] for line in text.splitlines() if line.startswith("# TYPE "))
            assert families, "the scrape must export metric families"
            assert {name for name, count in families.items() if count > 1} == set()
            assert "pid=" not in text
            assert re.findall(
                r"^horoscope_last_successful_refresh_timestamp_seconds.*$", text, re.MULTILINE
            ) == [f"horoscope_last_successful_refresh_timestamp_seconds {finished.timestamp():.7e}"]
            assert 'horoscope_job_runs_recorded{job="refresh-tomorrow",outcome="succeeded"} 1.0' in text
    finally:
        stop(server)


@pytest.mark.slow
def test_every_line_serve_and_gunicorn_write_is_json(tmp_path: Path) -> None:
    server, port = start_serve(tmp_path, workers=1, output=subprocess.PIPE)
    try:
        read_signs(port, 1)
        assert get(f"http://127.0.0.1:{port}/v1/horoscopes/ophiuchus/today")[0] == 404
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    lines = output.decode().splitlines()
    not_json = []
    for line in lines:
        try:
            json.loads(line)
        except ValueError:
            not_json.append(line)
    assert not_json == []
    messages = [json.loads(line)["message"] for line in lines]
    # gunicorn's own lines, and serve's, are among them.
    assert any(message.startswith("Starting gunicorn") for message in messages)
    assert any(message.startswith("Booting worker") for message in messages)
    assert any(message.startswith("embedded Redis at") for message in messages)

"""`horoscope-service publish`, `jobs run` and `jobs list` against a real Redis."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import redis
from click.testing import CliRunner

from service.cli import main
from tests.jobs.conftest import entry_keys
from tests.redis_fixtures import CLUSTER


@pytest.fixture
def cli(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("HOROSCOPE_REDIS_URL", redis_url)
    monkeypatch.setenv("HOROSCOPE_REDIS_CLUSTER", str(CLUSTER).lower())
    return CliRunner()


def test_publish_backfills_a_range_and_says_what_it_did(cli: CliRunner, redis_client: redis.Redis) -> None:
    arguments = ["publish", "--from", "2025-03-30", "--to", "2025-04-01", "--system", "tropical"]
    first = cli.invoke(main, [*arguments, "--periods", "daily,monthly"])
    assert first.exit_code == 0, first.output
    # Three days of daily readings; March and April for the monthly ones.
    assert "published 60, refreshed 0, left to overrides 0, already present 0" in first.output
    assert len(entry_keys(redis_client, "horoscope:tropical:daily:*")) == 36
    assert len(entry_keys(redis_client, "horoscope:tropical:monthly:*")) == 24
    assert entry_keys(redis_client, "horoscope:sidereal:*") == set()

    again = cli.invoke(main, [*arguments, "--periods", "daily"])
    assert "published 0, refreshed 0, left to overrides 0, already present 36" in again.output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--from", "2025-04-02", "--to", "2025-04-01"], "--to is before --from"),
        (
            ["--from", "2025-04-01", "--to", "2025-04-01", "--periods", "yearly"],
            "use daily, weekly and monthly",
        ),
        (["--from", "April 1", "--to", "2025-04-01"], "April 1"),
        (["--from", "1850-01-01", "--to", "1850-01-01"], "1850-01-01"),  # before the ephemeris
    ],
)
def test_publish_refuses_bad_ranges(cli: CliRunner, arguments: list[str], message: str) -> None:
    result = cli.invoke(main, ["publish", *arguments])
    assert result.exit_code != 0
    assert message in result.output


def test_jobs_run_prints_the_record_of_a_manual_run(cli: CliRunner, redis_client: redis.Redis) -> None:
    yesterday = (datetime.now(ZoneInfo("Asia/Kolkata")) - timedelta(days=1)).date().isoformat()
    result = cli.invoke(main, ["jobs", "run", "prune", "--date", yesterday])  # the CLI runs on the real clock
    assert result.exit_code == 0, result.output
    run = json.loads(result.output)
    assert (run["job"], run["target_date"], run["trigger"], run["outcome"]) == (
        "prune",
        yesterday,
        "manual",
        "succeeded",
    )
    assert redis_client.xlen("hs:{job:prune}:runs") == 1
    listed = cli.invoke(main, ["jobs", "list"])
    assert listed.output.splitlines()[2].startswith("prune\t'30 3 * * *' Asia/Kolkata\tnext ")
    assert "last succeeded" in listed.output.splitlines()[2]


def test_jobs_run_names_unknown_jobs(cli: CliRunner) -> None:
    result = cli.invoke(main, ["jobs", "run", "refresh-today"])
    assert result.exit_code == 1
    assert "No job 'refresh-today'" in result.output


def test_jobs_run_records_the_user_who_started_it(
    cli: CliRunner, redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USER", "asha")
    monkeypatch.setenv("LOGNAME", "asha")
    yesterday = (datetime.now(ZoneInfo("Asia/Kolkata")) - timedelta(days=1)).date().isoformat()
    result = cli.invoke(main, ["jobs", "run", "prune", "--date", yesterday])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["started_by"] == "cli:asha"
    listed = cli.invoke(main, ["jobs", "list"]).output.splitlines()[2]
    assert listed.endswith("(manual by cli:asha)")

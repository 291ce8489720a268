"""`horoscope-service publish`, `jobs run` and `jobs list` against a real Redis."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
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


def portal_today() -> date:
    """The portal's date now: the CLI runs on the real clock."""
    return datetime.now(ZoneInfo("Asia/Kolkata")).date()


def test_publish_backfills_a_range_and_says_what_it_did(cli: CliRunner, redis_client: redis.Redis) -> None:
    month_start = portal_today().replace(day=1)
    first_day, last_day = (month_start - timedelta(days=2)).isoformat(), month_start.isoformat()
    arguments = ["publish", "--from", first_day, "--to", last_day, "--system", "tropical"]
    first = cli.invoke(main, [*arguments, "--periods", "daily,monthly"])
    assert first.exit_code == 0, first.output
    # Three days of daily readings; last month and this month for the monthly ones.
    assert "published 60, refreshed 0, left to overrides 0, already present 0" in first.output
    assert len(entry_keys(redis_client, "horoscope:tropical:daily:*")) == 36
    assert len(entry_keys(redis_client, "horoscope:tropical:monthly:*")) == 24
    assert entry_keys(redis_client, "horoscope:sidereal:*") == set()

    again = cli.invoke(main, [*arguments, "--periods", "daily"])
    assert "published 0, refreshed 0, left to overrides 0, already present 36" in again.output


def test_publish_backfills_the_hindi_rashifal_with_the_vedic_edition(
    cli: CliRunner, redis_client: redis.Redis
) -> None:
    day = portal_today().isoformat()
    arguments = ["publish", "--from", day, "--to", day, "--periods", "daily"]
    hindi = cli.invoke(main, [*arguments, "--lang", "hi"])
    assert hindi.exit_code == 0, hindi.output
    assert "published 12," in hindi.output
    assert len(entry_keys(redis_client, f"horoscope:sidereal:daily:*:{day}:hi")) == 12
    assert entry_keys(redis_client, f"horoscope:*:daily:*:{day}") == set(), "no English entry"
    both = cli.invoke(main, [*arguments, "--system", "sidereal"])
    assert "published 12, refreshed 0, left to overrides 0, already present 12" in both.output
    tropical_hindi = cli.invoke(main, [*arguments, "--lang", "hi", "--system", "tropical"])
    assert tropical_hindi.exit_code != 0
    assert "the Hindi rashifal is Vedic only" in tropical_hindi.output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--from", "2025-04-02", "--to", "2025-04-01"], "--to is before --from"),
        (
            ["--from", "2025-04-01", "--to", "2025-04-01", "--periods", "yearly"],
            "use daily, weekly and monthly",
        ),
        (["--from", "April 1", "--to", "2025-04-01"], "April 1"),
        (["--from", "1850-01-01", "--to", "1850-01-01"], "reaches outside the read window"),
        (["--from", "1850-01-01", "--to", "1850-01-01", "--force"], "1850-01-01"),  # before the ephemeris
    ],
)
def test_publish_refuses_bad_ranges(cli: CliRunner, arguments: list[str], message: str) -> None:
    result = cli.invoke(main, ["publish", *arguments])
    assert result.exit_code != 0
    assert message in result.output


def test_publish_refuses_dates_readers_cannot_ask_for_unless_forced(
    cli: CliRunner, redis_client: redis.Redis
) -> None:
    today = portal_today()
    window = f"{today - timedelta(days=400)} to {today + timedelta(days=30)}"
    old = (today - timedelta(days=401)).isoformat()
    arguments = ["publish", "--from", old, "--to", old, "--system", "tropical", "--periods", "daily"]
    refused = cli.invoke(main, arguments)
    assert refused.exit_code == 1
    assert f"{old} to {old} reaches outside the read window, {window}" in refused.output
    for named in (
        "HOROSCOPE_PAST_DAYS=400",
        "HOROSCOPE_FUTURE_DAYS=30",
        "HOROSCOPE_RETENTION_DAYS=400",
        "--force",
    ):
        assert named in refused.output
    assert entry_keys(redis_client, "horoscope:*") == set()
    beyond = (today + timedelta(days=31)).isoformat()
    assert cli.invoke(main, ["publish", "--from", today.isoformat(), "--to", beyond]).exit_code == 1

    forced = cli.invoke(main, [*arguments, "--force"])
    assert forced.exit_code == 0, forced.output
    assert "published 12," in forced.output


def test_publish_logs_its_progress_when_not_on_a_terminal(cli: CliRunner) -> None:
    today = portal_today()
    days = [today.isoformat(), (today + timedelta(days=2)).isoformat()]
    result = cli.invoke(
        main, ["publish", "--from", days[0], "--to", days[1], "--system", "tropical", "--periods", "daily"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert [line.split(" in ")[0] for line in lines] == [
        f"publishing: {done} of 36 entries ({done * 100 // 36}%)"
        for done in (4, 8, 11, 15, 18, 22, 26, 29, 33, 36)
    ]
    assert result.stdout == "published 36, refreshed 0, left to overrides 0, already present 0\n"


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

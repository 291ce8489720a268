"""The jobs' commands: `scheduler` (the process), `publish` (backfills), `jobs list` and `jobs run`."""

from __future__ import annotations

import getpass
import json
import os
import sys
from datetime import date, datetime

import click

from jobs.definitions import JOBS, check_job_settings, job_named
from jobs.refresh import readings_covering, refresh_readings
from jobs.runner import JobRunner
from jobs.runs import RunLedger, RunOutcome, RunRecord
from jobs.scheduler import JobScheduler
from jobs.tally import Tally
from service import register_logging
from service.components import check_content
from service.config import ConfigError
from service.content.calendar import Period
from service.content.errors import ContentError
from service.content.zodiac import Sign, System
from service.days import isoformat_utc, utc_now
from service.publishing import Publisher
from service.schedules import next_fire

ISO_DATE = click.DateTime(["%Y-%m-%d"])


def load_publisher() -> Publisher:
    """The environment's configuration, checked, and a publisher on its Redis (or a running `serve`'s)."""
    # Imported here: service.cli imports this module to register the commands.
    from service.cli import load_config, load_store

    config = load_config()
    try:
        check_content(config)
        check_job_settings(config)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    return Publisher(load_store(config), config, utc_now)


def load_runner(publisher: Publisher) -> JobRunner:
    """A runner recording into the publisher's Redis."""
    config = publisher.config
    ledger = RunLedger(publisher.store, keep_days=config.retention_days)
    return JobRunner(ledger, publisher, utc_now, lock_seconds=config.job_lock_seconds)


@click.command()
def scheduler() -> None:
    """Run the scheduled jobs (refresh tomorrow, prefill, prune); catch up on missed runs first."""
    publisher = load_publisher()
    register_logging(publisher.config)
    JobScheduler(load_runner(publisher), publisher.config, utc_now).run_forever()


def parse_periods(_context: click.Context, _param: click.Parameter, value: str) -> tuple[Period, ...]:
    """--periods as Periods: daily,weekly,monthly in any subset."""
    try:
        return tuple(Period(name.strip()) for name in value.split(",") if name.strip())
    except ValueError:
        raise click.BadParameter(f"'{value}': use daily, weekly and monthly, comma-separated") from None


@click.command()
@click.option("--from", "first_day", required=True, type=ISO_DATE, help="First date (YYYY-MM-DD).")
@click.option("--to", "last_day", required=True, type=ISO_DATE, help="Last date, inclusive.")
@click.option(
    "--system", type=click.Choice(["tropical", "sidereal", "both"]), default="both", show_default=True
)
@click.option(
    "--periods",
    default="daily,weekly,monthly",
    show_default=True,
    callback=parse_periods,
    help="Readings to publish: those whose period holds a day of the range.",
)
def publish(first_day: datetime, last_day: datetime, system: str, periods: tuple[Period, ...]) -> None:
    """Publish the horoscopes of a date range (backfills); like the refresh, never touching overrides."""
    if last_day < first_day:
        raise click.BadParameter("--to is before --from", param_hint="--to")
    publisher = load_publisher()
    systems = tuple(System) if system == "both" else (System(system),)
    readings = readings_covering(first_day.date(), last_day.date(), periods)
    with click.progressbar(length=len(readings) * len(systems) * len(Sign), label="publishing") as bar:
        tally = Tally(lambda: bar.update(1))
        try:
            refresh_readings(publisher, readings, systems, tally)
        except ContentError as error:
            raise click.ClickException(str(error)) from None
    counts = tally.counts
    click.echo(
        f"published {counts.published}, refreshed {counts.refreshed}, "
        f"left to overrides {counts.overridden}, already present {counts.present}"
    )


@click.group()
def jobs() -> None:
    """Inspect the scheduled jobs and run one by hand."""


@jobs.command("list")
def list_jobs() -> None:
    """Each job's schedule, next run and last run."""
    publisher = load_publisher()
    ledger = load_runner(publisher).ledger
    config = publisher.config
    for job in JOBS:
        schedule = job.schedule(config)
        fire = next_fire(schedule, config.zone, utc_now())
        last = ledger.last_run(job.name)
        click.echo(
            f"{job.name}\t'{schedule}' {config.timezone}\tnext {isoformat_utc(fire) if fire else '-'}\t"
            f"last {describe(last) if last else '-'}"
        )


def cli_user() -> str:
    """Who runs this command, as run records name them: cli:<login name>."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # a container's uid may have no passwd entry and no USER
        return f"cli:uid-{os.getuid()}"


def describe(run: RunRecord) -> str:
    """A run in a few words: outcome, when, and who started it if someone did."""
    started_by = f" by {run.started_by}" if run.started_by else ""
    return f"{run.outcome.value} {isoformat_utc(run.finished_at)} ({run.trigger.value}{started_by})"


@jobs.command("run")
@click.argument("name")
@click.option("--date", "target", type=ISO_DATE, help="Target date (default: the job's, as if it fired now).")
def run_job(name: str, target: datetime | None) -> None:
    """Run a job now, under its lock, and print the run record (exit 1 if it failed)."""
    publisher = load_publisher()
    try:
        job = job_named(name)
        day: date | None = target.date() if target else None
        record = load_runner(publisher).run_manual(job, day, started_by=cli_user())
    except ContentError as error:
        raise click.ClickException(str(error)) from None
    click.echo(json.dumps(record.document(), indent=2))
    if record.outcome is RunOutcome.FAILED:
        sys.exit(1)

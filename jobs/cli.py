"""The jobs' commands, which `service.cli` adds to `horoscope-service`: `scheduler`, `publish`, `jobs`.

The publisher, the composer behind it and APScheduler are imported inside the commands that run
jobs, so that `--help`, `jobs list` and the other commands start without loading the sky.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING

import click

from jobs.definitions import JOBS, job_named
from jobs.runs import RunLedger, RunOutcome, RunRecord
from jobs.tally import Tally
from service.cli_environment import load_config, load_store
from service.config import Config, ConfigError
from service.content.calendar import Period
from service.content.errors import ContentError
from service.content.zodiac import Sign, System
from service.days import isoformat_utc, local_today, utc_now
from service.schedules import next_fire

if TYPE_CHECKING:
    from jobs.runner import JobRunner
    from service.publishing import Publisher

ISO_DATE = click.DateTime(["%Y-%m-%d"])


def load_publisher(config: Config) -> Publisher:
    """A publisher on the configured Redis (or a running `serve`'s), its content checked first."""
    from service.components import check_content
    from service.publishing import Publisher

    try:
        check_content(config)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    return Publisher(load_store(config), config, utc_now)


def load_runner(publisher: Publisher) -> JobRunner:
    """A runner recording into the publisher's Redis."""
    from jobs.runner import JobRunner

    config = publisher.config
    ledger = RunLedger(publisher.store, keep_days=config.retention_days)
    return JobRunner(ledger, publisher, utc_now, lock_seconds=config.job_lock_seconds)


@click.command()
def scheduler() -> None:
    """Run the scheduled jobs (refresh tomorrow, prefill, prune); catch up on missed runs first."""
    from jobs.scheduler import JobScheduler
    from service import register_logging

    publisher = load_publisher(load_config())
    register_logging(publisher.config)
    config = publisher.config
    edge = None
    if publisher.store.announcer is not None:  # edge backends are configured
        from jobs.purging import EdgePurging
        from service.edge.purges import PurgeQueue

        assert isinstance(publisher.store.announcer, PurgeQueue)
        edge = EdgePurging(publisher.store, publisher.store.announcer, config, utc_now)
    JobScheduler(load_runner(publisher), config, utc_now, edge=edge).run_forever()


def parse_periods(_context: click.Context, _param: click.Parameter, value: str) -> tuple[Period, ...]:
    """--periods as Periods: daily,weekly,monthly in any subset."""
    try:
        periods = tuple(Period(name.strip()) for name in value.split(",") if name.strip())
    except ValueError:
        periods = ()
    if not periods:
        raise click.BadParameter(f"'{value}': use daily, weekly and monthly, comma-separated")
    return periods


def check_read_window(config: Config, first_day: date, last_day: date) -> None:
    """A clean exit unless readers may ask for every day of the range (and the prune leaves it be)."""
    today = local_today(utc_now(), config.zone)
    opens, closes = config.read_window(today)
    if opens <= first_day and last_day <= closes:
        return
    raise click.ClickException(
        f"{first_day} to {last_day} reaches outside the read window, {opens} to {closes} (today is {today} "
        f"in {config.timezone}; HOROSCOPE_PAST_DAYS={config.past_days} days back, HOROSCOPE_FUTURE_DAYS="
        f"{config.future_days} ahead). Readers get 404 for dates outside it, and the prune deletes entries "
        f"older than HOROSCOPE_RETENTION_DAYS={config.retention_days} days. Publish inside the window, "
        "widen those settings, or pass --force."
    )


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[], None]]:
    """A step to call per entry: a progress bar on a terminal, else a line on stderr at each tenth."""
    if sys.stdout.isatty():
        with click.progressbar(length=total, label=label) as bar:
            yield lambda: bar.update(1)
        return
    started = time.monotonic()
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if done * 10 // total > (done - 1) * 10 // total:
            elapsed = time.monotonic() - started
            percent = done * 100 // total
            click.echo(f"{label}: {done} of {total} entries ({percent}%) in {elapsed:.1f} s", err=True)

    yield step


@click.command()
@click.option("--from", "first_day", required=True, type=ISO_DATE, help="First date (YYYY-MM-DD).")
@click.option("--to", "last_day", required=True, type=ISO_DATE, help="Last date, inclusive.")
@click.option(
    "--system",
    type=click.Choice(["tropical", "sidereal", "vedic", "both"]),
    default="both",
    show_default=True,
)
@click.option(
    "--lang",
    type=click.Choice(["en", "hi", "both"]),
    default="both",
    show_default=True,
    help="en, hi (the Hindi rashifal: sidereal only), or both.",
)
@click.option(
    "--periods",
    default="daily,weekly,monthly",
    show_default=True,
    callback=parse_periods,
    help="Readings to publish: those whose period holds a day of the range.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Publish dates outside the read window too (readers get 404 for them; the prune may delete them).",
)
def publish(
    first_day: datetime,
    last_day: datetime,
    system: str,
    lang: str,
    periods: tuple[Period, ...],
    force: bool,
) -> None:
    """Publish the horoscopes of a date range (backfills); like the refresh, never touching overrides."""
    from jobs.refresh import EDITIONS, readings_covering, refresh_readings

    if last_day < first_day:
        raise click.BadParameter("--to is before --from", param_hint="--to")
    config = load_config()
    if not force:
        check_read_window(config, first_day.date(), last_day.date())
    publisher = load_publisher(config)
    systems = tuple(System) if system == "both" else (System(system),)
    languages = ("en", "hi") if lang == "both" else (lang,)
    editions = [
        (zodiac, language) for zodiac, language in EDITIONS if zodiac in systems and language in languages
    ]
    if not editions:
        raise click.BadParameter(
            "the Hindi rashifal is Vedic only: add --system sidereal", param_hint="--lang"
        )
    readings = readings_covering(first_day.date(), last_day.date(), periods)
    with progress(len(readings) * len(editions) * len(Sign), "publishing") as step:
        tally = Tally(step)
        try:
            refresh_readings(publisher, readings, editions, tally)
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
    config = load_config()
    ledger = RunLedger(load_store(config), keep_days=config.retention_days)
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
    publisher = load_publisher(load_config())
    try:
        job = job_named(name)
        day: date | None = target.date() if target else None
        record = load_runner(publisher).run_manual(job, day, started_by=cli_user())
    except ContentError as error:
        raise click.ClickException(str(error)) from None
    click.echo(json.dumps(record.document(), indent=2))
    if record.outcome is RunOutcome.FAILED:
        sys.exit(1)

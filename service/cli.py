"""The `horoscope-service` command: run the web role, inspect settings."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from types import FrameType

import click

from jobs.cli import jobs, publish, scheduler
from service.cli_environment import load_config, load_store
from service.config import documented_settings
from service.data_cli import data
from service.days import isoformat_utc, utc_now
from service.edge_cli import purge
from service.embedded_redis import EmbeddedRedis, EmbeddedRedisError
from service.health_cli import health
from service.logs import configure_logging
from service.store import StoreUnavailable
from service.tokens import NAME_RULE, ROLES, InvalidTokenName, TokenExists, Tokens

log = logging.getLogger(__name__)

PACKAGED_GUNICORN_CONFIG = "python:service.gunicorn_config"  # found wherever the package is installed


@click.group()
def main() -> None:
    """Horoscopes grounded in the real sky, and lifestyle listicles, served from Redis."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", type=click.IntRange(1, 64), help="gunicorn workers (default: WEB_CONCURRENCY, 2).")
@click.option(
    "--gunicorn-config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A gunicorn settings file of your own (default: the packaged service/gunicorn_config.py).",
)
def serve(host: str, port: int, workers: int | None, gunicorn_config: Path | None) -> None:
    """Run the API under gunicorn; without HOROSCOPE_REDIS_URL, start an embedded Redis too."""
    config = load_config()
    configure_logging(config.log_level)  # serve's lines are JSON, like gunicorn's and the workers'
    env = dict(os.environ)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        str(gunicorn_config) if gunicorn_config else PACKAGED_GUNICORN_CONFIG,
        "--bind",
        f"{host}:{port}",
    ]
    if workers:
        command += ["--workers", str(workers)]
    with ExitStack() as running:  # the embedded Redis stops after gunicorn, however serve ends
        if config.redis_url is None:
            embedded = EmbeddedRedis(config.data_dir)
            try:
                redis_server = running.enter_context(embedded.running())
            except EmbeddedRedisError as error:
                raise click.ClickException(str(error)) from None
            env["HOROSCOPE_REDIS_URL"] = redis_server.url
            log.info(
                "embedded Redis at %s, data in %s; other commands find it with HOROSCOPE_DATA_DIR=%s",
                redis_server.url,
                embedded.directory,
                config.data_dir,
            )
        code = run_until_stopped([*command, "service.wsgi:app"], env)
    sys.exit(code)


def run_until_stopped(command: list[str], env: dict[str, str]) -> int:
    """Run gunicorn until it exits, passing our stop signals on; its exit status."""
    # Own session: a terminal's Ctrl-C reaches us once, and we stop gunicorn, then Redis, in order.
    web = subprocess.Popen(command, env=env, start_new_session=True)

    def forward(signum: int, _frame: FrameType | None) -> None:
        web.send_signal(signal.SIGTERM if signum == signal.SIGINT else signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    return web.wait()


@main.command()
def settings() -> None:
    """Print every HOROSCOPE_* setting: its value here, its default, what it does."""
    config = load_config()
    for variable, default, doc in documented_settings():
        name = variable.removeprefix("HOROSCOPE_").lower()
        value = getattr(config, name)
        if isinstance(value, tuple):
            value = ",".join(value)
        elif value is not None and config.is_secret(name):
            value = "(set, not shown)"
        click.echo(f"{variable}={'' if value is None else value}  (default {default}) {doc}")


@main.group()
def tokens() -> None:
    """Create, list and revoke the bearer tokens editors and admins write with."""


def parse_lifetime(_context: click.Context, _param: click.Parameter, value: str | None) -> timedelta | None:
    """--expires-in as a lifetime: '<N>d' (days), or 'never'; unset: HOROSCOPE_TOKEN_DAYS."""
    if value is None:
        return timedelta(days=load_config().token_days)
    text = value.strip().lower()
    if text == "never":
        return None
    days = text.removesuffix("d")
    if not days.isdigit() or int(days) == 0:
        raise click.BadParameter(f"'{value}': give days, like 90d, or 'never'")
    return timedelta(days=int(days))


@tokens.command("create")
@click.option("--name", required=True, help=f"Who uses it ({NAME_RULE}); the author of every change.")
@click.option("--role", type=click.Choice(ROLES), default="editor", show_default=True)
@click.option(
    "--expires-in",
    "lifetime",
    callback=parse_lifetime,
    help="Lifetime: '<N>d' or 'never' (default: HOROSCOPE_TOKEN_DAYS days).",
)
def create_token(name: str, role: str, lifetime: timedelta | None) -> None:
    """Create a token and print it once: only its digest is stored."""
    now = utc_now()
    expires_at = None if lifetime is None else now + lifetime
    try:
        token = Tokens(load_store(load_config())).create(name, role, now, expires_at)
    except InvalidTokenName as error:
        raise click.BadParameter(str(error), param_hint="--name") from None
    except (TokenExists, StoreUnavailable) as error:
        raise click.ClickException(str(error)) from None
    click.echo(token)
    expiry = "never expires" if expires_at is None else f"expires at {isoformat_utc(expires_at)}"
    click.echo(f"token of {name.casefold()} ({role}): {expiry}", err=True)


@tokens.command("list")
def list_tokens() -> None:
    """Every token's name, role, creation, expiry and last use (UTC)."""
    try:
        records = Tokens(load_store(load_config())).list()
    except StoreUnavailable as error:
        raise click.ClickException(str(error)) from None
    now = utc_now()
    click.echo("name\trole\tcreated\texpires\tlast used")
    for info in records:
        expires = info.expires_at or "never"
        if info.expired(now):
            expires += " (expired)"
        click.echo(f"{info.name}\t{info.role}\t{info.created_at}\t{expires}\t{info.last_used_at or '-'}")


@tokens.command("revoke")
@click.argument("name")
def revoke_token(name: str) -> None:
    """Revoke a token by name, at once, on every replica."""
    try:
        revoked = Tokens(load_store(load_config())).revoke(name)
    except StoreUnavailable as error:
        raise click.ClickException(str(error)) from None
    if not revoked:
        raise click.ClickException(f"No token named '{name}'.")
    click.echo(f"revoked {name}")


for command in (scheduler, publish, jobs, data, health, purge):
    main.add_command(command)


if __name__ == "__main__":
    main()

"""`horoscope-service health`: whether the role running here is alive, for a container's HEALTHCHECK.

The web role answers /healthz on its port. The scheduler role keeps its host's heartbeat fresh in Redis
(written every 30 s, expiring after 90 s): another scheduler's heartbeat says nothing about this one.
Neither check asks whether Redis holds the data (that is /readyz's job, for load balancers): a
container an orchestrator restarts for an outage it cannot mend would only restart again.
Light, like every command: it runs every 30 s in every container.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from datetime import datetime

import click

from service.cli_environment import load_config, load_store
from service.days import utc_now

ROLES = ("web", "scheduler")


@click.command()
@click.option("--role", type=click.Choice(ROLES), required=True, help="The role this container runs.")
@click.option(
    "--port",
    envvar="PORT",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="The web role's port (env PORT, as the image's entrypoint uses).",
)
@click.option("--timeout", default=3.0, show_default=True, type=click.FloatRange(0.1, 60), help="Seconds.")
def health(role: str, port: int, timeout: float) -> None:
    """Exit 0 if this host's web server answers /healthz, or its scheduler's heartbeat is fresh; else 1."""
    click.echo(web_alive(port, timeout) if role == "web" else scheduler_alive(socket.gethostname()))


def web_alive(port: int, timeout: float) -> str:
    """What /healthz answered on this host, or a clean failure saying why it did not."""
    url = f"http://127.0.0.1:{port}/healthz"
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            status = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (OSError, TimeoutError) as error:
        raise click.ClickException(f"web: {url} did not answer: {error}") from None
    if status != 200:
        raise click.ClickException(f"web: {url} answered {status}")
    return f"web: {url} answered 200 in {(time.monotonic() - started) * 1000:.0f} ms"


def scheduler_alive(host: str) -> str:
    """How long ago a scheduler on `host` beat in Redis, or a clean failure saying why it is not alive."""
    from jobs.runs import RunLedger
    from service.store import StoreUnavailable

    config = load_config()
    try:
        beat = RunLedger(load_store(config), keep_days=config.retention_days).heartbeat(host)
    except StoreUnavailable as error:
        raise click.ClickException(f"scheduler: cannot read its heartbeat: {error}") from None
    if beat is None:
        raise click.ClickException(f"scheduler: no unexpired heartbeat from a scheduler on {host}")
    age = (utc_now() - datetime.fromisoformat(beat["at"])).total_seconds()
    return f"scheduler: {beat['scheduler']} beat {age:.0f} s ago"

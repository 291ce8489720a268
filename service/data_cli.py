"""`horoscope-service data`: what the data epoch says, and acknowledging a loss (service.epoch)."""

from __future__ import annotations

import click

from service.cli_environment import load_config, load_store
from service.days import utc_now
from service.epoch import DataEpoch
from service.store import StoreUnavailable


@click.group()
def data() -> None:
    """Inspect the data epoch that tells a Redis holding the service's data from one that lost it."""


def load_epoch() -> DataEpoch:
    """The data epoch of the configured Redis (or a running `serve`'s)."""
    return DataEpoch(load_store(load_config()), utc_now)


@data.command("status")
def status() -> None:
    """Print the data epoch Redis holds, or why data is reported lost."""
    try:
        click.echo(load_epoch().describe())
    except StoreUnavailable as error:
        raise click.ClickException(str(error)) from None


@data.command("reset-epoch")
@click.option("--yes", is_flag=True, help="Confirm: the data Redis holds now is the data to serve.")
def reset_epoch(yes: bool) -> None:
    """Acknowledge lost data (or a deliberate wipe): write a new epoch every process adopts."""
    if not yes:
        raise click.ClickException(
            "This accepts what Redis holds now as the service's data: anything lost stays lost, and "
            "entries dated before today are composed again when asked for. Restore Redis from its "
            "append-only file or a backup instead if you can; otherwise run again with --yes."
        )
    try:
        epoch = load_epoch().reset()
    except StoreUnavailable as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"data epoch reset to {epoch['id']}; every service process adopts it at its next check")

"""`horoscope-service purge`: purge the edge by hand, or send dead-lettered purges again."""

from __future__ import annotations

import getpass

import click

from service.cli_environment import load_config, load_store
from service.content.errors import ContentError


@click.command()
@click.argument("tags", nargs=-1)
@click.option("--hard", is_flag=True, help="Evict outright (a takedown) instead of a soft purge.")
@click.option("--retry-dead", is_flag=True, help="Queue every dead-lettered purge again, then drop them.")
def purge(tags: tuple[str, ...], hard: bool, retry_dead: bool) -> None:
    """Queue a purge of TAGS (as answers carry them: hs.all, hs.date.2026-02-05, ...) at every edge.

    The scheduler sends it to each configured backend, like the purges of editors' writes.
    """
    from service.edge.purges import manual_purge
    from service.edge.purges import retry_dead as retry

    if not tags and not retry_dead:
        raise click.UsageError("Name the tags to purge, or give --retry-dead.")
    store = load_store(load_config())
    try:
        if retry_dead:
            click.echo(f"queued {retry(store)} dead-lettered purges again")
        if tags:
            events = manual_purge(store, tags, hard=hard, by=f"cli:{getpass.getuser()}")
            click.echo(
                f"queued a {'hard' if hard else 'soft'} purge of {' '.join(tags)} ({', '.join(events)})"
            )
    except ContentError as error:
        raise click.ClickException(error.detail) from None

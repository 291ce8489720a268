"""What every command reads from its environment: the settings, and the Redis to work on.

Kept light (no Flask, no composer): `horoscope-service --help` and `tokens list` import only this.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import click

from service.config import Config, ConfigError
from service.embedded_redis import EmbeddedRedis, EmbeddedRedisError

if TYPE_CHECKING:
    from service.store import Store


def load_config() -> Config:
    """The environment's configuration, or a clean exit naming the bad settings."""
    try:
        return Config.from_env()
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


def load_store(config: Config) -> Store:
    """The configured Redis, or the embedded one a running `serve` recorded under the data directory."""
    from service.edge.purges import purge_queue
    from service.store import Keys, Store, StoreUnavailable, connect

    embedded = config.redis_url is None
    if embedded:
        try:
            config = replace(config, redis_url=EmbeddedRedis(config.data_dir).recorded_url())
        except EmbeddedRedisError as error:
            raise click.ClickException(str(error)) from None
    store = Store(connect(config), Keys(config.key_prefix), announcer=purge_queue(config))
    context = click.get_current_context(silent=True)
    if context is not None:  # close the connections when the command ends, not at garbage collection
        context.call_on_close(store.close)
    if embedded:
        try:
            store.ping()
        except StoreUnavailable:
            raise click.ClickException(
                f"The embedded Redis that `serve` recorded in {EmbeddedRedis(config.data_dir).url_file} "
                f"({config.redis_url}) does not answer: is that `serve` still running?"
            ) from None
    return store

"""The long-lived objects one process builds once and every request shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app

from service.client_address import ClientAddresses
from service.config import Config, ConfigError
from service.content.listicles import load_catalog, plan_problem
from service.content.phrases import load_bank
from service.edge.purges import purge_queue
from service.publishing import Publisher
from service.rate_limits import AuthLimits
from service.store import Keys, Store, connect
from service.tokens import Tokens


@dataclass(frozen=True)
class Components:
    config: Config
    store: Store
    publisher: Publisher
    tokens: Tokens
    clock: Callable[[], datetime]
    limits: AuthLimits
    clients: ClientAddresses


def build_components(config: Config, clock: Callable[[], datetime]) -> Components:
    """Check the content data, connect to Redis (lazily: no command is sent yet), wire the publisher."""
    check_content(config)
    store = Store(
        connect(config),
        Keys(config.key_prefix),
        cooldown=config.cache_check_seconds,
        announcer=purge_queue(config),  # writes queue their edge purges in their own transactions
    )
    limits = AuthLimits(
        store, failures_per_minute=config.auth_failures_per_minute, writes_per_minute=config.writes_per_minute
    )
    clients = ClientAddresses.from_setting(config.trusted_proxies)
    return Components(config, store, Publisher(store, config, clock), Tokens(store), clock, limits, clients)


def check_content(config: Config) -> None:
    """Load and validate the phrase banks and the catalog at start, not at the first reader's request."""
    load_bank()
    problem = plan_problem(load_catalog(), config.listicles_per_day)
    if problem:
        raise ConfigError(f"HOROSCOPE_LISTICLES_PER_DAY: {problem}")


def components() -> Components:
    """This app's components, from inside a request or app context."""
    found: Components = current_app.extensions["horoscope"]
    return found

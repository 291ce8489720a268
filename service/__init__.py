"""The horoscope and lifestyle content service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from service.config import Config
from service.days import utc_now

if TYPE_CHECKING:
    from flask import Flask

API_SETTINGS = {
    "API_TITLE": "Horoscope and lifestyle content",
    "API_VERSION": "1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
    "JSON_SORT_KEYS": False,
    "MAX_CONTENT_LENGTH": 64 * 1024,  # editors' bodies are small; anything larger is refused with 413
}


def create_app(config: Config | None = None, *, clock: Callable[[], datetime] = utc_now) -> Flask:
    """Build the WSGI app from `config` (default: the environment) and a clock (tests pass their own)."""
    from flask import Flask

    config = config or Config.from_env()
    app = Flask(__name__)
    app.config.update(API_SETTINGS)
    register_logging(config)
    register_extensions(app, config, clock)
    register_blueprints(app)
    register_console(app)
    register_error_handlers(app)
    register_cached_reads(app)
    register_observability(app, config)
    return app


def register_logging(config: Config) -> None:
    from service.logs import configure_logging

    configure_logging(config.log_level)


# The web stack is imported inside the steps, so that importing the pure `service.content`
# package or the command line (which run this file first) does not drag in Flask, the publisher
# and the composer.


def register_extensions(app: Flask, config: Config, clock: Callable[[], datetime]) -> None:
    from service.components import build_components

    app.extensions["horoscope"] = build_components(config, clock)


def register_blueprints(app: Flask) -> None:
    from service.api import register_blueprints as mount

    mount(app)


def register_console(app: Flask) -> None:
    from service.console import register_console as mount

    mount(app)


def register_cached_reads(app: Flask) -> None:
    from service.api.cached_reads import register_cached_reads as register

    register(app)


def register_observability(app: Flask, config: Config) -> None:
    from service.observability import register_observability as register

    register(app, config.log_level)


def register_error_handlers(app: Flask) -> None:
    from service.errors import register_error_handlers as register

    register(app)

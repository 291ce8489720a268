"""Fixtures shared by every test: real Redis servers, a controllable clock, the app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.config import Config

pytest_plugins = ["tests.redis_fixtures"]


class Clock:
    """A clock the test moves by hand; the service reads it instead of the system clock."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    """10:00 in New Delhi on 2026-02-04, so 'tomorrow' is 2026-02-05."""
    return Clock(datetime(2026, 2, 4, 4, 30, tzinfo=UTC))


@pytest.fixture
def make_app(config: Config, clock: Clock) -> Iterator[Callable[..., Flask]]:
    """Build an app against the session's Redis (or another one's redis_url), settings by keyword."""
    built: list[Flask] = []

    def build(**settings: Any) -> Flask:
        if "redis_url" in settings:
            settings.setdefault("redis_cluster", False)  # private servers are single servers
        app = create_app(replace(config, **settings), clock=clock)
        app.testing = True
        built.append(app)
        return app

    yield build
    for app in built:  # close their connections now, not whenever the garbage collector gets to them
        app.extensions["horoscope"].store.close()


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> Iterator[FlaskClient]:
    with app.test_client() as test_client:
        yield test_client


@pytest.fixture
def tokens(app: Flask, clock: Clock) -> dict[str, str]:
    """Bearer tokens of an editor ('asha') and an admin ('ravi')."""
    issued = app.extensions["horoscope"].tokens
    return {
        "editor": issued.create("asha", "editor", clock()),
        "admin": issued.create("ravi", "admin", clock()),
    }


@pytest.fixture
def editor(tokens: dict[str, str]) -> dict[str, str]:
    """Headers of the editor's requests."""
    return {"Authorization": f"Bearer {tokens['editor']}"}

"""`horoscope-service tokens create/list/revoke` against a real Redis: names, expiry, last use."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from click.testing import CliRunner
from flask import Flask

from service.cli import main
from tests.conftest import Clock
from tests.redis_fixtures import CLUSTER


@pytest.fixture
def cli(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("HOROSCOPE_REDIS_URL", redis_url)
    monkeypatch.setenv("HOROSCOPE_REDIS_CLUSTER", str(CLUSTER).lower())
    monkeypatch.delenv("HOROSCOPE_TOKEN_DAYS", raising=False)
    return CliRunner()


def listed(cli: CliRunner) -> dict[str, list[str]]:
    """`tokens list` as {name: [role, created, expires, last used]}, after checking its header."""
    result = cli.invoke(main, ["tokens", "list"])
    assert result.exit_code == 0, result.output
    header, *rows = result.output.splitlines()
    assert header.split("\t") == ["name", "role", "created", "expires", "last used"]
    return {row.split("\t")[0]: row.split("\t")[1:] for row in rows}


def created(cli: CliRunner, *arguments: str) -> str:
    result = cli.invoke(main, ["tokens", "create", *arguments])
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def test_tokens_expire_after_the_default_lifetime_or_as_asked(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert created(cli, "--name", "asha").startswith("hs_")
    created(cli, "--name", "ravi", "--role", "admin", "--expires-in", "7d")
    created(cli, "--name", "cms", "--expires-in", "never")
    monkeypatch.setenv("HOROSCOPE_TOKEN_DAYS", "30")
    created(cli, "--name", "desk")
    tokens = listed(cli)
    assert sorted(tokens) == ["asha", "cms", "desk", "ravi"]

    def lifetime(name: str) -> timedelta:
        _, made, expires, _ = tokens[name]
        return datetime.fromisoformat(expires) - datetime.fromisoformat(made)

    assert (lifetime("asha"), lifetime("ravi"), lifetime("desk")) == (
        timedelta(days=90),
        timedelta(days=7),
        timedelta(days=30),
    )
    assert tokens["ravi"][0] == "admin"
    assert tokens["cms"][2:] == ["never", "-"]


@pytest.mark.parametrize("lifetime", ["soon", "0d", "-5d", "90 days", "1.5d"])
def test_a_lifetime_is_days_or_never(cli: CliRunner, lifetime: str) -> None:
    result = cli.invoke(main, ["tokens", "create", "--name", "asha", "--expires-in", lifetime])
    assert result.exit_code == 2
    assert "give days, like 90d, or 'never'" in result.output
    assert listed(cli) == {}


@pytest.mark.parametrize("name", ["bad name!", "", "asha ", "a" * 65, "रवि", "cli:asha"])
def test_token_names_are_checked(cli: CliRunner, name: str) -> None:
    result = cli.invoke(main, ["tokens", "create", "--name", name])
    assert result.exit_code == 2
    assert "is not a token name: use 1 to 64 of a-z, 0-9, '.', '_' and '-'" in result.output
    assert listed(cli) == {}


def test_token_names_are_case_folded_and_unique(cli: CliRunner) -> None:
    created(cli, "--name", "Desk.Sports_2")
    again = cli.invoke(main, ["tokens", "create", "--name", "DESK.sports_2"])
    assert again.exit_code == 1
    assert "A token named 'desk.sports_2' exists" in again.output
    assert list(listed(cli)) == ["desk.sports_2"]
    revoked = cli.invoke(main, ["tokens", "revoke", "Desk.Sports_2"])
    assert (revoked.exit_code, revoked.output) == (0, "revoked Desk.Sports_2\n")
    assert listed(cli) == {}
    missing = cli.invoke(main, ["tokens", "revoke", "desk.sports_2"])
    assert (missing.exit_code, "No token named 'desk.sports_2'" in missing.output) == (1, True)


def test_the_list_shows_last_use_and_expired_tokens(
    cli: CliRunner, make_app: Callable[..., Flask], clock: Clock
) -> None:
    token = created(cli, "--name", "asha")
    app = make_app()
    app.extensions["horoscope"].tokens.create("old", "editor", clock(), clock() + timedelta(days=1))
    answer = app.test_client().patch(
        "/v1/horoscopes/leo/2026-02-05/override", json={}, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200
    tokens = listed(cli)
    assert tokens["asha"][3] == "2026-02-04T04:30:00Z"  # the app's clock
    assert tokens["old"][2:] == ["2026-02-05T04:30:00Z (expired)", "-"]


def test_a_revoked_token_stops_working(cli: CliRunner, make_app: Callable[..., Flask]) -> None:
    token = created(cli, "--name", "asha")
    client = make_app().test_client()
    write = {"path": "/v1/horoscopes/leo/2026-02-05/override", "json": {}}
    assert client.patch(**write, headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert cli.invoke(main, ["tokens", "revoke", "asha"]).exit_code == 0
    assert client.patch(**write, headers={"Authorization": f"Bearer {token}"}).status_code == 401

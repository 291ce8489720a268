"""`horoscope-service` itself: what its commands load, the settings they refuse, how they find Redis."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.embedded_redis import EmbeddedRedis
from service.redis_server import RedisServer, free_port

ROOT = Path(__file__).parents[2]
# What only composing, the web app or the scheduler needs: seconds of start-up on a busy machine.
HEAVY = ("numpy", "skyfield", "flask", "flask_smorest", "marshmallow", "apscheduler.schedulers")
LOADED = """
import sys
HEAVY = {heavy!r}
from service.cli import main
try:
    main(sys.argv[1:], prog_name="horoscope-service")
except SystemExit as exit:
    assert not exit.code, exit.code
print("heavy:", *[name for name in HEAVY if name in sys.modules])
"""


@pytest.fixture(autouse=True)
def no_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test sets the HOROSCOPE_* variables it needs, and only those."""
    for name in os.environ:
        if name.startswith("HOROSCOPE_"):
            monkeypatch.delenv(name)


def environment(**settings: str) -> dict[str, str]:
    """HOROSCOPE_* variables from `settings` by their short names (redis_url=...)."""
    return {f"HOROSCOPE_{name.upper()}": value for name, value in settings.items()}


@pytest.mark.parametrize("command", [["--help"], ["settings"], ["tokens", "list"], ["jobs", "list"]])
def test_commands_that_compose_nothing_do_not_load_the_composer(
    command: list[str], private_redis: RedisServer
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", LOADED.format(heavy=HEAVY), *command],
        cwd=ROOT,
        env=os.environ | environment(redis_url=private_redis.url),
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "heavy:", done.stdout


@pytest.mark.parametrize(
    "module", sorted((ROOT / "service").glob("*.py")) + sorted((ROOT / "jobs").glob("*.py"))
)
def test_modules_that_contribute_commands_do_not_import_the_group_that_adds_them(module: Path) -> None:
    tree = ast.parse(module.read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    assert "service.cli" not in imported


@pytest.mark.parametrize("command", [["settings"], ["serve", "--port", "1"]])
def test_settings_and_serve_refuse_a_retention_shorter_than_the_read_window(command: list[str]) -> None:
    result = CliRunner().invoke(main, command, env=environment(past_days="500"))
    assert result.exit_code == 1
    assert "HOROSCOPE_RETENTION_DAYS (400) must be at least HOROSCOPE_PAST_DAYS (500)" in result.output


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[EmbeddedRedis]:
    """An embedded Redis under tmp_path/site/var, recorded for other commands, as `serve` runs it."""
    embedded = EmbeddedRedis(tmp_path / "site" / "var")
    with embedded.running():
        yield embedded


def test_commands_find_the_embedded_redis_through_the_data_directory(
    serving: EmbeddedRedis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # elsewhere: the default data directory would be tmp_path/var
    runner = CliRunner()
    created = runner.invoke(
        main, ["tokens", "create", "--name", "asha"], env=environment(data_dir=str(serving.data_dir))
    )
    assert created.exit_code == 0, created.output
    assert created.output.startswith("hs_")
    monkeypatch.chdir(tmp_path / "site")  # where serve runs: the default finds it
    listed = runner.invoke(main, ["tokens", "list"], env=environment())
    assert listed.exit_code == 0, listed.output
    assert "\nasha\teditor\t" in listed.output


def test_without_a_running_serve_commands_say_exactly_what_to_set(
    serving: EmbeddedRedis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in (["tokens", "list"], ["jobs", "list"]):
        result = CliRunner().invoke(main, command, env=environment())
        assert result.exit_code == 1
        assert (
            "HOROSCOPE_REDIS_URL is not set and no `serve` runs an embedded Redis with the data directory "
            f"{tmp_path / 'var'}. Set HOROSCOPE_DATA_DIR to the data directory of the running `serve`"
        ) in result.output


def test_an_address_left_by_a_dead_serve_is_named(tmp_path: Path) -> None:
    embedded = EmbeddedRedis(tmp_path / "var")
    embedded.directory.mkdir(parents=True)
    embedded.url_file.write_text(f"redis://127.0.0.1:{free_port()}/0\n")  # nothing listens there
    result = CliRunner().invoke(main, ["tokens", "list"], env=environment(data_dir=str(embedded.data_dir)))
    assert result.exit_code == 1
    assert f"The embedded Redis that `serve` recorded in {embedded.url_file}" in result.output
    assert "does not answer" in result.output

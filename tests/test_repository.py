"""The checkout itself: what runs of the tools and the tests leave behind is ignored, never tracked."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
pytestmark = pytest.mark.skipif(
    not (ROOT / ".git").exists() or shutil.which("git") is None, reason="not a git checkout"
)
# Written by `make test`, `make fuzz` and `make run` into the checkout.
LEFT_BEHIND = [
    ".schemathesis/default/cache/crashes/GET_v1_feed_not_a_server_error_0123abcd.json",
    ".pytest_cache/v/cache/lastfailed",
    "var/redis/appendonly.aof",
]


def git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("path", LEFT_BEHIND)
def test_what_tool_runs_write_is_ignored_and_untracked(path: str) -> None:
    top = path.split("/")[0]
    assert git("ls-files", "--", top).stdout == "", f"{top} is committed"
    assert git("check-ignore", "--quiet", "--no-index", path).returncode == 0, f"{path} is not ignored"

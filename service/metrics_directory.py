"""Each gunicorn server's own directory of prometheus-client multiprocess files.

A server's workers each write their samples to files in one directory, and /metrics merges what the
directory holds. So every server (a gunicorn master and its workers) needs a directory of its own:
replicas sharing one would count each other's requests, and a start that emptied it would wipe the
others' samples. gunicorn.conf.py's hooks call the three functions below.

Servers started with one HOROSCOPE_METRICS_DIR (by default `<data dir>/metrics`) each make
`<metrics dir>/<pid>-<random>/`. The master holds a lock on a file in it, and its workers keep the lock
too (they inherit it when forked), until the last of them is gone. A directory whose lock is free
belongs to a server that is gone, killed without a chance to remove it, and the next server to start
removes it. A lock on the parent directory lets one server at a time look for such directories and
make its own, so none is taken for abandoned before its lock is held.

Standard library only: the master must choose the directory before anything imports prometheus-client,
which decides at import whether it writes samples to files.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from service.config import Config, ConfigError

VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
LOCK = "server.lock"  # inside each server's directory (not *.db, which prometheus-client reads)
PARENT_LOCK = ".lock"

_claimed: tuple[Path, int] | None = None  # this master's directory and the descriptor of its lock


def open_for_server() -> None:
    """In gunicorn's master, before any worker: a fresh directory for this server's workers.

    A PROMETHEUS_MULTIPROC_DIR set by the operator is used as it is, and left as it is.
    """
    global _claimed
    if os.environ.get(VARIABLE):
        return
    try:
        parent = Config.from_env().metrics_dir
    except ConfigError as error:
        raise SystemExit(str(error)) from None  # gunicorn stops with the message, as `serve` would
    assert parent is not None  # Config resolves it
    _claimed = claim(parent)
    # Set in the master's environment, which its workers inherit; gunicorn re-execs a new master
    # (SIGUSR2) with the environment it started with, so that one makes a directory of its own.
    os.environ[VARIABLE] = str(_claimed[0])


def worker_exited(pid: int) -> None:
    """In gunicorn's master: a dead worker's live gauges stop counting."""
    directory = os.environ.get(VARIABLE)
    if directory:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid, directory)  # type: ignore[no-untyped-call]


def close_for_server() -> None:
    """In gunicorn's master, once its workers are gone: remove the directory it made."""
    global _claimed
    if _claimed is not None:
        path, lock = _claimed
        shutil.rmtree(path, ignore_errors=True)
        os.close(lock)
        _claimed = None


def claim(parent: Path) -> tuple[Path, int]:
    """A new directory under `parent`, locked by this process, after removing abandoned ones."""
    parent.mkdir(parents=True, exist_ok=True)
    with _locked(parent / PARENT_LOCK):
        remove_abandoned(parent)
        path = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=parent))
        lock = os.open(path / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(lock, fcntl.LOCK_EX)
    return path, lock


def remove_abandoned(parent: Path) -> None:
    """Remove the server directories under `parent` that no live process holds."""
    for entry in parent.iterdir():
        if entry.is_dir() and not _held(entry / LOCK):
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.suffix == ".db":
            entry.unlink(missing_ok=True)  # written straight into `parent` by version 1, which is gone


def _held(lock_file: Path) -> bool:
    """Whether a live process holds `lock_file` (a directory without one was never finished)."""
    try:
        lock = os.open(lock_file, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(lock)
    return False


@contextlib.contextmanager
def _locked(lock_file: Path) -> Iterator[None]:
    lock = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
    finally:
        os.close(lock)

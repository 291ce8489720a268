"""A lock per job run in Redis: SET NX PX with a random owner token, renewed while the run lives.

Renewing and releasing check the token in a Lua script, so a process whose lock expired (it
paused longer than the expiry) can never extend or delete the lock of the process that took over.
A process that dies simply stops renewing; the lock expires and the next tick or process retries.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from jobs.errors import LockLost
from service.store import Store, StoreUnavailable

log = logging.getLogger(__name__)

RENEW_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class RunLock:
    """The lock of one run, owned through a random token."""

    def __init__(self, store: Store, key: str, expiry_seconds: float) -> None:
        self.store = store
        self.key = key
        self.token = secrets.token_hex(16)
        self.expiry_ms = max(1, int(expiry_seconds * 1000))
        self.lost = threading.Event()
        self._renew = store.client.register_script(RENEW_SCRIPT)
        self._release = store.client.register_script(RELEASE_SCRIPT)

    def acquire(self) -> bool:
        """Take the lock unless someone holds it."""
        return bool(self.store.call(lambda c: c.set(self.key, self.token, nx=True, px=self.expiry_ms)))

    def renew(self) -> bool:
        """Push the expiry out again, only while the lock is still ours."""
        renewed = self.store.call(
            lambda c: self._renew(keys=[self.key], args=[self.token, self.expiry_ms], client=c)
        )
        return bool(renewed)

    def release(self) -> bool:
        """Let go, only if the lock is still ours."""
        return bool(self.store.call(lambda c: self._release(keys=[self.key], args=[self.token], client=c)))

    def ensure_held(self) -> None:
        """LockLost once renewing found the lock gone."""
        if self.lost.is_set():
            raise LockLost(f"the lock {self.key} expired or was taken over")

    @contextmanager
    def kept_alive(self) -> Iterator[None]:
        """Renew the lock every third of its expiry while the block runs."""
        stop = threading.Event()

        def renew_until_stopped() -> None:
            while not stop.wait(self.expiry_ms / 3000):
                try:
                    if not self.renew():
                        self.lost.set()
                        return
                except StoreUnavailable as error:
                    # Keep trying: the lock may outlive a short outage, and finishing re-checks it anyway.
                    log.warning("could not renew %s: %s", self.key, error)

        renewer = threading.Thread(target=renew_until_stopped, name=f"renew {self.key}", daemon=True)
        renewer.start()
        try:
            yield
        finally:
            stop.set()
            renewer.join()

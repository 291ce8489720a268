"""Bearer token records in Redis: created by the CLI, stored only as SHA-256 digests.

A token has a name (recorded as the author of every change) and a role: `editor` (overrides,
listicles) or `admin` (everything an editor may do, plus jobs and tokens). Failed attempts are
counted per client address; past `max_failures` in `FAILURE_WINDOW` seconds the client gets 429
until the window ends, so tokens cannot be guessed at speed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from service.content.errors import ContentError
from service.days import isoformat_utc
from service.store import Store

ROLES = ("editor", "admin")
FAILURE_WINDOW = 60  # seconds


class TooManyFailures(ContentError):
    status = 429
    title = "Too many failed attempts"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class TokenExists(ContentError):
    status = 409
    title = "Conflict"


@dataclass(frozen=True, slots=True)
class Editor:
    """Who is writing: a token's name and role."""

    name: str
    role: str

    def may(self, role: str) -> bool:
        """Admins may do what editors may."""
        return ROLES.index(self.role) >= ROLES.index(role)


def digest(secret: str) -> str:
    """What is stored of a token's secret part."""
    return hashlib.sha256(secret.encode()).hexdigest()


class Tokens:
    """Token records in Redis, by id and by name, both hashes in one slot.

    A token reads `hs_<id>_<secret>`: the id finds the record, and the secret's digest is compared
    with the stored one in constant time.
    """

    def __init__(self, store: Store, max_failures: int = 10) -> None:
        self.store = store
        self.max_failures = max_failures
        prefix = store.keys.prefix
        self.by_id = f"{prefix}:{{tokens}}:by-id"
        self.by_name = f"{prefix}:{{tokens}}:by-name"
        self.failures = f"{prefix}:{{auth-failures}}:"

    def create(self, name: str, role: str, now: datetime) -> str:
        """A new token, returned once; TokenExists if the name is taken."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        token_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
        record = {"name": name, "role": role, "digest": digest(secret), "created_at": isoformat_utc(now)}

        def write(pipe: Any) -> None:
            if pipe.hexists(self.by_name, name):
                raise TokenExists(f"A token named '{name}' exists; revoke it first or pick another name.")
            pipe.multi()
            pipe.hset(self.by_id, token_id, json.dumps(record))
            pipe.hset(self.by_name, name, token_id)

        self.store.transaction(write, self.by_name)
        return f"hs_{token_id}_{secret}"

    def revoke(self, name: str) -> bool:
        """Forget a token by name; False if there was none."""

        def write(pipe: Any) -> bool:
            token_id = pipe.hget(self.by_name, name)
            pipe.multi()
            if token_id is not None:
                pipe.hdel(self.by_id, token_id)
                pipe.hdel(self.by_name, name)
            return token_id is not None

        return self.store.transaction(write, self.by_name, value_from_callable=True)

    def list(self) -> list[dict[str, str]]:
        """Every token's name, role and creation time (never the token or its digest)."""
        records = [json.loads(r) for r in self.store.call(lambda client: client.hvals(self.by_id))]
        return sorted(
            ({k: r[k] for k in ("name", "role", "created_at")} for r in records), key=lambda r: r["name"]
        )

    def verify(self, token: str) -> Editor | None:
        """The editor a presented token belongs to, or None."""
        prefix, _, rest = token.partition("_")
        token_id, _, secret = rest.partition("_")
        if prefix != "hs" or not token_id or not secret:
            return None
        record = self.store.call(lambda client: client.hget(self.by_id, token_id))
        if record is None:
            return None
        found = json.loads(record)
        if not hmac.compare_digest(found["digest"], digest(secret)):
            return None
        return Editor(found["name"], found["role"])

    def check_rate(self, client: str) -> None:
        """TooManyFailures while `client` is over its failure budget."""
        key = self.failures + client

        def read(client: Any) -> list[Any]:
            pipe = client.pipeline(transaction=False)
            pipe.get(key)
            pipe.ttl(key)
            return cast(list[Any], pipe.execute())

        count, ttl = self.store.call(read)
        if count is not None and int(count) >= self.max_failures:
            retry = max(int(ttl), 1)
            raise TooManyFailures(
                f"Too many failed authentications from {client}; retry in {retry} s.", retry
            )

    def record_failure(self, client: str) -> None:
        """Count one failed attempt."""
        key = self.failures + client

        def count(client: Any) -> None:
            pipe = client.pipeline(transaction=True)
            pipe.set(key, 0, ex=FAILURE_WINDOW, nx=True)  # the window starts at the first failure
            pipe.incr(key)
            pipe.execute()

        self.store.call(count)

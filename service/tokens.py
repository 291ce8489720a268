"""Bearer token records in Redis: created by the CLI, stored only as SHA-256 digests.

A token has a name (recorded as the author of every change), a role, `editor` (overrides,
listicles) or `admin` (everything an editor may do, plus jobs), and an expiry (or none, when made
with `--expires-in never`). Limits on failed attempts and on writes live in service.rate_limits.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from service.content.errors import ContentError
from service.days import isoformat_utc
from service.store import Store, StoreUnavailable

ROLES = ("editor", "admin")
NAME_RULE = "1 to 64 of a-z, 0-9, '.', '_' and '-'"
_NAME = re.compile(r"^[a-z0-9._-]{1,64}$")
_NO_DIGEST = "0" * 64  # compared against when the id is unknown, so both failures cost the same


class TokenExists(ContentError):
    status = 409
    title = "Conflict"


class InvalidTokenName(ValueError):
    """A token name outside NAME_RULE."""


@dataclass(frozen=True, slots=True)
class Editor:
    """Who is writing: a token's name and role (and which token, and until when)."""

    name: str
    role: str
    token_id: str = ""
    expires_at: datetime | None = None

    def may(self, role: str) -> bool:
        """Admins may do what editors may."""
        return ROLES.index(self.role) >= ROLES.index(role)

    def expired(self, now: datetime) -> bool:
        """Whether the token's lifetime is over."""
        return self.expires_at is not None and self.expires_at <= now


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """What `tokens list` shows of a token: never the token or its digest. Instants are UTC ISO 8601."""

    name: str
    role: str
    created_at: str
    expires_at: str | None  # None: never
    last_used_at: str | None  # None: not used since it was made (or since tokens recorded their use)

    def expired(self, now: datetime) -> bool:
        """Whether the token's lifetime is over."""
        return self.expires_at is not None and datetime.fromisoformat(self.expires_at) <= now


def digest(secret: str) -> str:
    """What is stored of a token's secret part."""
    return hashlib.sha256(secret.encode()).hexdigest()


def token_name(text: str) -> str:
    """A token name, case folded; InvalidTokenName unless it follows NAME_RULE."""
    name = text.casefold()
    if not _NAME.match(name):
        raise InvalidTokenName(f"'{text}' is not a token name: use {NAME_RULE} (e.g. asha or desk.sports).")
    return name


def split_token(token: str) -> tuple[str, str] | None:
    """A presented `hs_<id>_<secret>` as (id, secret), or None when it has not that shape."""
    prefix, _, rest = token.partition("_")
    token_id, _, secret = rest.partition("_")
    if prefix != "hs" or not token_id or not secret:
        return None
    return token_id, secret


class Tokens:
    """Token records in Redis, by id and by name, and when each was last used; all in one slot.

    A token reads `hs_<id>_<secret>`: the id finds the record, and the secret's digest is compared
    with the stored one in constant time.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        prefix = store.keys.prefix
        self.by_id = f"{prefix}:{{tokens}}:by-id"
        self.by_name = f"{prefix}:{{tokens}}:by-name"
        self.last_used = f"{prefix}:{{tokens}}:last-used"  # id -> instant of its latest successful use

    def create(self, name: str, role: str, now: datetime, expires_at: datetime | None = None) -> str:
        """A new token, returned once; InvalidTokenName, or TokenExists if the name is taken."""
        name = token_name(name)
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        token_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
        record = {
            "name": name,
            "role": role,
            "digest": digest(secret),
            "created_at": isoformat_utc(now),
            "expires_at": None if expires_at is None else isoformat_utc(expires_at),
        }

        def write(pipe: Any) -> None:
            if pipe.hexists(self.by_name, name):
                raise TokenExists(f"A token named '{name}' exists; revoke it first or pick another name.")
            pipe.multi()
            pipe.hset(self.by_id, token_id, json.dumps(record))
            pipe.hset(self.by_name, name, token_id)

        self.store.transaction(write, self.by_name)
        return f"hs_{token_id}_{secret}"

    def revoke(self, name: str) -> bool:
        """Forget a token by name (any case); False if there was none."""

        def write(pipe: Any) -> bool:
            # As given first: a name stored before names were folded may hold capitals.
            found = next((n for n in (name, name.casefold()) if pipe.hexists(self.by_name, n)), None)
            token_id = None if found is None else pipe.hget(self.by_name, found)
            pipe.multi()
            if token_id is not None:
                pipe.hdel(self.by_id, token_id)
                pipe.hdel(self.by_name, found)
                pipe.hdel(self.last_used, token_id)
            return token_id is not None

        return self.store.transaction(write, self.by_name, value_from_callable=True)

    def list(self) -> list[TokenInfo]:
        """Every token's name, role, creation, expiry and last use (never the token or its digest)."""

        def read(client: Any) -> tuple[dict[bytes, bytes], dict[bytes, bytes]]:
            pipe = client.pipeline(transaction=False)
            pipe.hgetall(self.by_id)
            pipe.hgetall(self.last_used)
            records, used = pipe.execute()
            return records, used

        records, used = self.store.call(read)
        listed = []
        for token_id, raw in records.items():
            record = json.loads(raw)
            last = used.get(token_id)
            listed.append(
                TokenInfo(
                    record["name"],
                    record["role"],
                    record["created_at"],
                    record.get("expires_at"),
                    None if last is None else last.decode(),
                )
            )
        return sorted(listed, key=lambda info: info.name)

    def verify(self, token: str) -> Editor | None:
        """The editor a presented token belongs to (expired or not), or None."""
        parts = split_token(token)
        if parts is None:
            return None
        token_id, secret = parts
        record = self.store.call(lambda client: client.hget(self.by_id, token_id))
        found = json.loads(record) if record is not None else None
        if not hmac.compare_digest(found["digest"] if found else _NO_DIGEST, digest(secret)) or not found:
            return None
        return _editor(token_id, found)

    def holder(self, token_id: str) -> Editor | None:
        """The editor whose token has this id while it is not revoked (expired or not): what a console
        session checks on every request, since it keeps the token's id and never the token."""
        record = self.store.call(lambda client: client.hget(self.by_id, token_id))
        return None if record is None else _editor(token_id, json.loads(record))

    def touch(self, editor: Editor, now: datetime) -> None:
        """Note that `editor`'s token was just used (best effort: a full Redis must not refuse the token)."""
        with contextlib.suppress(StoreUnavailable):
            self.store.call(lambda client: client.hset(self.last_used, editor.token_id, isoformat_utc(now)))


def _editor(token_id: str, record: dict[str, Any]) -> Editor:
    """The editor of a stored token record."""
    expires = record.get("expires_at")  # absent from tokens made before tokens expired
    return Editor(
        record["name"], record["role"], token_id, None if expires is None else datetime.fromisoformat(expires)
    )

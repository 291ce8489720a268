"""The console's sign-ins: server-side sessions in Redis, each bound to the token it was opened with.

The browser holds only a random session id; Redis keeps its digest as the key (a copy of Redis does not
hand out live sessions), the token's id, the editor's name and role, and the session's CSRF token.
Every request checks that the token still exists, so revoking a token (`tokens revoke`) ends its
sessions at once, and a session never outlives its token's expiry. No secret is needed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from service.days import isoformat_utc
from service.store import Store
from service.tokens import Editor, Tokens


@dataclass(frozen=True, slots=True)
class Session:
    """A signed-in editor, and the token every form of theirs must carry."""

    editor: Editor
    csrf: str
    expires_at: datetime

    def csrf_matches(self, sent: str | None) -> bool:
        """Whether a form carried this session's CSRF token (compared in constant time)."""
        return sent is not None and hmac.compare_digest(sent.encode(), self.csrf.encode())


class Sessions:
    """Open, find and close console sessions; their keys share the tokens' hash slot."""

    def __init__(self, store: Store, tokens: Tokens, lifetime: timedelta) -> None:
        self.store = store
        self.tokens = tokens
        self.lifetime = lifetime
        self._prefix = f"{store.keys.prefix}:{{tokens}}:console-session:"

    def open(self, editor: Editor, now: datetime) -> tuple[str, Session]:
        """A new session for `editor` (whose token was just verified): the cookie's value, and the session."""
        ends = now + self.lifetime
        if editor.expires_at is not None:
            ends = min(ends, editor.expires_at)
        session_id = secrets.token_urlsafe(32)
        session = Session(editor, secrets.token_urlsafe(32), ends)
        record = {
            "token_id": editor.token_id,
            "csrf": session.csrf,
            "opened_at": isoformat_utc(now),
            "expires_at": isoformat_utc(ends),
        }
        ttl_ms = max(int((ends - now).total_seconds() * 1000), 1)
        self.store.call(lambda c: c.set(self._key(session_id), json.dumps(record), px=ttl_ms))
        return session_id, session

    def find(self, session_id: str | None, now: datetime) -> Session | None:
        """The live session of a cookie's value, or None: unknown, ended, or its token revoked or expired."""
        if not session_id or len(session_id) > 100:
            return None
        key = self._key(session_id)
        raw = self.store.call(lambda c: c.get(key))
        if raw is None:
            return None
        record: dict[str, Any] = json.loads(raw)
        editor = self.tokens.holder(record["token_id"])  # the token's role and expiry as they are now
        expires_at = datetime.fromisoformat(record["expires_at"])
        if editor is None or editor.expired(now) or expires_at <= now:
            self.store.call(lambda c: c.delete(key))
            return None
        return Session(editor, record["csrf"], expires_at)

    def close(self, session_id: str | None) -> None:
        """End a session (signing out); nothing happens for an unknown one."""
        if session_id and len(session_id) <= 100:
            key = self._key(session_id)
            self.store.call(lambda c: c.delete(key))

    def _key(self, session_id: str) -> str:
        return self._prefix + hashlib.sha256(session_id.encode()).hexdigest()

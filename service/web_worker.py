"""The web role's gunicorn worker: gevent, deadlines for slow clients, and problems for gunicorn's own errors.

Slow clients. gunicorn's thread worker (gthread) gives a connection one of its threads from the
request's first byte to its answer, so ten clients dripping header bytes held all eight threads of
two workers and nobody else was answered (issue 19). gunicorn's gevent worker reads each connection
in a greenlet of its own, a few KB, so a slow client costs a socket and a greenlet while the others
are served; `worker_connections` bounds them per worker. Deadlines then let go of those too: a
client has `keepalive` seconds to send a request's line and headers (gunicorn's own rule for this
worker, which also bounds an idle keep-alive connection), and as long again for its body (this
worker's rule); past that its connection is closed, after a 408 problem if a view was reading the
body. gunicorn monkey-patches the standard library in each worker before the app is imported, so
redis-py's sockets and the locks of the service and of prometheus-client yield to other greenlets
instead of blocking the worker.

gunicorn's own errors. A request gunicorn cannot parse (a request line over `limit_request_line`,
too many or too long header fields, broken framing) never reaches the app, and gunicorn answered it
in HTML. Here it is answered as every other error is: application/problem+json with an
X-Request-ID, which the log line about it quotes.

This module is imported by gunicorn's master too, before any worker patches anything: it must not
import redis, prometheus-client or the app at module level.
"""

from __future__ import annotations

import json
import logging
import ssl
import time
import uuid
from typing import Any

import gevent
from gunicorn import util
from gunicorn.http.body import LengthReader
from gunicorn.http.errors import (
    ConfigurationProblem,
    ExpectationFailed,
    ForbiddenProxyRequest,
    InvalidResponseHeader,
    InvalidResponseHeaderName,
    LimitRequestHeaders,
    LimitRequestLine,
    ParseException,
    UnsupportedTransferCoding,
)
from gunicorn.workers.ggevent import GeventWorker
from werkzeug.exceptions import RequestTimeout

log = logging.getLogger(__name__)

PROBLEM_MIMETYPE = "application/problem+json"  # service.errors' own, which this module may not import


class LateBody(RequestTimeout):
    """A request body did not arrive within its deadline: a view reading it answers 408."""


class BodyDeadline:
    """A gunicorn body reader that gives up, and closes the connection, once `deadline` has passed."""

    def __init__(self, reader: Any, request: Any, seconds: float) -> None:
        self.reader = reader
        self.request = request
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def read(self, size: int) -> bytes:
        remaining = self.deadline - time.monotonic()
        if remaining > 0:
            try:
                with gevent.Timeout(remaining, _Expired):
                    data: bytes = self.reader.read(size)
                    return data
            except _Expired:
                pass
        # The rest of the body may still be on its way: the connection cannot carry another request.
        self.request.force_close()
        raise LateBody(f"The request body did not arrive within {self.seconds:g} seconds of its headers.")


class _Expired(Exception):
    """Raised by gevent in a body read that outlived its deadline."""


class WebWorker(GeventWorker):  # type: ignore[misc]
    """gunicorn's gevent worker, with a deadline for request bodies and problem documents for errors."""

    @classmethod
    def check_config(cls, cfg: Any, log: Any) -> None:
        if cfg.keepalive <= 0:
            # With keep-alive off, gunicorn's gevent worker reads a request's headers with no deadline.
            raise RuntimeError("keepalive must be above 0: it is how long a client may take to send headers")

    def handle_request(self, listener_name: Any, req: Any, sock: Any, addr: Any) -> None:
        reader = req.body.reader
        if not (isinstance(reader, LengthReader) and reader.length == 0):  # it has a body, or chunks
            req.body.reader = BodyDeadline(reader, req, self.cfg.keepalive)
        super().handle_request(listener_name, req, sock, addr)

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        """Answer what gunicorn could not parse, or what failed outside the app, as a problem."""
        if isinstance(exc, LateBody):
            return  # gunicorn was discarding an unread body after the answer: just close
        status, title, detail = self._problem(exc)
        request_id = uuid.uuid4().hex
        client_address = addr[0] if addr else ""
        fields = {"status": status, "request_id": request_id, "client": client_address}
        if status >= 500:
            log.error("request failed outside the app", exc_info=exc, extra={"fields": fields})
            detail = "The server failed to answer. Quote the request_id when reporting it."
        else:
            log.warning("invalid request: %s", _shortened(str(exc)), extra={"fields": fields})
        document: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "detail": detail}
        if status >= 500:
            document["request_id"] = request_id
        body = json.dumps(document).encode()
        head = (
            f"HTTP/1.1 {status} {title}\r\n"
            "Connection: close\r\n"
            f"Content-Type: {PROBLEM_MIMETYPE}\r\n"
            f"Content-Length: {len(body)}\r\n"
            f"X-Request-ID: {request_id}\r\n\r\n"
        )
        try:
            util.write_nonblock(client, head.encode("latin-1") + body)
        except OSError:
            log.debug("could not send the problem to a client that left")

    def _problem(self, exc: BaseException) -> tuple[int, str, str]:
        """Status, title and detail of the answer gunicorn would give `exc` (its handle_error's rules)."""
        cfg = self.cfg
        if isinstance(exc, InvalidResponseHeader | InvalidResponseHeaderName | ConfigurationProblem):
            return 500, "Internal Server Error", ""  # the app's fault or the server's, not the client's
        if isinstance(exc, LimitRequestLine):
            return (
                414,
                "URI Too Long",
                (
                    f"The request line is longer than {cfg.limit_request_line} bytes; "
                    "no URL of this API needs that many."
                ),
            )
        if isinstance(exc, LimitRequestHeaders):
            return (
                431,
                "Request Header Fields Too Large",
                (
                    f"A request may have at most {cfg.limit_request_fields} header fields, "
                    f"each at most {cfg.limit_request_field_size} bytes."
                ),
            )
        if isinstance(exc, UnsupportedTransferCoding):
            return 501, "Not Implemented", f"Unsupported transfer coding: {_shortened(str(exc))}."
        if isinstance(exc, ExpectationFailed):
            return 417, "Expectation Failed", _shortened(str(exc))
        if isinstance(exc, ForbiddenProxyRequest | ssl.SSLError):
            return 403, "Forbidden", "Request forbidden."
        if isinstance(exc, ParseException):
            return 400, "Bad Request", f"The request is not valid HTTP/1.1: {_shortened(str(exc))}."
        return 500, "Internal Server Error", ""


def _shortened(text: str, limit: int = 200) -> str:
    """Client-supplied text in a message, cut to a sane length (a bad request line may be 8 KB)."""
    return text if len(text) <= limit else text[:limit] + "..."

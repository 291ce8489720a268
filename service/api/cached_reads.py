"""Content reads the process cache can answer, answered in front of Flask: the portal's hot path.

A GET of one sign, of all twelve, of a listicle, a day's listicles or a panchang whose rendered
answer the publisher's process cache already holds is answered here, with the status, headers and
bytes the view would send: the same parsers, the same cache keys, the same `content_answer`, and a
test that compares both answers request by request (tests/service/test_cached_reads.py). Everything
else goes to Flask untouched: a cache miss (whose view then fills the cache), HEAD, a query the hand
parser is unsure of, a bad sign or day (whose view answers with the problem document), any other
route.

Why: Flask's routing, request and response objects cost a cached read about four times the CPU of
everything else the service does for it, the request accounting included (bench/README.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from flask import Flask

from schemas.language import ENGLISH
from service.api.horoscopes import READ_ARGS, horoscope_caching
from service.api.http import choice_parser, content_answer
from service.api.listicles import (
    DAY,
    JSONLD,
    LISTICLE_ARGS,
    listicle_caching,
    listicle_day_caching,
    wants_jsonld,
)
from service.api.panchang import literal_city, panchang_caching
from service.content.calendar import Period
from service.content.errors import ContentError
from service.content.zodiac import Sign
from service.days import parse_day
from service.edge.policy import Headers
from service.editions import edition_system
from service.observability import ROUTE, StartResponse, WsgiApp
from service.panchang_publishing import cached_panchang, default_city
from service.publishing import Publisher, Rendered

JSON = "application/json"


class CachedReads:
    """WSGI middleware: a content GET that the process cache can answer never reaches Flask."""

    def __init__(self, app: WsgiApp, publisher: Publisher, routes: dict[str, str]) -> None:
        self.app = app
        self.publisher = publisher
        # The views' rules, by endpoint: the route label the metrics and access lines give them.
        self.sign_route = routes["horoscopes.get_horoscope"]
        self.day_route = routes["horoscopes.get_horoscope_day"]
        self.listicle_route = routes["listicles.get_listicle"]
        self.panchang_route = routes["panchang.get_panchang"]
        self.horoscope_query = choice_parser(READ_ARGS)
        self.listicle_query = choice_parser(LISTICLE_ARGS)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path: str = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") == "GET" and path.startswith("/v1/") and path.isascii():
            try:
                found = self._find(path.split("/")[2:], environ)
            except ContentError:
                found = None  # a bad sign, day or slug: the view answers with the problem
            if found is not None:
                return self._answer(environ, start_response, found)
        return self.app(environ, start_response)

    def _find(self, parts: list[str], environ: dict[str, Any]) -> Answer | None:
        """The cached answer the view would serve, or None."""
        if "" in parts:
            return None  # Flask merges or refuses empty segments
        query: str = environ.get("QUERY_STRING", "")
        publisher = self.publisher
        edge = publisher.edge
        if parts[0] == "horoscopes" and len(parts) in (2, 3):
            args = self.horoscope_query(query)
            if args is None or args["lang"] != ENGLISH:
                return None  # Hindi answers come from their own cache entries, through the view
            today = publisher.today()  # once, as the views do
            period, system = Period(args["period"]), edition_system(args["lang"], args.get("system"))
            if len(parts) == 2:
                day = parse_day(parts[1], today)
                cached = publisher.cached_horoscope_day(day, period, system, today)
                return Answer.of(
                    self.day_route,
                    cached,
                    lambda: horoscope_caching(edge, Sign, day, parts[1], period, system, today),
                )
            sign, day = Sign.parse(parts[1]), parse_day(parts[2], today)
            cached = publisher.cached_horoscope(sign, day, period, system, today)
            return Answer.of(
                self.sign_route,
                cached,
                lambda: horoscope_caching(edge, (sign,), day, parts[2], period, system, today),
            )
        if parts[0] == "listicles" and len(parts) == 2:
            args = self.listicle_query(query)
            if args is None:
                return None
            today, slug = publisher.today(), parts[1]
            if DAY.fullmatch(slug):
                day = parse_day(slug, today)
                cached = publisher.cached_listicle_day(day, today)
                return Answer.of(
                    self.listicle_route, cached, lambda: listicle_day_caching(edge, day, slug, today)
                )
            jsonld = wants_jsonld(args.get("format"), environ.get("HTTP_ACCEPT"))
            cached = publisher.cached_listicle(slug, jsonld, today)
            return Answer.of(
                self.listicle_route,
                cached,
                lambda: listicle_caching(edge, slug, today),
                JSONLD if jsonld else JSON,
                vary="Accept",
            )
        if parts[0] == "panchang" and len(parts) == 2:
            city = literal_city(query, default_city(publisher))
            if city is None:
                return None
            today, default = publisher.today(), default_city(publisher)
            day = parse_day(parts[1], today)
            return Answer.of(
                self.panchang_route,
                cached_panchang(publisher, city, day, today),
                lambda: panchang_caching(edge, city, default, day, parts[1], today),
            )
        return None

    def _answer(
        self, environ: dict[str, Any], start_response: StartResponse, answer: Answer
    ) -> Iterable[bytes]:
        environ[ROUTE] = answer.route
        rendered = answer.rendered
        status, headers = content_answer(
            rendered,
            answer.caching(),
            environ.get("HTTP_IF_NONE_MATCH"),
            answer.mimetype,
            answer.vary,
            environ.get("HTTP_IF_MODIFIED_SINCE"),
        )
        if status == 304:
            start_response("304 NOT MODIFIED", headers)  # werkzeug's status line, byte for byte
            return []
        headers.append(("Content-Length", str(len(rendered.body))))
        start_response("200 OK", headers)
        return [rendered.body]


class Answer(NamedTuple):
    """A cached answer and how the view would send it."""

    route: str
    rendered: Rendered
    caching: Callable[[], Headers]  # the view's caching headers, computed only for a hit
    mimetype: str
    vary: str | None

    @classmethod
    def of(
        cls,
        route: str,
        rendered: Rendered | None,
        caching: Callable[[], Headers],
        mimetype: str = JSON,
        vary: str | None = None,
    ) -> Answer | None:
        return None if rendered is None else cls(route, rendered, caching, mimetype, vary)


def register_cached_reads(app: Flask) -> None:
    """Put the cached reads in front of the app's views."""
    routes = {rule.endpoint: rule.rule for rule in app.url_map.iter_rules()}
    publisher = app.extensions["horoscope"].publisher
    app.wsgi_app = CachedReads(app.wsgi_app, publisher, routes)  # type: ignore[method-assign]

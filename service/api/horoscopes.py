"""Horoscope reads: one sign, or all twelve for a day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask import Response

from schemas.horoscopes import HoroscopeDaySchema, HoroscopeResponseSchema, ReadArgsSchema
from schemas.problems import ProblemSchema
from service.api.arguments import Blueprint
from service.api.day_parameter import DAY_PARAMETER
from service.api.http import PROBLEM, content_response, in_language, lean_query
from service.api.signs import SIGN_PARAMETER
from service.components import components
from service.content.calendar import Period, period_days
from service.content.zodiac import Sign, System
from service.days import alias_of, parse_day
from service.edge.policy import EdgePolicy, Headers
from service.editions import edition_system
from service.hindi_publishing import LANG, hindi_caching, hindi_horoscope, hindi_horoscope_day
from service.store import horoscope_id

blp = Blueprint(
    "horoscopes",
    __name__,
    url_prefix="/v1/horoscopes",
    description="Daily, weekly and monthly horoscopes.",
)

READ_ARGS = ReadArgsSchema()
ERRORS = {
    404: "Unknown sign, a malformed day, or a date outside the published window.",
    422: "Bad period or system.",
    503: "Redis is unavailable and this entry is not cached; see Retry-After.",
}


def _document_errors(blueprint_view):  # type: ignore[no-untyped-def]
    for status, description in ERRORS.items():
        blueprint_view = blp.alt_response(
            status, schema=ProblemSchema, content_type=PROBLEM, description=description
        )(blueprint_view)
    return blp.alt_response(304, description="Not modified: the If-None-Match ETag is current.")(
        blueprint_view
    )


@blp.route("/<sign>/<day>", methods=["GET"], parameters=[SIGN_PARAMETER, DAY_PARAMETER])
@lean_query(blp, READ_ARGS, blp.response(200, HoroscopeResponseSchema), _document_errors)
def get_horoscope(sign: str, day: str, period: str, lang: str, system: str | None = None) -> Response:
    """One sign's horoscope for today, tomorrow, yesterday or a date (`lang=hi`: the Hindi rashifal)."""
    publisher = components().publisher
    today = publisher.today()  # one reading of the clock, so 'today' and the title word agree at midnight
    the_sign, the_day, the_period, the_system = (
        Sign.parse(sign),
        parse_day(day, today),
        Period(period),
        edition_system(lang, system),
    )
    if lang == LANG:
        hindi = hindi_horoscope(publisher, the_sign, the_day, the_period, today)
        caching = hindi_caching(publisher.edge, (the_sign,), the_day, alias_of(day), the_period, today)
        return in_language(lang, content_response(hindi, caching))
    rendered = publisher.horoscope(the_sign, the_day, the_period, the_system, today)
    caching = horoscope_caching(publisher.edge, (the_sign,), the_day, day, the_period, the_system, today)
    return content_response(rendered, caching)


@blp.route("/<day>", methods=["GET"], parameters=[DAY_PARAMETER])
@lean_query(blp, READ_ARGS, blp.response(200, HoroscopeDaySchema), _document_errors)
def get_horoscope_day(day: str, period: str, lang: str, system: str | None = None) -> Response:
    """All twelve signs for one day: the call that fills a portal page (`lang=hi`: in Hindi)."""
    publisher = components().publisher
    today = publisher.today()
    the_day, the_period = parse_day(day, today), Period(period)
    the_system = edition_system(lang, system)
    if lang == LANG:
        hindi = hindi_horoscope_day(publisher, the_day, the_period, today)
        caching = hindi_caching(publisher.edge, Sign, the_day, alias_of(day), the_period, today)
        return in_language(lang, content_response(hindi, caching))
    rendered = publisher.horoscope_day(the_day, the_period, the_system, today)
    return content_response(
        rendered, horoscope_caching(publisher.edge, Sign, the_day, day, the_period, the_system, today)
    )


def horoscope_caching(
    edge: EdgePolicy,
    signs: Iterable[Sign],
    day: date,
    day_text: str,
    period: Period,
    system: System,
    today: date,
) -> Headers:
    """The caching headers of a horoscope answer: its entries' tags, and for an alias the dated URL."""
    first, last = period_days(period, day)
    entry_ids = [horoscope_id(system, period, sign, first.isoformat()) for sign in signs]
    alias = alias_of(day_text)
    location = None if alias is None else dated_location(day, period, system)
    return edge.dated("horoscope", last, today, entry_ids, first_day=first, alias=alias, location=location)


def dated_location(day: date, period: Period, system: System) -> str:
    """The dated URL an alias stands for, relative to it (`2026-02-05?period=weekly`): right under any
    mount path, and never built from the request's Host."""
    query = [f"period={period.value}"] if period is not Period.DAILY else []
    query += [f"system={system.value}"] if system is not System.TROPICAL else []
    return day.isoformat() + ("?" + "&".join(query) if query else "")

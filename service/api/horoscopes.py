"""Horoscope reads: one sign, or all twelve for a day."""

from __future__ import annotations

from flask import Response
from flask_smorest import Blueprint

from schemas.horoscopes import HoroscopeDaySchema, HoroscopeResponseSchema, ReadArgsSchema
from schemas.problems import ProblemSchema
from service.api.day_parameter import DAY_PARAMETER
from service.api.http import PROBLEM, content_response, lean_query
from service.api.signs import SIGN_PARAMETER
from service.components import components
from service.content.calendar import Period
from service.content.zodiac import Sign, System
from service.days import parse_day

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
def get_horoscope(sign: str, day: str, period: str, system: str) -> Response:
    """One sign's horoscope for today, tomorrow, yesterday or a date."""
    publisher = components().publisher
    today = publisher.today()  # one reading of the clock, so 'today' and the title word agree at midnight
    rendered = publisher.horoscope(
        Sign.parse(sign), parse_day(day, today), Period(period), System(system), today
    )
    return content_response(rendered, publisher.max_age())


@blp.route("/<day>", methods=["GET"], parameters=[DAY_PARAMETER])
@lean_query(blp, READ_ARGS, blp.response(200, HoroscopeDaySchema), _document_errors)
def get_horoscope_day(day: str, period: str, system: str) -> Response:
    """All twelve signs for one day: the call that fills a portal page."""
    publisher = components().publisher
    today = publisher.today()
    rendered = publisher.horoscope_day(parse_day(day, today), Period(period), System(system), today)
    return content_response(rendered, publisher.max_age())

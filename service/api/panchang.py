"""The day's panchang at a city, and the cities it is computed for."""

from __future__ import annotations

from datetime import date

from flask import Response

from schemas.panchang import CityListSchema, PanchangArgsSchema, PanchangSchema
from schemas.problems import ProblemSchema
from service.api.arguments import Blueprint
from service.api.day_parameter import DAY_PARAMETER
from service.api.http import PROBLEM, content_response, in_language
from service.components import components
from service.content.places import Place, UnknownPlace, place
from service.days import alias_of, parse_day
from service.edge.policy import EdgePolicy, Headers
from service.panchang_publishing import city_list, default_city, read_panchang
from service.store import panchang_id

blp = Blueprint("panchang", __name__, description="The day's panchang at a city, and the cities.")


def literal_city(query: str, default: Place) -> Place | None:
    """The city a query string names as it is ('' or 'city=<slug>'), or None: the schema decides the rest.

    For the reads answered in front of Flask (service.api.cached_reads); anything encoded, repeated,
    in another case or unknown goes to the view, which answers it (or refuses it) itself.
    """
    if not query:
        return default
    name, _, slug = query.partition("=")
    if name != "city":
        return None
    try:
        found = place(slug)
    except UnknownPlace:
        return None
    return found if found.slug == slug else None


@blp.route("/v1/panchang/<day>", methods=["GET"], parameters=[DAY_PARAMETER])
@blp.arguments(PanchangArgsSchema, location="query", as_kwargs=True)
@blp.response(200, PanchangSchema)
@blp.alt_response(304, description="Not modified: the If-None-Match ETag is current.")
@blp.alt_response(
    404,
    schema=ProblemSchema,
    content_type=PROBLEM,
    description="Unknown city (GET /v1/cities lists them), a malformed day, or a date outside the window.",
)
@blp.alt_response(
    503,
    schema=ProblemSchema,
    content_type=PROBLEM,
    description="Redis is unavailable and this panchang is not cached; see Retry-After.",
)
def get_panchang(day: str, city: str | None = None, lang: str = "en") -> Response:
    """The panchang of today, tomorrow, yesterday or a date, at a city (HOROSCOPE_PLACE by default),
    in English or Hindi (`lang=hi`)."""
    publisher = components().publisher
    today = publisher.today()
    found = default_city(publisher) if city is None else place(city)
    the_day = parse_day(day, today)
    caching = panchang_caching(publisher.edge, found, default_city(publisher), the_day, day, today, lang)
    return in_language(lang, content_response(read_panchang(publisher, found, the_day, today, lang), caching))


def panchang_caching(
    edge: EdgePolicy, city: Place, default: Place, day: date, day_text: str, today: date, lang: str = "en"
) -> Headers:
    """A panchang's caching headers: its entry's tag, and for an alias the dated URL it stands for."""
    alias = alias_of(day_text)
    location = None
    if alias is not None:
        query = [f"city={city.slug}"] if city.slug != default.slug else []
        query += [f"lang={lang}"] if lang != "en" else []
        location = day.isoformat() + ("?" + "&".join(query) if query else "")
    entry_ids = [panchang_id(city.slug, day.isoformat())]
    return edge.dated("panchang", day, today, entry_ids, alias=alias, location=location)


@blp.route("/v1/cities", methods=["GET"])
@blp.response(200, CityListSchema)
def list_cities() -> Response:
    """Every city a panchang is computed for, with its coordinates and time zone."""
    publisher = components().publisher
    return content_response(city_list(publisher), publisher.edge.static("cities"))

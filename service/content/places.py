"""Places a panchang is computed for: Indian cities from `data/places.yaml`, New Delhi the default."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from service.content.errors import ContentError

DEFAULT_PLACE_SLUG = "new-delhi"


class UnknownPlace(ContentError):
    """A city slug the bundled list does not have."""

    status = 404
    title = "Unknown place"


@dataclass(frozen=True, slots=True)
class Place:
    """A city: where on the Earth (WGS 84, sea level) and which civil time it keeps."""

    slug: str
    name: str
    hindi: str
    latitude: float  # degrees north
    longitude: float  # degrees east
    timezone: str  # IANA name

    @property
    def zone(self) -> ZoneInfo:
        """The place's time zone."""
        return ZoneInfo(self.timezone)


@cache
def places() -> tuple[Place, ...]:
    """Every bundled place, in the file's order (New Delhi first)."""
    rows = yaml.safe_load((files("service.content") / "data" / "places.yaml").read_text(encoding="utf-8"))
    loaded = tuple(_place(row) for row in rows)
    slugs = [p.slug for p in loaded]
    if len(set(slugs)) != len(slugs) or DEFAULT_PLACE_SLUG not in slugs:
        raise ValueError("data/places.yaml: slugs must be unique and include the default place")
    return loaded


def place(slug: str) -> Place:
    """The bundled place with this slug (any case); UnknownPlace otherwise."""
    found = _by_slug().get(slug.strip().lower())
    if found is None:
        raise UnknownPlace(f"'{slug}' is not a known city. GET /v1/cities lists the slugs, e.g. 'new-delhi'.")
    return found


def default_place() -> Place:
    """New Delhi, the place Indian almanacs and portals quote when they name none."""
    return place(DEFAULT_PLACE_SLUG)


@cache
def _by_slug() -> dict[str, Place]:
    return {p.slug: p for p in places()}


def _place(row: dict[str, Any]) -> Place:
    """One row of the data file, checked: a bad file fails at first use, never silently."""
    found = Place(
        slug=str(row["slug"]),
        name=str(row["name"]),
        hindi=unicodedata.normalize("NFC", str(row["hindi"])),
        latitude=float(row["latitude"]),
        longitude=float(row["longitude"]),
        timezone=str(row["timezone"]),
    )
    if not (-90.0 <= found.latitude <= 90.0 and -180.0 <= found.longitude <= 180.0):
        raise ValueError(f"data/places.yaml: {found.slug} has coordinates out of range")
    found.zone  # noqa: B018  # an unknown zone raises here, at load
    return found

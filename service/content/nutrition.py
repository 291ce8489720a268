"""Sourced nutrient quantities for food lists: the data file, its citations, and the facts they make.

Listicles quote a number only from `data/nutrients.yaml`, where each value carries its source and
that source's food code (the Indian Food Composition Tables 2017 first; USDA's Standard Reference
only for foods IFCT 2017 lacks): a food list that names a nutrient shows, for each of its foods, the
quantity per 100 g, and cites the source. Pure: package
data read once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType
from typing import Any

import yaml

from service.content.strict_yaml import load_strict

# nutrient -> (the data file's field, its unit): what a food list may quantify.
NUTRIENTS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "calcium": ("calcium_mg", "mg"),
        "iron": ("iron_mg", "mg"),
        "protein": ("protein_g", "g"),
        "fibre": ("fibre_g", "g"),
        "potassium": ("potassium_mg", "mg"),
    }
)
_SOURCE_KEYS = frozenset({"name", "short", "publisher", "year", "url", "detail", "figures"})
_FOOD_KEYS = frozenset({"label", "name", "source", "code", "per_100g"})


class InvalidNutrients(Exception):
    """A nutrients file that breaks the format; names the entry and the field."""


@dataclass(frozen=True, slots=True)
class Source:
    """A publication the listicles quote."""

    id: str
    name: str
    short: str  # how a fact cites it: 'IFCT 2017'
    publisher: str
    year: int
    url: str | None = None
    detail: str | None = None
    figures: tuple[str, ...] = ()  # figures quoted in prose ('5 grams'), besides food quantities


@dataclass(frozen=True, slots=True)
class Food:
    """One food of a source's tables and its quantities per 100 g edible portion."""

    id: str
    label: str  # as readers see it: 'Ragi'
    name: str  # as the table names it
    source: Source
    code: str  # the table's food code
    per_100g: Mapping[str, float]

    def quantity(self, nutrient: str) -> str | None:
        """'364 mg' of `nutrient` per 100 g, rounded as shown to readers; None if the table has none."""
        field, unit = NUTRIENTS[nutrient]
        value = self.per_100g.get(field)
        if value is None:
            return None
        return f"{round(value)} {unit}" if unit == "mg" else f"{value:.1f} {unit}"

    def fact(self, nutrient: str) -> str | None:
        """'Ragi: 364 mg calcium per 100 g (IFCT 2017)', or None if the table has no value."""
        quantity = self.quantity(nutrient)
        return (
            None
            if quantity is None
            else f"{self.label}: {quantity} {nutrient} per 100 g ({self.source.short})"
        )


@dataclass(frozen=True, slots=True)
class Nutrients:
    sources: Mapping[str, Source]
    foods: Mapping[str, Food]


@functools.cache
def load_nutrients() -> Nutrients:
    """The packaged nutrients file, validated; read once per process."""
    text = files("service.content").joinpath("data", "nutrients.yaml").read_text(encoding="utf-8")
    return parse_nutrients(text)


def parse_nutrients(text: str) -> Nutrients:
    """Strictly parse a nutrients file: {sources: {id: source}, foods: {id: food}}."""
    try:
        raw = load_strict(text)
    except yaml.YAMLError as exc:
        raise InvalidNutrients(f"nutrients: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or set(raw) != {"sources", "foods"}:
        raise InvalidNutrients("nutrients: expected exactly the keys foods and sources")
    sources = {str(k): _source(str(k), v) for k, v in _mapping(raw["sources"], "sources").items()}
    foods = {str(k): _food(str(k), v, sources) for k, v in _mapping(raw["foods"], "foods").items()}
    return Nutrients(MappingProxyType(sources), MappingProxyType(foods))


def _mapping(raw: Any, where: str) -> dict[Any, Any]:
    if not isinstance(raw, dict) or not raw:
        raise InvalidNutrients(f"nutrients: {where}: expected a non-empty mapping")
    return raw


def _source(source_id: str, raw: Any) -> Source:
    where = f"nutrients: sources.{source_id}"
    if not isinstance(raw, dict) or not {"name", "short", "publisher", "year"} <= set(raw) <= _SOURCE_KEYS:
        raise InvalidNutrients(
            f"{where}: expected name, short, publisher, year and optional url, detail, figures"
        )
    if type(raw["year"]) is not int:
        raise InvalidNutrients(f"{where}.year: expected a year")
    url = raw.get("url")
    if url is not None and not str(url).startswith("https://"):
        raise InvalidNutrients(f"{where}.url: expected an https:// address")
    figures = raw.get("figures", [])
    if not isinstance(figures, list) or not all(isinstance(f, str) for f in figures):
        raise InvalidNutrients(f"{where}.figures: expected a list of quoted figures")
    return Source(
        source_id, str(raw["name"]), str(raw["short"]), str(raw["publisher"]), raw["year"], url,
        raw.get("detail"), tuple(figures),
    )  # fmt: skip


def _food(food_id: str, raw: Any, sources: Mapping[str, Source]) -> Food:
    where = f"nutrients: foods.{food_id}"
    if not isinstance(raw, dict) or set(raw) != _FOOD_KEYS:
        raise InvalidNutrients(f"{where}: expected exactly the keys {', '.join(sorted(_FOOD_KEYS))}")
    if raw["source"] not in sources:
        raise InvalidNutrients(f"{where}.source: {raw['source']!r} is not one of the sources")
    per_100g = raw["per_100g"]
    fields = {field for field, _ in NUTRIENTS.values()}
    if not isinstance(per_100g, dict) or not per_100g or not set(per_100g) <= fields:
        raise InvalidNutrients(f"{where}.per_100g: expected some of {', '.join(sorted(fields))}")
    for field, value in per_100g.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise InvalidNutrients(f"{where}.per_100g.{field}: expected a quantity, got {value!r}")
    return Food(
        food_id, str(raw["label"]), str(raw["name"]), sources[raw["source"]], str(raw["code"]),
        MappingProxyType({k: float(v) for k, v in per_100g.items()}),
    )  # fmt: skip

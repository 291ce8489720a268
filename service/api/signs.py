"""Zodiac facts."""

from __future__ import annotations

from typing import Any

from schemas.problems import ProblemSchema
from schemas.signs import SignArgsSchema, SignListSchema, SignSchema
from service.api.arguments import Blueprint
from service.api.http import PROBLEM
from service.content.grahas import Graha
from service.content.hindi.rashifal_writer import GRAHA_HINDI
from service.content.panchang_names import RASHIS
from service.content.zodiac import RASHI_VARIANTS, Sign, SignFacts

blp = Blueprint("signs", __name__, url_prefix="/v1/signs", description="The twelve signs and their facts.")

SIGN_PARAMETER = {
    "in": "path",
    "name": "sign",
    "required": True,
    "schema": {"type": "string"},
    "description": "A sign, any case, by English or rashi name: leo, Leo, singh, simha, meen, vrishchika.",
}


def sign_document(facts: SignFacts) -> dict[str, Any]:
    """One sign's facts in the API's shape."""
    return {
        "sign": facts.sign.value,
        "name": facts.name,
        "symbol": facts.symbol,
        "glyph": facts.glyph,
        "dates": {
            "start": "{:02d}-{:02d}".format(*facts.start),
            "end": "{:02d}-{:02d}".format(*facts.end),
        },
        "element": facts.element.value,
        "modality": facts.modality.value,
        "ruler": facts.ruler.value,
        "traditional_ruler": facts.traditional_ruler.value,
        "sidereal_name": facts.sidereal_name,
        "rashi": {
            "name": facts.sidereal_name,
            "hindi": RASHIS[facts.sign.index][1],
            "lord": facts.rashi_lord.value,
            "lord_name": Graha.of(facts.rashi_lord).label,
            "variants": list(RASHI_VARIANTS[facts.sign]),
        },
    }


def _in(lang: str, document: dict[str, Any]) -> Any:
    """The answer, with Content-Language: hi for lang=hi (the language is in the URL: no Vary)."""
    return (document, 200, {"Content-Language": "hi"}) if lang == "hi" else document


def _hindi(document: dict[str, Any]) -> dict[str, Any]:
    document["rashi"]["lord_hindi"] = GRAHA_HINDI[document["rashi"]["lord_name"]]
    return document


@blp.get("")
@blp.arguments(SignArgsSchema, location="query", as_kwargs=True)
@blp.response(200, SignListSchema)
def list_signs(lang: str = "en") -> Any:
    """All twelve signs in zodiac order (`lang=hi`: with each rashi's lord in Hindi)."""
    documents = [sign_document(sign.facts) for sign in Sign]
    return _in(lang, {"items": [_hindi(d) for d in documents] if lang == "hi" else documents})


@blp.route("/<sign>", methods=["GET"], parameters=[SIGN_PARAMETER])
@blp.arguments(SignArgsSchema, location="query", as_kwargs=True)
@blp.response(200, SignSchema)
@blp.alt_response(404, schema=ProblemSchema, content_type=PROBLEM, description="Unknown sign.")
def get_sign(sign: str, lang: str = "en") -> Any:
    """One sign's facts (`lang=hi`: with its lord in Hindi)."""
    document = sign_document(Sign.parse(sign).facts)
    return _in(lang, _hindi(document) if lang == "hi" else document)

"""Zodiac facts as the API shows them."""

from marshmallow import Schema, fields

from schemas.language import language

SIGN_NAMES = (
    "aries", "taurus", "gemini", "cancer", "leo", "virgo",
    "libra", "scorpio", "sagittarius", "capricorn", "aquarius", "pisces",
)  # fmt: skip


class DateRangeSchema(Schema):
    start = fields.String(required=True, metadata={"description": "Month and day the Sun enters, MM-DD."})
    end = fields.String(required=True, metadata={"description": "Month and day the Sun leaves, MM-DD."})


class SignRashiSchema(Schema):
    """The sign as the Vedic (sidereal) edition names it."""

    name = fields.String(
        required=True, metadata={"description": "The rashi as Hindi portals print it.", "example": "Singh"}
    )
    hindi = fields.String(required=True, metadata={"example": "सिंह"})
    lord = fields.String(
        required=True,
        metadata={
            "description": "Its lord (swami) among the nine grahas, by the planet's name.",
            "example": "sun",
        },
    )
    lord_name = fields.String(
        required=True, metadata={"description": "The lord as printed.", "example": "Surya"}
    )
    lord_hindi = fields.String(
        metadata={"description": "lang=hi: the lord as Hindi portals print it.", "example": "सूर्य"}
    )
    variants = fields.List(
        fields.String(),
        required=True,
        metadata={
            "description": "Spellings accepted in URLs besides the English name.",
            "example": ["singh", "simha"],
        },
    )


class SignSchema(Schema):
    sign = fields.String(
        required=True, metadata={"description": "Identifier used in URLs.", "example": "leo"}
    )
    name = fields.String(required=True, metadata={"example": "Leo"})
    symbol = fields.String(required=True, metadata={"example": "Lion"})
    glyph = fields.String(required=True, metadata={"example": "♌"})
    dates = fields.Nested(
        DateRangeSchema, required=True, metadata={"description": "Tropical dates, typical year."}
    )
    element = fields.String(required=True, metadata={"example": "fire"})
    modality = fields.String(required=True, metadata={"example": "fixed"})
    ruler = fields.String(
        required=True,
        metadata={"description": "The Western (tropical) edition's modern ruler.", "example": "sun"},
    )
    traditional_ruler = fields.String(
        required=True,
        metadata={"description": "The seven-planet ruler, which is also the rashi's lord.", "example": "sun"},
    )
    sidereal_name = fields.String(required=True, metadata={"description": "The rashi.", "example": "Singh"})
    rashi = fields.Nested(
        SignRashiSchema, required=True, metadata={"description": "The Vedic edition's names and lord."}
    )


class SignArgsSchema(Schema):
    """Query arguments of the sign reads."""

    lang = language("hi adds each rashi's lord in Hindi and answers Content-Language: hi.")


class SignListSchema(Schema):
    items = fields.List(fields.Nested(SignSchema), required=True)

"""Zodiac facts as the API shows them."""

from marshmallow import Schema, fields

SIGN_NAMES = (
    "aries", "taurus", "gemini", "cancer", "leo", "virgo",
    "libra", "scorpio", "sagittarius", "capricorn", "aquarius", "pisces",
)  # fmt: skip


class DateRangeSchema(Schema):
    start = fields.String(required=True, metadata={"description": "Month and day the Sun enters, MM-DD."})
    end = fields.String(required=True, metadata={"description": "Month and day the Sun leaves, MM-DD."})


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
    ruler = fields.String(required=True, metadata={"example": "sun"})
    traditional_ruler = fields.String(required=True, metadata={"example": "sun"})
    sidereal_name = fields.String(required=True, metadata={"description": "The rashi.", "example": "Simha"})


class SignListSchema(Schema):
    items = fields.List(fields.Nested(SignSchema), required=True)

"""The day's panchang and the cities it is computed for, as the API shows them."""

from marshmallow import Schema, fields, validate

from schemas.language import HINDI, language
from schemas.signs import SIGN_NAMES

PAKSHAS = ("shukla", "krishna")
ECLIPSED = ("solar", "lunar")
ECLIPSE_TYPES = ("total", "annular", "partial", "penumbral")


def _instant(description: str, *, nullable: bool = False) -> fields.DateTime:
    """An instant in the place's civil time, ISO 8601 with its offset: '2026-02-05T07:07:51+05:30'."""
    return fields.DateTime(required=True, allow_none=nullable, metadata={"description": description})


class PanchangArgsSchema(Schema):
    """Query arguments of a panchang read."""

    city = fields.String(
        metadata={
            "description": "A city's slug from GET /v1/cities (any case). Default: the service's "
            "HOROSCOPE_PLACE, New Delhi unless set. An unknown city answers 404.",
            "example": "mumbai",
        }
    )
    lang = language(
        "hi gives every name in Hindi and adds `text`, the panchang as a Hindi portal prints it. Answers"
        " say which in Content-Language."
    )


class CitySchema(Schema):
    slug = fields.String(required=True, metadata={"example": "new-delhi"})
    name = fields.String(required=True, metadata={"example": "New Delhi"})
    hindi = fields.String(required=True, metadata={"example": "नई दिल्ली"})
    latitude = fields.Float(required=True, metadata={"description": "Degrees north (WGS 84)."})
    longitude = fields.Float(required=True, metadata={"description": "Degrees east (WGS 84)."})
    timezone = fields.String(required=True, metadata={"example": "Asia/Kolkata"})


class CityListSchema(Schema):
    items = fields.List(fields.Nested(CitySchema), required=True)


class WeekdaySchema(Schema):
    name = fields.String(required=True, metadata={"example": "Thursday"})
    hindi = fields.String(required=True, metadata={"example": "गुरुवार"})


class LimbSchema(Schema):
    """What every limb has besides its number: its names and when it ends (maybe after the next sunrise)."""

    name = fields.String(required=True)
    hindi = fields.String(required=True, metadata={"description": "The name in Devanagari."})
    ends_at = _instant("When it ends; it may be after the next sunrise.")


class TithiSchema(LimbSchema):
    number = fields.Integer(
        required=True,
        validate=validate.Range(1, 30),
        metadata={"description": "1-15 Shukla Pratipada to Purnima, 16-30 Krishna Pratipada to Amavasya."},
    )
    paksha = fields.String(required=True, validate=validate.OneOf(PAKSHAS))


class NakshatraSchema(LimbSchema):
    number = fields.Integer(
        required=True, validate=validate.Range(1, 27), metadata={"description": "1 Ashwini."}
    )


class YogaSchema(LimbSchema):
    number = fields.Integer(
        required=True, validate=validate.Range(1, 27), metadata={"description": "1 Vishkambha."}
    )


class KaranaSchema(LimbSchema):
    number = fields.Integer(
        required=True, validate=validate.Range(1, 60), metadata={"description": "The month's half-tithi."}
    )


class RashiSchema(Schema):
    """A sidereal sign (Lahiri ayanamsa), as Hindi portals name it."""

    sign = fields.String(required=True, validate=validate.OneOf(SIGN_NAMES))
    name = fields.String(required=True, metadata={"example": "Kanya"})
    hindi = fields.String(required=True, metadata={"example": "कन्या"})
    ends_at = _instant("When the body enters the next rashi.")


class MonthSchema(Schema):
    number = fields.Integer(
        required=True, validate=validate.Range(1, 12), metadata={"description": "1 Chaitra."}
    )
    name = fields.String(
        required=True, metadata={"example": "Phalguna", "description": "'Adhik ...' if adhik."}
    )
    hindi = fields.String(required=True, metadata={"example": "फाल्गुन"})
    adhik = fields.Boolean(required=True, metadata={"description": "An intercalary month."})


class MonthsSchema(Schema):
    purnimanta = fields.Nested(
        MonthSchema,
        required=True,
        metadata={"description": "North Indian reckoning: months end at full Moon."},
    )
    amanta = fields.Nested(MonthSchema, required=True, metadata={"description": "Months end at new Moon."})


class PeriodSchema(Schema):
    start = _instant("Start.")
    end = _instant("End.")


class FestivalSchema(Schema):
    slug = fields.String(required=True, metadata={"example": "maha-shivaratri"})
    name = fields.String(required=True, metadata={"example": "Maha Shivaratri"})
    hindi = fields.String(required=True, metadata={"example": "महाशिवरात्रि"})


class EclipseSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(ECLIPSED))
    type = fields.String(required=True, validate=validate.OneOf(ECLIPSE_TYPES))
    maximum = _instant("Greatest eclipse.")
    start = _instant(
        "Lunar: first contact with the umbra (penumbra if penumbral); solar: as seen here. "
        "Null for a solar eclipse not seen here.",
        nullable=True,
    )
    end = _instant("Last contact, likewise.", nullable=True)
    visible_here = fields.Boolean(required=True)
    visible_in_india = fields.Boolean(required=True, metadata={"description": "From any bundled city."})
    sutak_start = _instant(
        "Sutak: 9 hours before a lunar eclipse begins, 12 before a solar one; null where it is not "
        "observed (not visible here, or penumbral).",
        nullable=True,
    )


class PanchangTextSchema(Schema):
    summary = fields.String(
        required=True,
        metadata={
            "example": "पंचांग के अनुसार गुरुवार, 5 फरवरी 2026 को नई दिल्ली में फाल्गुन माह के कृष्ण पक्ष की "
            "चतुर्थी तिथि है और चंद्रमा उत्तरा फाल्गुनी नक्षत्र में है।"
        },
    )
    lines = fields.List(
        fields.String(),
        required=True,
        metadata={
            "description": "Labelled lines, limbs with their end.",
            "example": ["राहुकाल: दोपहर 1:57 बजे से 3:19 बजे तक"],
        },
    )


class PanchangSchema(Schema):
    """One civil day's panchang at one city: the five limbs at local sunrise (udaya), each with its
    end; Lahiri sidereal positions; every instant in the city's civil time with its offset."""

    date = fields.Date(required=True)
    place = fields.Nested(CitySchema, required=True)
    weekday = fields.Nested(WeekdaySchema, required=True)
    sunrise = _instant("Upper limb on the horizon, 34' refraction, sea level.")
    sunset = _instant("Likewise.")
    moonrise = _instant("Null when the Moon does not rise on this civil day.", nullable=True)
    moonset = _instant("Null when the Moon does not set on this civil day.", nullable=True)
    tithi = fields.Nested(TithiSchema, required=True)
    nakshatra = fields.Nested(NakshatraSchema, required=True)
    yoga = fields.Nested(YogaSchema, required=True)
    karana = fields.Nested(KaranaSchema, required=True)
    moon_rashi = fields.Nested(RashiSchema, required=True)
    sun_rashi = fields.Nested(RashiSchema, required=True)
    month = fields.Nested(MonthsSchema, required=True)
    vikram_samvat = fields.Integer(required=True, metadata={"example": 2082})
    shaka_samvat = fields.Integer(required=True, metadata={"example": 1947})
    rahu_kaal = fields.Nested(PeriodSchema, required=True)
    yamaganda = fields.Nested(PeriodSchema, required=True)
    gulika_kaal = fields.Nested(PeriodSchema, required=True)
    abhijit_muhurat = fields.Nested(
        PeriodSchema,
        required=True,
        allow_none=True,
        metadata={"description": "The 8th of the day's 15 muhurtas; null on Wednesdays."},
    )
    festivals = fields.List(fields.Nested(FestivalSchema), required=True)
    eclipse = fields.Nested(
        EclipseSchema,
        required=True,
        allow_none=True,
        metadata={"description": "The eclipse whose greatest phase falls on this day, or null."},
    )
    lang = fields.String(
        validate=validate.OneOf((HINDI,)),
        metadata={"description": "Present in the Hindi edition: 'hi'."},
    )
    text = fields.Nested(
        PanchangTextSchema, metadata={"description": "The Hindi edition only: the panchang in Hindi."}
    )
    published_at = fields.String(required=True, metadata={"description": "UTC instant of first publication."})
    updated_at = fields.String(required=True, metadata={"description": "UTC instant of the last change."})

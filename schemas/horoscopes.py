"""Horoscopes: what is stored, what readers get, and how they ask for it."""

from marshmallow import Schema, fields, validate

from schemas.language import language
from schemas.signs import SIGN_NAMES

PERIODS = ("daily", "weekly", "monthly")
SYSTEMS = ("tropical", "sidereal")
# What readers may ask for: 'vedic' is the sidereal edition under the name Indian readers use.
SYSTEM_NAMES = (*SYSTEMS, "vedic")
SOURCES = ("generated", "override")


class ReadArgsSchema(Schema):
    """Query arguments of every horoscope read."""

    period = fields.String(
        load_default="daily",
        validate=validate.OneOf(PERIODS),
        metadata={"description": "daily, weekly (Monday to Sunday) or monthly."},
    )
    system = fields.String(
        validate=validate.OneOf(SYSTEM_NAMES),
        metadata={
            "description": "tropical (Western) or sidereal: the Vedic edition (Lahiri ayanamsa, houses"
            " from the reader's Moon sign, the nine grahas with their traditional lords); 'vedic' is a"
            " synonym of sidereal, and answers name it 'sidereal'. Default: tropical in English,"
            " sidereal with lang=hi (which has no tropical edition: lang=hi&system=tropical is a 400)."
        },
    )
    lang = language(
        "hi is the Hindi rashifal, composed in Hindi from its own phrase bank. Hindi is the Vedic"
        " edition only (Moon sign, Lahiri): without `system` it is sidereal, and `system=tropical` is a"
        " 400 problem. Its answers carry `lang`, a `note` saying so, and Content-Language: hi."
    )


class SectionSchema(Schema):
    text = fields.String(required=True)
    rating = fields.Integer(required=True, validate=validate.Range(1, 5), metadata={"description": "1 to 5."})


class SectionsSchema(Schema):
    love = fields.Nested(SectionSchema, required=True)
    career = fields.Nested(SectionSchema, required=True)
    money = fields.Nested(SectionSchema, required=True)
    health = fields.Nested(SectionSchema, required=True)


class LuckySchema(Schema):
    number = fields.Integer(required=True)
    color = fields.String(required=True)
    time = fields.String(
        allow_none=True,
        metadata={
            "description": "Daily entries: a local time window that never overlaps the day's Rahu Kaal (nor a"
            " grahan's sutak) at HOROSCOPE_PLACE. Null on weekly and monthly entries (older ones may still"
            " carry a time and no `day`).",
            "example": "2:00 PM - 3:30 PM",
        },
    )
    day = fields.Date(
        allow_none=True,
        metadata={
            "description": "Weekly and monthly entries: the lucky day, a date inside the period. Null on"
            " daily entries; absent from older entries."
        },
    )


class OccasionSchema(Schema):
    """A festival the entry names, on its day at HOROSCOPE_PLACE."""

    day = fields.Date(required=True)
    slug = fields.String(required=True, metadata={"example": "diwali"})
    name = fields.String(required=True, metadata={"example": "Diwali"})
    hindi = fields.String(required=True, metadata={"example": "दिवाली"})


class SkyEventSchema(Schema):
    kind = fields.String(required=True, metadata={"description": "eclipse, ingress, station or lunation."})
    at = fields.String(required=True, metadata={"description": "UTC instant, ISO 8601."})
    summary = fields.String(required=True, metadata={"example": "Mercury turns retrograde in Scorpio"})


class AspectSchema(Schema):
    at = fields.String(required=True, metadata={"description": "UTC instant, ISO 8601."})
    first = fields.String(required=True)
    second = fields.String(required=True)
    aspect = fields.String(
        required=True,
        validate=validate.OneOf(("conjunction", "sextile", "square", "trine", "opposition")),
    )
    summary = fields.String(required=True, metadata={"example": "Venus trine Jupiter"})


class SkyFactsSchema(Schema):
    moon_sign = fields.String(required=True, validate=validate.OneOf(SIGN_NAMES))
    moon_phase = fields.String(required=True, metadata={"example": "waxing gibbous"})
    moon_illumination = fields.Float(required=True, metadata={"description": "Illuminated fraction, 0 to 1."})
    retrograde = fields.List(fields.String(), required=True)
    events = fields.List(fields.Nested(SkyEventSchema), required=True)
    aspects = fields.List(fields.Nested(AspectSchema), required=True)


class HoroscopeSchema(Schema):
    """A composed reading, as stored (frozen) at publication."""

    sign = fields.String(required=True, validate=validate.OneOf(SIGN_NAMES))
    date = fields.Date(required=True, metadata={"description": "The period's first day."})
    period = fields.String(required=True, validate=validate.OneOf(PERIODS))
    system = fields.String(required=True, validate=validate.OneOf(SYSTEMS))
    headline = fields.String(required=True, metadata={"description": "The two themes of the title."})
    title = fields.String(
        required=True,
        metadata={
            "description": "The headline in the portal's style; its Today/Tomorrow/Yesterday word is "
            "relative to the portal's local today at the time of reading."
        },
    )
    teaser = fields.String(required=True)
    body = fields.List(fields.String(), required=True, metadata={"description": "Paragraphs."})
    sections = fields.Nested(SectionsSchema, required=True)
    lucky = fields.Nested(LuckySchema, required=True)
    mood = fields.String(required=True)
    compatibility = fields.String(required=True, validate=validate.OneOf(SIGN_NAMES))
    sky = fields.Nested(
        SkyFactsSchema, required=True, metadata={"description": "The sky facts the text used."}
    )
    version = fields.String(required=True, metadata={"description": "Version of the content engine."})
    occasions = fields.List(
        fields.Nested(OccasionSchema),
        metadata={
            "description": "The festivals of the period that the text names, each on its day at"
            " HOROSCOPE_PLACE; absent from older entries."
        },
    )


class HoroscopeResponseSchema(HoroscopeSchema):
    """A reading as readers get it: the stored entry with any editor's override applied."""

    source = fields.String(required=True, validate=validate.OneOf(SOURCES))
    overridden = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Fields an editor changed; empty when generated."},
    )
    published_at = fields.String(required=True, metadata={"description": "UTC instant of first publication."})
    updated_at = fields.String(required=True, metadata={"description": "UTC instant of the last change."})
    lang = fields.String(metadata={"description": "'hi' on a Hindi answer; absent on English ones."})
    note = fields.String(metadata={"description": "Hindi answers: the edition's basis, in Hindi."})


class HoroscopeDaySchema(Schema):
    """All twelve signs for one day (or period), in zodiac order."""

    date = fields.Date(required=True)
    period = fields.String(required=True, validate=validate.OneOf(PERIODS))
    system = fields.String(required=True, validate=validate.OneOf(SYSTEMS))
    items = fields.List(fields.Nested(HoroscopeResponseSchema), required=True)
    lang = fields.String(metadata={"description": "'hi' on a Hindi answer; absent on English ones."})
    note = fields.String(metadata={"description": "Hindi answers: the edition's basis, in Hindi."})

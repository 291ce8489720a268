"""Listicles, their topics, and the feed, as the API shows them."""

from marshmallow import Schema, fields, validate

from schemas.horoscopes import SOURCES
from schemas.language import language

LISTICLE_SOURCES = (*SOURCES, "editorial")
SOURCE_DESCRIPTION = (
    "generated: composed by the service; override: generated, with fields an editor set (see "
    "`overridden`); editorial: written by an editor (POST /v1/listicles), edited or not."
)

CATEGORIES = (
    "food-and-nutrition", "sleep", "fitness", "mental-wellbeing", "skin-and-hair", "home", "productivity",
    "health", "family", "editorial",  # editor-written listicles
)  # fmt: skip


class ListicleItemSchema(Schema):
    position = fields.Integer(
        required=True, validate=validate.Range(min=1), metadata={"description": "From 1."}
    )
    heading = fields.String(required=True)
    body = fields.String(required=True)
    facts = fields.List(fields.String(), required=True, metadata={"description": "Key facts; may be empty."})


class HelpContactSchema(Schema):
    name = fields.String(required=True, metadata={"example": "Tele-MANAS"})
    numbers = fields.List(fields.String(), required=True, metadata={"example": ["14416", "1-800-891-4416"]})
    hours = fields.String(required=True, metadata={"example": "Toll-free, 24x7"})
    url = fields.String(allow_none=True)


class HelpNoteSchema(Schema):
    """Fixed signposting that every piece of a topic carries, whatever items it draws."""

    heading = fields.String(required=True)
    text = fields.String(required=True)
    contacts = fields.List(fields.Nested(HelpContactSchema), required=True)
    warning_signs = fields.List(
        fields.String(), required=True, metadata={"description": "Signs that mean getting help now."}
    )
    urgent = fields.String(required=True, metadata={"description": "What to do when a sign is present."})


class SourceSchema(Schema):
    """A publication a listicle's numbers come from."""

    name = fields.String(required=True, metadata={"example": "Indian Food Composition Tables 2017"})
    publisher = fields.String(
        required=True, metadata={"example": "ICMR-National Institute of Nutrition, Hyderabad"}
    )
    year = fields.Integer(required=True, metadata={"example": 2017})
    url = fields.String(allow_none=True, metadata={"example": "https://www.nin.res.in"})
    detail = fields.String(allow_none=True, metadata={"description": "Authors, tables, what was quoted."})


class ListicleSchema(Schema):
    """A composed listicle, as stored (frozen) at publication."""

    slug = fields.String(required=True, metadata={"example": "10-foods-that-promote-longevity-2026-02-05"})
    date = fields.Date(required=True)
    topic = fields.String(
        required=True, attribute="topic_id", metadata={"description": "The catalog topic id."}
    )
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    title = fields.String(required=True, metadata={"example": "10 Foods That Promote Longevity"})
    teaser = fields.String(required=True)
    items = fields.List(fields.Nested(ListicleItemSchema), required=True)
    tags = fields.List(fields.String(), required=True)
    disclaimer = fields.String(required=True, allow_none=True)
    help = fields.Nested(
        HelpNoteSchema,
        allow_none=True,
        metadata={
            "description": "Helplines and warning signs: every mental well-being piece, and every piece on "
            "stress, exams, loneliness, grief or supporting someone, carries one (null otherwise; absent "
            "on listicles an earlier release published and on editor-written ones)."
        },
    )
    sources = fields.List(
        fields.Nested(SourceSchema),
        metadata={
            "description": "Where its quantities and figures come from; every food list that names a "
            "nutrient cites the Indian Food Composition Tables 2017 (absent on listicles an earlier release "
            "published)."
        },
    )
    version = fields.String(required=True, metadata={"description": "Version of the content engine."})


class ListicleResponseSchema(ListicleSchema):
    """A listicle as readers get it."""

    topic = fields.String(
        required=True,
        metadata={
            "description": "The catalog topic id; `custom-<slug stem>` for an editor-written listicle."
        },
    )
    source = fields.String(
        required=True, validate=validate.OneOf(LISTICLE_SOURCES), metadata={"description": SOURCE_DESCRIPTION}
    )
    overridden = fields.List(fields.String(), required=True)
    published_at = fields.String(required=True, metadata={"description": "UTC instant of first publication."})
    updated_at = fields.String(required=True, metadata={"description": "UTC instant of the last change."})


class ListicleDaySchema(Schema):
    date = fields.Date(required=True)
    items = fields.List(fields.Nested(ListicleResponseSchema), required=True)


class ListicleReadArgsSchema(Schema):
    format = fields.String(
        validate=validate.OneOf(("json", "jsonld")),
        metadata={"description": "jsonld: a schema.org ItemList (same as Accept: application/ld+json)."},
    )


class TopicVariantSchema(Schema):
    title = fields.String(required=True, metadata={"example": "10 Calcium-Rich Foods For Strong Bones"})
    teaser = fields.String(required=True)
    size = fields.Integer(required=True, metadata={"description": "Items in a list published under it."})
    slug_stem = fields.String(required=True, metadata={"example": "10-calcium-rich-foods-for-strong-bones"})


class PinnedItemSchema(Schema):
    about = fields.String(required=True, metadata={"example": "ragi"})
    headings = fields.List(fields.String(), required=True, metadata={"description": "One of these is drawn."})


class TopicSchema(Schema):
    topic = fields.String(required=True)
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    title = fields.String(
        required=True, metadata={"description": "Its first variant's title, with its item count."}
    )
    teaser = fields.String(required=True, metadata={"description": "Its first variant's teaser."})
    tags = fields.List(fields.String(), required=True)
    size = fields.Integer(required=True, metadata={"description": "Items per published list."})
    pool = fields.Integer(required=True, metadata={"description": "Items the lists are drawn from."})
    months = fields.List(
        fields.Integer(validate=validate.Range(1, 12)),
        required=True,
        metadata={"description": "The months (1-12) the plan runs it in.", "example": [11, 12, 1, 2]},
    )
    variants = fields.List(
        fields.Nested(TopicVariantSchema),
        required=True,
        metadata={"description": "The titles and teasers it runs under; none twice within 60 days."},
    )
    pinned = fields.List(
        fields.Nested(PinnedItemSchema), required=True, metadata={"description": "Items every list holds."}
    )
    form = fields.String(
        required=True,
        validate=validate.OneOf(("foods", "tips")),
        metadata={"description": "foods: every item is a food or a drink."},
    )
    nutrients = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "What its foods' sourced quantities measure."},
    )
    help = fields.Boolean(required=True, metadata={"description": "Every piece carries the help note."})


class TopicListSchema(Schema):
    items = fields.List(fields.Nested(TopicSchema), required=True)


class FeedArgsSchema(Schema):
    limit = fields.Integer(load_default=20, validate=validate.Range(1, 100))
    kind = fields.String(validate=validate.OneOf(("horoscope", "listicle")))
    tag = fields.String(
        validate=validate.Length(1, 60),
        metadata={
            "description": "Only items with this tag: 'horoscope', 'daily', a sign, a tag of a topic in "
            "/v1/topics, or one an editor gave one of the newest 1000 listicles. Any other tag answers 422."
        },
    )
    lang = language(
        "hi is the Hindi feed: the daily Hindi rashifal (no listicle is written in Hindi), with Hindi"
        " titles and teasers, links with lang=hi (or to HOROSCOPE_PORTAL_HINDI_HOROSCOPE_URL_TEMPLATE's"
        " pages), an RSS channel in <language>hi-in</language>, and Content-Language: hi."
    )


class FeedItemSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(("horoscope", "listicle")))
    title = fields.String(required=True)
    teaser = fields.String(required=True)
    path = fields.String(required=True, metadata={"example": "/v1/horoscopes/leo/2026-02-05"})
    url = fields.String(
        required=True,
        metadata={
            "description": "Where readers read it: its portal page, or its API URL when none is configured.",
            "example": "https://www.portal.example/astrology/leo-daily-horoscope-2026-02-05",
        },
    )
    date = fields.Date(required=True)
    sign = fields.String(metadata={"description": "Horoscopes only."})
    topic = fields.String(metadata={"description": "Listicles only."})
    tags = fields.List(fields.String(), required=True)
    source = fields.String(
        required=True, validate=validate.OneOf(LISTICLE_SOURCES), metadata={"description": SOURCE_DESCRIPTION}
    )
    published_at = fields.String(required=True)


class FeedSchema(Schema):
    items = fields.List(fields.Nested(FeedItemSchema), required=True)
    lang = fields.String(metadata={"description": "'hi' on the Hindi feed; absent on the English one."})

"""Manual edge purges (admin): what POST /v1/edge/purges takes and answers."""

from marshmallow import Schema, fields, validate

from schemas.bodies import StrictSchema

MAX_TAGS = 100


class PurgeRequestSchema(StrictSchema):
    """Tags to purge at every configured edge, as answers carry them in their tag header."""

    tags = fields.List(
        fields.String(validate=validate.Length(min=1, max=128)),
        required=True,
        validate=validate.Length(min=1, max=MAX_TAGS),
        metadata={"description": "Cache tags, prefix included: hs.all, hs.date.2026-02-05, ..."},
    )
    hard = fields.Boolean(
        load_default=False,
        metadata={
            "description": "Evict outright (a takedown); by default a soft purge keeps stale copies "
            "for outages and revalidation."
        },
    )


class PurgeQueuedSchema(Schema):
    tags = fields.List(fields.String(), required=True)
    hard = fields.Boolean(required=True)
    events = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Ids of the queued events (first and repeat)."},
    )

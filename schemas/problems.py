"""The one error shape: RFC 9457 problem details."""

from marshmallow import Schema, fields


class ProblemSchema(Schema):
    """An error answer, served as application/problem+json."""

    type = fields.String(
        required=True,
        metadata={
            "description": "URI reference naming the kind of problem; 'about:blank' for plain HTTP errors."
        },
    )
    title = fields.String(required=True, metadata={"description": "Short summary of the kind of problem."})
    status = fields.Integer(required=True, metadata={"description": "The HTTP status code."})
    detail = fields.String(
        required=True, metadata={"description": "What went wrong here, and what to do about it."}
    )
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.Raw(),
        metadata={
            "description": "Per-field validation messages, keyed by where the field was (query, json, path)."
        },
    )
    withdrawn_at = fields.String(
        metadata={"description": "On a withdrawn listicle's 410: when an editor withdrew it (UTC)."}
    )
    request_id = fields.String(metadata={"description": "Quote it when reporting a server error."})
    current = fields.Dict(
        metadata={"description": "412 only: the entry as it is now; its ETag is in the ETag header."}
    )

"""Health answers."""

from marshmallow import Schema, fields, validate


class LivenessSchema(Schema):
    status = fields.String(required=True, validate=validate.Equal("ok"))


class CheckSchema(Schema):
    ok = fields.Boolean(required=True)
    detail = fields.String(required=True)


class ReadinessSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(("ready", "not ready")))
    checks = fields.Dict(keys=fields.String(), values=fields.Nested(CheckSchema), required=True)

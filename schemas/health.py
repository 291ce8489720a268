"""Health answers."""

from marshmallow import Schema, fields, validate


class LivenessSchema(Schema):
    status = fields.String(required=True, validate=validate.Equal("ok"))


class CheckSchema(Schema):
    ok = fields.Boolean(required=True)
    detail = fields.String(required=True)
    affects_readiness = fields.Boolean(
        metadata={
            "description": "False for checks reported for operators that do not make this replica unready."
        }
    )
    heartbeat_age_seconds = fields.Float(
        metadata={"description": "Seconds since a scheduler last said it was alive."}
    )


class ReadinessSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(("ready", "not ready")))
    checks = fields.Dict(keys=fields.String(), values=fields.Nested(CheckSchema), required=True)

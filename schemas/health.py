"""Health answers."""

from marshmallow import Schema, fields, validate


class LivenessSchema(Schema):
    status = fields.String(required=True, validate=validate.Equal("ok"))


class CheckSchema(Schema):
    ok = fields.Boolean(required=True)
    detail = fields.String(metadata={"description": "What was found (admins only)."})
    affects_readiness = fields.Boolean(
        metadata={
            "description": "False for checks reported for operators that do not make this replica unready."
        }
    )
    heartbeat_age_seconds = fields.Float(
        metadata={"description": "Seconds since a scheduler last said it was alive (admins only)."}
    )
    used_memory_bytes = fields.Integer(metadata={"description": "Redis's used_memory (admins only)."})
    maxmemory_bytes = fields.Integer(
        metadata={"description": "Redis's maxmemory, 0 for no limit (admins only)."}
    )
    backlog = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        metadata={"description": "Purge events each edge target still waits for (admins only)."},
    )
    dead_letters = fields.Integer(
        metadata={"description": "Purge events given up on, in the dead-letter stream (admins only)."}
    )


class ReadinessSchema(Schema):
    status = fields.String(
        required=True,
        validate=validate.OneOf(("ready", "degraded", "not ready")),
        metadata={
            "description": "degraded: ready, but Redis refuses (or soon will) writes for lack of memory."
        },
    )
    checks = fields.Dict(keys=fields.String(), values=fields.Nested(CheckSchema), required=True)

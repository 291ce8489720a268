"""What every request body is made of: a JSON object of known fields, whose numbers are JSON integers."""

from typing import Any

from marshmallow import RAISE, Schema, fields


class StrictSchema(Schema):
    """A JSON object: unknown fields are refused, and anything but an object is refused by name."""

    class Meta:
        unknown = RAISE

    error_messages = {"type": 'Must be a JSON object of fields, like {"note": "..."}.'}  # noqa: RUF012


class WholeNumber(fields.Integer):
    """A JSON integer, exactly: marshmallow would take "7", 7.5 (as 7) and true (as 1)."""

    def __init__(self, **kwargs: Any) -> None:
        invalid = "Must be a whole number (a JSON integer, not a string or a decimal)."
        super().__init__(strict=True, error_messages={"invalid": invalid}, **kwargs)

    def _validated(self, value: Any) -> int:
        if isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return super()._validated(value)

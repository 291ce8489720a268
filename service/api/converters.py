"""URL converters that make one path segment mean a day, so that other segments can mean slugs."""

from __future__ import annotations

from werkzeug.routing import BaseConverter

DAY_PATTERN = r"today|tomorrow|yesterday|\d{4}-\d{2}-\d{2}"


class DayConverter(BaseConverter):
    """`today`, `tomorrow`, `yesterday` or anything shaped like YYYY-MM-DD (validated later, with a 422)."""

    regex = DAY_PATTERN
    weight = 50  # tried before a plain string segment at the same place

    def to_python(self, value: str) -> str:
        return value


DAY_SCHEMA = {
    "type": "string",
    "pattern": r"^(today|tomorrow|yesterday|\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))$",
    "example": "tomorrow",
}

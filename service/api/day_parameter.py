"""The day in a URL: `today`, `tomorrow`, `yesterday` or YYYY-MM-DD, and how the OpenAPI document says so."""

DAY_PATTERN = r"today|tomorrow|yesterday|\d{4}-\d{2}-\d{2}"

DAY_SCHEMA = {
    "type": "string",
    "pattern": r"^(today|tomorrow|yesterday|\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))$",
    "example": "tomorrow",
}

DAY_PARAMETER = {
    "in": "path",
    "name": "day",
    "required": True,
    "schema": DAY_SCHEMA,
    "description": "today, tomorrow, yesterday (the portal's local dates) or YYYY-MM-DD.",
}

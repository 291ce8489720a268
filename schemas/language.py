"""The `lang` query parameter of every read that has a Hindi edition: en (the default) or hi.

Anything else is a 400 problem, not the 422 of other query parameters (issue 15): an answer in a
language the API does not write is not a field to correct but a request it cannot serve.
service.api.arguments gives this parameter's errors their status, and documents it.
"""

from marshmallow import fields, validate

PARAMETER = "lang"
ENGLISH, HINDI = "en", "hi"
LANGUAGES = (ENGLISH, HINDI)
ACCEPTED = "en (the default) or hi"


def language(description: str) -> fields.String:
    """The `lang` field: `description` says what `hi` changes in this answer."""
    return fields.String(
        load_default=ENGLISH,
        validate=validate.OneOf(
            LANGUAGES, error=f"'{{input}}' is not a language of this API: use {ACCEPTED}."
        ),
        metadata={"description": f"{ACCEPTED}: {description} Any other value is a 400 problem."},
    )

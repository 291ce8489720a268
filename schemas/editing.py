"""What editors may send: plain text only, every field bounded, unknown fields refused."""

import re
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from schemas.bodies import StrictSchema, WholeNumber
from schemas.horoscopes import SYSTEM_NAMES
from schemas.language import language
from schemas.plain_text import PLAIN_TEXT_PATTERN, plain_text
from schemas.signs import SIGN_NAMES

# A daily entry's lucky time: '2:00 PM - 3:30 PM' in English, 'दोपहर 1:30 बजे से 3:00 बजे तक' in Hindi
# (service.content.hindi.style.hindi_span); each edition takes only its own (service.editing).
TIME_WINDOW = re.compile(r"^(1[0-2]|[1-9]):[0-5]\d (AM|PM) - (1[0-2]|[1-9]):[0-5]\d (AM|PM)$")
_HINDI_CLOCK = r"(1[0-2]|[1-9]):[0-5]\d बजे"
_HINDI_PART = "(सुबह|दोपहर|शाम|रात)"
HINDI_TIME_WINDOW = re.compile(f"^{_HINDI_PART} {_HINDI_CLOCK} से ({_HINDI_PART} )?{_HINDI_CLOCK} तक$")
TIME_EXAMPLE, HINDI_TIME_EXAMPLE = "2:00 PM - 3:30 PM", "दोपहर 1:30 बजे से 3:00 बजे तक"
_EITHER_WINDOW = re.compile(f"{TIME_WINDOW.pattern}|{HINDI_TIME_WINDOW.pattern}")


def text(max_length: int, description: str = "", **kwargs: Any) -> fields.String:
    """A plain-text field of at most `max_length` characters."""
    return fields.String(
        validate=[validate.Length(max=max_length, error="At most {max} characters."), plain_text],
        metadata={
            "description": f"{description} Plain text (no markup or invisible characters), at most"
            f" {max_length} characters.".strip(),
            "minLength": 1,
            "pattern": PLAIN_TEXT_PATTERN,
        },
        **kwargs,
    )


def _schema(name: str, **declared: fields.Field[Any]) -> type[Schema]:
    """A strict schema class with a name of its own (the OpenAPI document names it after it)."""
    return type(f"{name}Schema", (StrictSchema,), dict(declared))


NOTE_DOC = "Why: kept in the history with the change, not shown to readers."
SYSTEM_DOC = "As on reads: tropical unless lang=hi, whose edition is sidereal only."
HINDI_EDITS = (
    "hi is the Hindi entry (its own text, history and override), whose text must pass the Hindi"
    " sub-editor's checks (else 422 listing the problems)."
)
AREAS = ("love", "career", "money", "health")
TAG_LENGTH = 40
TAG = fields.String(
    validate=[
        validate.Length(1, TAG_LENGTH, error=f"A tag is 1 to {TAG_LENGTH} characters."),
        validate.Regexp(
            r"^[a-z0-9]+(-[a-z0-9]+)*$",
            error="A tag is lower-case letters and digits, words joined by single hyphens: 'bone-health'.",
        ),
    ],
    metadata={"description": f"Lower-case words joined by hyphens, at most {TAG_LENGTH} characters."},
)
TAGS = validate.Length(max=10, error="At most 10 tags.")


def _horoscope_edit(kind: str, required: bool) -> type[Schema]:
    """A horoscope's editable fields: all required for a PUT, any subset (nested too) for a PATCH."""
    section = _schema(
        f"Section{kind}",
        text=text(1000, required=required),
        rating=WholeNumber(validate=validate.Range(1, 5, error="A rating from 1 to 5."), required=required),
    )
    lucky = _schema(
        f"Lucky{kind}",
        number=WholeNumber(validate=validate.Range(1, 99, error="A number from 1 to 99."), required=required),
        color=text(40, required=required),
        time=fields.String(
            validate=validate.Regexp(
                _EITHER_WINDOW,
                error=f"Use a window like '{TIME_EXAMPLE}' (a Hindi entry: '{HINDI_TIME_EXAMPLE}').",
            ),
            metadata={
                "description": f"Daily entries only: a local time window, '{TIME_EXAMPLE}' (a Hindi"
                f" entry: '{HINDI_TIME_EXAMPLE}').",
                "example": TIME_EXAMPLE,
                "pattern": _EITHER_WINDOW.pattern,
            },
        ),
        day=fields.Date(
            metadata={
                "description": "Weekly and monthly entries only: the lucky day, a date inside the period."
            }
        ),
    )
    sections = _schema(
        f"Sections{kind}", **{area: fields.Nested(section, required=required) for area in AREAS}
    )
    return _schema(
        f"Horoscope{kind}",
        title=text(
            200,
            "Optional: a title in the house style ('Leo Horoscope Tomorrow, February 05, 2026: A Day To "
            "Shine'; in Hindi 'कल का सिंह राशिफल, 5 फरवरी 2026: ...'); only its headline is kept, as"
            " `headline`, since the prefix is composed when read.",
        ),
        headline=text(150, required=required),
        teaser=text(500, required=required),
        body=fields.List(
            text(2000),
            required=required,
            validate=validate.Length(1, 10, error="1 to 10 paragraphs."),
            metadata={"description": "Paragraphs."},
        ),
        sections=fields.Nested(sections, required=required),
        lucky=fields.Nested(lucky, required=required),
        mood=text(40, required=required),
        compatibility=fields.String(validate=validate.OneOf(SIGN_NAMES), required=required),
        note=text(500, NOTE_DOC, load_only=True),
    )


ITEMS = validate.Length(1, 30, error="1 to 30 items.")


class ListicleItemEditSchema(StrictSchema):
    heading = text(120, required=True)
    body = text(2000, required=True)
    facts = fields.List(
        text(200), load_default=list, validate=validate.Length(max=10, error="At most 10 facts.")
    )


def _listicle_edit(kind: str, required: bool) -> type[Schema]:
    """A listicle's editable fields; `items` is always the whole new list, in order."""
    return _schema(
        f"Listicle{kind}",
        title=text(200, required=required),
        teaser=text(500, required=required),
        items=fields.List(fields.Nested(ListicleItemEditSchema), required=required, validate=ITEMS),
        tags=fields.List(TAG, required=required, validate=TAGS),
        disclaimer=text(500, required=required, allow_none=True),
        note=text(500, NOTE_DOC, load_only=True),
    )


HoroscopeReplaceSchema = _horoscope_edit("Replace", required=True)
HoroscopePatchSchema = _horoscope_edit("Patch", required=False)
ListicleReplaceSchema = _listicle_edit("Replace", required=True)
ListiclePatchSchema = _listicle_edit("Patch", required=False)


class EditArgsSchema(StrictSchema):
    """Which entry an edit applies to, as on reads."""

    period = fields.String(load_default="daily", validate=validate.OneOf(("daily", "weekly", "monthly")))
    system = fields.String(validate=validate.OneOf(SYSTEM_NAMES), metadata={"description": SYSTEM_DOC})
    lang = language(HINDI_EDITS)


class RevertArgsSchema(EditArgsSchema):
    note = text(200, "Why: kept in the history with the change.")  # shorter: it travels in the URL


class NoteSchema(StrictSchema):
    """A restore's body, or a delete's query: an optional note for the history."""

    note = text(200, "Why: kept in the history with the change.")


class NewListicleSchema(StrictSchema):
    """An editor-written listicle for a date, placed at `position` in that date's list."""

    date = fields.Date(required=True)
    position = WholeNumber(
        load_default=1,
        validate=validate.Range(1, 50, error="A position from 1 (the first) to 50."),
        metadata={"description": "From 1."},
    )
    title = text(200, required=True)
    teaser = text(500, required=True)
    items = fields.List(fields.Nested(ListicleItemEditSchema), required=True, validate=ITEMS)
    tags = fields.List(TAG, load_default=list, validate=TAGS)
    disclaimer = text(500, load_default=None, allow_none=True)
    note = text(500, "Why: kept in the history with the change.", load_only=True)

    @validates_schema
    def title_counts_the_items(self, data: dict[str, Any], **_: Any) -> None:
        """'7 Monsoon Recipes' must have seven items."""
        check_title_count(data["title"], len(data["items"]))


# Where a title states its count, as the catalog's variants write it: at the start, after a lead-in
# ('Stiff From Sitting? 6 Stretches That Help'), after 'These' ('Try These 8 Ideas') or as steps
# ('In 7 Simple Steps'). A number elsewhere ('Type 2', 'After 60') is not a count.
_TITLE_COUNT = re.compile(r"^(?:[^?:!]*[?:!]\s+)?(\d+)\b|\bThese (\d+)\b|\bIn (\d+) (?:[A-Z][a-z]+ )?Steps\b")


def check_title_count(title: str, count: int) -> None:
    """A title that states a count promises that many items."""
    stated = _TITLE_COUNT.search(title)
    promised = next((group for group in stated.groups() if group), None) if stated else None
    if promised is not None and int(promised) != count:
        raise ValidationError(
            f"The title promises {promised} items but the list has {count}; make them agree.", "title"
        )


class HistoryChangeSchema(Schema):
    field = fields.String(required=True, metadata={"description": "Dotted path, e.g. sections.love.text."})
    before = fields.Raw(required=True, allow_none=True)
    after = fields.Raw(required=True, allow_none=True)


class HistoryRecordSchema(Schema):
    id = fields.Integer(required=True, metadata={"description": "Revision number, from 1."})
    at = fields.String(required=True, metadata={"description": "UTC instant."})
    by = fields.String(required=True, metadata={"description": "The token's name."})
    action = fields.String(
        required=True,
        validate=validate.OneOf(("put", "patch", "revert", "restore", "create", "withdraw")),
        metadata={
            "description": "create, withdraw: an editor-written listicle put in or taken out of its list."
        },
    )
    note = fields.String(allow_none=True)
    changes = fields.List(fields.Nested(HistoryChangeSchema), required=True)
    restored_from = fields.Integer(allow_none=True)


class HistorySchema(Schema):
    items = fields.List(fields.Nested(HistoryRecordSchema), required=True)


class HistoryArgsSchema(StrictSchema):
    period = fields.String(load_default="daily", validate=validate.OneOf(("daily", "weekly", "monthly")))
    system = fields.String(validate=validate.OneOf(SYSTEM_NAMES), metadata={"description": SYSTEM_DOC})
    lang = language(HINDI_EDITS)
    limit = fields.Integer(load_default=100, validate=validate.Range(1, 1000))

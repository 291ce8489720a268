"""Editors' changes: overrides, history, revert and restore (editor-written listicles: service.editorial).

Every change is one Redis transaction (service.store.Store.edit): the override, a history record
with who, when, what changed (before and after per field) and why, and the invalidation of every
process's cache. With If-Match, the check runs inside that transaction, so of two editors holding
the same ETag exactly one wins and the other gets 412 with the current version.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from marshmallow import Schema, ValidationError

from schemas.editing import (
    TIME_EXAMPLE,
    TIME_WINDOW,
    HoroscopeReplaceSchema,
    ListicleReplaceSchema,
    check_title_count,
)
from service.content.calendar import Period, period_days, period_start
from service.content.entries import headline_in_title, horoscope_title
from service.content.errors import ContentError, UnknownTopic
from service.content.zodiac import Sign, System
from service.days import isoformat_utc
from service.publishing import (
    Publisher,
    Rendered,
    Withdrawn,
    dumps,
    effective_entry,
    merge_override,
    render_horoscope,
    render_listicle,
    rendered,
)
from service.store import (
    EDITORIAL_PREFIX,
    Change,
    Edit,
    HistoryTrim,
    StoredEntry,
    horoscope_id,
    is_editorial,
    listicle_id,
    listicle_id_parts,
    listicle_plan_id,
)
from service.tokens import Editor

HOROSCOPE_EDIT = HoroscopeReplaceSchema()
Prepare = Callable[[dict[str, Any]], dict[str, Any]]  # editor input -> stored form, or InvalidEdit
_LISTICLE_EDIT = ListicleReplaceSchema()


class PreconditionFailed(ContentError):
    """If-Match named a version that is no longer current."""

    status = 412
    title = "Precondition failed"

    def __init__(self, detail: str, current: Rendered) -> None:
        super().__init__(detail)
        self.current = current

    def headers(self) -> dict[str, str]:
        return {"ETag": self.current.etag}

    def members(self) -> dict[str, Any]:
        return {"current": json.loads(self.current.body)}


class NothingToRevert(ContentError):
    status = 404
    title = "No override"


class UnknownRevision(ContentError):
    status = 404
    title = "No such revision"


class InvalidEdit(ContentError):
    """An edit whose result would be wrong, e.g. a title promising more items than the list has."""

    status = 422
    title = "Unprocessable edit"

    def __init__(self, detail: str, errors: Mapping[str, Any]) -> None:
        super().__init__(detail)
        self.errors = errors

    def members(self) -> dict[str, Any]:
        return {"errors": self.errors}


@dataclass(frozen=True)
class Target:
    """One editable entry: its id, its kind's editable fields, and how readers see it."""

    entry_id: str
    schema: Schema  # the editable fields, as editors send them
    render: Callable[[StoredEntry], Rendered]
    check: Callable[[dict[str, Any]], None] = lambda _entry: None  # refuses a wrong result
    prepare: Prepare = lambda fields: fields  # editor input -> stored form
    listed_in: str | None = None  # an editor-written listicle's date's list, which must hold it for edits


class Editing:
    """The editors' operations, over the publisher's store and renderers."""

    def __init__(self, publisher: Publisher) -> None:
        self.publisher = publisher
        self.store = publisher.store

    def horoscope(self, sign: Sign, day: date, period: Period, system: System) -> Target:
        """A horoscope to edit; it is published first if no reader has asked for it yet."""
        today = self.publisher.today()
        self.publisher.check_window(day, today)
        first = period_start(period, day)
        self.publisher.publish_horoscope(sign, first, period, system)
        house_style = horoscope_title(sign, first, period, "<headline>", today)
        as_headline = title_as_headline(
            house_style, lambda title: headline_in_title(title, sign, first, period)
        )
        return Target(
            horoscope_id(system, period, sign, first.isoformat()),
            HOROSCOPE_EDIT,
            lambda stored: render_horoscope(stored, today),
            prepare=lucky_in_period(first, period, ENGLISH_TIME, then=as_headline),
        )

    def listicle(self, slug: str, *, withdrawn: bool = False) -> Target:
        """A published listicle to edit (with `withdrawn`, also a withdrawn one, to read its history or
        restore it); `items` sent by editors get their positions here."""
        topic, day = self.publisher.resolve_slug(slug, withdrawn=withdrawn)
        self.publisher.publish_listicle(topic, day)
        listed_in = listicle_plan_id(day.isoformat()) if is_editorial(topic) else None
        return replace(listicle_target(listicle_id(topic, day.isoformat())), listed_in=listed_in)

    def put(self, target: Target, fields: dict[str, Any], editor: Editor, if_match: str | None) -> Rendered:
        """Replace the editable fields with `fields` (all of them: the PUT schema requires each)."""
        note, fields = fields.pop("note", None), target.prepare(fields)
        return self._change(target, editor, "put", note, if_match, lambda _current: fields)

    def patch(self, target: Target, fields: dict[str, Any], editor: Editor, if_match: str | None) -> Rendered:
        """Change only the fields given, nested ones too (sections.love.text)."""
        note, fields = fields.pop("note", None), target.prepare(fields)
        if not fields:  # nothing to change: answer with the entry as it is, and record nothing
            return target.render(self.store.fetch(target.entry_id))
        return self._change(
            target, editor, "patch", note, if_match, lambda current: merge_override(current or {}, fields)[0]
        )

    def revert(self, target: Target, editor: Editor, note: str | None, if_match: str | None) -> Rendered:
        """Drop the override: readers see the generated text again."""

        def nothing_left(current: dict[str, Any] | None) -> None:
            if current is None:
                raise NothingToRevert("This entry has no override; it already shows the generated text.")

        return self._change(target, editor, "revert", note, if_match, nothing_left)

    def restore(
        self, target: Target, revision: int, editor: Editor, note: str | None, if_match: str | None
    ) -> Rendered:
        """Bring back the override as it was right after revision `revision`."""
        snapshot = self.revision(target, revision)["override"]
        return self._change(
            target, editor, "restore", note, if_match, lambda _current: snapshot, restored_from=revision
        )

    def revision(self, target: Target, revision: int) -> dict[str, Any]:
        """The history record of change `revision`; UnknownRevision if there is none."""
        found = self.store.history_record(target.entry_id, revision)
        if found is None:
            raise UnknownRevision(
                f"This entry has no revision {revision} (or it is past the history's retention); "
                "GET its history for the ids."
            )
        record: dict[str, Any] = json.loads(found)
        return record

    def history(self, target: Target, limit: int) -> list[dict[str, Any]]:
        """The newest `limit` changes, newest first."""
        records = [json.loads(raw) for raw in self.store.history(target.entry_id, limit)]
        return [{key: value for key, value in record.items() if key != "override"} for record in records]

    def _change(
        self,
        target: Target,
        editor: Editor,
        action: str,
        note: str | None,
        if_match: str | None,
        new_override: Callable[[dict[str, Any] | None], dict[str, Any] | None],
        restored_from: int | None = None,
    ) -> Rendered:
        now = self.publisher.clock()

        def decide(stored: StoredEntry, revisions: int) -> Edit:
            return self.decide(
                target,
                stored,
                revisions,
                editor=editor,
                action=action,
                note=note,
                now=now,
                new_override=new_override,
                if_match=if_match,
                restored_from=restored_from,
            )

        trim = HistoryTrim.retention(self.publisher.config, now)
        if target.listed_in is None:
            stored = self.store.edit(target.entry_id, decide, trim)
        else:  # an editor-written listicle: refused if someone withdrew it meanwhile
            entries = (target.entry_id, target.listed_in)
            listed = _while_listed(target.entry_id, target.listed_in, decide)
            stored = self.store.change(entries, listed, trim)[target.entry_id]
        self.publisher.invalidate()
        return target.render(stored)

    def decide(
        self,
        target: Target,
        stored: StoredEntry,
        revisions: int,
        *,
        editor: Editor,
        action: str,
        note: str | None,
        now: datetime,
        new_override: Callable[[dict[str, Any] | None], dict[str, Any] | None],
        if_match: str | None = None,
        restored_from: int | None = None,
        **history_members: Any,
    ) -> Edit:
        """One change to `target` as stored now: its new override and history record, or a refusal."""
        if stored.record is None:
            raise UnknownTopic("This entry is no longer stored (pruned or deleted).")
        if if_match is not None:  # rendered only to compare: without If-Match nothing needs it
            current = target.render(stored)
            if not _if_match(if_match, current.etag):
                raise PreconditionFailed(
                    "Someone changed this entry since you read it: review the current version (its ETag "
                    "is in the ETag header) and send your change again with that ETag in If-Match.",
                    current,
                )
        before_fields = json.loads(stored.override)["fields"] if stored.override else None
        after_fields = new_override(before_fields)
        before, _ = effective_entry(stored)
        override = (
            None
            if after_fields is None
            else dumps({"fields": after_fields, "updated_at": isoformat_utc(now), "updated_by": editor.name})
        )
        record = stored.record
        if override is None and stored.override is not None:
            # Readers see the generated text again from now on: a new modification, so that
            # Last-Modified (and If-Modified-Since) never goes back in time.
            record = dumps({**json.loads(record), "updated_at": isoformat_utc(now)})
        after, _ = effective_entry(StoredEntry(record, override))
        target.check(after)
        history = {
            "id": revisions + 1,
            "at": isoformat_utc(now),
            "by": editor.name,
            "action": action,
            "note": note,
            "changes": _changes(before, after, tuple(target.schema.fields)),
            "restored_from": restored_from,
            "override": after_fields,
            **history_members,
        }
        return Edit(override, dumps(history), None if record is stored.record else record)


def _while_listed(
    entry_id: str, plan_id: str, decide: Callable[[StoredEntry, int], Edit]
) -> Callable[[Mapping[str, tuple[StoredEntry, int]]], Change]:
    """A change to an editor-written listicle that its date's list (`plan_id`) must still hold."""
    parts = listicle_id_parts(entry_id)
    assert parts is not None
    topic, day = parts

    def change(found: Mapping[str, tuple[StoredEntry, int]]) -> Change:
        plan, _ = found[plan_id]
        if plan.record is None or topic not in listed_topics(plan):
            raise Withdrawn(f"{topic.removeprefix(EDITORIAL_PREFIX)}-{day}", None)
        return Change({entry_id: decide(*found[entry_id])})

    return change


def listicle_target(entry_id: str) -> Target:
    """A listicle's editable fields: `items` sent by editors get their positions here."""
    return Target(entry_id, _LISTICLE_EDIT, render_listicle, _check_listicle, _number_items)


def listed_topics(plan: StoredEntry) -> list[str]:
    """The topics a stored date's list holds, editors' changes applied."""
    topics: list[str] = effective_entry(plan)[0]["topics"]
    return topics


def _if_match(header: str, etag: str) -> bool:
    """If-Match uses strong comparison: a weak validator never matches."""
    if header.strip() == "*":
        return True
    return any(
        candidate.strip() == etag for candidate in header.split(",")
    ) and not header.strip().startswith("W/")


def _changes(
    before: Mapping[str, Any], after: Mapping[str, Any], fields: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Field-by-field differences, nested objects by dotted path, lists compared whole."""
    changes: list[dict[str, Any]] = []

    def walk(path: str, old: Any, new: Any) -> None:
        if isinstance(old, dict) and isinstance(new, dict):
            for key in sorted(set(old) | set(new)):
                walk(f"{path}.{key}", old.get(key), new.get(key))
        elif old != new:
            changes.append({"field": path, "before": old, "after": new})

    for name in fields:
        walk(name, before.get(name), after.get(name))
    return changes


def rendered_plan(stored: StoredEntry) -> Rendered:
    """A date's list of listicles, for If-Match and history: its effective topics."""
    return rendered(dumps(effective_entry(stored)[0]), None)


def _check_listicle(entry: dict[str, Any]) -> None:
    try:
        check_title_count(entry["title"], len(entry["items"]))
    except ValidationError as error:
        message = str(error.messages[0]) if isinstance(error.messages, list) else str(error.messages)
        raise InvalidEdit(message, {"json": {"title": [message]}}) from None


def title_as_headline(house_style: str, headline_in: Callable[[str], str | None]) -> Prepare:
    """Editor input with a `title` in the house style (`house_style`, as composed for this entry now)
    kept as its `headline` (`headline_in` finds it): the prefix is composed at read time.

    A stored title would keep its 'Tomorrow' (कल) past midnight; a headline never goes stale.
    """

    def prepare(fields: dict[str, Any]) -> dict[str, Any]:
        title = fields.pop("title", None)
        if title is None:
            return fields
        headline = headline_in(title)
        if headline is None:
            message = (
                f"Titles are composed as '{house_style}', with the day word chosen when read; send the "
                "`headline` instead, or a title in that style."
            )
            raise InvalidEdit(message, {"json": {"title": [message]}})
        if fields.setdefault("headline", headline) != headline:
            message = "The title's headline and `headline` differ; send only one of them."
            raise InvalidEdit(message, {"json": {"title": [message]}})
        return fields

    return prepare


@dataclass(frozen=True)
class TimeStyle:
    """How an edition writes a lucky time window, and an example for editors."""

    pattern: re.Pattern[str]
    example: str


ENGLISH_TIME = TimeStyle(TIME_WINDOW, TIME_EXAMPLE)


def lucky_in_period(first: date, period: Period, time_style: TimeStyle, *, then: Prepare) -> Prepare:
    """Editor input whose lucky details fit the entry: a time for a day, in the edition's style
    (`time_style`), a day inside a week or month."""
    last = period_days(period, first)[1]

    def prepare(fields: dict[str, Any]) -> dict[str, Any]:
        lucky = fields.get("lucky")
        if isinstance(lucky, dict):
            if period is Period.DAILY and "day" in lucky:
                message = "A daily entry's lucky detail is its time (`lucky.time`), not a day."
                raise InvalidEdit(message, {"json": {"lucky": {"day": [message]}}})
            if period is not Period.DAILY and "time" in lucky:
                message = f"A {period.value} entry carries a lucky day (`lucky.day`), not a time of day."
                raise InvalidEdit(message, {"json": {"lucky": {"time": [message]}}})
            if isinstance(lucky.get("time"), str) and not time_style.pattern.fullmatch(lucky["time"]):
                message = f"Use a window like '{time_style.example}'."
                raise InvalidEdit(message, {"json": {"lucky": {"time": [message]}}})
            day = lucky.get("day")
            if isinstance(day, date):
                if not first <= day <= last:
                    message = f"The lucky day must fall inside the entry's period, {first} to {last}."
                    raise InvalidEdit(message, {"json": {"lucky": {"day": [message]}}})
                fields = {**fields, "lucky": {**lucky, "day": day.isoformat()}}
        return then(fields)

    return prepare


def numbered(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"position": n, **item} for n, item in enumerate(items, start=1)]


def _number_items(fields: dict[str, Any]) -> dict[str, Any]:
    return {**fields, "items": numbered(fields["items"])} if "items" in fields else fields

"""Editing one horoscope: the form with a preview, save with If-Match, the conflict view, revert,
history with word-level differences, and restore. Every change goes through service.editing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import redirect, request, url_for
from werkzeug.wrappers import Response

from schemas.editing import HoroscopeReplaceSchema
from schemas.signs import SIGN_NAMES
from service.components import components
from service.console import forms
from service.console.board import Edition, edited, shown_day
from service.console.diffs import word_diff
from service.console.pages import bp, outcome, page
from service.console.signin import current, signed_in
from service.content.calendar import period_start
from service.content.entries import horoscope_title
from service.content.zodiac import Sign
from service.editing import Editing, InvalidEdit, NothingToRevert, PreconditionFailed, Target
from service.publishing import Rendered

_REPLACE = HoroscopeReplaceSchema()
HISTORY_LIMIT = 100


@dataclass(frozen=True)
class Opened:
    """A horoscope as it is stored now: its target, what readers get, and who last changed it."""

    sign: Sign
    first: date
    edition: Edition
    target: Target
    rendered: Rendered
    document: dict[str, Any]
    edited_by: str | None
    edited_at: str | None

    @property
    def values(self) -> forms.Flat:
        return forms.flatten(self.document, forms.HOROSCOPE_PATHS)

    def links(self) -> dict[str, str]:
        """Where this entry's pages are."""
        where = {"day": self.first.isoformat(), "sign": self.sign.value, **self.edition.query()}
        return {
            "edit": url_for("console.edit_horoscope", **where),
            "revert": url_for("console.revert_horoscope", **where),
            "history": url_for("console.horoscope_history", **where),
            "board": url_for("console.board", day=self.first.isoformat(), **self.edition.query()),
        }


def editing() -> Editing:
    return Editing(components().publisher)


def open_horoscope(day: str, sign: str) -> Opened:
    """The horoscope a console URL names, published first if no reader asked for it yet."""
    shown, edition = shown_day(day), Edition.from_query()
    parsed = Sign.parse(sign)
    target = editing().horoscope(parsed, shown, edition.period, edition.system)
    stored = components().store.fetch(target.entry_id)
    rendered = target.render(stored)
    first = period_start(edition.period, shown)
    return Opened(parsed, first, edition, target, rendered, json.loads(rendered.body), *edited(stored))


def preview_of(opened: Opened, values: forms.Flat) -> dict[str, Any]:
    """The reading as the portal would print it with these (unsaved) values."""
    document = forms.nest(values)
    today = components().publisher.today()
    headline = values["headline"] or "…"
    document["title"] = horoscope_title(opened.sign, opened.first, opened.edition.period, headline, today)
    return document


def editor_page(
    opened: Opened,
    *,
    values: forms.Flat | None = None,
    base: forms.Flat | None = None,
    etag: str | None = None,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
    message: str | None = None,
    conflict: forms.Merge | None = None,
    note: str = "",
) -> Response:
    values = opened.values if values is None else values
    today = components().publisher.today()
    prefix = horoscope_title(opened.sign, opened.first, opened.edition.period, "", today).removesuffix(": ")
    return page(
        "horoscope.html",
        status,
        opened=opened,
        links=opened.links(),
        values=values,
        body_text="\n\n".join(values["body"] or []),
        base=forms.dump_base(opened.values if base is None else base),
        etag=etag or opened.rendered.etag,
        errors=errors or {},
        message=message,
        conflict=conflict,
        preview=preview_of(opened, values),
        title_prefix=prefix,
        signs=SIGN_NAMES,
        label=forms.label,
        note=note,
    )


@bp.route("/<day>/<sign>", methods=["GET"])
@signed_in()
def edit_horoscope(day: str, sign: str) -> Response:
    """The editor: every editable field, a preview, Save, Revert and History."""
    return editor_page(open_horoscope(day, sign), message=outcome())


@bp.route("/<day>/<sign>", methods=["POST"])
@signed_in()
def save_horoscope(day: str, sign: str) -> Response:
    """Preview or save the form. A save sends what the editor changed, with If-Match: a colleague's
    save in between gives the conflict view, with the editor's text kept in the form."""
    opened = open_horoscope(day, sign)
    form = request.form
    mine = forms.horoscope_values(form)
    note = forms.note(form)
    base = forms.load_base(form.get("base"), forms.HOROSCOPE_PATHS)
    etag = form.get("etag") or opened.rendered.etag
    errors = forms.check(_REPLACE, {**forms.nest(mine), **note})
    keep: dict[str, Any] = {"values": mine, "base": base, "etag": etag, "note": note.get("note", "")}
    if errors:
        return editor_page(
            opened, **keep, errors=errors, status=422, message="Not saved: correct the fields marked below."
        )
    if form.get("action") == "preview":
        return editor_page(opened, **keep, message="Preview updated below; nothing is saved yet.")
    changes = forms.changed(base if base is not None else opened.values, mine)
    try:
        editing().patch(opened.target, {**forms.nest(changes), **note}, current().editor, etag)
    except PreconditionFailed as conflict:
        return conflict_page(day, sign, mine, base, note.get("note", ""), conflict)
    except InvalidEdit as refused:
        return editor_page(
            opened,
            **keep,
            errors=forms.api_errors(refused.errors),
            status=422,
            message=f"Not saved: {refused.detail}",
        )
    done = "saved" if changes else "unchanged"
    return redirect(
        url_for("console.edit_horoscope", day=day, sign=sign, done=done, **opened.edition.query()), 303
    )


def conflict_page(
    day: str, sign: str, mine: forms.Flat, base: forms.Flat | None, note: str, conflict: PreconditionFailed
) -> Response:
    """A colleague saved first: their version beside the editor's, the form holding the merge."""
    opened = open_horoscope(day, sign)  # their version, as stored now
    theirs = forms.flatten(json.loads(conflict.current.body), forms.HOROSCOPE_PATHS)
    merge = forms.merge(base, mine, theirs)
    who = f"{opened.edited_by}" if opened.edited_by else "Someone"
    message = (
        f"Not saved: {who} changed this reading while you were editing. Your changes are kept in the "
        "form; their version is beside yours. Review the marked fields and save again."
    )
    return editor_page(
        opened,
        values=merge.merged,
        base=theirs,
        etag=conflict.current.etag,
        status=409,
        message=message,
        conflict=merge,
        note=note,
    )


@bp.route("/<day>/<sign>/revert", methods=["POST"])
@signed_in()
def revert_horoscope(day: str, sign: str) -> Response:
    """Drop the override: readers see the generated text again."""
    opened = open_horoscope(day, sign)
    note = request.form.get("note", "").strip() or None
    try:
        editing().revert(opened.target, current().editor, note, request.form.get("etag"))
    except NothingToRevert:
        return editor_page(opened, message="This reading already shows the generated text.")
    except PreconditionFailed:
        return editor_page(
            opened,
            status=409,
            message="Not reverted: someone changed this reading since you opened it. Review it below "
            "and revert again if it should still go.",
        )
    return redirect(opened.links()["edit"] + _done(opened, "reverted"), 303)


@bp.route("/<day>/<sign>/history", methods=["GET"])
@signed_in()
def horoscope_history(day: str, sign: str) -> Response:
    """Every change: who, when, why, and what changed, word by word."""
    opened = open_horoscope(day, sign)
    return history_page(
        opened.links(),
        opened.document["title"],
        editing().history(opened.target, HISTORY_LIMIT),
        opened.rendered.etag,
        restore_endpoint="console.restore_horoscope",
        restore_args={"day": opened.first.isoformat(), "sign": opened.sign.value, **opened.edition.query()},
        message=outcome(),
    )


@bp.route("/<day>/<sign>/history/<int:revision>/restore", methods=["POST"])
@signed_in()
def restore_horoscope(day: str, sign: str, revision: int) -> Response:
    """Bring the reading back as it was right after that change."""
    opened = open_horoscope(day, sign)
    try:
        editing().restore(opened.target, revision, current().editor, None, request.form.get("etag"))
    except PreconditionFailed:
        return history_page(
            opened.links(),
            opened.document["title"],
            editing().history(opened.target, HISTORY_LIMIT),
            opened.rendered.etag,
            restore_endpoint="console.restore_horoscope",
            restore_args={
                "day": opened.first.isoformat(),
                "sign": opened.sign.value,
                **opened.edition.query(),
            },
            message="Not restored: someone changed this reading since you opened its history. The newest "
            "change is at the top; restore again if you still want that version.",
            status=409,
        )
    return redirect(opened.links()["edit"] + _done(opened, "restored"), 303)


def history_page(
    links: dict[str, str],
    heading: str,
    records: list[dict[str, Any]],
    etag: str,
    *,
    restore_endpoint: str,
    restore_args: dict[str, Any],
    message: str | None = None,
    status: int = 200,
    current_restorable: bool = False,
) -> Response:
    """A history, newest first, each change's fields with their word-level differences; every version
    but the current one can be restored (every one, with `current_restorable`: a withdrawn listicle's)."""
    for record in records:
        record["diffs"] = [
            (forms.label(change["field"]), word_diff(change["before"], change["after"]))
            for change in record["changes"]
        ]
        record["restore_url"] = url_for(restore_endpoint, revision=record["id"], **restore_args)
    return page(
        "history.html",
        status,
        links=links,
        heading=heading,
        records=records,
        etag=etag,
        message=message,
        current_restorable=current_restorable,
    )


def _done(opened: Opened, what: str) -> str:
    query = "&".join(f"{name}={value}" for name, value in opened.edition.query().items())
    return f"?done={what}" + (f"&{query}" if query else "")

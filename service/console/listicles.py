"""Listicles in the console: a day's list in running order (reorder, withdraw), editing a piece,
writing a new one, and a piece's history. Every change goes through service.editing and
service.editorial, as the API's do."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from flask import redirect, request, url_for
from marshmallow import Schema, ValidationError
from werkzeug.wrappers import Response

from schemas.editing import ListicleReplaceSchema, NewListicleSchema, check_title_count
from service.components import components
from service.console import forms
from service.console.board import edited, shown_day
from service.console.horoscopes import HISTORY_LIMIT, history_page
from service.console.pages import bp, outcome, page
from service.console.signin import current, signed_in
from service.editing import Editing, InvalidEdit, PreconditionFailed, Target, rendered_plan
from service.editorial import EditorialListicles, ListChanged, SlugTaken
from service.publishing import EDITORIAL, Rendered, Withdrawn, render_listicle, slug_date
from service.store import listicle_plan_id

_REPLACE = ListicleReplaceSchema()
_NEW = NewListicleSchema()
NEW_ITEM_SLOTS = 3  # empty items a new listicle's form starts with


def editing() -> Editing:
    return Editing(components().publisher)


def editorial() -> EditorialListicles:
    return EditorialListicles(editing())


@dataclass(frozen=True)
class Piece:
    """One listicle as readers get it, and who last changed it."""

    topic: str
    document: dict[str, Any]
    edited_by: str | None
    edited_at: str | None

    @property
    def editorial(self) -> bool:
        return bool(self.document.get("source") == EDITORIAL)


def problems(schema: Schema, document: dict[str, Any]) -> dict[str, list[str]]:
    """The API's messages for a listicle, its title's promise of a count among them even when other
    fields are wrong too (the schema checks that only once every field is right)."""
    errors = forms.check(schema, document)
    if "title" not in errors and isinstance(document.get("title"), str):
        try:
            check_title_count(document["title"], len(document.get("items") or []))
        except ValidationError as refused:
            errors["title"] = [str(message) for message in refused.messages]
    return errors


def listicle_values(document: dict[str, Any]) -> forms.Flat:
    """A listicle's editable fields, items without their positions (the order is the list's)."""
    flat = forms.flatten(document, forms.LISTICLE_PATHS)
    flat["items"] = [
        {"heading": item["heading"], "body": item["body"], "facts": list(item.get("facts") or [])}
        for item in flat["items"] or []
    ]
    flat["tags"] = list(flat["tags"] or [])
    return flat


@bp.route("/<day>/listicles", methods=["GET"])
@signed_in()
def day_listicles(day: str) -> Response:
    """The day's listicles in the order the portal runs them, and the ones withdrawn from it."""
    return listicles_page(day, message=outcome())


def listicles_page(day: str, *, message: str | None = None, status: int = 200) -> Response:
    shown = shown_day(day)
    publisher = components().publisher
    topics = publisher.listicle_plan(shown)
    pieces = []
    for topic in topics:
        stored = publisher.publish_listicle(topic, shown)
        pieces.append(Piece(topic, json.loads(render_listicle(stored).body), *edited(stored)))
    plan = components().store.fetch(listicle_plan_id(shown.isoformat()))
    withdrawn = [
        topic.removeprefix("custom-") + f"-{shown.isoformat()}" for topic in editorial().withdrawn(shown)
    ]
    return page(
        "listicles.html",
        status,
        day=shown,
        pieces=pieces,
        withdrawn=withdrawn,
        etag=rendered_plan(plan).etag,
        message=message,
    )


@bp.route("/<day>/listicles/order", methods=["POST"])
@signed_in()
def reorder_listicles(day: str) -> Response:
    """Move one listicle up or down the day's running order (If-Match on the list as shown)."""
    shown = shown_day(day)
    order = request.form.getlist("order")
    topic, _, direction = request.form.get("move", "").rpartition(":")
    if topic not in order or direction not in ("up", "down"):
        return listicles_page(day, message="Choose a listicle to move up or down.", status=422)
    at = order.index(topic)
    to = at - 1 if direction == "up" else at + 1
    if 0 <= to < len(order):
        order[at], order[to] = order[to], order[at]
    try:
        editorial().reorder(shown, order, current().editor, None, request.form.get("etag"))
    except (PreconditionFailed, ListChanged):
        return listicles_page(
            day,
            message="Not moved: someone changed this day's list since you opened it. It is shown as it is "
            "now; move again if you still want to.",
            status=409,
        )
    return redirect(url_for("console.day_listicles", day=shown.isoformat(), done="ordered"), 303)


def opened_listicle(slug: str) -> tuple[Target, Rendered, dict[str, Any], tuple[str | None, str | None]]:
    """A listed listicle to edit: its target, what readers get, and who last changed it."""
    target = editing().listicle(slug)
    stored = components().store.fetch(target.entry_id)
    rendered = target.render(stored)
    return target, rendered, json.loads(rendered.body), edited(stored)


def listicle_links(slug: str) -> dict[str, str]:
    day = slug_date(slug).isoformat()
    return {
        "edit": url_for("console.edit_listicle", slug=slug),
        "history": url_for("console.listicle_history", slug=slug),
        "withdraw": url_for("console.withdraw_listicle", slug=slug),
        "day": url_for("console.day_listicles", day=day),
        "board": url_for("console.board", day=day),
    }


def listicle_page(
    slug: str,
    document: dict[str, Any],
    values: forms.Flat,
    *,
    etag: str,
    base: forms.Flat,
    who: tuple[str | None, str | None] = (None, None),
    errors: dict[str, list[str]] | None = None,
    message: str | None = None,
    status: int = 200,
    conflict: forms.Merge | None = None,
    note: str = "",
    blank_slots: int = forms.EXTRA_ITEM_SLOTS,
) -> Response:
    return page(
        "listicle.html",
        status,
        slug=slug,
        document=document,
        links=listicle_links(slug),
        values=values,
        etag=etag,
        base=forms.dump_base(base),
        edited_by=who[0],
        edited_at=who[1],
        errors=errors or {},
        message=message,
        conflict=conflict,
        note=note,
        blank_slots=blank_slots,
        label=forms.label,
        creating=False,
    )


@bp.route("/listicles/<slug>", methods=["GET"])
@signed_in()
def edit_listicle(slug: str) -> Response:
    """A listicle's editor: title, teaser, items in order (add, remove, move), tags, disclaimer."""
    try:
        _target, rendered, document, who = opened_listicle(slug)
    except Withdrawn:
        return redirect(url_for("console.listicle_history", slug=slug), 303)
    values = listicle_values(document)
    return listicle_page(slug, document, values, etag=rendered.etag, base=values, who=who, message=outcome())


@bp.route("/listicles/<slug>", methods=["POST"])
@signed_in()
def save_listicle(slug: str) -> Response:
    """Save what the editor changed, with If-Match; a colleague's save in between gives the conflict view."""
    target, rendered, document, who = opened_listicle(slug)
    form = request.form
    mine, note = forms.listicle_values(form), forms.note(form)
    base = forms.load_base(form.get("base"), forms.LISTICLE_PATHS) or listicle_values(document)
    etag = form.get("etag") or rendered.etag
    keep: dict[str, Any] = {"etag": etag, "base": base, "who": who, "note": note.get("note", "")}
    if form.get("action") == "add-item":
        return listicle_page(
            slug, document, mine, **keep, blank_slots=2, message="An empty item was added below."
        )
    errors = problems(_REPLACE, {**forms.nest(mine), **note})
    if errors:
        return listicle_page(
            slug,
            document,
            mine,
            **keep,
            errors=errors,
            status=422,
            message="Not saved: correct the fields marked below.",
        )
    changes = forms.changed(base, mine)
    try:
        editing().patch(target, {**forms.nest(changes), **note}, current().editor, etag)
    except InvalidEdit as refused:
        return listicle_page(
            slug,
            document,
            mine,
            **keep,
            errors=forms.api_errors(refused.errors),
            status=422,
            message=f"Not saved: {refused.detail}",
        )
    except PreconditionFailed as conflict:
        _target, _rendered, document, who = opened_listicle(slug)
        theirs = listicle_values(json.loads(conflict.current.body))
        merge = forms.merge(base, mine, theirs)
        return listicle_page(
            slug,
            document,
            merge.merged,
            etag=conflict.current.etag,
            base=theirs,
            who=who,
            status=409,
            conflict=merge,
            note=note.get("note", ""),
            message=f"Not saved: {who[0] or 'someone'} changed this listicle while you were editing. Your "
            "changes are kept in the form; their version is beside yours. Review and save again.",
        )
    return redirect(
        url_for("console.edit_listicle", slug=slug, done="saved" if changes else "unchanged"), 303
    )


@bp.route("/<day>/listicles/new", methods=["GET", "POST"])
@signed_in()
def new_listicle(day: str) -> Response:
    """Write a listicle for the day, at a position in its running order."""
    shown = shown_day(day)
    form = request.form
    values = (
        forms.listicle_values(form)
        if request.method == "POST"
        else {"title": "", "teaser": "", "items": [], "tags": [], "disclaimer": None}
    )
    position = form.get("position", "1").strip() or "1"
    context: dict[str, Any] = {
        "day": shown,
        "values": values,
        "position": position,
        "note": form.get("note", ""),
        "label": forms.label,
        "creating": True,
        "links": {"day": url_for("console.day_listicles", day=shown.isoformat())},
    }
    blanks = NEW_ITEM_SLOTS if not values["items"] else forms.EXTRA_ITEM_SLOTS
    if request.method == "GET":
        return page("listicle.html", blank_slots=blanks, errors={}, **context)
    if form.get("action") == "add-item":
        return page(
            "listicle.html",
            blank_slots=blanks + 1,
            errors={},
            message="An empty item was added below.",
            **context,
        )
    document = {
        **forms.nest(values),
        "date": shown.isoformat(),
        "position": int(position) if position.isdigit() else position,
        **forms.note(form),
    }
    errors = problems(_NEW, document)
    if not errors:
        try:
            created = editorial().create(_NEW.load(document), current().editor)
        except SlugTaken as taken:
            errors = {"title": [taken.detail]}
        else:
            slug = json.loads(created.body)["slug"]
            return redirect(url_for("console.edit_listicle", slug=slug, done="created"), 303)
    return page(
        "listicle.html",
        422,
        blank_slots=blanks,
        errors=errors,
        message="Not published: correct the fields marked below.",
        **context,
    )


@bp.route("/listicles/<slug>/withdraw", methods=["POST"])
@signed_in()
def withdraw_listicle(slug: str) -> Response:
    """Take an editor-written listicle out of its day's list and the feed (its history can restore it)."""
    note = request.form.get("note", "").strip() or None
    editorial().withdraw(slug, current().editor, note)
    return redirect(url_for("console.day_listicles", day=slug_date(slug).isoformat(), done="withdrawn"), 303)


@bp.route("/listicles/<slug>/history", methods=["GET"])
@signed_in()
def listicle_history(slug: str) -> Response:
    """A listicle's changes (a withdrawn one's too), each restorable."""
    return _history(slug, outcome())


def _history(slug: str, message: str | None, status: int = 200) -> Response:
    target = editing().listicle(slug, withdrawn=True)
    stored = components().store.fetch(target.entry_id)
    rendered = target.render(stored)
    title = json.loads(rendered.body)["title"]
    listed = _listed(slug)
    heading = title if listed else f"{title} (withdrawn: restore a version to list it again)"
    return history_page(
        listicle_links(slug),
        heading,
        editing().history(target, HISTORY_LIMIT),
        rendered.etag,
        restore_endpoint="console.restore_listicle",
        restore_args={"slug": slug},
        message=message,
        status=status,
        current_restorable=not listed,
    )


def _listed(slug: str) -> bool:
    try:
        components().publisher.resolve_slug(slug)
    except Withdrawn:
        return False
    return True


@bp.route("/listicles/<slug>/history/<int:revision>/restore", methods=["POST"])
@signed_in()
def restore_listicle(slug: str, revision: int) -> Response:
    """Bring the listicle back as it was right after that change (a withdrawn one rejoins its list)."""
    try:
        editorial().restore(slug, revision, current().editor, None, request.form.get("etag"))
    except PreconditionFailed:
        return _history(
            slug,
            "Not restored: someone changed this listicle since you opened its history. The newest change is "
            "at the top; restore again if you still want that version.",
            409,
        )
    return redirect(url_for("console.edit_listicle", slug=slug, done="restored"), 303)

"""Editor-written listicles: create, withdraw and restore, each one transaction with their date's list.

An editor-written listicle's keys share its date's list's hash slot (service.store.Keys), so each of
these writes the listicle (record, history) and the list (its override and history), lists or unlists
it in the feed index and invalidates every process's cache at once, or writes nothing: a crash midway
leaves no half-written listicle (on a Redis Cluster, at most a feed-index member the feed skips).

Withdrawing keeps the record and the history: readers get 410 Gone, editors can still read its
history, and restoring any revision brings it back into its date's list at the position it had. Its
slug stays its own: posting the same title again answers 409 saying how to restore it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from marshmallow import Schema, fields

from service.content.errors import ContentError
from service.content.slugs import slug_stem
from service.editing import Editing, Target, listed_topics, listicle_target, numbered, rendered_plan
from service.publishing import (
    EDITORIAL,
    Rendered,
    Withdrawn,
    feed_score,
    new_record,
    render_listicle,
    slug_topics,
)
from service.store import (
    EDITORIAL_PREFIX,
    Change,
    Edit,
    Listing,
    StoredEntry,
    is_editorial,
    listicle_id,
    listicle_id_parts,
    listicle_plan_id,
)
from service.tokens import Editor

_PLAN_EDIT = Schema.from_dict({"topics": fields.List(fields.String())})()
WITHDRAWN_LOOKBACK = 200  # the list's history records searched for withdrawals


class SlugTaken(ContentError):
    """Another listicle of that date has the slug, or had it and was withdrawn."""

    status = 409
    title = "Conflict"


class ListChanged(ContentError):
    """A reorder naming other listicles than the date's list holds."""

    status = 409
    title = "Conflict"


class GeneratedListicle(ContentError):
    """A generated listicle, which editors override but never withdraw."""

    status = 409
    title = "Conflict"


class EditorialListicles:
    """Create, withdraw and restore editor-written listicles, over the editors' operations."""

    def __init__(self, editing: Editing) -> None:
        self.editing = editing
        self.publisher = editing.publisher
        self.store = editing.store

    def create(self, data: dict[str, Any], editor: Editor) -> Rendered:
        """Publish an editor-written listicle and place it at `position` in its date's list."""
        day: date = data["date"]
        self.publisher.check_window(day, self.publisher.today())
        stem = slug_stem(data["title"])
        slug, topic = f"{stem}-{day.isoformat()}", EDITORIAL_PREFIX + stem
        entry = {
            "slug": slug,
            "date": day.isoformat(),
            "topic": topic,
            "category": EDITORIAL,
            "title": data["title"],
            "teaser": data["teaser"],
            "items": numbered(data["items"]),
            "tags": data["tags"],
            "disclaimer": data["disclaimer"],
            "version": EDITORIAL,
        }
        readings = slug_topics(slug)  # the catalog topic the slug also reads as, if any, then `topic`
        entry_id, plan_id = listicle_id(topic, day.isoformat()), listicle_plan_id(day.isoformat())
        self.publisher.listicle_plan(day)  # the generated list is stored first, if no one has yet
        now, position, note = self.publisher.clock(), data["position"], data.get("note")
        record = new_record(entry, now)

        def decide(found: Mapping[str, tuple[StoredEntry, int]]) -> Change:
            (stored, revisions), (plan, plan_revisions) = found[entry_id], found[plan_id]
            topics = listed_topics(plan)
            if any(reading in topics for reading in readings):
                raise SlugTaken(
                    f"A listicle '{slug}' already runs on {day.isoformat()}; choose another title."
                )
            if stored.record is not None:
                raise SlugTaken(
                    f"The listicle '{slug}' was withdrawn from {day.isoformat()}'s list, and its slug stays "
                    f"its own. Bring it back with POST /v1/listicles/{slug}/history/{revisions}/restore "
                    f"(every revision: GET /v1/listicles/{slug}/history), or choose another title."
                )
            created = self.editing.decide(
                listicle_target(entry_id),
                StoredEntry(record, None),
                revisions,
                editor=editor,
                action="create",
                note=note,
                now=now,
                new_override=lambda _current: None,
            )
            placed = _placed(topics, topic, position)
            return Change(
                {
                    entry_id: replace(created, record=record),
                    plan_id: self._plan_edit(
                        plan_id, plan, plan_revisions, placed, editor, "create", note, now
                    ),
                },
                Listing("listicle", entry_id, _score(day, position)),
            )

        written = self.store.change((entry_id, plan_id), decide)
        self.publisher.invalidate()
        return render_listicle(written[entry_id])

    def withdraw(self, slug: str, editor: Editor, note: str | None) -> None:
        """Take an editor-written listicle out of its date's list and the feed; record and history stay."""
        topic, day = self.publisher.resolve_slug(slug, withdrawn=True)
        if not is_editorial(topic):
            raise GeneratedListicle(
                f"'{slug}' is a generated listicle: it cannot be withdrawn; override its text instead."
            )
        entry_id, plan_id = listicle_id(topic, day.isoformat()), listicle_plan_id(day.isoformat())
        now = self.publisher.clock()

        def decide(found: Mapping[str, tuple[StoredEntry, int]]) -> Change:
            (stored, revisions), (plan, plan_revisions) = found[entry_id], found[plan_id]
            topics = listed_topics(plan)
            if topic not in topics:
                raise Withdrawn(slug, self.publisher.withdrawn_at(entry_id))
            withdrawn = self.editing.decide(
                listicle_target(entry_id),
                stored,
                revisions,
                editor=editor,
                action="withdraw",
                note=note,
                now=now,
                new_override=lambda current: current,
                position=topics.index(topic) + 1,  # where a restore puts it back
            )
            remaining = [listed for listed in topics if listed != topic]
            return Change(
                {
                    entry_id: replace(withdrawn, override=stored.override),  # its text stays as it was
                    plan_id: self._plan_edit(
                        plan_id, plan, plan_revisions, remaining, editor, "withdraw", note, now
                    ),
                },
                Listing("listicle", entry_id, None),
            )

        self.store.change((entry_id, plan_id), decide)
        self.publisher.invalidate()

    def restore(
        self, slug: str, revision: int, editor: Editor, note: str | None, if_match: str | None
    ) -> Rendered:
        """Bring a listicle back as it was right after `revision`; a withdrawn one rejoins its date's list."""
        target = self.editing.listicle(slug, withdrawn=True)
        plan_id = target.listed_in
        if plan_id is None:  # a generated listicle: its override alone
            return self.editing.restore(target, revision, editor, note, if_match)
        entry_id = target.entry_id
        parts = listicle_id_parts(entry_id)
        assert parts is not None
        topic, day = parts[0], date.fromisoformat(parts[1])
        snapshot = self.editing.revision(target, revision)["override"]
        withdrawal = self.publisher.last_withdrawal(entry_id)
        position = int(withdrawal.get("position", 1)) if withdrawal else 1
        now = self.publisher.clock()

        def decide(found: Mapping[str, tuple[StoredEntry, int]]) -> Change:
            (stored, revisions), (plan, plan_revisions) = found[entry_id], found[plan_id]
            restored = self.editing.decide(
                target,
                stored,
                revisions,
                editor=editor,
                action="restore",
                note=note,
                now=now,
                new_override=lambda _current: snapshot,
                if_match=if_match,
                restored_from=revision,
            )
            topics = listed_topics(plan)
            if topic in topics:  # listed: only its text changes
                return Change({entry_id: restored})
            placed = _placed(topics, topic, position)
            return Change(
                {
                    entry_id: restored,
                    plan_id: self._plan_edit(
                        plan_id, plan, plan_revisions, placed, editor, "restore", note, now
                    ),
                },
                Listing("listicle", entry_id, _score(day, position)),
            )

        written = self.store.change((entry_id, plan_id), decide)
        self.publisher.invalidate()
        return render_listicle(written[entry_id])

    def reorder(
        self, day: date, topics: list[str], editor: Editor, note: str | None, if_match: str | None
    ) -> list[str]:
        """Run the date's listicles in the order of `topics` (the ones it lists, reordered); with
        If-Match on the list as rendered by `rendered_plan`. The feed follows the new order."""
        self.publisher.check_window(day, self.publisher.today())
        self.publisher.listicle_plan(day)  # the generated list is stored first, if no one has yet
        plan_id, now = listicle_plan_id(day.isoformat()), self.publisher.clock()

        def decide(found: Mapping[str, tuple[StoredEntry, int]]) -> Change:
            plan, revisions = found[plan_id]
            if sorted(listed_topics(plan)) != sorted(topics):
                raise ListChanged(
                    f"{day.isoformat()}'s list no longer holds exactly these listicles; reload it and "
                    "order it again."
                )
            edit = self.editing.decide(
                Target(plan_id, _PLAN_EDIT, rendered_plan),
                plan,
                revisions,
                editor=editor,
                action="reorder",
                note=note,
                now=now,
                new_override=lambda _current: {"topics": topics},
                if_match=if_match,
            )
            return Change({plan_id: edit})

        self.store.change((plan_id,), decide)
        for rank, topic in enumerate(topics):  # the feed lists a date's listicles by these scores
            self.store.index("listicle", listicle_id(topic, day.isoformat()), feed_score(day, 99 - rank))
        self.publisher.invalidate()
        return topics

    def withdrawn(self, day: date) -> list[str]:
        """The editor-written topics withdrawn from the date's list that are still out of it, newest first
        (from the list's history, within its retention)."""
        plan_id = listicle_plan_id(day.isoformat())
        plan = self.store.fetch(plan_id)
        listed = set(listed_topics(plan)) if plan.record is not None else set()
        found: list[str] = []
        for record in self.editing.history(Target(plan_id, _PLAN_EDIT, rendered_plan), WITHDRAWN_LOOKBACK):
            if record["action"] != "withdraw":
                continue
            for change in record["changes"]:
                gone = set(change["before"] or []) - set(change["after"] or [])
                found += [topic for topic in sorted(gone) if topic not in listed and topic not in found]
        return found

    def _plan_edit(
        self,
        plan_id: str,
        plan: StoredEntry,
        revisions: int,
        topics: list[str],
        editor: Editor,
        action: str,
        note: str | None,
        now: datetime,
    ) -> Edit:
        """The date's list's change to `topics`, with its own history record."""
        return self.editing.decide(
            Target(plan_id, _PLAN_EDIT, rendered_plan),
            plan,
            revisions,
            editor=editor,
            action=action,
            note=note,
            now=now,
            new_override=lambda _current: {"topics": topics},
        )


def _placed(topics: list[str], topic: str, position: int) -> list[str]:
    """`topics` with `topic` at `position` (from 1), or last when the list is shorter."""
    rest = [listed for listed in topics if listed != topic]
    rest.insert(position - 1, topic)
    return rest


def _score(day: date, position: int) -> int:
    """The feed-index score of the listicle at `position` in its date's list."""
    return feed_score(day, 99 - position)

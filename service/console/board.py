"""The day board: the twelve signs' cards as the portal shows them, and the days around at a glance."""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import redirect, request, url_for
from werkzeug.wrappers import Response

from jobs.runs import RunLedger, RunRecord
from service.components import components
from service.console.pages import bp, outcome, page
from service.console.signin import signed_in
from service.content.calendar import Period, period_start
from service.content.errors import ContentError
from service.content.zodiac import Sign, System
from service.days import parse_day
from service.publishing import render_horoscope
from service.store import StoredEntry, horoscope_id

LANGUAGES = {"en": "English"}  # the editions that exist; Hindi joins when its phrase banks do


class UnknownEdition(ContentError):
    status = 404
    title = "No such edition"


@dataclass(frozen=True)
class Edition:
    """Which readings a page shows: period, zodiac system and language."""

    period: Period
    system: System
    lang: str = "en"

    @classmethod
    def from_query(cls) -> Edition:
        """The edition a page's query asks for (daily, tropical, English by default)."""
        args = request.args
        try:
            period, system = Period(args.get("period", "daily")), System(args.get("system", "tropical"))
        except ValueError:
            raise UnknownEdition(
                "Choose period daily, weekly or monthly, and system tropical or sidereal."
            ) from None
        lang = args.get("lang", "en")
        if lang not in LANGUAGES:
            raise UnknownEdition(f"Only {', '.join(LANGUAGES.values())} readings exist yet.")
        return cls(period, system, lang)

    def query(self, **changes: str) -> dict[str, Any]:
        """URL arguments for this edition (with `changes`), leaving out the defaults."""
        values = {"period": self.period.value, "system": self.system.value, "lang": self.lang} | changes
        defaults = {"period": "daily", "system": "tropical", "lang": "en"}
        return {name: value for name, value in values.items() if defaults[name] != value}


@dataclass(frozen=True)
class Card:
    """One sign's reading as the portal shows it, and who last changed it."""

    sign: Sign
    document: dict[str, Any]
    edited_by: str | None
    edited_at: str | None


@dataclass(frozen=True)
class DayState:
    """A day at a glance: how many readings are published and how many an editor changed."""

    day: date
    label: str
    published: int
    edited: int
    total: int


def shown_day(text: str) -> date:
    """A day in a console URL, inside the readers' window (DateOutOfRange otherwise)."""
    publisher = components().publisher
    today = publisher.today()
    day = parse_day(text, today)
    publisher.check_window(day, today)
    return day


def edited(stored: StoredEntry) -> tuple[str | None, str | None]:
    """Who last changed an entry's override and when (None, None for a generated one)."""
    if stored.override is None:
        return None, None
    override = json.loads(stored.override)
    return override.get("updated_by"), override.get("updated_at")


def cards(first: date, edition: Edition) -> list[Card]:
    """The twelve signs' readings for the period starting `first`, published first where missing,
    read from Redis (not the process cache) so the desk sees every colleague's change at once."""
    publisher = components().publisher
    today = publisher.today()
    ids = [horoscope_id(edition.system, edition.period, sign, first.isoformat()) for sign in Sign]
    stored = publisher.store.fetch_many(ids)
    found = []
    for sign, entry in zip(Sign, stored, strict=True):
        if entry.record is None:
            entry = publisher.publish_horoscope(sign, first, edition.period, edition.system)
        document = json.loads(render_horoscope(entry, today).body)
        found.append(Card(sign, document, *edited(entry)))
    return found


def glance(today: date) -> list[DayState]:
    """Today, tomorrow and the look-ahead days: their daily readings (both systems) published and edited."""
    parts = components()
    days = [today + timedelta(days=n) for n in range(parts.config.lookahead_days + 1)]
    ids = [
        horoscope_id(system, Period.DAILY, sign, day.isoformat())
        for day in days
        for system in System
        for sign in Sign
    ]
    stored = parts.store.fetch_many(ids)
    per_day = len(System) * len(Sign)
    states = []
    for n, day in enumerate(days):
        entries = stored[n * per_day : (n + 1) * per_day]
        label = {0: "Today", 1: "Tomorrow"}.get(n, f"{day:%A}")
        states.append(
            DayState(
                day,
                label,
                sum(entry.record is not None for entry in entries),
                sum(entry.override is not None for entry in entries),
                per_day,
            )
        )
    return states


def last_runs() -> list[tuple[str, RunRecord | None]]:
    """The latest run of the jobs that publish: the nightly refresh and the hourly prefill."""
    parts = components()
    ledger = RunLedger(parts.store, keep_days=parts.config.retention_days)
    return [(job, ledger.last_run(job)) for job in ("refresh-tomorrow", "prefill")]


def neighbours(first: date, period: Period) -> tuple[date, date]:
    """The first days of the periods before and after the one starting `first`."""
    if period is Period.DAILY:
        return first - timedelta(days=1), first + timedelta(days=1)
    if period is Period.WEEKLY:
        return first - timedelta(days=7), first + timedelta(days=7)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = first + timedelta(days=calendar.monthrange(first.year, first.month)[1])
    return previous, following


def within_window(day: date) -> bool:
    parts = components()
    first, last = parts.config.read_window(parts.publisher.today())
    return first <= day <= last


@bp.route("", methods=["GET"])
@bp.route("/", methods=["GET"])
@signed_in()
def home() -> Response:
    """The console opens on tomorrow's board: what the desk reviews before it goes out."""
    tomorrow = components().publisher.today() + timedelta(days=1)
    return redirect(url_for("console.board", day=tomorrow.isoformat()), 303)


@bp.route("/<day>", methods=["GET"])
@signed_in()
def board(day: str) -> Response:
    """The twelve signs of a day (or week, or month), with switches, neighbours and the days at a glance."""
    shown = shown_day(day)
    edition = Edition.from_query()
    first = period_start(edition.period, shown)
    today = components().publisher.today()
    previous, following = neighbours(first, edition.period)
    return page(
        "board.html",
        day=shown,
        first=first,
        today=today,
        edition=edition,
        languages=LANGUAGES,
        cards=cards(first, edition),
        previous=previous if within_window(previous) else None,
        following=following if within_window(following) else None,
        glance=glance(today),
        runs=last_runs(),
        message=outcome(),
    )

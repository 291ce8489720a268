"""The caching contract: how long browsers and the edge may keep each kind of answer, and its tags.

Two audiences, two lifetimes (README, "Behind a CDN"): browsers, which nothing can purge, get a short
`Cache-Control`; the edge, which the scheduler purges after every write, gets a long TTL through a
targeted header (`Surrogate-Control`, `CDN-Cache-Control`) that browsers never see. Never `s-maxage`:
it implies proxy-revalidate, which turns off stale-if-error at Cloudflare.

Answers dated yesterday or later expire at the next local midnight, when their title word (Today,
Tomorrow, Yesterday) and the meaning of the aliases change; answers reached through an alias say which
dated URL they are (`Content-Location`) and have no stale-while-revalidate, which would show yesterday's
"today" after midnight.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from service.config import Config
from service.edge.tags import EdgeTags, joined

Headers = tuple[tuple[str, str], ...]

NO_STORE: Headers = (("Cache-Control", "no-store"),)  # errors of the service: never kept anywhere
PRIVATE: Headers = (("Cache-Control", "private, no-store"),)  # authenticated and editors' answers


def seconds_to_midnight(now: datetime, zone: ZoneInfo) -> int:
    """Whole seconds from `now` to the next local midnight in `zone` (at least 1).

    Computed between UTC instants: subtracting two datetimes that share a tzinfo ignores their UTC
    offsets, which on a 23- or 25-hour day is an hour off. A midnight that a clock change skips is the
    first instant of that day.
    """
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    midnight = datetime.combine(tomorrow, time(), tzinfo=zone).astimezone(UTC)
    return max(1, int((midnight - now.astimezone(UTC)).total_seconds()))


class EdgePolicy:
    """The caching headers of every public answer, from the settings and the clock."""

    def __init__(self, config: Config, clock: Callable[[], datetime]) -> None:
        self.config = config
        self.clock = clock
        self.zone = config.zone
        self.tags = EdgeTags(config.edge_tag_prefix)
        self.ttl_headers = config.ttl_headers
        self.tag_headers = config.tag_headers
        swr, sie = config.edge_stale_while_revalidate_seconds, config.edge_stale_if_error_seconds
        self._stale = f", stale-while-revalidate={swr}, stale-if-error={sie}"
        self._on_error = f", stale-if-error={sie}"
        self._tagged = functools.lru_cache(maxsize=8192)(self._tag_lines)

    def midnight(self) -> int:
        """Seconds to the next local midnight."""
        return seconds_to_midnight(self.clock(), self.zone)

    def dated(
        self,
        kind: str,
        last_day: date,
        today: date,
        entry_ids: Sequence[str],
        *,
        first_day: date | None = None,
        alias: str | None = None,
        location: str | None = None,
    ) -> Headers:
        """An answer about dated entries (the period ending `last_day`), read on the portal's `today`."""
        config = self.config
        tags = self._tagged(kind, tuple(entry_ids), first_day or last_day, alias)
        if last_day < today - timedelta(days=1):  # frozen, and its title word no longer changes
            return (
                self._lines(config.edge_browser_past_seconds, config.edge_ttl_past_seconds, self._stale)
                + tags
            )
        until_midnight = self.midnight()
        browser = min(config.edge_browser_seconds, until_midnight)
        edge = min(config.edge_ttl_seconds, until_midnight)
        if alias is None:
            return self._lines(browser, edge, self._stale) + tags
        assert location is not None
        return (*self._lines(browser, edge, self._on_error), ("Content-Location", location), *tags)

    def listing(self, kind: str) -> Headers:
        """A list of the newest entries (the feed): short everywhere, purged on every edit too."""
        config = self.config
        until_midnight = self.midnight()
        browser = min(config.edge_browser_seconds, until_midnight)
        edge = min(config.edge_error_ttl_seconds, until_midnight)
        return self._lines(browser, edge, self._stale) + self._tagged(kind, (), None, None)

    def static(self, kind: str) -> Headers:
        """An answer that changes only with a release (signs, topics, the OpenAPI document)."""
        config = self.config
        return self._lines(config.edge_browser_past_seconds, config.edge_ttl_seconds, self._stale) + (
            self._tagged(kind, (), None, None)
        )

    def missing(self, kind: str | None, entry_ids: Sequence[str] = ()) -> Headers:
        """A public 404 or 410: briefly, so that a publication or a restore shows soon (and is purged)."""
        config = self.config
        until_midnight = self.midnight()  # a date outside the read window may be inside it tomorrow
        browser = min(config.edge_browser_seconds, config.edge_error_ttl_seconds, until_midnight)
        edge = min(config.edge_error_ttl_seconds, until_midnight)
        return self._lines(browser, edge, "") + self._tagged(kind, tuple(entry_ids), None, None)

    def _lines(self, browser: int, edge: int, stale: str) -> Headers:
        lines = [("Cache-Control", f"public, max-age={browser}{stale}")]
        lines += [(header, f"max-age={edge}{stale}") for header in self.ttl_headers]
        return tuple(lines)

    def _tag_lines(
        self, kind: str | None, entry_ids: tuple[str, ...], day: date | None, alias: str | None
    ) -> Headers:
        if not self.tag_headers:
            return ()
        tags = self.tags.entries(entry_ids)
        if day is not None:
            tags.append(self.tags.date(day))
        if alias is not None:
            tags.append(self.tags.alias(alias))
        if kind is not None:
            tags.append(self.tags.kind(kind))
        tags.append(self.tags.all)
        return tuple((header, joined(header, tags)) for header in self.tag_headers)

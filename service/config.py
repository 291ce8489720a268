"""One typed configuration, read from HOROSCOPE_* environment variables, strict at start."""

from __future__ import annotations

import os
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

from service.client_address import parse_networks

PREFIX = "HOROSCOPE_"
REDIS_SCHEMES = ("redis", "rediss", "unix")
# The placeholders of the portal's page templates, with values to check a template's shape by.
HOROSCOPE_PLACEHOLDERS = {"sign": "leo", "date": "2026-02-05", "period": "daily", "system": "tropical"}
LISTICLE_PLACEHOLDERS = {
    "slug": "10-foods-that-promote-longevity-2026-02-05",
    "date": "2026-02-05",
    "topic": "foods-that-promote-longevity",
}


class ConfigError(Exception):
    """A setting that cannot be used; the message names the variable and what is wrong."""


def _timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{value}' is not an IANA time zone (e.g. Asia/Kolkata)") from None
    return value


def _redis_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in REDIS_SCHEMES or not (parts.netloc or parts.path):
        raise ValueError(f"'{value}' is not a Redis URL (redis://host:port/db, rediss://..., unix://path)")
    return value


def _web_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"'{value}' is not an absolute http(s) URL")
    return value


def _base_url(value: str) -> str:
    """A URL that paths are appended to."""
    parts = urlsplit(_web_url(value))
    if parts.query or parts.fragment:
        raise ValueError(f"'{value}' is a base URL: paths are appended to it, so give it without query")
    return value.rstrip("/")


def _url_template(placeholders: Mapping[str, str]) -> Callable[[str], str]:
    """A parser of a URL template whose only fields are `{name}`s from `placeholders`."""
    allowed = ", ".join(f"{{{name}}}" for name in placeholders)

    def parse(value: str) -> str:
        try:
            fields_ = [parsed[1:] for parsed in string.Formatter().parse(value)]  # (name, spec, conversion)
        except ValueError as error:
            raise ValueError(f"'{value}' is not a template ({error}); write a literal brace twice") from None
        for name, spec, conversion in fields_:
            if name is not None and (name not in placeholders or spec or conversion):
                raise ValueError(f"'{value}' may use only the placeholders {allowed}, each as written")
        try:
            _web_url(value.format_map(placeholders))
        except ValueError:
            raise ValueError(f"'{value}' does not make an absolute http(s) URL") from None
        return value

    return parse


def _cron(value: str) -> str:
    try:
        CronTrigger.from_crontab(value)
    except ValueError as error:
        raise ValueError(f"'{value}' is not a cron expression ({error})") from None
    return value


def _whole_number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a whole number") from None


def _positive_int(value: str) -> int:
    number = _whole_number(value)
    if number <= 0:
        raise ValueError(f"{number} is not a positive whole number")
    return number


def _non_negative_int(value: str) -> int:
    number = _whole_number(value)
    if number < 0:
        raise ValueError(f"{number} is negative")
    return number


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a number") from None
    if not number > 0 or number == float("inf"):
        raise ValueError(f"{value} is not a positive number")
    return number


def _directory(value: str) -> Path:
    return Path(value).expanduser()


def _boolean(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"'{value}' is not a boolean (true/false)")


def _networks(value: str) -> str:
    networks = parse_networks(value)
    if not networks:
        raise ValueError("names no address; leave it unset to trust no proxy")
    return ",".join(str(network) for network in networks)


def _place(value: str) -> str:
    # The bundled list is read only when the setting is given: the default is in it by construction.
    from service.content.places import UnknownPlace, place

    try:
        return place(value).slug
    except UnknownPlace:
        raise ValueError(
            f"'{value}' is not a bundled city (GET /v1/cities lists the slugs, e.g. new-delhi)"
        ) from None


def _setting(default: Any, parse: Callable[[str], Any], doc: str) -> Any:
    return field(default=default, metadata={"parse": parse, "doc": doc})


@dataclass(frozen=True)
class Config:
    """Every setting of the service; the README's table is generated from these docs."""

    redis_url: str | None = _setting(
        None,
        _redis_url,
        "Redis to use. Unset: `serve` starts an embedded redis-server under data_dir.",
    )
    redis_cluster: bool = _setting(
        False,
        _boolean,
        "Talk to a Redis Cluster (the URL names any one node); every entry's keys share a slot.",
    )
    timezone: str = _setting(
        "Asia/Kolkata",
        _timezone,
        "The portal's time zone: it decides what 'today' and 'tomorrow' are.",
    )
    data_dir: Path = _setting(
        Path("var"),
        _directory,
        "Where the embedded Redis keeps its append-only file and `serve` records its address; "
        "relative to the working directory at start.",
    )
    metrics_dir: Path | None = _setting(
        None,
        _directory,
        "Where each gunicorn server keeps its workers' metrics files, in a directory of its own. "
        "Unset: <data_dir>/metrics.",
    )
    place: str = _setting(
        "new-delhi",
        _place,
        "The city (a slug of GET /v1/cities) whose panchang readers get when they name none, and the "
        "scheduler publishes ahead.",
    )
    key_prefix: str = _setting("hs", str, "Prefix of every Redis key, so services can share a Redis.")
    redis_timeout: float = _setting(
        1.0, _positive_float, "Seconds a Redis command may take before the request gives up."
    )
    redis_connect_timeout: float = _setting(0.5, _positive_float, "Seconds to connect to Redis.")
    require_persistence: bool = _setting(
        True,
        _boolean,
        "Report not ready (503 on /readyz) when Redis has append-only persistence off.",
    )
    past_days: int = _setting(400, _non_negative_int, "How many days back readers may ask for.")
    future_days: int = _setting(30, _non_negative_int, "How many days ahead readers may ask for.")
    refresh_schedule: str = _setting(
        "5 0 * * *", _cron, "Cron expression (portal time zone) of the daily refresh of tomorrow."
    )
    cache_check_seconds: float = _setting(
        1.0,
        _positive_float,
        "How often a process checks Redis for writes by others (the most a reader can lag).",
    )
    stale_if_error_seconds: float = _setting(
        300.0,
        _positive_float,
        "While Redis is down, serve entries this process validated this recently.",
    )
    retry_after_seconds: int = _setting(5, _positive_int, "Retry-After sent with 503 answers.")
    auth_failures_per_minute: int = _setting(
        10,
        _positive_int,
        "Failed authentications allowed per client address, and per token id, in any 60 s; then 429.",
    )
    trusted_proxies: str | None = _setting(
        None,
        _networks,
        "Proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For names the client. Unset: none.",
    )
    writes_per_minute: int = _setting(
        120, _positive_int, "Writes one token may make in any 60 s; past that it gets 429."
    )
    token_days: int = _setting(
        90, _positive_int, "Lifetime of a new token unless `tokens create --expires-in` says otherwise."
    )
    listicles_per_day: int = _setting(
        3, _positive_int, "Listicles published each date, from different topics (at most catalog size / 14)."
    )
    local_cache_size: int = _setting(4096, _positive_int, "Rendered responses each process keeps in memory.")
    prefill_schedule: str = _setting(
        "30 * * * *", _cron, "Cron expression (portal time zone) of the prefill of the look-ahead window."
    )
    prune_schedule: str = _setting(
        "30 3 * * *", _cron, "Cron expression (portal time zone) of the prune of entries past retention."
    )
    lookahead_days: int = _setting(
        2, _non_negative_int, "Days after today that the prefill keeps published (2: today and the next two)."
    )
    retention_days: int = _setting(
        400, _positive_int, "Generated entries older than this many days are pruned (at least past_days)."
    )
    history_days: int = _setting(
        365, _positive_int, "Every editorial change of the last this many days stays in an entry's history."
    )
    history_min_records: int = _setting(
        50, _positive_int, "However old, each entry's history keeps at least its last this many changes."
    )
    misfire_grace_seconds: int = _setting(
        3600, _positive_int, "How late a scheduled job may still start (after a pause or a slow tick)."
    )
    job_lock_seconds: float = _setting(
        60.0,
        _positive_float,
        "Expiry of a job run's lock; the running scheduler renews it, a dead one lets go.",
    )
    console_session_hours: int = _setting(
        12,
        _positive_int,
        "How long an editors' console sign-in lasts (never past its token's expiry or revocation).",
    )
    log_level: str = _setting("INFO", str.upper, "Python log level.")
    public_base_url: str = _setting(
        "http://127.0.0.1:8000",
        _base_url,
        "The API's address as readers reach it (may end in a path): the RSS feed's self link, and the "
        "feed's links when no portal template is set. Set it in production; requests' Host is never used.",
    )
    portal_url: str | None = _setting(
        None,
        _web_url,
        "The portal page the feed stands for: the RSS channel's link. Unset: the JSON feed's URL.",
    )
    portal_horoscope_url_template: str | None = _setting(
        None,
        _url_template(HOROSCOPE_PLACEHOLDERS),
        "A horoscope's page on the portal, with {sign}, {date}, {period}, {system}: the feed's links. "
        "Unset: the API's URL of the horoscope.",
    )
    portal_listicle_url_template: str | None = _setting(
        None,
        _url_template(LISTICLE_PLACEHOLDERS),
        "A listicle's page on the portal, with {slug}, {date}, {topic}: the feed's links. "
        "Unset: the API's URL of the listicle.",
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Config:
        """Parse HOROSCOPE_* variables; ConfigError names every bad one."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        problems: list[str] = []
        for setting in fields(cls):
            name = PREFIX + setting.name.upper()
            raw = environ.get(name)
            if raw is None or raw == "":
                continue
            try:
                values[setting.name] = setting.metadata["parse"](raw)
            except ValueError as error:
                problems.append(f"{name}: {error}")
        if not problems:
            problems += _conflicts(cls(**values))
        if problems:
            raise ConfigError("Bad configuration: " + "; ".join(problems))
        return cls(**values)

    def __post_init__(self) -> None:
        # Absolute from the start: every process and message names the same directory.
        object.__setattr__(self, "data_dir", self.data_dir.absolute())
        metrics_dir = self.data_dir / "metrics" if self.metrics_dir is None else self.metrics_dir.absolute()
        object.__setattr__(self, "metrics_dir", metrics_dir)

    @property
    def zone(self) -> ZoneInfo:
        """The portal's time zone."""
        return ZoneInfo(self.timezone)

    def read_window(self, today: date) -> tuple[date, date]:
        """The first and the last day readers may ask for, on the portal's `today`."""
        return today - timedelta(days=self.past_days), today + timedelta(days=self.future_days)


def _conflicts(config: Config) -> list[str]:
    """Settings that are fine alone but not together."""
    if config.retention_days < config.past_days:
        return [
            f"HOROSCOPE_RETENTION_DAYS ({config.retention_days}) must be at least HOROSCOPE_PAST_DAYS "
            f"({config.past_days}): the prune would delete entries readers may still ask for, "
            "and they would be composed anew"
        ]
    return []


def documented_settings() -> list[tuple[str, str, str]]:
    """(variable, default, description) for every setting, for the README and `config` command."""
    rows = []
    for setting in fields(Config):
        default = "unset" if setting.default is None else str(setting.default)
        rows.append((PREFIX + setting.name.upper(), default, setting.metadata["doc"]))
    return rows

"""One typed configuration, read from HOROSCOPE_* environment variables, strict at start."""

from __future__ import annotations

import os
import re
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
HINDI_HOROSCOPE_PLACEHOLDERS = {"sign": "leo", "rashi": "singh", "date": "2026-02-05", "period": "daily"}
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


EDGE_BACKENDS = ("varnish", "fastly", "cloudflare", "akamai")
# The header each edge reads its tags from, and the targeted TTL header each honours (service.edge).
TAG_HEADERS = {
    "varnish": "xkey",
    "fastly": "Surrogate-Key",
    "cloudflare": "Cache-Tag",
    "akamai": "Edge-Cache-Tag",
}
TTL_HEADERS = {
    "varnish": "Surrogate-Control",
    "fastly": "Surrogate-Control",
    "cloudflare": "CDN-Cache-Control",
}
TTL_HEADER_NAMES = ("Surrogate-Control", "CDN-Cache-Control", "Cloudflare-CDN-Cache-Control")
TAG_PREFIX = re.compile(r"[a-z0-9.-]{0,24}")


def _choices(allowed: tuple[str, ...], what: str) -> Callable[[str], tuple[str, ...]]:
    """A parser of a comma list of names from `allowed` (any case), each once; 'none' is the empty list."""
    by_lower = {name.lower(): name for name in allowed}

    def parse(value: str) -> tuple[str, ...]:
        names = [name.strip().lower() for name in value.split(",") if name.strip()]
        if names == ["none"]:
            return ()
        unknown = [name for name in names if name not in by_lower]
        if unknown or not names:
            raise ValueError(
                f"'{value}' names no {what} from: {', '.join(allowed)} (comma-separated), or none"
            )
        return tuple(dict.fromkeys(by_lower[name] for name in names))

    return parse


def _base_urls(value: str) -> tuple[str, ...]:
    urls = tuple(_base_url(url.strip()) for url in value.split(",") if url.strip())
    if not urls:
        raise ValueError("names no URL")
    return urls


def _tag_prefix(value: str) -> str:
    if not TAG_PREFIX.fullmatch(value):
        raise ValueError(f"'{value}' is not up to 24 of a-z, 0-9, '.' and '-' (tags must be portable)")
    return value


def _akamai_network(value: str) -> str:
    if value not in ("production", "staging"):
        raise ValueError(f"'{value}' is not production or staging")
    return value


def _non_negative_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a number") from None
    if not number >= 0 or number == float("inf"):
        raise ValueError(f"{value} is not a number of seconds, 0 or more")
    return number


def _setting(default: Any, parse: Callable[[str], Any], doc: str, *, secret: bool = False) -> Any:
    return field(default=default, metadata={"parse": parse, "doc": doc, "secret": secret})


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
    portal_hindi_url: str | None = _setting(
        None,
        _web_url,
        "The portal's Hindi rashifal page: the Hindi RSS channel's link. Unset: the Hindi JSON feed's URL.",
    )
    portal_hindi_horoscope_url_template: str | None = _setting(
        None,
        _url_template(HINDI_HOROSCOPE_PLACEHOLDERS),
        "A Hindi rashifal's page on the portal, with {sign}, {rashi} (singh), {date}, {period}: the Hindi "
        "feed's links. Unset: the API's URL of the Hindi entry (?lang=hi).",
    )

    # Behind a CDN or Varnish (service.edge): the caching contract, cache tags, and purges.
    edge_backends: tuple[str, ...] = _setting(
        (),
        _choices(EDGE_BACKENDS, "edge backend"),
        "Edges the scheduler purges on every write: varnish, fastly, cloudflare, akamai (comma-separated). "
        "Unset: no purges, and no tag or targeted TTL headers unless set below.",
    )
    edge_tag_prefix: str = _setting(
        "hs.", _tag_prefix, "Prefix of every cache tag (a-z 0-9 . -), so deployments sharing a zone differ."
    )
    edge_tag_headers: tuple[str, ...] | None = _setting(
        None,
        _choices(tuple(TAG_HEADERS.values()), "tag header"),
        "Headers carrying the cache tags: xkey, Surrogate-Key, Cache-Tag, Edge-Cache-Tag. "
        "Unset: those of the configured backends.",
    )
    edge_ttl_headers: tuple[str, ...] | None = _setting(
        None,
        _choices(TTL_HEADER_NAMES, "TTL header"),
        "Targeted headers carrying the edge TTL: Surrogate-Control, CDN-Cache-Control, "
        "Cloudflare-CDN-Cache-Control. Unset: those the configured backends read (none for akamai).",
    )
    edge_browser_seconds: int = _setting(
        60, _non_negative_int, "Browsers' max-age for today, tomorrow, lists and the feed."
    )
    edge_browser_past_seconds: int = _setting(
        3600, _non_negative_int, "Browsers' max-age for dates before yesterday."
    )
    edge_ttl_seconds: int = _setting(
        86400, _non_negative_int, "Edge TTL for current dates (capped at the next local midnight)."
    )
    edge_ttl_past_seconds: int = _setting(2592000, _non_negative_int, "Edge TTL for dates before yesterday.")
    edge_stale_while_revalidate_seconds: int = _setting(
        60, _non_negative_int, "stale-while-revalidate on dated answers (never on today/tomorrow/yesterday)."
    )
    edge_stale_if_error_seconds: int = _setting(
        86400, _non_negative_int, "stale-if-error on content answers: how long caches may cover an outage."
    )
    edge_error_ttl_seconds: int = _setting(
        300, _non_negative_int, "Edge TTL of a content 404 or 410 (browsers: at most the browsers' max-age)."
    )
    edge_purge_delay_seconds: float = _setting(
        1.5,
        _non_negative_float,
        "A purge waits this long after its write: more than HOROSCOPE_CACHE_CHECK_SECONDS, so no "
        "process still serves the old text to the edge's refetch.",
    )
    edge_purge_repeat_seconds: float = _setting(
        5.0,
        _non_negative_float,
        "Each purge is sent again this long after the first (tiered caches); 0: once.",
    )
    edge_purge_attempts: int = _setting(
        10, _positive_int, "Attempts of a purge before it goes to the dead-letter stream."
    )
    edge_purge_backoff_seconds: float = _setting(
        1.0, _positive_float, "Wait before the first retry of a failed purge; doubled each time, up to 60 s."
    )
    edge_purge_claim_seconds: float = _setting(
        120.0,
        _positive_float,
        "A purge read by a scheduler that stopped answering is taken over after this long (XAUTOCLAIM).",
    )
    edge_purges_per_second: float = _setting(
        5.0, _positive_float, "Purge requests each backend (each Varnish node) gets at most, per second."
    )
    edge_purge_timeout_seconds: float = _setting(5.0, _positive_float, "Timeout of one purge request.")
    edge_backlog_limit: int = _setting(
        1000, _positive_int, "/readyz's edge check fails with more purges than this waiting for a backend."
    )
    varnish_urls: tuple[str, ...] = _setting(
        (),
        _base_urls,
        "Base URLs of the Varnish nodes purges go to (comma-separated): http://varnish-1:6081.",
    )
    varnish_purge_token: str | None = _setting(
        None, str, "Sent as X-Purge-Token with Varnish purges (the VCL's optional secret).", secret=True
    )
    fastly_service_id: str | None = _setting(None, str, "Fastly service whose cache is purged.")
    fastly_api_token: str | None = _setting(
        None, str, "Fastly API token with the purge_select scope.", secret=True
    )
    fastly_api_url: str = _setting("https://api.fastly.com", _base_url, "Fastly's API.")
    cloudflare_zone_id: str | None = _setting(None, str, "Cloudflare zone whose cache is purged.")
    cloudflare_api_token: str | None = _setting(
        None, str, "Cloudflare API token with the Zone / Cache Purge permission.", secret=True
    )
    cloudflare_api_url: str = _setting("https://api.cloudflare.com/client/v4", _base_url, "Cloudflare's API.")
    akamai_base_url: str | None = _setting(
        None,
        _base_url,
        "Akamai Fast Purge API host of the EdgeGrid credentials: https://akab-....purge.akamaiapis.net.",
    )
    akamai_client_token: str | None = _setting(None, str, "Akamai EdgeGrid client token.", secret=True)
    akamai_client_secret: str | None = _setting(None, str, "Akamai EdgeGrid client secret.", secret=True)
    akamai_access_token: str | None = _setting(None, str, "Akamai EdgeGrid access token.", secret=True)
    akamai_network: str = _setting(
        "production", _akamai_network, "Akamai network purged: production or staging."
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

    @property
    def tag_headers(self) -> tuple[str, ...]:
        """The headers that carry cache tags: as set, or those the configured backends read."""
        if self.edge_tag_headers is not None:
            return self.edge_tag_headers
        return tuple(dict.fromkeys(TAG_HEADERS[backend] for backend in self.edge_backends))

    @property
    def ttl_headers(self) -> tuple[str, ...]:
        """The targeted headers that carry the edge TTL: as set, or those the configured backends read."""
        if self.edge_ttl_headers is not None:
            return self.edge_ttl_headers
        found = (TTL_HEADERS.get(backend) for backend in self.edge_backends)
        return tuple(dict.fromkeys(header for header in found if header))

    def is_secret(self, name: str) -> bool:
        """Whether setting `name` is a credential, which `settings` never prints."""
        return bool(next(f for f in fields(self) if f.name == name).metadata["secret"])

    def read_window(self, today: date) -> tuple[date, date]:
        """The first and the last day readers may ask for, on the portal's `today`."""
        return today - timedelta(days=self.past_days), today + timedelta(days=self.future_days)


def _conflicts(config: Config) -> list[str]:
    """Settings that are fine alone but not together."""
    problems = []
    if config.retention_days < config.past_days:
        problems.append(
            f"HOROSCOPE_RETENTION_DAYS ({config.retention_days}) must be at least HOROSCOPE_PAST_DAYS "
            f"({config.past_days}): the prune would delete entries readers may still ask for, "
            "and they would be composed anew"
        )
    needs = {
        "varnish": ("varnish_urls",),
        "fastly": ("fastly_service_id", "fastly_api_token"),
        "cloudflare": ("cloudflare_zone_id", "cloudflare_api_token"),
        "akamai": ("akamai_base_url", "akamai_client_token", "akamai_client_secret", "akamai_access_token"),
    }
    for backend in config.edge_backends:
        missing = [PREFIX + name.upper() for name in needs[backend] if not getattr(config, name)]
        if missing:
            problems.append(f"HOROSCOPE_EDGE_BACKENDS names {backend}, which needs {', '.join(missing)}")
    if config.edge_backends and config.edge_purge_delay_seconds <= config.cache_check_seconds:
        problems.append(
            f"HOROSCOPE_EDGE_PURGE_DELAY_SECONDS ({config.edge_purge_delay_seconds}) must exceed "
            f"HOROSCOPE_CACHE_CHECK_SECONDS ({config.cache_check_seconds}): a purge sent sooner lets "
            "the edge refetch the old text from a process that has not seen the write yet, and keep it"
        )
    return problems


def documented_settings() -> list[tuple[str, str, str]]:
    """(variable, default, description) for every setting, for the README and `config` command."""
    rows = []
    for setting in fields(Config):
        default = setting.default
        if isinstance(default, tuple):
            default = ",".join(default) or None
        shown = "unset" if default is None else str(default)
        rows.append((PREFIX + setting.name.upper(), shown, setting.metadata["doc"]))
    return rows

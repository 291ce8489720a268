"""The caching contract's headers and the cache tags, without any server."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from service.config import Config
from service.edge.policy import EdgePolicy, seconds_to_midnight
from service.edge.tags import TAG, EdgeTags
from service.store import horoscope_id, listicle_id

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
KOLKATA = ZoneInfo("Asia/Kolkata")


@pytest.mark.parametrize(
    ("now", "zone", "seconds"),
    [
        (datetime(2026, 2, 4, 18, 29, 58, tzinfo=UTC), KOLKATA, 2),  # 23:59:58
        (datetime(2026, 2, 4, 18, 30, tzinfo=UTC), KOLKATA, 86400),  # midnight itself: the next one
        # 01:00 on Berlin's 23-hour day (2025-03-30): 22 hours, not the 23 a same-tzinfo subtraction gives.
        (datetime(2025, 3, 30, 0, 0, tzinfo=UTC), BERLIN, 22 * 3600),
        (
            datetime(2025, 10, 26, 0, 0, tzinfo=UTC),
            BERLIN,
            23 * 3600,
        ),  # 02:00 CEST: 22 h of clock + the repeated one
        (datetime(2026, 3, 8, 5, 10, tzinfo=UTC), NEW_YORK, 23 * 3600 - 600),  # 00:10 EST, 23-hour day
        (datetime(2026, 11, 1, 4, 10, tzinfo=UTC), NEW_YORK, 25 * 3600 - 600),  # 00:10 EDT, 25-hour day
    ],
)
def test_seconds_to_midnight_are_counted_in_utc(now: datetime, zone: ZoneInfo, seconds: int) -> None:
    assert seconds_to_midnight(now, zone) == seconds


def policy(now: datetime, **settings: object) -> EdgePolicy:
    config = Config(**{"edge_backends": ("varnish",), "varnish_urls": ("http://v:6081",), **settings})  # type: ignore[arg-type]
    return EdgePolicy(config, lambda: now)


TEN_AM = datetime(2026, 2, 4, 4, 30, tzinfo=UTC)  # 10:00 in Kolkata, 14 h to midnight
TODAY = date(2026, 2, 4)
LEO = horoscope_id("tropical", "daily", "leo", "2026-02-04")


def test_current_dates_are_short_for_browsers_and_long_but_bounded_by_midnight_at_the_edge() -> None:
    headers = dict(policy(TEN_AM).dated("horoscope", TODAY, TODAY, [LEO]))
    assert headers["Cache-Control"] == "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400"
    assert headers["Surrogate-Control"] == "max-age=50400, stale-while-revalidate=60, stale-if-error=86400"
    assert headers["xkey"] == (
        "hs.horoscope.tropical.daily.leo.2026-02-04 hs.date.2026-02-04 hs.horoscope hs.all"
    )
    assert "Content-Location" not in headers


def test_past_dates_are_kept_longer() -> None:
    headers = dict(policy(TEN_AM).dated("horoscope", date(2026, 2, 1), TODAY, [LEO]))
    assert headers["Cache-Control"].startswith("public, max-age=3600, ")
    assert headers["Surrogate-Control"].startswith("max-age=2592000, ")
    yesterday = dict(policy(TEN_AM).dated("horoscope", date(2026, 2, 3), TODAY, [LEO]))
    assert yesterday["Surrogate-Control"].startswith("max-age=50400, ")  # its title still says Yesterday


def test_an_alias_has_no_stale_while_revalidate_and_names_its_dated_url() -> None:
    at = datetime(2026, 2, 4, 18, 29, 30, tzinfo=UTC)  # 30 s to midnight
    headers = dict(policy(at).dated("horoscope", TODAY, TODAY, [LEO], alias="today", location="2026-02-04"))
    assert headers["Cache-Control"] == "public, max-age=30, stale-if-error=86400"
    assert headers["Surrogate-Control"] == "max-age=30, stale-if-error=86400"
    assert headers["Content-Location"] == "2026-02-04"
    assert "hs.alias.today" in headers["xkey"].split()


@pytest.mark.parametrize(
    ("backends", "tag_header", "separator", "ttl_headers"),
    [
        (("fastly",), "Surrogate-Key", " ", {"Surrogate-Control"}),
        (("cloudflare",), "Cache-Tag", ",", {"CDN-Cache-Control"}),
        (("akamai",), "Edge-Cache-Tag", ",", set()),
    ],
)
def test_each_edge_gets_the_headers_it_reads(
    backends: tuple[str, ...], tag_header: str, separator: str, ttl_headers: set[str]
) -> None:
    settings = {
        "edge_backends": backends,
        "fastly_service_id": "s",
        "fastly_api_token": "t",
        "cloudflare_zone_id": "z",
        "cloudflare_api_token": "t",
        "akamai_base_url": "https://akab.example",
        "akamai_client_token": "c",
        "akamai_client_secret": "s",
        "akamai_access_token": "a",
        "edge_tag_prefix": "hz-stg.",
    }
    headers = dict(policy(TEN_AM, **settings).dated("horoscope", TODAY, TODAY, [LEO]))
    assert headers[tag_header].split(separator)[-1] == "hz-stg.all"
    targeted = {"Surrogate-Control", "CDN-Cache-Control", "Cloudflare-CDN-Cache-Control"}
    assert {name for name in headers if name in targeted} == ttl_headers
    assert not {"xkey", "Surrogate-Key", "Cache-Tag", "Edge-Cache-Tag"} - {tag_header} & set(headers)


def test_without_an_edge_only_browsers_get_headers() -> None:
    headers = dict(EdgePolicy(Config(), lambda: TEN_AM).dated("horoscope", TODAY, TODAY, [LEO]))
    assert list(headers) == ["Cache-Control"]


def test_missing_answers_are_brief_and_tagged() -> None:
    headers = dict(policy(TEN_AM).missing("listicle", [listicle_id("custom-winter-walks", "2026-02-04")]))
    assert headers["Cache-Control"] == "public, max-age=60"
    assert headers["Surrogate-Control"] == "max-age=300"
    assert headers["xkey"].split() == ["hs.listicle.custom-winter-walks.2026-02-04", "hs.listicle", "hs.all"]


def test_tags_are_portable_even_for_long_ids() -> None:
    tags = EdgeTags("hs.")
    long_id = listicle_id("custom-" + "very-long-title-" * 10, "2026-02-04")
    tag = tags.entry(long_id)
    assert TAG.fullmatch(tag)
    assert tag == tags.entry(long_id), "the same entry, the same tag"
    assert tag.startswith("hs.listicle.h-")
    assert tags.is_ours("hs.date.2026-02-05")
    assert not tags.is_ours("other.all")
    assert not tags.is_ours("hs.Leo")

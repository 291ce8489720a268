"""The feed: the same answer from every process, fresh after any publication, cheap whatever the query,
and linking to the portal's pages rather than to whatever Host a request named."""

from __future__ import annotations

from datetime import date
from typing import Any
from xml.etree import ElementTree

from flask import Flask
from flask.testing import FlaskClient

from service.content.calendar import Period
from service.content.zodiac import Sign, System
from service.redis_server import RedisServer
from tests.conftest import Clock
from tests.redis_fixtures import client_for

ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = date(2026, 2, 4)


def feed_paths(client: FlaskClient, query: str = "limit=100") -> list[str]:
    response = client.get(f"/v1/feed?{query}")
    assert response.status_code == 200
    return [item["path"] for item in response.get_json()["items"]]


class Ticks:
    """A process's monotonic clock, moved by hand: 'a check interval later' without sleeping."""

    def __init__(self, app: Flask) -> None:
        self.now = 0.0
        self.interval = app.extensions["horoscope"].config.cache_check_seconds
        publisher = app.extensions["horoscope"].publisher
        publisher.cache._monotonic = publisher.feed_cache._monotonic = lambda: self.now

    def next_check(self) -> None:
        self.now += self.interval


def test_a_publication_reaches_every_replicas_feed_but_leaves_their_entries_cached(make_app) -> None:
    first, second = make_app(), make_app()
    reader, writer, ticks = first.test_client(), second.test_client(), Ticks(first)
    reader.get("/v1/horoscopes/2026-02-03")  # publishes yesterday's twelve; now cached in the reader
    assert len(feed_paths(reader)) == len(feed_paths(writer)) == 12  # both replicas cache the feed

    writer.get("/v1/horoscopes/2026-02-04")  # a first read publishes today's twelve
    assert len(feed_paths(writer)) == 24, "the publishing replica sees it at once"
    ticks.next_check()
    assert len(feed_paths(reader)) == 24, "another replica sees it at its next check"
    assert reader.get("/v1/feed").headers["ETag"] == writer.get("/v1/feed").headers["ETag"]

    # The scheduler's way of publishing (refresh and backfill go through the same calls).
    scheduler = make_app().extensions["horoscope"].publisher
    scheduler.refresh_listicles(TODAY)
    ticks.next_check()
    assert len(feed_paths(reader)) == 27, "a scheduled publication reaches the feed"
    scheduler.refresh_horoscope(Sign.LEO, date(2026, 2, 2), Period.DAILY, System.TROPICAL)
    ticks.next_check()
    assert "/v1/horoscopes/leo/2026-02-02" in feed_paths(reader), "so does a backfilled entry"

    # Publications renew the feed only: the reader's rendered entries were never dropped.
    publisher = first.extensions["horoscope"].publisher
    for sign in Sign:
        cached = publisher.cached_horoscope(sign, date(2026, 2, 3), Period.DAILY, System.TROPICAL, TODAY)
        assert cached is not None, f"{sign.value} of 2026-02-03 was dropped from the reader's cache"


def test_an_edit_reaches_the_feed_at_once_in_the_process_that_made_it(
    client: FlaskClient, editor: dict[str, str]
) -> None:
    client.get("/v1/horoscopes/2026-02-04")
    assert feed_paths(client, "tag=leo") == ["/v1/horoscopes/leo/2026-02-04"]
    override = "/v1/horoscopes/leo/2026-02-04/override"
    assert client.patch(override, json={"teaser": "Leo, a day to shine."}, headers=editor).status_code == 200
    teasers = [item["teaser"] for item in client.get("/v1/feed?tag=leo").get_json()["items"]]
    assert teasers == ["Leo, a day to shine."]


def test_an_unknown_tag_is_refused_cheaply(make_app, private_redis: RedisServer) -> None:
    client = make_app(redis_url=private_redis.url).test_client()
    client.get("/v1/horoscopes/2026-02-04")
    client.get("/v1/listicles/2026-02-04")
    response = client.get("/v1/feed?tag=no-such-tag-0")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"] == "/problems/unknown-tag"
    assert "/v1/topics" in problem["detail"]
    assert list(problem["errors"]["query"]) == ["tag"]

    redis = client_for(private_redis.url, cluster=False)
    before = redis.info("commandstats")
    for n in range(1, 50):
        assert client.get(f"/v1/feed.rss?tag=no-such-tag-{n}&limit=100").status_code == 422
    after = redis.info("commandstats")
    redis.close()
    read_commands = ("cmdstat_zrevrangebyscore", "cmdstat_get", "cmdstat_mget")
    assert {c: after.get(c) for c in read_commands} == {c: before.get(c) for c in read_commands}


def test_known_tags_work_whatever_their_source(client: FlaskClient, editor: dict[str, str]) -> None:
    client.get("/v1/horoscopes/2026-02-04")
    listed = client.get("/v1/listicles/2026-02-04").get_json()["items"]
    catalog_tag = listed[0]["tags"][0]
    assert feed_paths(client, f"tag={catalog_tag}") == [f"/v1/listicles/{listed[0]['slug']}"]
    assert len(feed_paths(client, "tag=horoscope")) == 12
    assert len(feed_paths(client, "tag=daily")) == 12
    # A catalog tag no published item carries yet: an empty feed, not an error.
    unused = next(
        topic["tags"][0]
        for topic in client.get("/v1/topics").get_json()["items"]
        if not any(topic["tags"][0] in item["tags"] for item in listed)
    )
    assert client.get(f"/v1/feed?tag={unused}").get_json() == {"items": []}
    # An editor's own tag becomes a feed tag as soon as a published list carries it.
    created = client.post(
        "/v1/listicles",
        json={
            "date": "2026-02-04",
            "position": 1,
            "title": "3 Lamps For Diwali Evenings",
            "teaser": "Light that lasts the whole festival.",
            "items": [{"heading": f"Lamp {n}", "body": f"A lamp that glows, number {n}."} for n in (1, 2, 3)],
            "tags": ["diwali-lamps"],
        },
        headers=editor,
    )
    assert created.status_code == 201, created.get_json()
    assert feed_paths(client, "tag=diwali-lamps") == [f"/v1/listicles/{created.get_json()['slug']}"]


def test_feed_variants_never_push_entries_out_of_the_process_cache(make_app) -> None:
    app: Flask = make_app(local_cache_size=8)
    client = app.test_client()
    client.get("/v1/horoscopes/leo/2026-02-04")
    client.get("/v1/listicles/2026-02-04")
    for limit in range(1, 60):
        for kind in ("", "&kind=horoscope", "&kind=listicle"):
            assert client.get(f"/v1/feed?limit={limit}{kind}").status_code == 200
        assert client.get(f"/v1/feed.rss?limit={limit}&tag=leo").status_code == 200
    publisher = app.extensions["horoscope"].publisher
    cached = publisher.cached_horoscope(Sign.LEO, TODAY, Period.DAILY, System.TROPICAL, TODAY)
    assert cached is not None, "feed variants pushed a horoscope out of the 8-entry cache"


PORTAL = {
    "public_base_url": "https://content.portal.example/api/",
    "portal_url": "https://www.portal.example/astrology",
    "portal_horoscope_url_template": "https://www.portal.example/astrology/{sign}-{period}-horoscope-{date}",
    "portal_listicle_url_template": "https://www.portal.example/lifestyle/{date}/{slug}",
}


def rss_channel(client: FlaskClient, query: str, **headers: str) -> ElementTree.Element:
    response = client.get(f"/v1/feed.rss?{query}", headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "application/rss+xml"
    assert b"evil.example" not in response.data
    channel = ElementTree.fromstring(response.data).find("channel")
    assert channel is not None
    return channel


def test_rss_links_to_the_portal_and_names_itself(make_app, clock: Clock) -> None:
    client = make_app(**PORTAL).test_client()
    client.get("/v1/horoscopes/2026-02-04")
    slugs = [item["slug"] for item in client.get("/v1/listicles/2026-02-04").get_json()["items"]]

    channel = rss_channel(client, "tag=leo", Host="evil.example", **{"X-Forwarded-Proto": "gopher"})
    assert channel.findtext("link") == "https://www.portal.example/astrology"
    self_link = channel.find(f"{ATOM}link")
    assert self_link is not None
    assert self_link.attrib == {
        "href": "https://content.portal.example/api/v1/feed.rss?tag=leo",
        "rel": "self",
        "type": "application/rss+xml",
    }
    links = [item.findtext("link") for item in channel.findall("item")]
    assert links == ["https://www.portal.example/astrology/leo-daily-horoscope-2026-02-04"]

    channel = rss_channel(client, "kind=listicle&limit=3", Host="evil.example")
    assert channel.find(f"{ATOM}link").attrib["href"] == (  # type: ignore[union-attr]
        "https://content.portal.example/api/v1/feed.rss?kind=listicle&limit=3"
    )
    links = [item.findtext("link") for item in channel.findall("item")]
    assert links == [f"https://www.portal.example/lifestyle/2026-02-04/{slug}" for slug in slugs]

    items = client.get("/v1/feed?tag=leo", headers={"Host": "evil.example"}).get_json()["items"]
    assert [(item["path"], item["url"]) for item in items] == [
        (
            "/v1/horoscopes/leo/2026-02-04",
            "https://www.portal.example/astrology/leo-daily-horoscope-2026-02-04",
        )
    ]


def test_without_portal_templates_links_name_the_configured_api(make_app) -> None:
    client = make_app(public_base_url="https://content.portal.example").test_client()
    client.get("/v1/horoscopes/2026-02-04")
    channel = rss_channel(client, "tag=leo", Host="evil.example")
    assert channel.findtext("link") == "https://content.portal.example/v1/feed"
    assert [item.findtext("link") for item in channel.findall("item")] == [
        "https://content.portal.example/v1/horoscopes/leo/2026-02-04"
    ]
    items = client.get("/v1/feed?tag=leo").get_json()["items"]
    assert items[0]["url"] == "https://content.portal.example/v1/horoscopes/leo/2026-02-04"


def test_one_cached_feed_whatever_the_host(client: FlaskClient) -> None:
    client.get("/v1/horoscopes/2026-02-04")
    answers: list[Any] = [
        client.get("/v1/feed.rss?limit=3", headers={"Host": host}) for host in ("a.example", "evil.example")
    ]
    assert answers[0].data == answers[1].data
    assert answers[0].headers["ETag"] == answers[1].headers["ETag"]

"""Listicles, topics and the feed through the Flask test client, against a real Redis."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from xml.etree import ElementTree

import pytest
from flask.testing import FlaskClient

from service.content.listicles import daily_plan, load_catalog
from service.content.nutrition import load_nutrients
from service.store import Keys, listicle_id
from tests.conftest import Clock

LISTICLE_FIELDS = {
    "slug", "date", "topic", "category", "title", "teaser", "items", "tags", "disclaimer", "help", "sources",
    "version", "source", "overridden", "published_at", "updated_at",
}  # fmt: skip


def test_a_days_listicles_follow_the_plan(client: FlaskClient) -> None:
    response = client.get("/v1/listicles/tomorrow")
    assert response.status_code == 200
    page = response.get_json()
    assert page["date"] == "2026-02-05"
    page_date = date(2026, 2, 5)
    assert [item["topic"] for item in page["items"]] == list(daily_plan(page_date))
    for item in page["items"]:
        assert set(item) == LISTICLE_FIELDS
        count = len(item["items"])
        assert re.search(rf"\b{count}\b", item["title"]), item["title"]
        assert [entry["position"] for entry in item["items"]] == list(range(1, count + 1))
        assert item["slug"].endswith(f"-{page_date.isoformat()}")
        assert item["source"] == "generated"


def test_one_listicle_by_slug(client: FlaskClient) -> None:
    listed = client.get("/v1/listicles/2026-02-05").get_json()["items"][0]
    response = client.get(f"/v1/listicles/{listed['slug']}")
    assert response.status_code == 200
    assert response.get_json() == listed
    assert "Accept" in response.headers["Vary"]
    etag = response.headers["ETag"]
    assert client.get(f"/v1/listicles/{listed['slug']}", headers={"If-None-Match": etag}).status_code == 304


def test_json_ld_item_list(client: FlaskClient) -> None:
    listed = client.get("/v1/listicles/2026-02-05").get_json()["items"][1]
    by_header = client.get(f"/v1/listicles/{listed['slug']}", headers={"Accept": "application/ld+json"})
    by_query = client.get(f"/v1/listicles/{listed['slug']}?format=jsonld")
    assert by_header.mimetype == by_query.mimetype == "application/ld+json"
    assert by_header.data == by_query.data
    document = json.loads(by_header.data)
    assert document["@context"] == "https://schema.org"
    assert document["@type"] == "ItemList"
    assert document["name"] == listed["title"]
    assert document["numberOfItems"] == len(listed["items"])
    assert [element["position"] for element in document["itemListElement"]] == [
        item["position"] for item in listed["items"]
    ]
    assert document["itemListElement"][0]["name"] == listed["items"][0]["heading"]
    assert by_header.headers["ETag"] != client.get(f"/v1/listicles/{listed['slug']}").headers["ETag"]


def test_a_mental_wellbeing_piece_carries_its_help_note_in_json_and_json_ld(client: FlaskClient) -> None:
    catalog = load_catalog()
    day = next(
        date(2026, 2, d)
        for d in range(1, 29)
        if any(catalog[t].category == "mental-wellbeing" for t in daily_plan(date(2026, 2, d)))
    )
    items = client.get(f"/v1/listicles/{day.isoformat()}").get_json()["items"]
    piece = next(item for item in items if item["category"] == "mental-wellbeing")
    assert piece["help"]["contacts"][0] == {
        "name": "Tele-MANAS",
        "numbers": ["14416", "1-800-891-4416"],
        "hours": "Toll-free, 24x7",
        "url": "https://telemanas.mohfw.gov.in",
    }
    assert piece["help"]["warning_signs"]
    assert all(item["help"] is None for item in items if not catalog[item["topic"]].help)
    document = client.get(f"/v1/listicles/{piece['slug']}?format=jsonld").get_json(force=True)
    (note,) = document["subjectOf"]
    assert note["@type"] == "WebPageElement"
    assert "Talking about wanting to die" not in note["text"]  # lower-cased inside the sentence
    assert "talking about wanting to die" in note["text"]
    assert piece["help"]["urgent"] in note["text"]
    phones = [point["telephone"] for org in note["mentions"] for point in org["contactPoint"]]
    assert phones == ["14416", "1-800-891-4416", "112"]
    other = next(item for item in items if item["help"] is None)
    document = client.get(f"/v1/listicles/{other['slug']}?format=jsonld").get_json(force=True)
    parts = document.get("subjectOf", [])
    assert all(part["@type"] != "WebPageElement" for part in parts)


def test_a_food_list_with_quantities_cites_its_source_in_json_and_json_ld(client: FlaskClient) -> None:
    catalog = load_catalog()
    day = next(
        date(2026, 1, d)
        for d in range(5, 32)
        if any(catalog[t].nutrients for t in daily_plan(date(2026, 1, d)))
    )
    items = client.get(f"/v1/listicles/{day.isoformat()}").get_json()["items"]
    piece = next(item for item in items if catalog[item["topic"]].nutrients)
    ifct = {
        "name": "Indian Food Composition Tables 2017",
        "publisher": "ICMR-National Institute of Nutrition, Hyderabad",
        "year": 2017,
        "url": "https://www.nin.res.in",
        "detail": load_nutrients().sources["ifct-2017"].detail,
    }
    assert ifct in piece["sources"]
    assert any("per 100 g (IFCT 2017)" in fact for item in piece["items"] for fact in item["facts"])
    document = client.get(f"/v1/listicles/{piece['slug']}?format=jsonld").get_json(force=True)
    assert {
        "@type": "CreativeWork",
        "name": "Indian Food Composition Tables 2017",
        "publisher": {"@type": "Organization", "name": "ICMR-National Institute of Nutrition, Hyderabad"},
        "datePublished": "2017",
        "url": "https://www.nin.res.in",
    } in document["subjectOf"]
    assert len(document["subjectOf"]) == len(piece["sources"])


def test_the_plan_is_frozen_at_first_publication(client: FlaskClient, redis_client) -> None:
    first = client.get("/v1/listicles/2026-02-05").get_json()
    keys = list(redis_client.scan_iter(match="hs:{listicle-plan:*"))
    assert keys == [b"hs:{listicle-plan:2026-02-05}:entry"]
    record = json.loads(redis_client.get(keys[0]))
    assert record["entry"]["topics"] == [item["topic"] for item in first["items"]]


def test_a_stored_plan_is_never_recomputed_even_out_of_season(client: FlaskClient, redis_client) -> None:
    """A date's plan published by an older release (here: topics out of season in February) stays."""
    from service.publishing import new_record

    stored = [
        "habits-that-keep-damp-and-mould-out-of-your-home",
        "calcium-rich-foods",
        "tips-for-beginner-runners",
    ]
    record = new_record({"topics": stored}, datetime(2026, 2, 2, 4, 30, tzinfo=UTC))
    redis_client.set("hs:{listicle-plan:2026-02-03}:entry", record)
    assert stored != list(daily_plan(date(2026, 2, 3)))
    items = client.get("/v1/listicles/2026-02-03").get_json()["items"]
    assert [item["topic"] for item in items] == stored
    for item in items:
        assert client.get(f"/v1/listicles/{item['slug']}").get_json() == item


def test_only_the_title_a_topic_ran_under_names_it(client: FlaskClient) -> None:
    """A topic has several titles; the slug of one it did not run under that day is not a second URL."""
    listed = client.get("/v1/listicles/2026-02-05").get_json()["items"][0]
    topic = load_catalog()[listed["topic"]]
    others = [v.slug_stem for v in topic.variants if f"{v.slug_stem}-2026-02-05" != listed["slug"]]
    assert len(others) == len(topic.variants) - 1
    for stem in others:
        response = client.get(f"/v1/listicles/{stem}-2026-02-05")
        assert response.status_code == 404, stem
        assert response.mimetype == "application/problem+json"
    assert client.get(f"/v1/listicles/{listed['slug']}").status_code == 200


def test_unknown_slugs_and_topics_are_404(client: FlaskClient) -> None:
    for slug in ["10-ways-to-fly-2026-02-05", "not-a-slug", "10-foods-that-promote-longevity-2026-02-31"]:
        response = client.get(f"/v1/listicles/{slug}")
        assert response.status_code == 404, slug
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["detail"]


def test_a_topic_not_published_that_day_is_404(client: FlaskClient) -> None:
    planned = set(daily_plan(date(2026, 2, 5)))
    other = next(topic for topic in load_catalog().values() if topic.id not in planned)
    response = client.get(f"/v1/listicles/{other.slug_stem}-2026-02-05")
    assert response.status_code == 404
    assert "2026-02-05" in response.get_json()["detail"]


def test_malformed_and_out_of_window_days(client: FlaskClient) -> None:
    assert client.get("/v1/listicles/2026-02-30").status_code == 404
    assert client.get("/v1/listicles/2030-01-01").status_code == 404


def test_topics(client: FlaskClient) -> None:
    topics = client.get("/v1/topics").get_json()["items"]
    assert len(topics) == len(load_catalog())
    longevity = next(topic for topic in topics if topic["topic"] == "foods-that-promote-longevity")
    assert longevity["title"] == "10 Foods That Promote Longevity"
    assert "long-lived" in longevity["teaser"]
    calcium = next(topic for topic in topics if topic["topic"] == "calcium-rich-foods")
    assert calcium["months"] == list(range(1, 13))
    assert calcium["pinned"] == [
        {"about": "ragi", "headings": ["Ragi"]},
        {"about": "sesame", "headings": ["Sesame Seeds (Til)"]},
    ]
    assert calcium["form"] == "foods"
    assert calcium["nutrients"] == ["calcium"]
    assert calcium["help"] is False
    assert len(calcium["variants"]) >= 3
    assert calcium["variants"][0] == {
        "title": "10 Calcium-Rich Foods For Strong Bones",
        "teaser": calcium["teaser"],
        "size": 10,
        "slug_stem": "10-calcium-rich-foods-for-strong-bones",
    }
    dry_skin = next(topic for topic in topics if topic["topic"] == "habits-that-soothe-dry-skin")
    assert dry_skin["months"] == [1, 2, 11, 12]
    support = next(t for t in topics if t["topic"] == "ways-you-can-support-someone-who-is-struggling")
    assert support["help"] is True
    schema = client.get("/openapi.json").get_json()["components"]["schemas"]["Topic"]["properties"]
    assert {"months", "variants", "pinned", "form", "nutrients", "help"} <= set(schema)
    assert longevity["pool"] >= 2 * longevity["size"]


def test_the_feed_lists_published_entries_up_to_today(client: FlaskClient, clock: Clock) -> None:
    assert client.get("/v1/feed").get_json() == {"items": []}
    client.get("/v1/listicles/2026-02-03")
    client.get("/v1/horoscopes/2026-02-03")
    client.get("/v1/horoscopes/2026-02-04")
    client.get("/v1/horoscopes/2026-02-05")  # tomorrow: published, but not in the feed yet
    client.get("/v1/horoscopes/2026-02-04?system=sidereal")  # not a feed kind
    items = client.get("/v1/feed?limit=100").get_json()["items"]
    assert len(items) == 12 + 12 + 3
    assert [item["date"] for item in items] == sorted((item["date"] for item in items), reverse=True)
    assert items[0]["path"] == "/v1/horoscopes/aries/2026-02-04"
    assert items[0]["title"].startswith("Aries Horoscope Today, February 04, 2026")
    assert {item["kind"] for item in items[12:15]} == {"listicle"}
    assert client.get("/v1/feed?kind=listicle").get_json()["items"] == items[12:15]
    assert len(client.get("/v1/feed?limit=5").get_json()["items"]) == 5
    leo = client.get("/v1/feed?tag=leo").get_json()["items"]
    assert [item["path"] for item in leo] == [
        "/v1/horoscopes/leo/2026-02-04",
        "/v1/horoscopes/leo/2026-02-03",
    ]
    clock.advance(days=1)
    assert client.get("/v1/feed?limit=1").get_json()["items"][0]["date"] == "2026-02-05"


def test_the_feed_as_rss(client: FlaskClient) -> None:
    client.get("/v1/listicles/2026-02-04")
    response = client.get("/v1/feed.rss?kind=listicle")
    assert response.status_code == 200
    assert response.mimetype == "application/rss+xml"
    channel = ElementTree.fromstring(response.data).find("channel")
    assert channel is not None
    items = channel.findall("item")
    assert len(items) == 3
    link = items[0].findtext("link")
    assert link is not None
    assert link.startswith("http://127.0.0.1:8000/v1/listicles/")  # HOROSCOPE_PUBLIC_BASE_URL
    assert items[0].findtext("pubDate") == "Wed, 04 Feb 2026 04:30:00 GMT"


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "kind=podcast", "limit=ten"])
def test_bad_feed_filters(client: FlaskClient, query: str) -> None:
    response = client.get(f"/v1/feed?{query}")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"


def test_a_listicle_record_is_frozen(client: FlaskClient, redis_client) -> None:
    listed = client.get("/v1/listicles/2026-02-04").get_json()["items"][0]
    key = Keys("hs").entry(listicle_id(listed["topic"], "2026-02-04"))
    assert json.loads(redis_client.get(key))["entry"]["title"] == listed["title"]

"""The Hindi feed (`/v1/feed?lang=hi`, `/v1/feed.rss?lang=hi`): the daily Hindi rashifal, in Hindi, with
links to the Hindi pages, as fresh as the English feed."""

from __future__ import annotations

from xml.etree import ElementTree

from flask.testing import FlaskClient

from service.content.hindi import agreement, checks
from tests.conftest import Clock
from tests.service.test_feed import Ticks

ATOM = "{http://www.w3.org/2005/Atom}"
PORTAL = {
    "public_base_url": "https://content.portal.example/api/",
    "portal_url": "https://www.portal.example/astrology",
    "portal_horoscope_url_template": "https://www.portal.example/astrology/{sign}-horoscope-{date}",
    "portal_hindi_url": "https://hindi.portal.example/rashifal",
    "portal_hindi_horoscope_url_template": "https://hindi.portal.example/rashifal/{rashi}-{period}-{date}",
}


def test_the_hindi_feed_lists_the_hindi_dailies_in_hindi(client: FlaskClient) -> None:
    client.get("/v1/horoscopes/2026-02-04?lang=hi")  # today's twelve, published at the first read
    client.get("/v1/horoscopes/2026-02-05?lang=hi")  # tomorrow's: not in any feed until it is today
    client.get("/v1/horoscopes/leo/2026-02-02?lang=hi&period=weekly")  # a weekly: never in the feed
    response = client.get("/v1/feed?lang=hi")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "hi"
    feed = response.get_json()
    assert feed["lang"] == "hi"
    items = feed["items"]
    assert [item["sign"] for item in items][:2] == ["aries", "taurus"]
    assert len(items) == 12
    hindi = client.get("/v1/horoscopes/leo/2026-02-04?lang=hi").get_json()
    leo = items[4]
    assert leo["title"] == hindi["title"]
    assert leo["title"].startswith("आज का सिंह राशिफल, 4 फरवरी 2026: ")
    assert leo["teaser"] == hindi["teaser"]
    assert leo["path"] == "/v1/horoscopes/leo/2026-02-04?lang=hi"
    assert leo["url"] == "http://127.0.0.1:8000/v1/horoscopes/leo/2026-02-04?lang=hi"
    assert (leo["tags"], leo["source"]) == (["horoscope", "daily", "leo"], "generated")
    for item in items:
        for text in (item["title"], item["teaser"]):
            assert checks.problems(text) + agreement.problems(text) == [], text


def test_the_english_feed_stays_english(client: FlaskClient) -> None:
    client.get("/v1/horoscopes/2026-02-04?lang=hi")
    client.get("/v1/horoscopes/2026-02-04")
    english = client.get("/v1/feed?kind=horoscope&limit=100")
    assert "Content-Language" not in english.headers
    assert "lang" not in english.get_json()
    paths = [item["path"] for item in english.get_json()["items"]]
    assert len(paths) == 12
    assert all("lang" not in path for path in paths)


def test_the_hindi_feed_has_no_listicles_and_filters_like_the_english_one(client: FlaskClient) -> None:
    client.get("/v1/horoscopes/2026-02-04?lang=hi")
    client.get("/v1/listicles/2026-02-04")
    assert client.get("/v1/feed?lang=hi&kind=listicle").get_json() == {"lang": "hi", "items": []}
    leo = client.get("/v1/feed?lang=hi&tag=leo").get_json()["items"]
    assert [item["path"] for item in leo] == ["/v1/horoscopes/leo/2026-02-04?lang=hi"]
    assert len(client.get("/v1/feed?lang=hi&kind=horoscope&limit=5").get_json()["items"]) == 5
    assert client.get("/v1/feed?lang=hi&tag=no-such-tag").status_code == 422


def test_a_hindi_edit_reaches_the_hindi_feed_at_once(client: FlaskClient, editor: dict[str, str]) -> None:
    client.get("/v1/horoscopes/2026-02-04?lang=hi")
    assert client.get("/v1/feed?lang=hi&tag=leo").get_json()["items"][0]["source"] == "generated"
    teaser = "सिंह राशिफल: आज परिवार के साथ समय बिताएं।"
    edited = client.patch(
        "/v1/horoscopes/leo/2026-02-04/override?lang=hi", json={"teaser": teaser}, headers=editor
    )
    assert edited.status_code == 200
    (leo,) = client.get("/v1/feed?lang=hi&tag=leo").get_json()["items"]
    assert (leo["teaser"], leo["source"]) == (teaser, "override")


def test_the_hindi_rss_channel_is_in_hindi_and_links_to_the_hindi_pages(make_app, clock: Clock) -> None:
    client = make_app(**PORTAL).test_client()
    client.get("/v1/horoscopes/2026-02-04?lang=hi")
    response = client.get("/v1/feed.rss?lang=hi&tag=leo", headers={"Host": "evil.example"})
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "hi"
    channel = ElementTree.fromstring(response.data).find("channel")
    assert channel is not None
    assert channel.findtext("language") == "hi-in"
    assert channel.findtext("title") == "दैनिक राशिफल"
    assert checks.problems(channel.findtext("description") or "") == []
    assert channel.findtext("link") == "https://hindi.portal.example/rashifal"
    self_link = channel.find(f"{ATOM}link")
    assert self_link is not None
    assert self_link.attrib["href"] == "https://content.portal.example/api/v1/feed.rss?tag=leo&lang=hi"
    (item,) = channel.findall("item")
    assert item.findtext("link") == "https://hindi.portal.example/rashifal/singh-daily-2026-02-04"
    assert item.findtext("guid") == "/v1/horoscopes/leo/2026-02-04?lang=hi"
    assert (item.findtext("title") or "").startswith("आज का सिंह राशिफल, 4 फरवरी 2026: ")
    english = ElementTree.fromstring(client.get("/v1/feed.rss").data).find("channel")
    assert english is not None
    assert english.findtext("language") == "en-in"
    assert english.findtext("link") == "https://www.portal.example/astrology"


def test_without_hindi_portal_settings_the_hindi_links_name_the_api(make_app) -> None:
    client = make_app(public_base_url="https://content.portal.example").test_client()
    client.get("/v1/horoscopes/2026-02-04?lang=hi")
    channel = ElementTree.fromstring(client.get("/v1/feed.rss?lang=hi&tag=leo").data).find("channel")
    assert channel is not None
    assert channel.findtext("link") == "https://content.portal.example/v1/feed?lang=hi"
    assert [item.findtext("link") for item in channel.findall("item")] == [
        "https://content.portal.example/v1/horoscopes/leo/2026-02-04?lang=hi"
    ]


def test_the_hindi_feed_is_current_in_every_process_after_a_publication(make_app) -> None:
    first = make_app()
    reader, writer, ticks = first.test_client(), make_app().test_client(), Ticks(first)
    assert reader.get("/v1/feed?lang=hi").get_json()["items"] == []  # now cached in the reader
    writer.get("/v1/horoscopes/2026-02-04?lang=hi")
    assert len(writer.get("/v1/feed?lang=hi").get_json()["items"]) == 12, "at once where it was published"
    ticks.next_check()
    assert len(reader.get("/v1/feed?lang=hi").get_json()["items"]) == 12, "elsewhere at the next check"

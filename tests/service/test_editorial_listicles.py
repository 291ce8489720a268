"""Editor-written listicles' lifecycle, against real Redis: create, withdraw, restore, slugs, feed."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.content.listicles import daily_plan, load_catalog
from service.days import isoformat_utc
from service.editing import Editing
from service.editorial import EditorialListicles
from service.publishing import Withdrawn
from service.store import listicle_id, listicle_plan_id
from service.tokens import Editor
from tests.conftest import Clock

TODAY = "2026-02-04"  # the clock fixture's local date: the feed shows it
TOMORROW = "2026-02-05"
WALKS: dict[str, Any] = {
    "date": TODAY,
    "position": 2,
    "title": "Three Winter Walks",
    "teaser": "Three short walks for cold mornings.",
    "items": [
        {"heading": "The Lake Loop", "body": "Flat and quiet at sunrise."},
        {"heading": "The Ridge Path", "body": "A steady climb with a view."},
        {"heading": "The Old Market", "body": "Warm tea at the end of it."},
    ],
    "tags": ["walking"],
}
SLUG = f"three-winter-walks-{TODAY}"
PATH = f"/v1/listicles/{SLUG}"


def day_slugs(client: FlaskClient, day: str = TODAY) -> list[str]:
    return [item["slug"] for item in client.get(f"/v1/listicles/{day}").get_json()["items"]]


def feed_paths(client: FlaskClient) -> list[str]:
    return [item["path"] for item in client.get("/v1/feed?kind=listicle&limit=100").get_json()["items"]]


def rss_links(client: FlaskClient) -> str:
    return client.get("/v1/feed.rss?kind=listicle&limit=100").get_data(as_text=True)


def test_a_withdrawn_listicle_answers_410_keeps_its_history_and_can_be_restored(
    client: FlaskClient, editor: dict[str, str], clock: Clock
) -> None:
    generated = day_slugs(client)
    assert client.post("/v1/listicles", json=WALKS, headers=editor).status_code == 201
    assert day_slugs(client) == [generated[0], SLUG, *generated[1:]]
    assert (
        client.patch(PATH, json={"teaser": "Three walks for cold mornings."}, headers=editor).status_code
        == 200
    )

    clock.advance(hours=2)
    withdrawn_at = isoformat_utc(clock())
    deleted = client.delete(f"{PATH}?note=legal asked", headers=editor)
    assert deleted.status_code == 204

    gone = client.get(PATH)
    assert gone.status_code == 410
    assert gone.mimetype == "application/problem+json"
    problem = gone.get_json()
    assert problem["type"] == "/problems/withdrawn"
    assert problem["withdrawn_at"] == withdrawn_at
    assert "was withdrawn" in problem["detail"]
    assert f"{PATH}/history" in problem["detail"]
    assert day_slugs(client) == generated

    history = client.get(f"{PATH}/history", headers=editor).get_json()["items"]
    assert [(record["id"], record["action"]) for record in history] == [
        (3, "withdraw"),
        (2, "patch"),
        (1, "create"),
    ]
    assert history[0]["note"] == "legal asked"
    assert history[0]["at"] == withdrawn_at

    again = client.post("/v1/listicles", json=WALKS, headers=editor)
    assert again.status_code == 409
    assert "withdrawn" in again.get_json()["detail"]
    assert f"POST {PATH}/history/3/restore" in again.get_json()["detail"]
    assert f"GET {PATH}/history" in again.get_json()["detail"]

    assert client.patch(PATH, json={"teaser": "Sneaky."}, headers=editor).status_code == 410
    assert client.delete(PATH, headers=editor).status_code == 410

    restored = client.post(f"{PATH}/history/3/restore", json={"note": "cleared"}, headers=editor)
    assert restored.status_code == 200
    assert restored.get_json()["teaser"] == "Three walks for cold mornings."
    assert day_slugs(client) == [generated[0], SLUG, *generated[1:]]  # back where it was
    assert client.get(PATH).status_code == 200
    latest = client.get(f"{PATH}/history", headers=editor).get_json()["items"][0]
    assert (latest["action"], latest["restored_from"], latest["note"]) == ("restore", 3, "cleared")


def test_restoring_an_earlier_revision_brings_back_its_text_too(
    client: FlaskClient, editor: dict[str, str]
) -> None:
    client.post("/v1/listicles", json=WALKS, headers=editor)
    client.patch(PATH, json={"teaser": "Edited."}, headers=editor)
    client.delete(PATH, headers=editor)
    restored = client.post(f"{PATH}/history/1/restore", json={}, headers=editor)
    assert restored.status_code == 200
    assert restored.get_json()["teaser"] == WALKS["teaser"]
    assert SLUG in day_slugs(client)


def test_editor_written_listicles_say_editorial_on_every_read(
    client: FlaskClient, editor: dict[str, str]
) -> None:
    created = client.post("/v1/listicles", json=WALKS, headers=editor).get_json()
    assert created["source"] == "editorial"
    assert client.get(PATH).get_json()["source"] == "editorial"
    client.patch(PATH, json={"teaser": "Edited."}, headers=editor)
    edited = client.get(PATH).get_json()
    assert (edited["source"], edited["overridden"]) == ("editorial", ["teaser"])
    day = {item["slug"]: item["source"] for item in client.get(f"/v1/listicles/{TODAY}").get_json()["items"]}
    assert set(day.values()) == {"generated", "editorial"}
    assert day[SLUG] == "editorial"
    feed = client.get("/v1/feed?kind=listicle").get_json()["items"]
    assert {item["path"]: item["source"] for item in feed}[PATH] == "editorial"
    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    assert "editorial" in schemas["ListicleResponse"]["properties"]["source"]["enum"]
    assert "editorial" in schemas["FeedItem"]["properties"]["source"]["enum"]


def test_a_withdrawal_takes_the_listicle_out_of_the_feed_at_once_and_a_restore_puts_it_back(
    client: FlaskClient, editor: dict[str, str], app: Flask, redis_client: Any
) -> None:
    client.post("/v1/listicles", json=WALKS, headers=editor)
    assert PATH in feed_paths(client)
    assert f"http://127.0.0.1:8000{PATH}<" in rss_links(client)  # HOROSCOPE_PUBLIC_BASE_URL
    index = app.extensions["horoscope"].store.keys.index("listicle")
    entry_id = listicle_id("custom-three-winter-walks", TODAY)

    client.delete(PATH, headers=editor)
    assert PATH not in feed_paths(client)
    assert SLUG not in rss_links(client)
    assert redis_client.zscore(index, entry_id) is None

    client.post(f"{PATH}/history/1/restore", json={}, headers=editor)
    assert PATH in feed_paths(client)
    assert f"http://127.0.0.1:8000{PATH}<" in rss_links(client)
    assert redis_client.zscore(index, entry_id) is not None


def test_other_processes_drop_a_withdrawn_listicle_from_their_cached_feed_within_the_check_interval(
    make_app: Callable[..., Flask], editor: dict[str, str]
) -> None:
    writer, reader_app = make_app(), make_app()  # two processes
    reader = reader_app.test_client()
    ticks = [0.0]
    reader_publisher = reader_app.extensions["horoscope"].publisher
    reader_publisher.cache._monotonic = reader_publisher.feed_cache._monotonic = lambda: ticks[0]
    writer.test_client().post("/v1/listicles", json=WALKS, headers=editor)
    assert PATH in feed_paths(reader)  # now cached in the reader

    writer.test_client().delete(PATH, headers=editor)
    ticks[0] += reader_app.extensions["horoscope"].config.cache_check_seconds
    assert PATH not in feed_paths(reader)
    assert SLUG not in rss_links(reader)


def test_the_feed_never_shows_an_indexed_listicle_that_its_list_does_not_hold(
    client: FlaskClient, editor: dict[str, str], app: Flask, redis_client: Any
) -> None:
    client.post("/v1/listicles", json=WALKS, headers=editor)
    client.delete(PATH, headers=editor)
    # An unindexing that never happened (a crash between a cluster's two steps, or an older release).
    store = app.extensions["horoscope"].store
    redis_client.zadd(store.keys.index("listicle"), {listicle_id("custom-three-winter-walks", TODAY): 1})
    store.bump_generation()
    assert PATH not in feed_paths(client)
    assert SLUG not in rss_links(client)


def test_an_edit_refuses_a_listicle_withdrawn_while_it_was_being_prepared(
    client: FlaskClient, editor: dict[str, str], app: Flask
) -> None:
    client.post("/v1/listicles", json=WALKS, headers=editor)
    editing = Editing(app.extensions["horoscope"].publisher)
    asha = Editor("asha", "editor")
    target = editing.listicle(SLUG)  # read while listed
    EditorialListicles(editing).withdraw(SLUG, asha, None)  # another editor withdraws it
    with pytest.raises(Withdrawn):
        editing.patch(target, {"teaser": "Too late."}, asha, None)
    assert client.get(f"{PATH}/history", headers=editor).get_json()["items"][0]["action"] == "withdraw"


def test_an_editor_title_that_reads_as_a_catalog_topic_stays_reachable(
    client: FlaskClient, editor: dict[str, str]
) -> None:
    planned = daily_plan(date.fromisoformat(TOMORROW))
    catalog = load_catalog()
    unplanned = next(topic for topic_id, topic in sorted(catalog.items()) if topic_id not in planned)
    title = unplanned.variants[0].title
    body = {
        "date": TOMORROW,
        "title": title,
        "teaser": "Our own take.",
        "items": [{"heading": f"Tip {n}", "body": "Do it."} for n in range(unplanned.size)],
    }
    created = client.post("/v1/listicles", json=body, headers=editor)
    assert created.status_code == 201
    slug = created.get_json()["slug"]
    assert slug == f"{unplanned.slug_stem}-{TOMORROW}"  # reads as the catalog topic's slug too
    path = f"/v1/listicles/{slug}"
    assert day_slugs(client, TOMORROW)[0] == slug
    assert client.get(path).get_json()["source"] == "editorial"
    assert client.patch(path, json={"teaser": "Sharper."}, headers=editor).status_code == 200
    assert [r["action"] for r in client.get(f"{path}/history", headers=editor).get_json()["items"]] == [
        "patch",
        "create",
    ]
    assert client.delete(path, headers=editor).status_code == 204
    assert client.get(path).status_code == 410
    assert client.post(f"{path}/history/2/restore", json={}, headers=editor).status_code == 200
    assert client.get(path).get_json()["teaser"] == "Sharper."

    planned_topic = catalog[planned[0]]  # a title whose catalog reading runs that day is taken
    taken = {**body, "title": planned_topic.variants[0].title}
    taken["items"] = [{"heading": f"Tip {n}", "body": "Do it."} for n in range(planned_topic.size)]
    refused = client.post("/v1/listicles", json=taken, headers=editor)
    assert refused.status_code == 409
    assert "already runs" in refused.get_json()["detail"]


class Crash(Exception):
    """The process dies here."""


def test_a_create_that_dies_before_its_transaction_commits_leaves_nothing_and_a_retry_succeeds(
    client: FlaskClient,
    editor: dict[str, str],
    app: Flask,
    redis_client: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    generated = day_slugs(client)
    store = app.extensions["horoscope"].store
    commit = store.transaction

    def dies_before_exec(write: Callable[[Any], Any], *watch: str, **options: Any) -> Any:
        def write_then_die(pipe: Any) -> Any:
            write(pipe)  # everything queued, EXEC not sent: as a kill -9 at that moment
            raise Crash

        monkeypatch.setattr(store, "transaction", commit)  # only the first transaction dies
        return commit(write_then_die, *watch, **options)

    monkeypatch.setattr(store, "transaction", dies_before_exec)
    assert client.post("/v1/listicles", json=WALKS, headers=editor).status_code == 500  # the crash

    entry_id = listicle_id("custom-three-winter-walks", TODAY)
    assert redis_client.exists(store.keys.entry(entry_id), store.keys.history(entry_id)) == 0
    assert redis_client.exists(store.keys.override(listicle_plan_id(TODAY))) == 0
    assert day_slugs(client) == generated
    assert client.get(PATH).status_code == 404
    assert PATH not in feed_paths(client)

    retried = client.post("/v1/listicles", json=WALKS, headers=editor)
    assert retried.status_code == 201
    assert day_slugs(client) == [generated[0], SLUG, *generated[1:]]
    assert PATH in feed_paths(client)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("सर्दियों में सेहत के उपाय", f"sardiyon-mein-sehat-ke-upay-{TODAY}"),
        ("नींद के लिए आसान आदतें", f"nind-ke-liye-asan-adtein-{TODAY}"),
        ("Тhree Winter Walks", f"three-winter-walks-{TODAY}"),  # a Cyrillic Т
    ],
)
def test_titles_in_other_scripts_get_readable_slugs(
    client: FlaskClient, editor: dict[str, str], title: str, slug: str
) -> None:
    created = client.post("/v1/listicles", json={**WALKS, "title": title}, headers=editor)
    assert created.status_code == 201
    assert created.get_json()["slug"] == slug
    assert client.get(f"/v1/listicles/{slug}").get_json()["title"] == title


def test_titles_with_nothing_to_spell_get_distinct_stable_slugs(
    client: FlaskClient, editor: dict[str, str]
) -> None:
    slugs = [
        client.post("/v1/listicles", json={**WALKS, "title": title}, headers=editor).get_json()["slug"]
        for title in ("🌙✨🌟", "🌟✨🌙", "नींद के लिए आसान आदतें", "सर्दियों में सेहत के उपाय")
    ]
    assert len(set(slugs)) == 4
    assert re.fullmatch(rf"listicle-[0-9a-f]{{8}}-{TODAY}", slugs[0])
    assert client.get(f"/v1/listicles/{slugs[0]}").get_json()["title"] == "🌙✨🌟"
    assert client.post("/v1/listicles", json={**WALKS, "title": "🌙✨🌟"}, headers=editor).status_code == 409


def test_a_generated_listicle_cannot_be_withdrawn(client: FlaskClient, editor: dict[str, str]) -> None:
    generated = day_slugs(client)[0]
    refused = client.delete(f"/v1/listicles/{generated}", headers=editor)
    assert refused.status_code == 409
    assert refused.get_json()["type"] == "/problems/generated-listicle"
    assert generated in day_slugs(client)

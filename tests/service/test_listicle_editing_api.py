"""Editors' listicle overrides and editor-written listicles, against real Redis."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask.testing import FlaskClient

from service.content.listicles import compose_listicle, daily_plan, load_catalog

DAY = "2026-02-05"
NEW: dict[str, Any] = {
    "date": DAY,
    "position": 2,
    "title": "3 Monsoon Recipes From Our Readers",
    "teaser": "Three warming dishes our readers cook when the rains arrive.",
    "items": [
        {"heading": "Masoor Dal Soup", "body": "A thin, peppery dal to sip. It is quick and filling."},
        {"heading": "Corn Bhutta", "body": "Roasted on an open flame. Rub it with lime and chilli."},
        {
            "heading": "Ginger Tea",
            "body": "Brewed strong with fresh ginger. Best shared with family.",
            "facts": ["Warming"],
        },
    ],
    "tags": ["monsoon", "recipes"],
    "note": "Reader submissions, edited.",
}


def first_listicle(client: FlaskClient) -> dict[str, Any]:
    listicle: dict[str, Any] = client.get(f"/v1/listicles/{DAY}").get_json()["items"][0]
    return listicle


def test_reorder_and_remove_items_keeps_the_title_honest(client: FlaskClient, editor: dict[str, str]) -> None:
    listicle = first_listicle(client)
    items = [{key: item[key] for key in ("heading", "body", "facts")} for item in listicle["items"]]
    reordered = client.patch(
        f"/v1/listicles/{listicle['slug']}/override", json={"items": items[::-1]}, headers=editor
    )
    assert reordered.status_code == 200
    entry = reordered.get_json()
    assert [item["heading"] for item in entry["items"]] == [item["heading"] for item in listicle["items"]][
        ::-1
    ]
    assert [item["position"] for item in entry["items"]] == list(range(1, len(items) + 1))
    assert entry["overridden"] == ["items"]

    shorter = client.patch(
        f"/v1/listicles/{listicle['slug']}/override", json={"items": items[:-1]}, headers=editor
    )
    assert shorter.status_code == 422
    assert "title" in shorter.get_json()["errors"]["json"]

    count = len(items) - 1
    retitled = listicle["title"].replace(str(len(items)), str(count), 1)
    both = client.patch(
        f"/v1/listicles/{listicle['slug']}/override",
        json={"items": items[:-1], "title": retitled},
        headers=editor,
    )
    assert both.status_code == 200
    assert len(both.get_json()["items"]) == count
    assert client.get(f"/v1/listicles/{listicle['slug']}").get_json()["title"] == retitled


def test_listicle_history_and_revert(client: FlaskClient, editor: dict[str, str]) -> None:
    listicle = first_listicle(client)
    path = f"/v1/listicles/{listicle['slug']}"
    client.patch(f"{path}/override", json={"teaser": "A sharper teaser.", "note": "tighter"}, headers=editor)
    history = client.get(f"{path}/history", headers=editor).get_json()["items"]
    assert history[0]["changes"] == [
        {"field": "teaser", "before": listicle["teaser"], "after": "A sharper teaser."}
    ]
    reverted = client.delete(f"{path}/override", headers=editor)
    assert reverted.get_json()["teaser"] == listicle["teaser"]
    assert (
        client.post(f"{path}/history/1/restore", json={}, headers=editor).get_json()["teaser"]
        == "A sharper teaser."
    )


def test_an_editor_written_listicle_joins_its_date(client: FlaskClient, editor: dict[str, str]) -> None:
    before = [item["slug"] for item in client.get(f"/v1/listicles/{DAY}").get_json()["items"]]
    created = client.post("/v1/listicles", json=NEW, headers=editor)
    assert created.status_code == 201
    entry = created.get_json()
    assert entry["slug"] == f"3-monsoon-recipes-from-our-readers-{DAY}"
    assert created.headers["Location"] == f"/v1/listicles/{entry['slug']}"
    assert [item["position"] for item in entry["items"]] == [1, 2, 3]
    assert entry["items"][0]["facts"] == []
    after = [item["slug"] for item in client.get(f"/v1/listicles/{DAY}").get_json()["items"]]
    assert after == [before[0], entry["slug"], *before[1:]]
    assert client.get(f"/v1/listicles/{entry['slug']}").get_json()["title"] == NEW["title"]
    assert client.post("/v1/listicles", json=NEW, headers=editor).status_code == 409

    edited = client.patch(
        f"/v1/listicles/{entry['slug']}", json={"teaser": "Three dishes for rainy days."}, headers=editor
    )
    assert edited.status_code == 200
    assert edited.get_json()["source"] == "editorial"

    assert client.delete(f"/v1/listicles/{entry['slug']}", headers=editor).status_code == 204
    assert [item["slug"] for item in client.get(f"/v1/listicles/{DAY}").get_json()["items"]] == before
    assert client.get(f"/v1/listicles/{entry['slug']}").status_code == 410


def test_new_listicles_are_validated(client: FlaskClient, editor: dict[str, str]) -> None:
    wrong_count = {**NEW, "title": "5 Monsoon Recipes From Our Readers"}
    response = client.post("/v1/listicles", json=wrong_count, headers=editor)
    assert response.status_code == 422
    assert "title" in response.get_json()["errors"]["json"]
    markup = {**NEW, "items": [{"heading": "<i>Dal</i>", "body": "Good."}] * 3}
    assert client.post("/v1/listicles", json=markup, headers=editor).status_code == 422
    assert client.post("/v1/listicles", json={**NEW, "date": "2030-01-01"}, headers=editor).status_code == 404
    assert client.post("/v1/listicles", json=NEW).status_code == 401


def test_generated_listicles_cannot_be_deleted(client: FlaskClient, editor: dict[str, str]) -> None:
    listicle = first_listicle(client)
    response = client.delete(f"/v1/listicles/{listicle['slug']}", headers=editor)
    assert response.status_code == 409
    assert "override" in response.get_json()["detail"]


def test_an_edit_addresses_a_piece_by_its_own_published_slug(
    client: FlaskClient, editor: dict[str, str]
) -> None:
    """A topic runs under several titles; another title's slug for that date edits nothing, and the
    problem names the slug to use (reads answer the same)."""
    listicle = first_listicle(client)
    topic = load_catalog()[listicle["topic"]]
    others = [f"{v.slug_stem}-{DAY}" for v in topic.variants if f"{v.slug_stem}-{DAY}" != listicle["slug"]]
    assert others
    for slug in others:
        for method, path, body in (
            ("patch", f"/v1/listicles/{slug}/override", {"teaser": "Not through this address."}),
            ("post", f"/v1/listicles/{slug}/history/1/restore", {}),
            ("delete", f"/v1/listicles/{slug}/override", None),
            ("get", f"/v1/listicles/{slug}/history", None),
            ("delete", f"/v1/listicles/{slug}", None),
            ("get", f"/v1/listicles/{slug}", None),
        ):
            response = getattr(client, method)(path, json=body, headers=editor)
            assert response.status_code == 404, (method, path)
            assert response.mimetype == "application/problem+json"
            problem = response.get_json()
            assert problem["type"] == "/problems/not-the-published-slug", (method, path)
            assert problem["slug"] == listicle["slug"]
            assert listicle["slug"] in problem["detail"]
    own = client.get(f"/v1/listicles/{listicle['slug']}/history", headers=editor)
    assert own.status_code == 200
    assert own.get_json()["items"] == []  # nothing reached the piece through the other slugs
    assert client.get(f"/v1/listicles/{listicle['slug']}").get_json()["teaser"] == listicle["teaser"]
    edited = client.patch(
        f"/v1/listicles/{listicle['slug']}/override", json={"teaser": "Through its own slug."}, headers=editor
    )
    assert edited.status_code == 200
    assert edited.get_json()["teaser"] == "Through its own slug."


def test_another_titles_slug_is_refused_before_the_piece_is_stored(
    client: FlaskClient, editor: dict[str, str]
) -> None:
    """An editor's first touch may come before any reader's: the slug is checked against the title the
    plan gives the piece, and nothing is stored through the wrong one."""
    day = "2026-02-06"
    topic_id = daily_plan(date(2026, 2, 6))[0]
    own = compose_listicle(topic_id, date(2026, 2, 6)).slug
    other = next(
        f"{v.slug_stem}-{day}" for v in load_catalog()[topic_id].variants if f"{v.slug_stem}-{day}" != own
    )
    response = client.patch(f"/v1/listicles/{other}/override", json={"teaser": "Wrong door."}, headers=editor)
    assert response.status_code == 404
    assert response.get_json()["slug"] == own
    assert client.get(f"/v1/listicles/{own}").get_json()["teaser"] != "Wrong door."

"""Listicles in the console (the day's list, writing, editing, withdrawing, restoring, reordering) and
the admins' jobs page (Flask's test client, real Redis)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.console.forms import csrf_of, error_beside, form, html_text, sign_in, status_text

DAY = "/console/2026-02-05/listicles"
NEW = f"{DAY}/new"
SLUG = "3-winter-walks-near-delhi-2026-02-05"
PIECE = f"/console/listicles/{SLUG}"


@pytest.fixture
def desk(client: FlaskClient, tokens: dict[str, str]) -> FlaskClient:
    sign_in(client, tokens["editor"])
    return client


def items(*headings: str) -> dict[str, str]:
    """Item fields as the new-listicle form sends them."""
    fields = {}
    for n, heading in enumerate(headings, start=1):
        fields[f"items-{n}-heading"] = heading
        fields[f"items-{n}-body"] = f"About {heading}."
        fields[f"items-{n}-position"] = str(n)
    return fields


def write(desk: FlaskClient, **changes: str) -> Any:
    sent = form(desk.get(NEW).text, NEW)
    data = {
        **sent,
        "title": "3 Winter Walks Near Delhi",
        "teaser": "Three walks for a cold morning.",
        "tags": "winter, walking",
        "action": "create",
        **items("Lodhi Garden", "Sunder Nursery", "Hauz Khas"),
        **changes,
    }
    return desk.post(NEW, data=data)


def day_list(desk: FlaskClient) -> list[str]:
    return [item["slug"] for item in desk.get("/v1/listicles/2026-02-05").get_json()["items"]]


def test_the_days_list_shows_each_listicle_in_running_order(desk: FlaskClient) -> None:
    page = desk.get(DAY).text
    listed = desk.get("/v1/listicles/2026-02-05").get_json()["items"]
    positions = [page.index(f"/console/listicles/{item['slug']}") for item in listed]
    assert positions == sorted(positions)
    assert page.count(">Move up</button>") == len(listed) - 1
    assert "Write a new listicle" in page


def test_an_editor_writes_a_listicle_into_the_days_list(desk: FlaskClient, editor: dict[str, str]) -> None:
    answer = write(desk, position="2", note="weekend special")
    assert answer.status_code == 303
    assert answer.headers["Location"] == f"{PIECE}?done=created"
    assert status_text(desk.get(answer.headers["Location"]).text).startswith("Published")
    written = desk.get(f"/v1/listicles/{SLUG}").get_json()
    assert (written["source"], written["tags"]) == ("editorial", ["winter", "walking"])
    assert [item["heading"] for item in written["items"]] == ["Lodhi Garden", "Sunder Nursery", "Hauz Khas"]
    assert day_list(desk)[1] == SLUG
    record = desk.get(f"/v1/listicles/{SLUG}/history", headers=editor).get_json()["items"][0]
    assert (record["action"], record["by"], record["note"]) == ("create", "asha", "weekend special")


def test_a_new_listicles_problems_are_shown_beside_its_fields(desk: FlaskClient) -> None:
    answer = write(desk, title="5 Winter Walks Near Delhi", **{"items-2-body": "<script>x</script>"})
    assert answer.status_code == 422
    assert "The title promises 5 items but the list has 3" in error_beside(answer.text, "f-title")
    assert "Markup is not allowed" in error_beside(answer.text, "f-item-2-body")
    assert form(answer.text, NEW)["items-1-heading"] == "Lodhi Garden"  # nothing typed is lost
    assert write(desk).status_code == 303
    taken = write(desk)
    assert taken.status_code == 422
    assert "already runs on 2026-02-05" in error_beside(taken.text, "f-title")


def test_add_an_item_keeps_what_was_typed(desk: FlaskClient) -> None:
    answer = write(desk, action="add-item")
    assert answer.status_code == 200
    sent = form(answer.text, NEW)
    assert sent["title"] == "3 Winter Walks Near Delhi"
    assert sent["items-4-heading"] == ""


def test_editing_a_listicle_saves_items_in_their_new_order(desk: FlaskClient) -> None:
    write(desk)
    sent = form(desk.get(PIECE).text, PIECE)
    answer = desk.post(
        PIECE,
        data={
            **sent,
            "title": "4 Winter Walks Near Delhi",
            "items-1-position": "2",
            "items-2-position": "1",
            "items-3-remove": "1",
            "items-4-heading": "Mehrauli",
            "items-4-body": "Ruins in the woods.",
            "items-5-heading": "Nehru Park",  # typed into the spare item as well
            "items-5-body": "Lawns.",
        },
    )
    assert answer.status_code == 303, answer.text
    written = desk.get(f"/v1/listicles/{SLUG}").get_json()
    assert written["title"] == "4 Winter Walks Near Delhi"
    assert [item["heading"] for item in written["items"]] == [
        "Sunder Nursery",
        "Lodhi Garden",
        "Mehrauli",
        "Nehru Park",
    ]
    assert [item["position"] for item in written["items"]] == [1, 2, 3, 4]


def test_a_listicle_edit_meanwhile_gives_the_conflict_view(
    app: Flask, desk: FlaskClient, editor: dict[str, str]
) -> None:
    write(desk)
    mine = form(desk.get(PIECE).text, PIECE)
    changed = desk.patch(
        f"/v1/listicles/{SLUG}",
        json={"teaser": "Their teaser."},
        headers={**editor, "If-Match": mine["etag"]},
    )
    assert changed.status_code == 200
    answer = desk.post(PIECE, data={**mine, "title": "3 Cold Walks Near Delhi"})
    assert answer.status_code == 409
    merged = form(answer.text, PIECE)
    assert (merged["title"], merged["teaser"]) == ("3 Cold Walks Near Delhi", "Their teaser.")
    assert desk.post(PIECE, data=merged).status_code == 303
    written = desk.get(f"/v1/listicles/{SLUG}").get_json()
    assert (written["title"], written["teaser"]) == ("3 Cold Walks Near Delhi", "Their teaser.")


def test_withdrawing_takes_it_out_and_its_history_brings_it_back(desk: FlaskClient) -> None:
    write(desk, position="1")
    page = desk.get(DAY).text
    withdraw = f"{PIECE}/withdraw"
    answer = desk.post(withdraw, data={**form(page, withdraw), "note": "too late"})
    assert answer.status_code == 303
    assert answer.headers["Location"] == f"{DAY}?done=withdrawn"
    page = desk.get(answer.headers["Location"]).text
    assert status_text(page).startswith("Withdrawn")
    assert desk.get(f"/v1/listicles/{SLUG}").status_code == 410
    assert SLUG not in day_list(desk)
    assert f'href="{PIECE}/history"' in page[page.index('id="withdrawn-heading"') :]
    assert desk.get(PIECE).headers["Location"] == f"{PIECE}/history"  # no editor for a withdrawn one

    history = desk.get(f"{PIECE}/history").text
    assert "withdrawn: restore a version to list it again" in history
    assert history.count(">Restore</button>") == 2  # the withdrawal too: restoring it lists it again
    restore = f"{PIECE}/history/1/restore"
    answer = desk.post(restore, data=form(history, restore))
    assert answer.status_code == 303
    assert desk.get(f"/v1/listicles/{SLUG}").status_code == 200
    assert day_list(desk)[0] == SLUG  # back where it was


def test_generated_listicles_cannot_be_withdrawn_from_the_console(desk: FlaskClient) -> None:
    page = desk.get(DAY).text
    assert "Withdraw</button>" not in page
    slug = day_list(desk)[0]
    answer = desk.post(f"/console/listicles/{slug}/withdraw", data={"csrf_token": csrf_of(page)})
    assert answer.status_code == 409
    assert "cannot be withdrawn" in html_text(answer.text)


def test_moving_a_listicle_reorders_the_days_plan(desk: FlaskClient, redis_client: Any) -> None:
    before = day_list(desk)
    page = desk.get(DAY).text
    order = f"{DAY}/order"
    sent = form(page, order)
    topic = sent["order"][0]
    answer = desk.post(order, data={**sent, "move": f"{topic}:down"})
    assert answer.status_code == 303
    assert status_text(desk.get(answer.headers["Location"]).text) == "The day's running order is saved."
    assert day_list(desk) == [before[1], before[0], *before[2:]]
    stale = desk.post(order, data={**sent, "move": f"{topic}:down"})  # the page from before the move
    assert stale.status_code == 409
    assert day_list(desk) == [before[1], before[0], *before[2:]]


def test_the_jobs_page_is_for_admins(app: Flask, tokens: dict[str, str]) -> None:
    with app.test_client() as browser:
        sign_in(browser, tokens["editor"])
        refused = browser.get("/console/jobs")
        assert refused.status_code == 403
        assert "needs an admin's" in html_text(refused.text)
        csrf = csrf_of(browser.get("/console/2026-02-05").text)
        assert browser.post("/console/jobs/prefill/run", data={"csrf_token": csrf}).status_code == 403
        assert ">Jobs</a>" not in browser.get("/console/2026-02-05").text
    with app.test_client() as admin:
        sign_in(admin, tokens["admin"])
        page = admin.get("/console/jobs").text
        for name in ("refresh-tomorrow", "prefill", "prune"):
            assert f'id="job-{name}"' in page
        assert "No scheduler is running" in page
        answer = admin.post("/console/jobs/prefill/run", data=form(page, "/console/jobs/prefill/run"))
        assert answer.status_code == 303
        page = admin.get(answer.headers["Location"]).text
        runs = html_text(page[page.index('id="job-prefill"') : page.index('id="job-prune"')])
        assert "manual by ravi" in runs
        assert "succeeded" in runs

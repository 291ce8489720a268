"""The day board and the horoscope editor: cards, switches, saving with If-Match, the API's messages
beside each field, the conflict view, revert, history and restore (Flask's test client, real Redis)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from tests.console.forms import error_beside, form, sign_in, status_text

TOMORROW = "/console/2026-02-05"
LEO = f"{TOMORROW}/leo"
API_LEO = "/v1/horoscopes/leo/2026-02-05"


@pytest.fixture
def desk(client: FlaskClient, tokens: dict[str, str]) -> FlaskClient:
    """The test client, signed in as the editor asha."""
    sign_in(client, tokens["editor"])
    return client


def history(desk: FlaskClient, editor: dict[str, str]) -> list[dict[str, Any]]:
    """Leo's history through the API, newest first."""
    found: list[dict[str, Any]] = desk.get(f"{API_LEO}/history", headers=editor).get_json()["items"]
    return found


def editor_form(desk: FlaskClient, path: str = LEO) -> dict[str, Any]:
    return form(desk.get(path).text, path)


def save(desk: FlaskClient, sent: dict[str, Any], path: str = LEO, **changes: str) -> Any:
    return desk.post(path, data={**sent, **changes})


def test_the_console_opens_on_tomorrows_board_with_twelve_cards_as_the_portal_shows_them(
    desk: FlaskClient,
) -> None:
    answer = desk.get("/console")
    assert answer.status_code == 303
    assert answer.headers["Location"] == TOMORROW
    board = desk.get(TOMORROW).text
    portal = desk.get("/v1/horoscopes/2026-02-05").get_json()["items"]
    for reading in portal:
        sign = reading["sign"].capitalize()
        assert f">Edit {sign}</a>" in board
        assert escape(reading["headline"]) in board
        assert escape(reading["teaser"]) in board
        assert escape(reading["lucky"]["time"]) in board
    assert board.count('<span class="badge">Generated</span>') == 12
    assert 'rel="prev" href="/console/2026-02-04"' in board
    assert 'rel="next" href="/console/2026-02-06"' in board


def test_each_card_says_who_edited_it_and_when(desk: FlaskClient) -> None:
    save(desk, editor_form(desk), headline="A Day To Shine")
    board = desk.get(TOMORROW).text
    leo = board[board.index('id="card-leo"') : board.index('id="card-virgo"')]
    assert "A Day To Shine" in leo
    assert "by asha, 4 Feb 2026, 10:00 IST" in leo
    assert board.count('<span class="badge">Generated</span>') == 11


def test_the_board_switches_period_system_and_language(desk: FlaskClient) -> None:
    weekly = desk.get(f"{TOMORROW}?period=weekly").text
    assert "Leo Weekly Horoscope, February 02 - 08, 2026" in weekly
    assert "Week of Monday, February 02, 2026" in weekly
    assert 'rel="next" href="/console/2026-02-09?period=weekly"' in weekly
    assert 'href="/console/2026-02-02/leo?period=weekly">Edit Leo' in weekly
    sidereal = desk.get(f"{TOMORROW}?system=sidereal").text
    expected = desk.get("/v1/horoscopes/leo/2026-02-05?system=sidereal").get_json()["headline"]
    assert expected in sidereal
    assert 'aria-current="page">Sidereal (Vedic)' in sidereal
    assert 'aria-current="page">English' in desk.get(TOMORROW).text
    refused = desk.get(f"{TOMORROW}?lang=hi")
    assert refused.status_code == 404
    assert "Only English readings exist yet." in refused.text
    assert desk.get(f"{TOMORROW}?period=yearly").status_code == 404


def test_the_board_shows_the_coming_days_and_the_last_refresh(app: Flask, desk: FlaskClient) -> None:
    from jobs.definitions import job_named
    from service.api.jobs import runner

    with app.app_context():
        runner().run_manual(job_named("refresh-tomorrow"), started_by="cli:test")
    board = desk.get(TOMORROW).text
    glance = board[board.index('class="glance"') : board.index('class="board-head"')]
    assert re.search(r"Today</span>\s*<span class=\"day-date\">Wed 04 Feb", glance)
    assert "Tomorrow</span>" in glance
    assert "Friday</span>" in glance  # HOROSCOPE_LOOKAHEAD_DAYS: 2
    assert "Published" in glance  # tomorrow: both systems' 24 readings
    assert "Not published yet" in glance
    assert "Nightly refresh:</span>" in glance
    assert "succeeded" in glance


def test_a_day_outside_the_readers_window_is_a_page_not_a_problem_document(desk: FlaskClient) -> None:
    answer = desk.get("/console/2030-01-01")
    assert answer.status_code == 404
    assert answer.mimetype == "text/html"
    assert "outside the published window" in answer.text


def test_saving_sends_only_what_changed_with_if_match_under_the_tokens_name(
    desk: FlaskClient, editor: dict[str, str]
) -> None:
    sent = editor_form(desk)
    assert sent["etag"] == desk.get(API_LEO).headers["ETag"]
    answer = save(desk, sent, headline="A Day To Shine", note="festival special")
    assert answer.status_code == 303
    assert answer.headers["Location"] == f"{LEO}?done=saved"
    assert status_text(desk.get(answer.headers["Location"]).text) == "Saved. Readers see the new text now."
    reading = desk.get(API_LEO).get_json()
    assert reading["headline"] == "A Day To Shine"
    assert reading["title"] == "Leo Horoscope Tomorrow, February 05, 2026: A Day To Shine"
    assert reading["overridden"] == ["headline"]  # the untouched fields stay generated
    record = history(desk, editor)[0]
    assert (record["by"], record["action"], record["note"]) == ("asha", "patch", "festival special")


def test_every_editable_field_saves(desk: FlaskClient) -> None:
    sent = editor_form(desk)
    changes = {
        "teaser": "A new teaser.",
        "body": "First paragraph,\nwrapped.\n\nSecond paragraph.",
        "sections.love.text": "Love words.",
        "sections.love.rating": "5",
        "sections.health.rating": "1",
        "lucky.number": "7",
        "lucky.color": "Saffron",
        "lucky.time": "2:00 PM - 3:30 PM",
        "mood": "Festive",
        "compatibility": "aries",
    }
    assert save(desk, sent, **changes).status_code == 303
    reading = desk.get(API_LEO).get_json()
    assert reading["teaser"] == "A new teaser."
    assert reading["body"] == ["First paragraph, wrapped.", "Second paragraph."]
    assert reading["sections"]["love"] == {"text": "Love words.", "rating": 5}
    assert reading["sections"]["health"]["rating"] == 1
    assert reading["lucky"] == {"number": 7, "color": "Saffron", "time": "2:00 PM - 3:30 PM", "day": None}
    assert (reading["mood"], reading["compatibility"]) == ("Festive", "aries")


def test_unchanged_forms_save_nothing(desk: FlaskClient, editor: dict[str, str]) -> None:
    answer = save(desk, editor_form(desk))
    assert answer.headers["Location"] == f"{LEO}?done=unchanged"
    assert history(desk, editor) == []


def test_the_apis_messages_are_shown_beside_each_field_and_nothing_is_saved(desk: FlaskClient) -> None:
    sent = editor_form(desk)
    answer = save(
        desk,
        sent,
        headline="<b>Shine</b>",
        body="\n\n".join(f"Paragraph {n}." for n in range(11)),
        **{"lucky.time": "noon", "lucky.number": "seven", "sections.love.text": "Zero\u200bwidth"},
    )
    assert answer.status_code == 422
    page = answer.text
    assert "Markup is not allowed" in error_beside(page, "f-headline")
    assert 'id="f-headline" name="headline" value="&lt;b&gt;Shine&lt;/b&gt;"' in page  # kept, escaped
    assert "aria-invalid" in page[page.index('id="f-headline"') : page.index('id="f-headline"') + 400]
    assert error_beside(page, "f-body") == "1 to 10 paragraphs."
    assert error_beside(page, "f-lucky-time").startswith("Use a window like '2:00 PM - 3:30 PM'")
    assert "Must be a whole number" in error_beside(page, "f-lucky-number")
    assert "U+200B (ZERO WIDTH SPACE)" in error_beside(page, "f-love-text")
    assert desk.get(API_LEO).get_json()["source"] == "generated"


def test_a_paragraphs_message_names_the_paragraph(desk: FlaskClient) -> None:
    answer = save(desk, editor_form(desk), body="Fine.\n\nNot <i>fine</i>.")
    assert error_beside(answer.text, "f-body").startswith("Paragraph 2: Markup is not allowed")


def test_preview_shows_the_unsaved_text_as_the_portal_prints_it(desk: FlaskClient) -> None:
    answer = save(desk, editor_form(desk), headline="Preview Words", action="preview")
    assert answer.status_code == 200
    assert "Leo Horoscope Tomorrow, February 05, 2026: Preview Words" in answer.text
    assert desk.get(API_LEO).get_json()["source"] == "generated"


def test_a_colleagues_save_meanwhile_gives_both_versions_and_loses_nothing(
    app: Flask, desk: FlaskClient, tokens: dict[str, str]
) -> None:
    mine = editor_form(desk)
    colleague_token = app.extensions["horoscope"].tokens.create(
        "meera", "editor", app.extensions["horoscope"].clock()
    )
    with app.test_client() as colleague:
        sign_in(colleague, colleague_token)
        theirs = editor_form(colleague)
        assert (
            save(colleague, theirs, teaser="Meera's teaser.", headline="Meera's Headline").status_code == 303
        )

    answer = save(desk, mine, headline="Asha's Headline", mood="Asha's Mood")
    assert answer.status_code == 409
    page = answer.text
    assert "meera changed this reading while you were editing" in status_text(page)
    conflict = page[page.index('class="conflict"') : page.index("</section>")]
    assert "Meera&#39;s Headline" in conflict
    assert "Asha&#39;s Headline" in conflict
    assert "You both changed this" in conflict
    assert "Only they changed this" in conflict  # the teaser
    assert "Only you changed this" in conflict  # the mood
    merged = form(page, LEO)
    assert merged["headline"] == "Asha's Headline"  # hers, where both changed it
    assert merged["teaser"] == "Meera's teaser."  # the colleague's, which she never touched
    assert merged["mood"] == "Asha's Mood"
    assert merged["etag"] == desk.get(API_LEO).headers["ETag"]
    assert desk.get(API_LEO).get_json()["headline"] == "Meera's Headline"  # nothing of hers was written

    assert save(desk, merged).status_code == 303
    reading = desk.get(API_LEO).get_json()
    assert (reading["headline"], reading["teaser"], reading["mood"]) == (
        "Asha's Headline",
        "Meera's teaser.",
        "Asha's Mood",
    )


def test_revert_brings_back_the_generated_text_and_is_recorded(
    desk: FlaskClient, editor: dict[str, str]
) -> None:
    generated = desk.get(API_LEO).get_json()["headline"]
    save(desk, editor_form(desk), headline="A Day To Shine")
    page = desk.get(LEO).text
    answer = desk.post(f"{LEO}/revert", data={**form(page, f"{LEO}/revert"), "note": "wrong day"})
    assert answer.status_code == 303
    assert status_text(desk.get(answer.headers["Location"]).text).startswith("Reverted")
    reading = desk.get(API_LEO).get_json()
    assert (reading["headline"], reading["source"]) == (generated, "generated")
    record = history(desk, editor)[0]
    assert (record["action"], record["by"], record["note"]) == ("revert", "asha", "wrong day")
    assert f'action="{LEO}/revert"' not in desk.get(LEO).text  # nothing left to revert


def test_a_stale_revert_is_refused(desk: FlaskClient) -> None:
    save(desk, editor_form(desk), headline="First")
    revert = form(desk.get(LEO).text, f"{LEO}/revert")
    save(desk, editor_form(desk), headline="Second")
    answer = desk.post(f"{LEO}/revert", data=revert)
    assert answer.status_code == 409
    assert desk.get(API_LEO).get_json()["headline"] == "Second"


def test_history_reads_word_by_word_and_restores_a_version(desk: FlaskClient, editor: dict[str, str]) -> None:
    save(desk, editor_form(desk), headline="First Words Of The Desk", note="morning")
    save(desk, editor_form(desk), headline="Second Words Of The Desk")
    page = desk.get(f"{LEO}/history").text
    assert page.count('class="revision"') == 2
    assert "Edited</span>\n        by asha, 4 Feb 2026, 10:00 IST" in page
    assert "“morning”" in page
    newest = page[page.index('id="revision-2"') : page.index('id="revision-1"')]
    assert re.search(r"<del>.*First .*</del><ins>.*Second .*</ins>Words Of The Desk", newest, re.S)
    assert page.count(">Restore</button>") == 1  # every version but the current one

    restore = f"{LEO}/history/1/restore"
    answer = desk.post(restore, data=form(page, restore))
    assert answer.status_code == 303
    assert status_text(desk.get(answer.headers["Location"]).text).startswith("Restored")
    assert desk.get(API_LEO).get_json()["headline"] == "First Words Of The Desk"
    record = history(desk, editor)[0]
    assert (record["action"], record["restored_from"], record["by"]) == ("restore", 1, "asha")


def test_a_restore_from_a_stale_history_page_is_refused(desk: FlaskClient) -> None:
    save(desk, editor_form(desk), headline="First")
    save(desk, editor_form(desk), headline="Second")
    page = desk.get(f"{LEO}/history").text
    save(desk, editor_form(desk), headline="Third")
    restore = f"{LEO}/history/1/restore"
    answer = desk.post(restore, data=form(page, restore))
    assert answer.status_code == 409
    assert "Not restored" in status_text(answer.text)
    assert desk.get(API_LEO).get_json()["headline"] == "Third"


def test_weekly_and_sidereal_entries_are_edited_as_their_own(desk: FlaskClient) -> None:
    path = "/console/2026-02-02/leo?period=weekly&system=sidereal"
    sent = form(desk.get(path).text, path)
    answer = desk.post(path, data={**sent, "headline": "A Week Of Small Wins"})
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/console/2026-02-02/leo?done=saved&period=weekly&system=sidereal"
    weekly = desk.get("/v1/horoscopes/leo/2026-02-05?period=weekly&system=sidereal").get_json()
    assert weekly["headline"] == "A Week Of Small Wins"
    assert desk.get(API_LEO).get_json()["source"] == "generated"

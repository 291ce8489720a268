"""Editors write headlines; the title's prefix (sign, day word, date) is composed when read."""

from __future__ import annotations

import json

from flask.testing import FlaskClient

from service.store import Keys
from tests.conftest import Clock

ENTRY = "/v1/horoscopes/leo/2026-02-05"  # tomorrow, by the test clock
OVERRIDE = f"{ENTRY}/override"
OVERRIDE_KEY = Keys("hs").override("horoscope:tropical:daily:leo:2026-02-05")


def test_an_edited_headline_gets_the_day_word_of_the_moment_it_is_read(
    client: FlaskClient, editor: dict[str, str], clock: Clock
) -> None:
    response = client.patch(OVERRIDE, json={"headline": "A Day To Shine"}, headers=editor)
    assert response.status_code == 200
    assert response.get_json()["title"] == "Leo Horoscope Tomorrow, February 05, 2026: A Day To Shine"
    clock.advance(days=1)
    assert client.get(ENTRY).get_json()["title"] == "Leo Horoscope Today, February 05, 2026: A Day To Shine"


def test_a_house_style_title_is_kept_as_its_headline(
    client: FlaskClient, editor: dict[str, str], clock: Clock
) -> None:
    title = "Leo Horoscope Tomorrow, February 05, 2026: Festive Lights And Family Time"
    entry = client.patch(OVERRIDE, json={"title": title}, headers=editor).get_json()
    assert entry["headline"] == "Festive Lights And Family Time"
    assert entry["overridden"] == ["headline"]
    clock.advance(days=2)
    later = client.get(ENTRY).get_json()
    assert later["title"] == "Leo Horoscope Yesterday, February 05, 2026: Festive Lights And Family Time"


def test_a_title_without_its_date_is_accepted_too(client: FlaskClient, editor: dict[str, str]) -> None:
    response = client.patch(OVERRIDE, json={"title": "leo horoscope tomorrow: Bright Ideas"}, headers=editor)
    assert response.status_code == 200
    assert response.get_json()["title"] == "Leo Horoscope Tomorrow, February 05, 2026: Bright Ideas"


def test_a_title_in_another_style_is_refused_and_stores_nothing(
    client: FlaskClient, editor: dict[str, str], redis_client
) -> None:
    for title in (
        "A Day To Shine",
        "Leo Horoscope Tomorrow, February 06, 2026: Wrong Day",
        "Virgo Horoscope Today: X",
    ):
        response = client.patch(OVERRIDE, json={"title": title}, headers=editor)
        assert response.status_code == 422, title
        problem = response.get_json()
        assert "headline" in problem["detail"]
        assert "Leo Horoscope Tomorrow, February 05, 2026: <headline>" in problem["detail"]
    assert redis_client.get(OVERRIDE_KEY) is None


def test_a_title_and_a_headline_that_disagree_are_refused(
    client: FlaskClient, editor: dict[str, str]
) -> None:
    body = {"title": "Leo Horoscope Tomorrow: One Thing", "headline": "Another Thing"}
    response = client.patch(OVERRIDE, json=body, headers=editor)
    assert response.status_code == 422
    assert "differ" in response.get_json()["detail"]


def test_weekly_titles_follow_the_same_rule(client: FlaskClient, editor: dict[str, str]) -> None:
    weekly = "/v1/horoscopes/leo/2026-02-05/override?period=weekly"
    title = "Leo Weekly Horoscope, February 02 - 08, 2026: A Week Of Small Wins"
    entry = client.patch(weekly, json={"title": title}, headers=editor).get_json()
    assert entry["title"] == title
    assert entry["overridden"] == ["headline"]


def test_titles_stored_before_this_rule_still_read_right(
    client: FlaskClient, redis_client, clock: Clock
) -> None:
    client.get(ENTRY)  # published
    legacy = {
        "fields": {"title": "Leo Horoscope Tomorrow, February 05, 2026: Old Words"},
        "updated_at": "2026-02-04T05:00:00Z",
    }
    redis_client.set(OVERRIDE_KEY, json.dumps(legacy))
    clock.advance(days=1)  # a new day: nothing cached for it
    assert client.get(ENTRY).get_json()["title"] == "Leo Horoscope Today, February 05, 2026: Old Words"

    verbatim = {"fields": {"title": "A Free-Form Title From Long Ago"}, "updated_at": "2026-02-04T05:00:00Z"}
    redis_client.set(OVERRIDE_KEY, json.dumps(verbatim))
    clock.advance(days=1)
    assert client.get(ENTRY).get_json()["title"] == "A Free-Form Title From Long Ago"

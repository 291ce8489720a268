"""The console in a real headless Chromium against a real `horoscope-service serve` (gunicorn and its
embedded Redis): what a desk editor does, and axe-core on every page they see."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pytest
from selenium.webdriver.common.by import By

from tests.console.browser import Desk, chromium
from tests.service.test_serve import ROOT, get, start_serve, stop

pytestmark = pytest.mark.slow


class Service:
    """A running `serve`, and tokens made with the CLI as an admin would.

    One worker: what the public API shows right after a console write is then that worker's, which
    took the write (other workers follow within HOROSCOPE_CACHE_CHECK_SECONDS, tested elsewhere).
    """

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.server, port = start_serve(tmp_path, workers=1)
        self.base = f"http://127.0.0.1:{port}"
        self.tokens = {name: self.create_token(name, role) for name, role in self.ROLES.items()}

    ROLES: ClassVar[dict[str, str]] = {"asha": "editor", "meera": "editor", "ravi": "admin"}

    def create_token(self, name: str, role: str) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("HOROSCOPE_")}
        env["HOROSCOPE_DATA_DIR"] = str(self.tmp_path / "var")
        made = subprocess.run(
            [sys.executable, "-m", "service.cli", "tokens", "create", "--name", name, "--role", role],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return made.stdout.strip()

    def api(self, path: str) -> tuple[int, Any]:
        status, body = get(self.base + path)
        return status, json.loads(body)

    def tomorrow(self) -> date:
        return date.fromisoformat(self.api("/v1/horoscopes/leo/tomorrow")[1]["date"])


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    running = Service(tmp_path_factory.mktemp("console"))
    yield running
    stop(running.server)


@pytest.fixture
def desk(service: Service) -> Iterator[Desk]:
    driver = chromium()
    yield Desk(driver, service.base)
    driver.quit()


def checked(desk: Desk, screenshot: str | None = None) -> None:
    """No serious or critical WCAG 2.1 AA violations on the page the editor sees (and its picture)."""
    assert desk.accessibility_problems() == []
    if screenshot:
        desk.screenshot(screenshot)


def test_an_editor_signs_in_reviews_tomorrow_edits_leo_and_readers_see_it(
    service: Service, desk: Desk
) -> None:
    desk.open("/console")
    assert "Sign in" in desk.heading()
    checked(desk, "sign-in")
    desk.type_into("Token", service.tokens["asha"])
    desk.click_and_wait(desk.button("Sign in"))

    tomorrow = service.tomorrow()
    assert desk.driver.current_url.endswith(f"/console/{tomorrow.isoformat()}")
    cards = desk.driver.find_elements(By.CSS_SELECTOR, ".cards > li")
    assert len(cards) == 12
    assert "Leo Horoscope Tomorrow" in desk.driver.page_source
    checked(desk, "board")

    desk.click_and_wait(desk.link("Edit Leo"))
    checked(desk, "editor")
    desk.type_into("Title", "A Festival Of Small Kindnesses")
    desk.type_into("Note for the history", "festival special")
    desk.click_and_wait(desk.button("Save"))
    assert desk.status().startswith("Saved")

    desk.click_and_wait(desk.link("Back to the board"))
    leo = desk.driver.find_element(By.XPATH, "//article[.//p[@id='card-leo']]")
    assert "A Festival Of Small Kindnesses" in leo.text
    assert "EDITED by asha" in leo.text  # the badge is set in capitals

    status, reading = service.api("/v1/horoscopes/leo/tomorrow")
    assert status == 200
    assert reading["headline"] == "A Festival Of Small Kindnesses"
    assert reading["title"].endswith(": A Festival Of Small Kindnesses")
    assert reading["source"] == "override"


def test_a_colleagues_save_meanwhile_shows_both_versions_and_keeps_what_was_typed(
    service: Service, desk: Desk
) -> None:
    colleague = Desk(chromium(), service.base)
    try:
        desk.sign_in(service.tokens["asha"])
        colleague.sign_in(service.tokens["meera"])
        path = f"/console/{service.tomorrow().isoformat()}/virgo"
        desk.open(path)
        colleague.open(path)

        colleague.type_into("Teaser", "Meera's teaser for Virgo, written first.")
        colleague.click_and_wait(colleague.button("Save"))
        assert colleague.status().startswith("Saved")

        desk.type_into("Title", "Asha's Headline, Typed Meanwhile")
        desk.click_and_wait(desk.button("Save"))
        assert "meera changed this reading while you were editing" in desk.status()
        conflict = desk.driver.find_element(By.CSS_SELECTOR, ".conflict").text
        assert "Meera's teaser for Virgo, written first." in conflict
        assert "Asha's Headline, Typed Meanwhile" in conflict
        checked(desk, "conflict")
        # The form holds both: her headline, and the colleague's teaser she never touched.
        assert desk.field("Title").get_attribute("value") == "Asha's Headline, Typed Meanwhile"
        assert desk.field("Teaser").get_attribute("value") == "Meera's teaser for Virgo, written first."

        desk.click_and_wait(desk.button("Save"))
        assert desk.status().startswith("Saved")
        _, reading = service.api(f"/v1/horoscopes/virgo/{service.tomorrow().isoformat()}")
        assert reading["headline"] == "Asha's Headline, Typed Meanwhile"
        assert reading["teaser"] == "Meera's teaser for Virgo, written first."
    finally:
        colleague.driver.quit()


def test_history_shows_each_change_word_by_word_and_restores_one(service: Service, desk: Desk) -> None:
    desk.sign_in(service.tokens["asha"])
    day = service.tomorrow().isoformat()
    _, generated = service.api(f"/v1/horoscopes/libra/{day}")
    desk.open(f"/console/{day}/libra")
    desk.type_into("Title", "First Words Of The Desk")
    desk.click_and_wait(desk.button("Save"))
    desk.type_into("Title", "Second Words Of The Desk")
    desk.click_and_wait(desk.button("Save"))

    desk.click_and_wait(desk.link("History"))
    checked(desk, "history")
    revisions = desk.driver.find_elements(By.CSS_SELECTOR, ".revision")
    assert len(revisions) == 2
    # The newest change, word by word: only the word that changed is struck out and added.
    newest = revisions[0]
    assert [d.text.split() for d in newest.find_elements(By.TAG_NAME, "del")] == [["[removed:", "First", "]"]]
    assert [i.text.split() for i in newest.find_elements(By.TAG_NAME, "ins")] == [["[added:", "Second", "]"]]

    restore = revisions[1].find_element(By.XPATH, ".//button[normalize-space(.)='Restore']")
    desk.click_and_wait(restore)
    assert desk.status().startswith("Restored")
    _, reading = service.api(f"/v1/horoscopes/libra/{day}")
    assert reading["headline"] == "First Words Of The Desk"
    assert reading["teaser"] == generated["teaser"]


def test_an_editor_writes_a_listicle_and_withdraws_it(service: Service, desk: Desk) -> None:
    desk.sign_in(service.tokens["asha"])
    day = service.tomorrow().isoformat()
    desk.open(f"/console/{day}/listicles")
    checked(desk, "listicles")
    desk.click_and_wait(desk.link("Write a new listicle"))
    checked(desk)
    desk.type_into("Title", "3 Winter Walks Near Delhi")
    desk.type_into("Teaser", "Short, flat and green: three walks for a cold weekend morning.")
    for n, (heading, text) in enumerate(
        [
            ("Lodhi Garden", "Tombs and lawns."),
            ("Sunder Nursery", "Restored gardens."),
            ("Hauz Khas", "A lake."),
        ],
        start=1,
    ):
        desk.driver.find_element(By.ID, f"f-item-{n}-heading").send_keys(heading)
        desk.driver.find_element(By.ID, f"f-item-{n}-body").send_keys(text)
    desk.click_and_wait(desk.button("Publish"))
    assert desk.status().startswith("Published")
    slug = f"3-winter-walks-near-delhi-{day}"
    assert service.api(f"/v1/listicles/{slug}")[0] == 200

    desk.open(f"/console/{day}/listicles")
    desk.click_and_wait(
        desk.driver.find_element(By.XPATH, "//button[@aria-label='Withdraw 3 Winter Walks Near Delhi']")
    )
    assert desk.status().startswith("Withdrawn")
    assert service.api(f"/v1/listicles/{slug}")[0] == 410
    assert slug in desk.driver.find_element(By.CSS_SELECTOR, ".withdrawn").text


def test_the_jobs_page_refuses_an_editor_and_runs_a_job_for_an_admin(service: Service, desk: Desk) -> None:
    desk.sign_in(service.tokens["asha"])
    desk.open("/console/jobs")
    assert desk.heading() == "Forbidden"
    assert "needs an admin's" in desk.driver.find_element(By.CSS_SELECTOR, "[role=alert]").text
    checked(desk)

    admin = Desk(chromium(), service.base)
    try:
        admin.sign_in(service.tokens["ravi"])
        admin.open("/console/jobs")
        checked(admin, "jobs")
        admin.click_and_wait(admin.driver.find_element(By.XPATH, "//button[@aria-label='Run now: prefill']"))
        assert admin.status().startswith("The job ran")
        runs = admin.driver.find_element(By.ID, "job-prefill").text
        assert "manual by ravi" in runs
        assert "succeeded" in runs
    finally:
        admin.driver.quit()


def test_the_board_reads_on_a_phone(service: Service) -> None:
    phone = Desk(chromium(width=390, height=844), service.base)
    try:
        phone.sign_in(service.tokens["asha"])
        checked(phone, "board-phone")
        overflow = phone.driver.execute_script(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        assert not overflow, "the board scrolls sideways on a phone"
    finally:
        phone.driver.quit()


def test_pages_are_never_cached(service: Service) -> None:
    request = urllib.request.Request(service.base + "/console/sign-in")
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.headers["Cache-Control"] == "private, no-store"

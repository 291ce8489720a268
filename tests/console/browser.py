"""Driving the console in a real headless Chromium (Debian's chromium and chromedriver) with Selenium,
and checking pages with axe-core (4.14.1, vendored beside this file with its licence)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
AXE = (Path(__file__).parent / "axe.min.js").read_text()
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Set to a directory to keep screenshots of the pages the tests visit (e.g. /tmp/console-shots).
SCREENSHOTS = os.environ.get("HOROSCOPE_CONSOLE_SCREENSHOTS")


def chromium(width: int = 1366, height: int = 900) -> webdriver.Chrome:
    """A headless Chromium with a laptop's window."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--window-size={width},{height}",
        "--lang=en-GB",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.implicitly_wait(0)
    return driver


class Desk:
    """One editor's browser on the console: find things as a person (or a screen reader) would."""

    def __init__(self, driver: webdriver.Chrome, base: str) -> None:
        self.driver = driver
        self.base = base

    def open(self, path: str) -> None:
        self.driver.get(self.base + path)

    def wait(self) -> WebDriverWait[webdriver.Chrome]:
        return WebDriverWait(self.driver, 15)

    def field(self, label: str) -> WebElement:
        """The form control a <label> with exactly this text names."""
        found = self.driver.find_element(
            By.XPATH,
            f"//label[normalize-space(.)={_quoted(label)} or normalize-space(text()[1])={_quoted(label)}]",
        )
        return self.driver.find_element(By.ID, found.get_attribute("for") or "")

    def button(self, text: str) -> WebElement:
        return self.driver.find_element(By.XPATH, f"//button[normalize-space(.)={_quoted(text)}]")

    def link(self, text: str) -> WebElement:
        return self.driver.find_element(By.XPATH, f"//a[normalize-space(.)={_quoted(text)}]")

    def click_and_wait(self, element: WebElement) -> None:
        """Click something that loads a new page, and wait until it has."""
        element.click()
        self.wait().until(expected_conditions.staleness_of(element))

    def type_into(self, label: str, text: str) -> None:
        field = self.field(label)
        field.clear()
        field.send_keys(text)

    def status(self) -> str:
        return self.driver.find_element(By.CSS_SELECTOR, "[role=status]").text

    def heading(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def sign_in(self, token: str) -> None:
        self.open("/console")
        self.type_into("Token", token)
        self.click_and_wait(self.button("Sign in"))

    def accessibility_problems(self) -> list[dict[str, Any]]:
        """axe-core's serious and critical WCAG 2.1 A/AA violations on the current page."""
        self.driver.execute_script(AXE)
        violations: list[dict[str, Any]] = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
            ".then(result => done(result.violations), error => done([{id: 'axe-error', impact: 'critical',"
            " help: String(error), nodes: []}]));",
            WCAG_AA,
        )
        return [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]],
            }
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]

    def screenshot(self, name: str) -> None:
        """Keep a full-page screenshot when HOROSCOPE_CONSOLE_SCREENSHOTS names a directory."""
        if not SCREENSHOTS:
            return
        directory = Path(SCREENSHOTS)
        directory.mkdir(parents=True, exist_ok=True)
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        width = self.driver.get_window_size()["width"]
        self.driver.set_window_size(width, min(int(height) + 120, 6000))
        self.driver.save_screenshot(str(directory / f"{name}.png"))
        self.driver.set_window_size(width, 900)


def _quoted(text: str) -> str:
    """An XPath string literal of `text`."""
    if "'" not in text:
        return f"'{text}'"
    return "concat(" + ', "\'", '.join(f"'{part}'" for part in text.split("'")) + ")"

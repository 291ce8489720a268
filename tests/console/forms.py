"""Reading console pages in tests as a browser would submit them: a form's fields and their values."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

from flask.testing import FlaskClient


class _Forms(HTMLParser):
    """Every <form>'s action and its fields' names and values (as a browser would send them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._form: list[tuple[str, str]] | None = None
        self._text: tuple[str, list[str]] | None = None  # an open textarea: its name and text
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._form = []
            self.forms.append((found.get("action", ""), self._form))
        elif self._form is None:
            return
        elif tag == "input" and "name" in found and found.get("type") not in ("checkbox", "submit"):
            self._form.append((found["name"], found.get("value", "")))
        elif tag == "textarea" and "name" in found:
            self._text = (found["name"], [])
        elif tag == "select" and "name" in found:
            self._select, self._options = found["name"], []
        elif tag == "option" and self._select is not None:
            self._options.append((found.get("value", ""), "selected" in found))

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._text is not None and self._form is not None:
            name, parts = self._text
            self._form.append((name, "".join(parts).removeprefix("\n")))
            self._text = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = [value for value, selected in self._options if selected] or [self._options[0][0]]
            self._form.append((self._select, chosen[0]))
            self._select = None
        elif tag == "form":
            self._form = None


def form(html: str, action: str) -> dict[str, Any]:
    """The fields of the page's form that posts to `action` (a path, matched without its query)."""
    parser = _Forms()
    parser.feed(html)
    for found_action, fields in parser.forms:
        if found_action.split("?")[0] == action.split("?")[0]:
            values: dict[str, Any] = {}
            for name, value in fields:
                values.setdefault(name, []).append(value)
            return {name: found[0] if len(found) == 1 else found for name, found in values.items()}
    raise AssertionError(f"no form posts to {action}")


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def sign_in(client: FlaskClient, token: str) -> None:
    """Sign in as a browser does: open the form, send the token with the form's CSRF token."""
    page = client.get("/console/sign-in")
    answer = client.post("/console/sign-in", data={"csrf_token": csrf_of(page.text), "token": token})
    assert answer.status_code == 303, answer.text


def status_text(html: str) -> str:
    found = re.search(r'role="status"[^>]*>([^<]*)<', html)
    assert found, "the page has no status element"
    return unescape(found.group(1))


def error_beside(html: str, field_id: str) -> str:
    """The messages shown under a field (its element `<id>-error`), as text."""
    found = re.search(rf'id="{field_id}-error">(.*?)</div>', html, re.S)
    assert found, f"no error beside {field_id}"
    return html_text(found.group(1))


def html_text(fragment: str) -> str:
    """A fragment of a page as a reader reads it: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()

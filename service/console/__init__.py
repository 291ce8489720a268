"""The editors' console: server-rendered pages over the same editing code as the API.

Desk editors sign in with their token, review a day's readings as the portal shows them, edit,
revert and restore, and manage the day's listicles; admins also see and run the jobs. Pages are
Jinja templates with a small script of the package's own; nothing is loaded from elsewhere.
"""

from __future__ import annotations

from flask import Flask


def register_console(app: Flask) -> None:
    """Mount the console's pages under /console."""
    from service.console import board, horoscopes, jobs, listicles, signin  # noqa: F401  (their routes)
    from service.console.pages import bp

    app.register_blueprint(bp)

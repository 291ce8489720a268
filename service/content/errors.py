"""The domain's errors. Each carries the HTTP status it maps to, so the web layer maps them once."""

from typing import Any


class ContentError(Exception):
    """Base of every error the domain raises on purpose."""

    status = 400
    title = "Bad request"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    def headers(self) -> dict[str, str]:
        """HTTP headers the answer needs (WWW-Authenticate, Retry-After, ...)."""
        return {}

    def members(self) -> dict[str, Any]:
        """Extra members of the problem document (per-field errors, the current version, ...)."""
        return {}


class UnknownSign(ContentError):
    """A sign name that is neither a tropical nor a sidereal sign name."""

    status = 404
    title = "Unknown sign"


class UnknownTopic(ContentError):
    """A listicle topic or slug the catalog does not have."""

    status = 404
    title = "Not found"


class NotThePublishedSlug(UnknownTopic):
    """Another title's slug for a listicle published under its own: a topic runs under several
    titles, and only the one it ran under that day names the piece, for readers and editors alike."""

    def __init__(self, slug: str, published: str) -> None:
        super().__init__(
            f"No listicle was published as '{slug}': that date's piece on this topic runs under another "
            f"title, as '{published}'. Read or edit it there."
        )
        self.published = published

    def members(self) -> dict[str, Any]:
        return {"slug": self.published}


class DateOutOfRange(ContentError):
    """A date the ephemeris cannot compute, or outside the published window."""

    status = 404
    title = "Date out of range"

"""Where readers find things: the portal's pages, and this API's public address, as configured.

Links the service hands out (the feed's items, its RSS channel) come from settings only, never from
a request's Host or X-Forwarded-* headers: the answers are cached and shared by every reader.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from service.config import Config


class PublicUrls:
    """Absolute URLs of entries' portal pages (or, without a template, their API URLs) and of the feed."""

    def __init__(self, config: Config) -> None:
        self.base = config.public_base_url.rstrip("/")
        self._portal = config.portal_url
        self._horoscope = config.portal_horoscope_url_template
        self._listicle = config.portal_listicle_url_template
        self._hindi_portal = config.portal_hindi_url
        self._hindi_horoscope = config.portal_hindi_horoscope_url_template

    def api(self, path: str) -> str:
        """The public URL of an API path such as '/v1/feed'."""
        return self.base + path

    def horoscope(self, path: str, sign: str, day: str, period: str, system: str) -> str:
        """A horoscope's portal page; its API URL (`path`) when no template is set."""
        if self._horoscope is None:
            return self.api(path)
        return self._horoscope.format_map(_quoted(sign=sign, date=day, period=period, system=system))

    def hindi_horoscope(self, path: str, sign: str, rashi: str, day: str, period: str) -> str:
        """A Hindi rashifal's portal page; its API URL (`path`, with ?lang=hi) when no template is set."""
        if self._hindi_horoscope is None:
            return self.api(path)
        return self._hindi_horoscope.format_map(_quoted(sign=sign, rashi=rashi, date=day, period=period))

    def listicle(self, path: str, slug: str, day: str, topic: str) -> str:
        """A listicle's portal page; its API URL (`path`) when no template is set."""
        if self._listicle is None:
            return self.api(path)
        return self._listicle.format_map(_quoted(slug=slug, date=day, topic=topic))

    def portal(self) -> str:
        """The portal page the feed stands for; the JSON feed when none is set."""
        return self._portal or self.api("/v1/feed")

    def hindi_portal(self) -> str:
        """The portal page the Hindi feed stands for; the Hindi JSON feed when none is set."""
        return self._hindi_portal or self.api("/v1/feed?lang=hi")

    def feed(self, path: str, query: list[tuple[str, str]]) -> str:
        """The public URL of a feed document, with its query."""
        return self.api(path) + (f"?{urlencode(query)}" if query else "")


def _quoted(**values: str) -> dict[str, str]:
    # Slugs, signs and dates are URL-safe already; quoting keeps a template's URL valid regardless.
    return {name: quote(value, safe="") for name, value in values.items()}

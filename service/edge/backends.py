"""The edges purges go to, behind one small interface: purge these tags, softly or not.

Each speaks its vendor's documented HTTP API through `requests` (README, "Behind a CDN", links them):

- Varnish, each node on its own: `PURGE /` with `xkey-softpurge: <tags>` (or `xkey-purge` for a hard
  one) and, when set, `X-Purge-Token`; deploy/varnish/default.vcl answers it.
- Fastly: `POST /service/<id>/purge` with `Surrogate-Key: <tags>` (256 at most), `Fastly-Key`, and
  `Fastly-Soft-Purge: 1` unless hard.
- Cloudflare: `POST /zones/<zone>/purge_cache` with `{"tags": [...]}` (100 at most), a bearer token.
  Cloudflare has no soft purge: every purge deletes.
- Akamai Fast Purge v3: `POST /ccu/v3/invalidate/tag/<network>` (soft; `delete` when hard) with
  `{"objects": [...]}`, signed with EdgeGrid (Akamai's `edgegrid-python`).

A failure says whether it is worth retrying: a timeout, a refused connection, 429 or 5xx are (429's
Retry-After is honoured); any other answer means a setting is wrong, and retrying cannot help.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol
from urllib.parse import urlsplit

import requests

from service.config import Config

RETRYABLE = frozenset({408, 425, 429, 500, 502, 503, 504})


class PurgeFailed(Exception):
    """A purge the backend did not confirm; `retryable` says whether trying again may work."""

    def __init__(self, message: str, *, retryable: bool, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after


class PurgeTarget(Protocol):
    """One cache to purge: a Varnish node, a Fastly service, a Cloudflare zone, an Akamai network."""

    name: str  # stable, closed set: the consumer group's name and the metrics' label
    max_tags: int  # tags one request may carry

    def purge(self, tags: Sequence[str], hard: bool) -> str:
        """Purge every object carrying any of `tags`; what the backend said, for the log. PurgeFailed."""
        ...


class HttpTarget:
    """The HTTP plumbing every backend shares: a session, a timeout, and what each answer means."""

    name = ""
    max_tags = 100

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "horoscope-service purge"

    def send(self, method: str, url: str, **arguments: Any) -> requests.Response:
        """The answer to one request; PurgeFailed unless it is a 2xx."""
        try:
            response = self.session.request(method, url, timeout=self.timeout, **arguments)
        except requests.RequestException as error:
            raise PurgeFailed(f"{self.name}: {type(error).__name__}: {error}", retryable=True) from error
        if 200 <= response.status_code < 300:
            return response
        retryable = response.status_code in RETRYABLE
        raise PurgeFailed(
            f"{self.name}: {method} {urlsplit(url).path} answered {response.status_code}: "
            f"{response.text[:200]}",
            retryable=retryable,
            retry_after=_seconds(response.headers.get("Retry-After")) if retryable else None,
        )


class VarnishNode(HttpTarget):
    """One Varnish node with the xkey vmod, purged through the reference VCL."""

    max_tags = 200  # ~ 30 bytes each: the request header stays far below http_req_hdr_len (8 KiB)

    def __init__(self, base_url: str, token: str | None, timeout: float) -> None:
        super().__init__(timeout)
        self.url = base_url.rstrip("/") + "/"
        self.name = f"varnish@{urlsplit(base_url).netloc}"
        self.token = token

    def purge(self, tags: Sequence[str], hard: bool) -> str:
        headers = {"xkey-purge" if hard else "xkey-softpurge": " ".join(tags)}
        if self.token:
            headers["X-Purge-Token"] = self.token
        return self.send("PURGE", self.url, headers=headers).text.strip()[:200]


class Fastly(HttpTarget):
    """A Fastly service, purged by surrogate key."""

    name = "fastly"
    max_tags = 256

    def __init__(self, api_url: str, service_id: str, token: str, timeout: float) -> None:
        super().__init__(timeout)
        self.url = f"{api_url}/service/{service_id}/purge"
        self.token = token

    def purge(self, tags: Sequence[str], hard: bool) -> str:
        headers = {"Fastly-Key": self.token, "Surrogate-Key": " ".join(tags), "Accept": "application/json"}
        if not hard:
            headers["Fastly-Soft-Purge"] = "1"
        return self.send("POST", self.url, headers=headers).text[:200]


class Cloudflare(HttpTarget):
    """A Cloudflare zone, purged by cache tag (always a hard purge: Cloudflare has no soft one)."""

    name = "cloudflare"
    max_tags = 100

    def __init__(self, api_url: str, zone_id: str, token: str, timeout: float) -> None:
        super().__init__(timeout)
        self.url = f"{api_url}/zones/{zone_id}/purge_cache"
        self.token = token

    def purge(self, tags: Sequence[str], hard: bool) -> str:
        response = self.send(
            "POST", self.url, json={"tags": list(tags)}, headers={"Authorization": f"Bearer {self.token}"}
        )
        answer = response.json()
        if not answer.get("success"):  # a 200 that says it failed
            raise PurgeFailed(f"cloudflare: {answer.get('errors')}", retryable=False)
        return f"purge {answer.get('result', {}).get('id', '')}"


class Akamai(HttpTarget):
    """An Akamai network, purged with Fast Purge v3 by cache tag: invalidate (soft) or delete (hard)."""

    name = "akamai"
    max_tags = 100

    def __init__(self, config: Config, timeout: float) -> None:
        from akamai.edgegrid import EdgeGridAuth  # only a scheduler purging Akamai needs it

        super().__init__(timeout)
        assert config.akamai_base_url  # every setting is there: Config refuses to start otherwise
        assert config.akamai_client_token
        assert config.akamai_client_secret
        assert config.akamai_access_token
        self.base_url = config.akamai_base_url
        self.network = config.akamai_network
        self.session.auth = EdgeGridAuth(
            client_token=config.akamai_client_token,
            client_secret=config.akamai_client_secret,
            access_token=config.akamai_access_token,
        )

    def purge(self, tags: Sequence[str], hard: bool) -> str:
        action = "delete" if hard else "invalidate"
        url = f"{self.base_url}/ccu/v3/{action}/tag/{self.network}"
        answer = self.send("POST", url, json={"objects": list(tags)}).json()
        return f"purgeId {answer.get('purgeId')}, estimated {answer.get('estimatedSeconds')} s"


def target_names(config: Config) -> list[str]:
    """The names of the targets `purge_targets` makes, without making them (for /metrics and /readyz)."""
    names: list[str] = []
    for backend in config.edge_backends:
        if backend == "varnish":
            names += [f"varnish@{urlsplit(url).netloc}" for url in config.varnish_urls]
        else:
            names.append(backend)
    return names


def purge_targets(config: Config) -> list[PurgeTarget]:
    """Every cache the configured backends name, each Varnish node on its own."""
    timeout = config.edge_purge_timeout_seconds
    targets: list[PurgeTarget] = []
    for backend in config.edge_backends:
        if backend == "varnish":
            targets += [VarnishNode(url, config.varnish_purge_token, timeout) for url in config.varnish_urls]
        elif backend == "fastly":
            assert config.fastly_service_id
            assert config.fastly_api_token
            targets.append(
                Fastly(config.fastly_api_url, config.fastly_service_id, config.fastly_api_token, timeout)
            )
        elif backend == "cloudflare":
            assert config.cloudflare_zone_id
            assert config.cloudflare_api_token
            targets.append(
                Cloudflare(
                    config.cloudflare_api_url, config.cloudflare_zone_id, config.cloudflare_api_token, timeout
                )
            )
        elif backend == "akamai":
            targets.append(Akamai(config, timeout))
    return targets


def _seconds(value: str | None) -> float | None:
    """Retry-After in seconds (an HTTP date is rare from these APIs and read as no hint)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None

"""Who is really asking: the client address behind the proxies the operator trusts.

The TCP peer is the client unless it is one of HOROSCOPE_TRUSTED_PROXIES. Then X-Forwarded-For is
read from the right: each proxy appends the address it saw, so the right-most hop that is not a
trusted proxy is the first one nobody we trust could have forged. Anything left of it is the
client's own say and is ignored. With no trusted proxies (the default) headers are never read.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable
from typing import Any

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

CLIENT = "horoscope.client"  # where the resolved address is kept in the WSGI environ


def parse_networks(value: str) -> tuple[Network, ...]:
    """'10.0.0.0/8, 192.168.1.7' as networks; ValueError naming the first entry that is neither."""
    networks = []
    for part in value.split(","):
        text = part.strip()
        if not text:
            continue
        try:
            networks.append(ipaddress.ip_network(text, strict=False))
        except ValueError:
            raise ValueError(f"'{text}' is not an IP address or CIDR network (e.g. 10.0.0.0/8)") from None
    return tuple(networks)


def parse_hop(text: str) -> Address | None:
    """One X-Forwarded-For entry as an address ('1.2.3.4', '1.2.3.4:5678', '[::1]:80'), or None."""
    text = text.strip()
    if text.startswith("["):
        text = text[1 : text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:  # IPv4 with a port; a bare IPv6 address has several colons
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)  # '::ffff:10.0.0.1' is 10.0.0.1
    return mapped or address


class ClientAddresses:
    """Resolves a request's client address, once per request (kept in the environ)."""

    def __init__(self, trusted: Iterable[Network] = ()) -> None:
        self.trusted = tuple(trusted)
        self._is_trusted = functools.lru_cache(maxsize=1024)(self._trusted_uncached)

    @classmethod
    def from_setting(cls, value: str | None) -> ClientAddresses:
        """From HOROSCOPE_TRUSTED_PROXIES (already checked by the configuration)."""
        return cls(parse_networks(value or ""))

    def __call__(self, environ: dict[str, Any]) -> str:
        """The client's address: the peer, or the right-most untrusted X-Forwarded-For hop."""
        found: str | None = environ.get(CLIENT)
        if found is None:
            found = environ[CLIENT] = self._resolve(environ)
        return found

    def _resolve(self, environ: dict[str, Any]) -> str:
        peer: str = environ.get("REMOTE_ADDR") or "unknown"
        if not self.trusted or not self._is_trusted(peer):
            return peer
        nearest = peer
        hops = environ.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for hop in reversed(hops):
            address = parse_hop(hop)
            if address is None:
                # A trusted proxy wrote something that is not an address: the nearest proxy is all we know.
                return nearest
            nearest = str(address)
            if not self._is_trusted(nearest):
                return nearest
        return nearest  # every hop is a trusted proxy: the left-most one is the client

    def _trusted_uncached(self, text: str) -> bool:
        address = parse_hop(text)
        return address is not None and any(address in network for network in self.trusted)

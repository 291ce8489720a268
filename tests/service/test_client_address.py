"""The client address behind trusted proxies: pure, no server needed."""

from __future__ import annotations

from typing import Any

import pytest

from service.client_address import ClientAddresses, parse_hop, parse_networks

PROXIES = ClientAddresses(parse_networks("10.0.0.0/8, fd00::/8, 192.0.2.1"))


def environ(peer: str, forwarded: str | None = None) -> dict[str, Any]:
    found = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        found["HTTP_X_FORWARDED_FOR"] = forwarded
    return found


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # not a proxy: its header is its own say
        ("10.0.0.5", None, "10.0.0.5"),  # a proxy that forwarded nobody
        ("10.0.0.5", "203.0.113.7", "203.0.113.7"),
        ("10.0.0.5", "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the client made up the left part
        ("10.0.0.5", "203.0.113.7, 10.1.1.1, 192.0.2.1", "203.0.113.7"),  # a chain of trusted proxies
        ("10.0.0.5", "10.3.3.3, 10.2.2.2", "10.3.3.3"),  # every hop trusted: the left-most
        ("10.0.0.5", "203.0.113.7:51234", "203.0.113.7"),  # with a port
        ("fd00::1", "[2001:db8::7]:443", "2001:db8::7"),
        ("::ffff:10.0.0.5", "203.0.113.7", "203.0.113.7"),  # an IPv4 proxy on a dual-stack socket
        ("10.0.0.5", "203.0.113.7, unknown", "10.0.0.5"),  # a proxy wrote no address: the proxy
        ("10.0.0.5", "", "10.0.0.5"),
    ],
)
def test_the_right_most_untrusted_hop_is_the_client(peer: str, forwarded: str | None, client: str) -> None:
    assert PROXIES(environ(peer, forwarded)) == client


def test_without_trusted_proxies_headers_are_never_read() -> None:
    assert ClientAddresses()(environ("10.0.0.5", "203.0.113.7")) == "10.0.0.5"
    assert ClientAddresses()({}) == "unknown"


def test_the_address_is_resolved_once_per_request() -> None:
    request = environ("10.0.0.5", "203.0.113.7")
    assert PROXIES(request) == "203.0.113.7"
    request["HTTP_X_FORWARDED_FOR"] = "198.51.100.1"
    assert PROXIES(request) == "203.0.113.7"


def test_hops_and_networks_parse_strictly() -> None:
    assert parse_hop("not-an-address") is None
    assert parse_hop("[::1") is None
    networks = parse_networks("10.0.0.1, 10.0.0.0/8,,::1")
    assert [str(n) for n in networks] == ["10.0.0.1/32", "10.0.0.0/8", "::1/128"]
    with pytest.raises(ValueError, match=r"'proxy\.internal' is not an IP address or CIDR network"):
        parse_networks("10.0.0.0/8, proxy.internal")

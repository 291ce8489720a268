"""Each backend's requests, as its vendor documents them, against a local fake API that records them."""

from __future__ import annotations

import pytest

from service.config import Config
from service.edge.backends import (
    Akamai,
    Cloudflare,
    Fastly,
    PurgeFailed,
    VarnishNode,
    purge_targets,
    target_names,
)
from service.redis_server import free_port
from tests.edge.conftest import FakeApi


def test_varnish_soft_and_hard_purges_by_xkey_with_the_token(fake_api: FakeApi) -> None:
    node = VarnishNode(fake_api.url, "s3cret", 2.0)
    fake_api.default = (200, {}, b"Softpurged 2 objects")
    assert node.purge(["hs.a", "hs.b"], hard=False) == "Softpurged 2 objects"
    node.purge(["hs.a"], hard=True)
    soft, hard = fake_api.requests
    assert (soft.method, soft.path) == ("PURGE", "/")
    assert soft.headers["xkey-softpurge"] == "hs.a hs.b"
    assert soft.headers["X-Purge-Token"] == "s3cret"
    assert "xkey-purge" not in soft.headers
    assert hard.headers["xkey-purge"] == "hs.a"
    assert node.name == f"varnish@127.0.0.1:{fake_api.server.server_port}"


def test_fastly_purges_by_surrogate_key_softly_unless_hard(fake_api: FakeApi) -> None:
    fastly = Fastly(fake_api.url, "SVC123", "tok", 2.0)
    fastly.purge(["hs.a", "hs.b"], hard=False)
    fastly.purge(["hs.a"], hard=True)
    soft, hard = fake_api.requests
    assert (soft.method, soft.path) == ("POST", "/service/SVC123/purge")
    assert soft.headers["Fastly-Key"] == "tok"
    assert soft.headers["Surrogate-Key"] == "hs.a hs.b"
    assert soft.headers["Fastly-Soft-Purge"] == "1"
    assert "Fastly-Soft-Purge" not in hard.headers


def test_cloudflare_purges_by_cache_tag_with_a_bearer_token(fake_api: FakeApi) -> None:
    cloudflare = Cloudflare(fake_api.url, "ZONE9", "cf-token", 2.0)
    assert cloudflare.purge(["hs.a", "hs.b"], hard=False) == "purge p1"
    (sent,) = fake_api.requests
    assert (sent.method, sent.path) == ("POST", "/zones/ZONE9/purge_cache")
    assert sent.headers["Authorization"] == "Bearer cf-token"
    assert sent.json() == {"tags": ["hs.a", "hs.b"]}
    fake_api.answers.append((200, {}, b'{"success": false, "errors": [{"code": 1012, "message": "bad"}]}'))
    with pytest.raises(PurgeFailed) as failed:
        cloudflare.purge(["hs.a"], hard=False)
    assert not failed.value.retryable


def test_akamai_invalidates_or_deletes_by_tag_signed_with_edgegrid(fake_api: FakeApi) -> None:
    config = Config(
        akamai_base_url=fake_api.url,
        akamai_client_token="akab-client",
        akamai_client_secret="c2VjcmV0",
        akamai_access_token="akab-access",
        akamai_network="staging",
    )
    akamai = Akamai(config, 2.0)
    fake_api.default = (201, {}, b'{"purgeId": "e535", "estimatedSeconds": 5, "httpStatus": 201}')
    assert akamai.purge(["hs.a"], hard=False) == "purgeId e535, estimated 5 s"
    akamai.purge(["hs.a"], hard=True)
    soft, hard = fake_api.requests
    assert (soft.method, soft.path, hard.path) == (
        "POST",
        "/ccu/v3/invalidate/tag/staging",
        "/ccu/v3/delete/tag/staging",
    )
    assert soft.json() == {"objects": ["hs.a"]}
    assert soft.headers["Authorization"].startswith(
        "EG1-HMAC-SHA256 client_token=akab-client;access_token=akab-access;"
    )
    assert "signature=" in soft.headers["Authorization"]


@pytest.mark.parametrize(
    ("status", "headers", "retryable", "retry_after"),
    [
        (429, {"Retry-After": "7"}, True, 7.0),
        (503, {}, True, None),
        (500, {}, True, None),
        (403, {}, False, None),
        (401, {}, False, None),
        (400, {}, False, None),
    ],
)
def test_failures_say_whether_retrying_can_help(
    fake_api: FakeApi, status: int, headers: dict[str, str], retryable: bool, retry_after: float | None
) -> None:
    fake_api.answers.append((status, headers, b"no"))
    with pytest.raises(PurgeFailed) as failed:
        Fastly(fake_api.url, "S", "T", 2.0).purge(["hs.a"], hard=False)
    assert (failed.value.retryable, failed.value.retry_after) == (retryable, retry_after)
    assert str(status) in str(failed.value)


def test_an_unreachable_backend_is_worth_retrying() -> None:
    with pytest.raises(PurgeFailed) as failed:
        VarnishNode(f"http://127.0.0.1:{free_port()}", None, 1.0).purge(["hs.a"], hard=False)
    assert failed.value.retryable


def test_every_varnish_node_is_a_target_of_its_own() -> None:
    config = Config.from_env(
        {
            "HOROSCOPE_EDGE_BACKENDS": "varnish,fastly",
            "HOROSCOPE_VARNISH_URLS": "http://varnish-1:6081,http://varnish-2:6081",
            "HOROSCOPE_FASTLY_SERVICE_ID": "S",
            "HOROSCOPE_FASTLY_API_TOKEN": "T",
        }
    )
    names = ["varnish@varnish-1:6081", "varnish@varnish-2:6081", "fastly"]
    assert target_names(config) == names
    assert [target.name for target in purge_targets(config)] == names

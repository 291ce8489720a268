"""The caching contract on every kind of answer, the manual purge route and command, /readyz and /metrics."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from service.cli import main
from service.config import Config
from service.redis_server import RedisServer
from service.store import Keys
from tests.conftest import Clock
from tests.service.test_cached_reads import assert_same_answer

EDGE = {"edge_backends": ("varnish",), "varnish_urls": ("http://127.0.0.1:9",)}
CURRENT = "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400"


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app(**EDGE)


def tags(response: Any) -> list[str]:
    return str(response.headers["xkey"]).split()


def test_a_horoscope_answer_carries_its_tags_and_edge_ttl(client: FlaskClient) -> None:
    answer = client.get("/v1/horoscopes/leo/2026-02-05")
    assert answer.headers["Cache-Control"] == CURRENT
    # 10:00 in Kolkata: the edge keeps it until local midnight, 14 hours away.
    assert (
        answer.headers["Surrogate-Control"]
        == "max-age=50400, stale-while-revalidate=60, stale-if-error=86400"
    )
    assert tags(answer) == [
        "hs.horoscope.tropical.daily.leo.2026-02-05",
        "hs.date.2026-02-05",
        "hs.horoscope",
        "hs.all",
    ]
    again = client.get("/v1/horoscopes/leo/2026-02-05", headers={"If-None-Match": answer.headers["ETag"]})
    assert again.status_code == 304
    assert again.headers["xkey"] == answer.headers["xkey"]


def test_all_twelve_carry_every_signs_tag_and_an_alias_its_dated_url(client: FlaskClient) -> None:
    day = client.get("/v1/horoscopes/tomorrow?period=weekly&system=sidereal")
    assert day.headers["Content-Location"] == "2026-02-05?period=weekly&system=sidereal"
    assert "stale-while-revalidate" not in day.headers["Cache-Control"]
    assert len([tag for tag in tags(day) if tag.startswith("hs.horoscope.sidereal.weekly.")]) == 12
    assert "hs.alias.tomorrow" in tags(day)
    assert "hs.date.2026-02-02" in tags(day)  # the week's first day


def test_hindi_answers_carry_the_hindi_entries_tags_never_the_english_ones(client: FlaskClient) -> None:
    one = client.get("/v1/horoscopes/leo/2026-02-05?lang=hi")
    assert one.headers["Cache-Control"] == CURRENT
    assert tags(one) == [
        "hs.horoscope.sidereal.daily.leo.2026-02-05.hi",
        "hs.date.2026-02-05",
        "hs.horoscope",
        "hs.all",
    ]
    week = client.get("/v1/horoscopes/tomorrow?period=weekly&lang=hi")
    assert week.headers["Content-Location"] == "2026-02-05?period=weekly&lang=hi"
    hindi_tags = [tag for tag in tags(week) if tag.startswith("hs.horoscope.sidereal.weekly.")]
    assert len(hindi_tags) == 12
    assert all(tag.endswith(".2026-02-02.hi") for tag in hindi_tags), (
        "only the Hindi entries, never the English"
    )
    assert "hs.alias.tomorrow" in tags(week)
    feed = client.get("/v1/feed?lang=hi")
    assert tags(feed)[-2:] == ["hs.feed", "hs.all"], "every edit, a Hindi one too, purges hs.feed"
    assert (
        client.get("/v1/horoscopes/leo/2026-02-05?lang=fr").headers["Cache-Control"] == "public, max-age=60"
    )


def test_listicles_lists_feed_and_topics_are_tagged(client: FlaskClient) -> None:
    listed = client.get("/v1/listicles/today")
    assert listed.headers["Content-Location"] == "2026-02-04"
    assert "hs.listicle-plan.2026-02-04" in tags(listed)
    slug = listed.get_json()["items"][0]["slug"]
    topic = listed.get_json()["items"][0]["topic"]
    one = client.get(f"/v1/listicles/{slug}")
    assert f"hs.listicle.{topic}.2026-02-04" in tags(one)
    assert tags(client.get("/v1/feed"))[-2:] == ["hs.feed", "hs.all"]
    topics = client.get("/v1/topics")
    assert topics.headers["Cache-Control"].startswith("public, max-age=3600")
    assert tags(topics) == ["hs.topics", "hs.all"]
    signs = client.get("/v1/signs")
    assert tags(signs) == ["hs.signs", "hs.all"]


def test_a_panchang_is_tagged_and_its_alias_names_the_dated_url(client: FlaskClient) -> None:
    default = client.get("/v1/panchang/today")
    assert default.headers["Content-Location"] == "2026-02-04"
    assert tags(default)[0] == "hs.panchang.new-delhi.2026-02-04"
    elsewhere = client.get("/v1/panchang/tomorrow?city=mumbai")
    assert elsewhere.headers["Content-Location"] == "2026-02-05?city=mumbai"
    assert tags(elsewhere)[0] == "hs.panchang.mumbai.2026-02-05"
    assert tags(client.get("/v1/cities")) == ["hs.cities", "hs.all"]


def test_misses_are_brief_and_tagged_so_a_publication_purges_them(client: FlaskClient) -> None:
    unknown = client.get("/v1/listicles/3-winter-walks-2026-02-05")
    assert unknown.status_code == 404
    assert unknown.headers["Cache-Control"] == "public, max-age=60"
    assert unknown.headers["Surrogate-Control"] == "max-age=300"
    assert "hs.listicle.custom-3-winter-walks.2026-02-05" in tags(unknown)
    bad_sign = client.get("/v1/horoscopes/ophiuchus/today")
    assert bad_sign.status_code == 404
    assert tags(bad_sign) == ["hs.horoscope", "hs.all"]
    assert client.get("/v1/nothing-here").headers["Cache-Control"] == "public, max-age=60"


def test_server_errors_are_never_stored(make_app: Callable[..., Flask], private_redis: RedisServer) -> None:
    app = make_app(redis_url=private_redis.url, **EDGE)
    private_redis.kill()
    answer = app.test_client().get("/v1/horoscopes/leo/2026-02-05")
    assert answer.status_code == 503
    assert answer.headers["Cache-Control"] == "no-store"
    assert "xkey" not in answer.headers
    assert "Surrogate-Control" not in answer.headers


def test_authenticated_and_operational_answers_are_private(
    client: FlaskClient, editor: dict[str, str]
) -> None:
    history = client.get("/v1/horoscopes/leo/today/history", headers=editor)
    assert history.headers["Cache-Control"] == "private, no-store"
    assert (
        client.get("/v1/horoscopes/leo/today/history").headers["Cache-Control"] == "private, no-store"
    )  # 401
    for path in ("/readyz", "/healthz", "/metrics", "/v1/jobs"):
        assert client.get(path).headers["Cache-Control"] == "private, no-store", path


@pytest.mark.parametrize(
    "path",
    [
        "/v1/horoscopes/leo/today",
        "/v1/horoscopes/tomorrow",
        "/v1/horoscopes/aries/2026-01-01",
        "/v1/listicles/today",
    ],
)
def test_reads_answered_in_front_of_flask_carry_the_same_headers(app: Flask, path: str) -> None:
    answer = assert_same_answer(app, "GET", path)
    assert "xkey" in answer["headers"]
    assert "Surrogate-Control" in answer["headers"]


def test_an_admin_queues_a_purge_by_hand(
    client: FlaskClient, tokens: dict[str, str], redis_client: Any
) -> None:
    admin = {"Authorization": f"Bearer {tokens['admin']}"}
    queued = client.post("/v1/edge/purges", json={"tags": ["hs.all"], "hard": True}, headers=admin)
    assert queued.status_code == 202
    assert queued.get_json()["tags"] == ["hs.all"]
    assert len(queued.get_json()["events"]) == 2
    (_, first), _ = redis_client.xrange(Keys("hs").purges)
    assert (first[b"tags"], first[b"mode"], first[b"reason"]) == (b"hs.all", b"hard", b"manual by ravi")
    refused = client.post("/v1/edge/purges", json={"tags": ["other.all", "hs.Leo"]}, headers=admin)
    assert refused.status_code == 422
    assert "other.all, hs.Leo" in refused.get_json()["detail"]
    editor = {"Authorization": f"Bearer {tokens['editor']}"}
    assert client.post("/v1/edge/purges", json={"tags": ["hs.all"]}, headers=editor).status_code == 403


def test_without_an_edge_a_manual_purge_says_so(make_app: Callable[..., Flask], clock: Clock) -> None:
    plain = make_app()
    token = plain.extensions["horoscope"].tokens.create("ravi", "admin", clock())
    answer = plain.test_client().post(
        "/v1/edge/purges", json={"tags": ["hs.all"]}, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 409
    assert "HOROSCOPE_EDGE_BACKENDS" in answer.get_json()["detail"]


def test_readiness_and_metrics_report_the_purge_backlog(
    client: FlaskClient, tokens: dict[str, str], redis_client: Any
) -> None:
    admin = {"Authorization": f"Bearer {tokens['admin']}"}
    client.post("/v1/edge/purges", json={"tags": ["hs.all"]}, headers=admin)
    edge = client.get("/readyz", headers=admin).get_json()["checks"]["edge"]
    assert edge["backlog"] == {"varnish@127.0.0.1:9": 2}
    assert edge["affects_readiness"] is False
    redis_client.xadd(Keys("hs").dead_purges, {"tags": "hs.all", "error": "403"})
    edge = client.get("/readyz", headers=admin).get_json()["checks"]["edge"]
    assert (edge["ok"], edge["dead_letters"]) == (False, 1)
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'horoscope_edge_purges_waiting{state="unread",target="varnish@127.0.0.1:9"} 2.0' in metrics
    assert "horoscope_edge_dead_letters 1.0" in metrics
    assert 'horoscope_edge_purges_total{result="ok",target="varnish@127.0.0.1:9"} 0.0' in metrics


def test_the_purge_command(config: Config, redis_client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "HOROSCOPE_REDIS_URL": config.redis_url or "",
        "HOROSCOPE_REDIS_CLUSTER": str(config.redis_cluster),
        "HOROSCOPE_EDGE_BACKENDS": "varnish",
        "HOROSCOPE_VARNISH_URLS": "http://127.0.0.1:9",
        "HOROSCOPE_VARNISH_PURGE_TOKEN": "s3cret",
    }.items():
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    done = runner.invoke(main, ["purge", "--hard", "hs.date.2026-02-05"])
    assert done.exit_code == 0, done.output
    assert "queued a hard purge of hs.date.2026-02-05" in done.output
    assert runner.invoke(main, ["purge", "Leo"]).exit_code == 1
    redis_client.xadd(Keys("hs").dead_purges, {"tags": "hs.a hs.b", "mode": "soft", "at": "1", "due": "1"})
    retried = runner.invoke(main, ["purge", "--retry-dead"])
    assert "queued 1 dead-lettered purges again" in retried.output
    assert redis_client.xlen(Keys("hs").dead_purges) == 0
    assert redis_client.xrange(Keys("hs").purges)[-2][1][b"tags"] == b"hs.a hs.b"
    shown = runner.invoke(main, ["settings"]).output
    assert "HOROSCOPE_VARNISH_PURGE_TOKEN=(set, not shown)" in shown
    assert "s3cret" not in shown


def test_the_edge_settings_are_checked_together() -> None:
    from service.config import ConfigError

    with pytest.raises(ConfigError, match="varnish, which needs HOROSCOPE_VARNISH_URLS"):
        Config.from_env({"HOROSCOPE_EDGE_BACKENDS": "varnish"})
    with pytest.raises(ConfigError, match="must exceed HOROSCOPE_CACHE_CHECK_SECONDS"):
        Config.from_env(
            {
                "HOROSCOPE_EDGE_BACKENDS": "varnish",
                "HOROSCOPE_VARNISH_URLS": "http://v:6081",
                "HOROSCOPE_EDGE_PURGE_DELAY_SECONDS": "0.5",
            }
        )
    with pytest.raises(ConfigError, match="HOROSCOPE_EDGE_TAG_PREFIX"):
        Config.from_env({"HOROSCOPE_EDGE_TAG_PREFIX": "HS:"})

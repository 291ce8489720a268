from pathlib import Path

import pytest

from service.config import Config, ConfigError, documented_settings


def test_defaults_need_no_environment() -> None:
    config = Config.from_env({})
    assert config.redis_url is None
    assert config.timezone == "Asia/Kolkata"
    assert config.past_days == 400
    assert config.future_days == 30
    assert config.data_dir == Path.cwd() / "var"


def test_the_data_directory_is_absolute_from_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert Config.from_env({"HOROSCOPE_DATA_DIR": "state/here"}).data_dir == tmp_path / "state" / "here"
    assert Config.from_env({"HOROSCOPE_DATA_DIR": "~/horoscope"}).data_dir == Path.home() / "horoscope"


def test_values_are_parsed_to_their_types() -> None:
    config = Config.from_env(
        {
            "HOROSCOPE_REDIS_URL": "redis://cache.internal:6380/2",
            "HOROSCOPE_TIMEZONE": "America/New_York",
            "HOROSCOPE_PAST_DAYS": "10",
            "HOROSCOPE_REDIS_TIMEOUT": "0.25",
            "HOROSCOPE_REQUIRE_PERSISTENCE": "false",
            "HOROSCOPE_REFRESH_SCHEDULE": "30 23 * * *",
        }
    )
    assert config.redis_url == "redis://cache.internal:6380/2"
    assert config.zone.key == "America/New_York"
    assert config.past_days == 10
    assert config.redis_timeout == 0.25
    assert config.require_persistence is False
    assert config.refresh_schedule == "30 23 * * *"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("HOROSCOPE_TIMEZONE", "Mars/Olympus_Mons", "not an IANA time zone"),
        ("HOROSCOPE_REDIS_URL", "http://localhost:6379", "not a Redis URL"),
        ("HOROSCOPE_REDIS_URL", "localhost:6379", "not a Redis URL"),
        ("HOROSCOPE_PAST_DAYS", "four hundred", "not a whole number"),
        ("HOROSCOPE_PAST_DAYS", "-1", "negative"),
        ("HOROSCOPE_RETRY_AFTER_SECONDS", "0", "not a positive whole number"),
        ("HOROSCOPE_REDIS_TIMEOUT", "soon", "not a number"),
        ("HOROSCOPE_REDIS_TIMEOUT", "inf", "not a positive number"),
        ("HOROSCOPE_REQUIRE_PERSISTENCE", "maybe", "not a boolean"),
        ("HOROSCOPE_REFRESH_SCHEDULE", "every day", "not a cron expression"),
        ("HOROSCOPE_PLACE", "atlantis", "not a bundled city (GET /v1/cities lists the slugs"),
    ],
)
def test_bad_values_fail_with_the_variable_named(variable: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=variable) as raised:
        Config.from_env({variable: value})
    assert message in str(raised.value)


def test_the_place_is_a_bundled_citys_slug() -> None:
    assert Config.from_env({}).place == "new-delhi"
    assert Config.from_env({"HOROSCOPE_PLACE": " Mumbai "}).place == "mumbai"


def test_every_bad_value_is_reported_at_once() -> None:
    with pytest.raises(ConfigError) as raised:
        Config.from_env({"HOROSCOPE_TIMEZONE": "Nowhere", "HOROSCOPE_FUTURE_DAYS": "x"})
    assert "HOROSCOPE_TIMEZONE" in str(raised.value)
    assert "HOROSCOPE_FUTURE_DAYS" in str(raised.value)


def test_retention_shorter_than_the_read_window_is_refused() -> None:
    with pytest.raises(
        ConfigError, match=r"HOROSCOPE_RETENTION_DAYS \(400\) must be at least HOROSCOPE_PAST_DAYS \(500\)"
    ):
        Config.from_env({"HOROSCOPE_PAST_DAYS": "500"})
    with pytest.raises(ConfigError, match="HOROSCOPE_RETENTION_DAYS"):
        Config.from_env({"HOROSCOPE_RETENTION_DAYS": "30"})
    assert Config.from_env({"HOROSCOPE_PAST_DAYS": "500", "HOROSCOPE_RETENTION_DAYS": "500"}).past_days == 500


def test_every_setting_is_documented() -> None:
    rows = documented_settings()
    assert {variable for variable, _, _ in rows} >= {"HOROSCOPE_REDIS_URL", "HOROSCOPE_TIMEZONE"}
    assert all(doc.strip() for _, _, doc in rows)
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    missing = [variable for variable, _, _ in rows if f"`{variable}`" not in readme]
    assert not missing, f"README lacks {missing}"


def test_the_listicle_count_must_fit_the_catalog(make_app) -> None:
    with pytest.raises(ConfigError, match="HOROSCOPE_LISTICLES_PER_DAY"):
        make_app(listicles_per_day=10)


def test_public_urls_are_parsed() -> None:
    config = Config.from_env(
        {
            "HOROSCOPE_PUBLIC_BASE_URL": "https://content.portal.example/api/",
            "HOROSCOPE_PORTAL_URL": "https://www.portal.example/astrology",
            "HOROSCOPE_PORTAL_HOROSCOPE_URL_TEMPLATE": "https://www.portal.example/{sign}-{period}/{date}",
            "HOROSCOPE_PORTAL_LISTICLE_URL_TEMPLATE": "https://www.portal.example/{topic}/{slug}?from={{feed}}",
        }
    )
    assert config.public_base_url == "https://content.portal.example/api"
    assert config.portal_horoscope_url_template == "https://www.portal.example/{sign}-{period}/{date}"
    assert Config.from_env({}).portal_listicle_url_template is None


@pytest.mark.parametrize(
    ("variable", "value", "complaint"),
    [
        ("HOROSCOPE_PUBLIC_BASE_URL", "content.portal.example", "absolute http(s) URL"),
        ("HOROSCOPE_PUBLIC_BASE_URL", "https://content.portal.example/?x=1", "without query"),
        ("HOROSCOPE_PUBLIC_BASE_URL", "https://content.portal.example/#top", "without query"),
        ("HOROSCOPE_PORTAL_URL", "ftp://www.portal.example/", "absolute http(s) URL"),
        ("HOROSCOPE_PORTAL_HOROSCOPE_URL_TEMPLATE", "https://p.example/{sgn}/{date}", "{sign}, {date}"),
        ("HOROSCOPE_PORTAL_HOROSCOPE_URL_TEMPLATE", "https://p.example/{}", "only the placeholders"),
        ("HOROSCOPE_PORTAL_HOROSCOPE_URL_TEMPLATE", "https://p.example/{date:%Y}", "each as written"),
        ("HOROSCOPE_PORTAL_HOROSCOPE_URL_TEMPLATE", "https://p.example/{sign!r}", "each as written"),
        ("HOROSCOPE_PORTAL_HOROSCOPE_URL_TEMPLATE", "https://p.example/{sign", "literal brace twice"),
        ("HOROSCOPE_PORTAL_LISTICLE_URL_TEMPLATE", "/lifestyle/{slug}", "absolute http(s) URL"),
        ("HOROSCOPE_PORTAL_LISTICLE_URL_TEMPLATE", "https://p.example/{sign}", "{slug}, {date}, {topic}"),
        ("HOROSCOPE_PORTAL_HINDI_HOROSCOPE_URL_TEMPLATE", "https://p.example/{system}", "{sign}, {rashi}"),
        ("HOROSCOPE_PORTAL_HINDI_URL", "hindi.portal.example/rashifal", "absolute http(s) URL"),
    ],
)
def test_bad_public_urls_are_refused(variable: str, value: str, complaint: str) -> None:
    with pytest.raises(ConfigError, match=variable) as raised:
        Config.from_env({variable: value})
    assert complaint in str(raised.value)

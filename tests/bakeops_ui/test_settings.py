"""Settings are parsed and checked when they load: a wrong value stops the start with a message naming it."""

import subprocess
from datetime import time
from ipaddress import ip_network

import pytest
from pydantic import ValidationError

from bakeops_ui.settings import Settings, SettingsRefused, explain, get_settings
from devtools.processes import BAKEOPS
from services.limits import Rate


def load(**environment: str) -> Settings:
    return Settings(_env_file=None, **environment)


def refusal(**environment: str) -> str:
    with pytest.raises(ValidationError) as error:
        load(**environment)
    return explain(error.value)


def test_the_defaults_load_as_documented():
    settings = load()
    assert settings.rate_limit_orders == Rate(count=120, per="minute")
    assert settings.rate_limit_logins == Rate(count=10, per="minute")
    assert settings.open_days == frozenset(range(7))
    assert settings.trusted_proxies == ()
    assert settings.redis_url is None


def test_values_arrive_parsed():
    settings = load(
        rate_limit_orders="30/second",
        open_days="mon, Tue,saturday",
        trusted_proxies="10.0.0.5, 192.168.0.0/24, ::1",
        opens="06:30",
    )
    assert settings.rate_limit_orders == Rate(count=30, per="second")
    assert settings.open_days == frozenset({0, 1, 5})
    assert settings.trusted_proxies == (ip_network("10.0.0.5/32"), ip_network("192.168.0.0/24"), ip_network("::1"))
    assert settings.opens == time(6, 30)
    assert settings.bakery_rules().open_weekdays == frozenset({0, 1, 5})


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("rate_limit_orders", "10/minutes", "'10/minutes' is not a rate: write N/second, N/minute"),
        ("rate_limit_logins", "ten/minute", "'ten/minute' is not a rate"),
        ("rate_limit_orders", "-1/minute", "is not a rate"),
        ("open_days", "Mon,Funday", "unknown day(s) ['Fun']"),
        ("open_days", ",", "unknown day(s)"),
        ("trusted_proxies", "10.0.0.5,proxy.local", "'proxy.local' is not an IP address or network"),
        ("trust_proxy_headers", "true", "list your proxies' addresses in BAKEOPS_TRUSTED_PROXIES"),
        ("timezone", "Europe/Londn", "'Europe/Londn' is not a time zone name"),
        ("database_url", "bakeops.db", "is not a database URL"),
        ("database_url", "mysql://shop@db/bakery", "'mysql' is not supported"),
        ("amqp_url", "http://rabbit:5672", "is not a URL like amqp://host:port"),
        ("redis_url", "127.0.0.1:6379", "is not a URL like redis://host:port"),
        ("smtp_url", "mail.example.com", "is not a URL like smtp://host:port"),
        ("closes", "06:00", "BAKEOPS_OPENS (07:00) must be before BAKEOPS_CLOSES (06:00)"),
    ],
)
def test_a_wrong_value_is_refused_naming_the_variable(variable, value, message):
    text = refusal(**{variable: value})
    assert message in text
    if variable != "closes":  # a rule between two values names both in its sentence
        assert f"BAKEOPS_{variable.upper()}: " in text


def test_empty_service_urls_mean_unset_as_compose_passes_them():
    assert load(smtp_url="", redis_url="").smtp_url is None


def test_production_refuses_the_example_secret():
    assert "BAKEOPS_SECRET_KEY must be set" in refusal(env="production", secret_key="replace-with-a-long-random-string")


def test_changed_copies_are_checked_too():
    with pytest.raises(ValidationError):
        load().changed(rate_limit_orders="lots")


def test_loading_from_the_environment_refuses_with_every_problem_listed(monkeypatch):
    monkeypatch.setenv("BAKEOPS_RATE_LIMIT_ORDERS", "10/minutes")
    monkeypatch.setenv("BAKEOPS_OPEN_DAYS", "Mon,Xyz")
    get_settings.cache_clear()
    try:
        with pytest.raises(SettingsRefused) as refused:
            get_settings()
    finally:
        get_settings.cache_clear()
    text = str(refused.value)
    assert "BAKEOPS_RATE_LIMIT_ORDERS: '10/minutes' is not a rate" in text
    assert "BAKEOPS_OPEN_DAYS: unknown day(s) ['Xyz']" in text


def test_bakeops_stops_at_start_with_the_message_not_a_traceback(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "BAKEOPS_RATE_LIMIT_ORDERS": "10/minutes"}
    run = subprocess.run([BAKEOPS, "list-users"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "BAKEOPS_RATE_LIMIT_ORDERS: '10/minutes' is not a rate" in run.stderr
    assert "Traceback" not in run.stderr

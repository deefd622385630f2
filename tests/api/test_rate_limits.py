"""Per-client limits on placing orders and on sign-in attempts: 429 with Retry-After, nothing changed."""

import pytest
from fastapi.testclient import TestClient

from bakeops_ui.app import create_api
from tests.api.checks import refused
from tests.conftest import PASSWORD


@pytest.fixture
def limited_api(db, settings, staff_accounts):
    limits = {"rate_limit_orders": "3/minute", "rate_limit_logins": "2/minute"}
    with TestClient(create_api(settings.model_copy(update=limits))) as client:
        yield client


def test_a_fourth_order_in_a_minute_is_refused_until_the_window_passes(limited_api, demo_catalogue, nothing_changes):
    body = {"product_id": demo_catalogue["Baguette"].id}
    for _ in range(3):
        assert limited_api.post("/order", json=body).status_code == 201
    with nothing_changes():
        answer = limited_api.post("/order", json=body)
        refused(answer, 429)
    assert 1 <= int(answer.headers["retry-after"]) <= 60


def test_guessing_passwords_is_slowed_down_even_for_the_right_one(limited_api):
    for _ in range(2):
        assert (
            limited_api.post("/auth/token", data={"username": "sam@bakery.test", "password": "guess-guess"}).status_code
            == 401
        )
    answer = limited_api.post("/auth/token", data={"username": "sam@bakery.test", "password": PASSWORD})
    refused(answer, 429)
    assert int(answer.headers["retry-after"]) > 0


def test_limits_are_per_client(db, settings, demo_catalogue):
    app = create_api(settings.model_copy(update={"rate_limit_orders": "1/minute", "trust_proxy_headers": True}))
    body = {"product_id": demo_catalogue["Baguette"].id}
    with TestClient(app) as client:
        assert client.post("/order", json=body, headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 201
        assert client.post("/order", json=body, headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 429
        assert client.post("/order", json=body, headers={"X-Forwarded-For": "203.0.113.2"}).status_code == 201

"""Per-client limits on placing orders and on sign-in attempts: 429 with Retry-After, nothing changed.

Behind a proxy the client is the right-most X-Forwarded-For hop the trusted proxies did not write; the hops
to its left are whatever the client sent, so changing them must not buy a fresh budget.
"""

import pytest
from fastapi.testclient import TestClient

from bakeops_ui.app import create_api
from tests.api.checks import refused
from tests.conftest import PASSWORD

PROXY = ("10.0.0.5", 40000)  # the connection's peer: our nginx
WRONG = {"username": "sam@bakery.test", "password": "guess-guess"}


@pytest.fixture
def limited_api(db, settings, staff_accounts):
    limits = {"rate_limit_orders": "3/minute", "rate_limit_logins": "2/minute"}
    with TestClient(create_api(settings.changed(**limits))) as client:
        yield client


def behind_proxy(settings, **limits) -> TestClient:
    """The API behind a proxy at PROXY[0] that appends the address it saw ($proxy_add_x_forwarded_for)."""
    return TestClient(create_api(settings.changed(trusted_proxies="10.0.0.5", **limits)), client=PROXY)


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
        assert limited_api.post("/auth/token", data=WRONG).status_code == 401
    answer = limited_api.post("/auth/token", data={"username": "sam@bakery.test", "password": PASSWORD})
    refused(answer, 429)
    assert int(answer.headers["retry-after"]) > 0


def test_limits_are_per_client_behind_a_trusted_proxy(db, settings, demo_catalogue):
    body = {"product_id": demo_catalogue["Baguette"].id}
    with behind_proxy(settings, rate_limit_orders="1/minute") as client:
        assert client.post("/order", json=body, headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 201
        assert client.post("/order", json=body, headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 429
        assert client.post("/order", json=body, headers={"X-Forwarded-For": "203.0.113.2"}).status_code == 201


def test_a_client_rotating_its_own_forwarded_hops_gets_no_more_orders(db, settings, demo_catalogue):
    body = {"product_id": demo_catalogue["Baguette"].id}
    with behind_proxy(settings, rate_limit_orders="2/minute") as client:
        answers = [
            client.post("/order", json=body, headers={"X-Forwarded-For": f"198.51.100.{n}, 203.0.113.7"})
            for n in range(4)
        ]
    assert [a.status_code for a in answers] == [201, 201, 429, 429]


def test_a_client_rotating_its_own_forwarded_hops_gets_no_more_sign_in_attempts(db, settings, staff_accounts):
    with behind_proxy(settings, rate_limit_logins="2/minute") as client:
        answers = [
            client.post("/auth/token", data=WRONG, headers={"X-Forwarded-For": f"198.51.100.{n}, 203.0.113.7"})
            for n in range(4)
        ]
    assert [a.status_code for a in answers] == [401, 401, 429, 429]


def test_forwarded_for_from_a_peer_that_is_no_trusted_proxy_is_ignored(db, settings, demo_catalogue):
    body = {"product_id": demo_catalogue["Baguette"].id}
    app = create_api(settings.changed(trusted_proxies="10.0.0.5", rate_limit_orders="2/minute"))
    with TestClient(app, client=("198.51.100.20", 5000)) as client:
        answers = [client.post("/order", json=body, headers={"X-Forwarded-For": f"203.0.113.{n}"}) for n in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 429]


def test_without_trusted_proxies_the_header_is_ignored(db, settings, demo_catalogue):
    body = {"product_id": demo_catalogue["Baguette"].id}
    app = create_api(settings.changed(rate_limit_orders="2/minute"))
    with TestClient(app, client=("127.0.0.1", 5000)) as client:
        answers = [client.post("/order", json=body, headers={"X-Forwarded-For": f"203.0.113.{n}"}) for n in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 429]

"""GET /order/{id} on a UI server that keeps answers in memory still shows moves made by other processes."""

import httpx
import pytest

from devtools.processes import TEST_ADMIN, wait_until
from tests.events.conftest import broker_env

pytestmark = [pytest.mark.postgres, pytest.mark.rabbitmq]

MOVES = ["In Progress", "Ready", "Picked Up"]


def test_moves_made_elsewhere_reach_the_servers_answers(launch, api_workers, pg_url, amqp_url, topology):
    env = broker_env(pg_url, amqp_url, topology)
    server = launch("serve", env)
    launch("worker", env)
    with httpx.Client(base_url=api_workers(env), timeout=10) as other:
        token = other.post(
            "/auth/token",
            data={"username": TEST_ADMIN["BAKEOPS_ADMIN_EMAIL"], "password": TEST_ADMIN["BAKEOPS_ADMIN_PASSWORD"]},
        ).json()["access_token"]
        other.headers["Authorization"] = f"Bearer {token}"
        order_id = other.post("/order", json={"product_id": 2}).json()["order_id"]
        for status in MOVES:
            for _ in range(3):  # read again and again: the UI server keeps its answer
                assert server.client.get(f"/order/{order_id}").status_code == 200
            assert other.put(f"/order/{order_id}/status", json={"status": status}).status_code == 200
            # The api's two processes keep nothing: the move is there at once, whichever answers.
            assert [other.get(f"/order/{order_id}").json()["status"] for _ in range(4)] == [status] * 4
            # The UI server hears of it through the worker and the live feed, and drops what it kept.
            wait_until(
                lambda status=status: server.client.get(f"/order/{order_id}").json()["status"] == status,
                timeout=3,
                message=f"the UI server's answer to show {status}",
            )


def test_the_servers_own_moves_show_at_once(launch, pg_url, amqp_url, topology):
    server = launch("serve", broker_env(pg_url, amqp_url, topology))
    server.sign_in(TEST_ADMIN["BAKEOPS_ADMIN_EMAIL"], TEST_ADMIN["BAKEOPS_ADMIN_PASSWORD"])
    order_id = server.client.post("/order", json={"product_id": 2}).json()["order_id"]
    for status in MOVES:  # no worker runs: only the server's own commit can drop what it kept
        assert server.client.get(f"/order/{order_id}").json()["status"] != status
        assert server.client.put(f"/order/{order_id}/status", json={"status": status}).status_code == 200
        assert server.client.get(f"/order/{order_id}").json()["status"] == status

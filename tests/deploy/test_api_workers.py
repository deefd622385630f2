"""`bakeops api --workers N`: the REST API alone, several processes on one port, events still relayed."""

import httpx
import pytest

from devtools.processes import wait_until
from tests.events.conftest import broker_env

pytestmark = [pytest.mark.postgres, pytest.mark.rabbitmq]


def test_several_api_processes_take_orders_and_relay_their_events(launch, api_workers, pg_url, amqp_url, topology):
    env = broker_env(pg_url, amqp_url, topology)
    server = launch("serve", env)  # migrates, and its bridge shows the events arrive
    launch("worker", env)
    with httpx.Client(base_url=api_workers(env), timeout=10) as client:
        assert client.get("/products").status_code == 200
        placed = [client.post("/order", json={"product_id": 2}).json()["order_id"] for _ in range(6)]
        assert client.get("/orders").status_code == 401  # the same guards as on bakeops serve
    assert len(set(placed)) == 6
    wait_until(lambda: server.live_stats()["received"] >= 6, message="the api's orders to reach the UI server")

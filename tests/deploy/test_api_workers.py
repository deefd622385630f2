"""`bakeops api --workers N`: the REST API alone, several processes on one port, events still relayed."""

import httpx
import pytest

from devtools.processes import Process, free_port, wait_until
from tests.events.conftest import broker_env

pytestmark = [pytest.mark.postgres, pytest.mark.rabbitmq]


def test_several_api_processes_take_orders_and_relay_their_events(launch, pg_url, amqp_url, topology, tmp_path):
    env = broker_env(pg_url, amqp_url, topology)
    server = launch("serve", env)  # migrates, and its bridge shows the events arrive
    launch("worker", env)
    port = free_port()
    api = Process(["api", "--port", str(port), "--workers", "2"], env, tmp_path / "api.log", tmp_path)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: _ok(url + "/health"), timeout=40, message="bakeops api to answer")
        with httpx.Client(base_url=url, timeout=10) as client:
            assert client.get("/products").status_code == 200
            placed = [client.post("/order", json={"product_id": 2}).json()["order_id"] for _ in range(6)]
            assert client.get("/orders").status_code == 401  # the same guards as on bakeops serve
        assert len(set(placed)) == 6
        wait_until(lambda: server.live_stats()["received"] >= 6, message="the api's orders to reach the UI server")
    finally:
        api.stop()


def _ok(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.TransportError:
        return False

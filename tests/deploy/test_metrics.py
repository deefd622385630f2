"""/metrics on `bakeops serve` and on the worker's port: the counters move as the bakery works."""

import re

import httpx
import pytest

from devtools.processes import free_port, wait_until
from tests.events.conftest import broker_env

pytestmark = [pytest.mark.postgres, pytest.mark.rabbitmq]


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one Prometheus sample (0 when it is not there yet)."""
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())
    pattern = (
        rf"^{re.escape(name)}(\{{{re.escape(wanted)}\}})?\s+([0-9.e+-]+)$"
        if wanted
        else rf"^{re.escape(name)}\s+([0-9.e+-]+)$"
    )
    for line in text.splitlines():
        if match := re.match(pattern, line):
            return float(match.groups()[-1])
    return 0.0


def test_scraping_after_orders_shows_the_counters_move(launch, pg_url, amqp_url, topology):
    metrics_port = free_port()
    env = broker_env(pg_url, amqp_url, topology, BAKEOPS_WORKER_METRICS_PORT=str(metrics_port))
    server = launch("serve", env)
    worker = launch("worker", env)
    wait_until(lambda: "worker metrics on" in worker.output(), message="the worker's metrics port")
    before = server.client.get("/metrics").text

    order_ids = [server.client.post("/order", json={"product_id": 2}).json()["order_id"] for _ in range(3)]
    server.client.put(f"/order/{order_ids[0]}/status", json={"status": "In Progress"})
    server.client.get("/order/not-a-code")
    wait_until(lambda: server.live_stats()["received"] >= 4, message="the refreshes")

    after = server.client.get("/metrics").text
    assert sample(after, "bakeops_orders_placed_total") - sample(before, "bakeops_orders_placed_total") == 3
    assert sample(after, "bakeops_status_changes_total", status="In Progress") == 1
    assert sample(after, "bakeops_http_requests_total", method="POST", route="/order", status="201") == 3
    assert sample(after, "bakeops_http_requests_total", method="GET", route="/order/{order_id}", status="404") == 1
    assert sample(after, "bakeops_commit_to_ui_seconds_count") >= 4
    assert sample(after, "bakeops_live_connected") == 1
    assert "bakeops_outbox_backlog" in after and "bakeops_outbox_oldest_unsent_seconds" in after
    assert "bakeops_ui_clients" in after and "bakeops_ui_pages" in after

    worker_metrics = lambda: httpx.get(f"http://127.0.0.1:{metrics_port}/metrics").text  # noqa: E731
    wait_until(
        lambda: sample(worker_metrics(), "bakeops_worker_events_total", outcome="handled") >= 4,
        message="the worker's handled counter",
    )

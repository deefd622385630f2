"""Two UI servers and two workers on one PostgreSQL and RabbitMQ, as behind a sticky proxy."""

import json

import pytest
from playwright.sync_api import expect, sync_playwright

from devtools.processes import wait_until
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.events.conftest import broker_env, count_notifications

pytestmark = [pytest.mark.postgres, pytest.mark.rabbitmq, pytest.mark.slow]


def handled_event_ids(worker) -> list[str]:
    """The orders placed this worker handled (a first start also announces its demo photos and settings)."""
    ids = []
    for line in worker.output().splitlines():
        if line.startswith("{") and (entry := json.loads(line))["msg"].startswith("handled order.placed "):
            ids.append(entry["event_id"])
    return ids


def test_a_change_on_one_server_is_live_on_the_other(launch, pg_url, amqp_url, topology):
    env = broker_env(pg_url, amqp_url, topology)
    north, south = launch("serve", env), launch("serve", env)
    launch("worker", env), launch("worker", env)
    order_id = north.client.post("/order", json={"product_id": 2}).json()["order_id"]

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{south.url}/track/{order_id}")
        expect(page.get_by_text("Order Placed").first).to_be_visible()
        for status in ("In Progress", "Ready"):
            assert north.client.put(f"/order/{order_id}/status", json={"status": status}).status_code == 200
        expect(page.get_by_text("Ready", exact=True).first).to_be_visible(timeout=5000)
        browser.close()


def test_each_event_is_handled_by_exactly_one_worker_even_when_one_is_killed(launch, pg_url, amqp_url, topology):
    env = broker_env(pg_url, amqp_url, topology)
    server = launch("serve", env)
    first, second = launch("worker", env), launch("worker", env)
    for worker in (first, second):
        wait_until(lambda w=worker: "worker consuming" in w.output(), message="both workers")

    for _ in range(30):
        assert server.client.post("/order", json={"product_id": 2}).status_code == 201
    wait_until(lambda: count_notifications(pg_url) == 30, message="30 confirmations")
    a, b = handled_event_ids(first), handled_event_ids(second)
    assert len(a) + len(b) == 30 and not set(a) & set(b)
    assert a and b, "the broker should share the work between both workers"

    for n in range(30):
        if n == 10:
            first.kill()  # mid-stream, with whatever it had in flight
        assert server.client.post("/order", json={"product_id": 2}).status_code == 201
    wait_until(lambda: count_notifications(pg_url) == 60, timeout=60, message="every confirmation after the kill")
    wait_until(lambda: server.live_stats()["received"] >= 60, message="every refresh at the UI server")

"""An order travels REST -> outbox -> worker -> fanout -> a subscriber inside a running `bakeops serve`."""

import pytest

from devtools.processes import wait_until
from tests.events.conftest import broker_env, notifications_for

pytestmark = [pytest.mark.postgres, pytest.mark.rabbitmq]


def _received(server, event_count: int) -> dict:
    return wait_until(
        lambda: (s := server.live_stats())["received"] >= event_count and s,
        message=f"{event_count} refreshes at the serve process",
    )


def test_an_order_reaches_the_worker_and_the_board_of_another_process(launch, pg_url, amqp_url, topology):
    env = broker_env(pg_url, amqp_url, topology)
    server = launch("serve", env)
    worker = launch("worker", env)

    placed = server.client.post("/order", json={"product_id": 1, "email": "ada@example.com"})
    assert placed.status_code == 201
    order_id = placed.json()["order_id"]

    stats = _received(server, 1)
    # The refresh came back through RabbitMQ after the separate worker handled the event.
    worker.wait_for_log(f"handled order.placed {order_id}")
    assert stats["live"] is True
    [note] = notifications_for(pg_url, order_id)
    assert note.subject.endswith("confirmed") and note.recipient == "ada@example.com"

    assert server.client.put(f"/order/{order_id}/status", json={"status": "In Progress"}).status_code == 200
    _received(server, 2)
    worker.wait_for_log(f"handled order.status_changed {order_id}")


def test_the_embedded_default_runs_the_same_loop_without_a_broker(launch, tmp_path):
    database_url = f"sqlite:///{tmp_path / 'embedded.db'}"
    server = launch("serve", {"BAKEOPS_DATABASE_URL": database_url})

    order_id = server.client.post("/order", json={"product_id": 1}).json()["order_id"]
    stats = _received(server, 1)
    assert stats["last_event_id"] is not None and stats["live"] is True
    assert [n.subject for n in notifications_for(database_url, order_id)] == ["Order #1 confirmed"]

    for status in ("In Progress", "Ready"):
        assert server.client.put(f"/order/{order_id}/status", json={"status": status}).status_code == 200
    _received(server, 3)
    subjects = [n.subject for n in notifications_for(database_url, order_id)]
    assert subjects == ["Order #1 confirmed", "Order #1 is ready"]

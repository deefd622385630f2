"""Orders that piled up while no worker ran are handled in batches when one starts: each exactly once."""

import pika
import pytest
from sqlalchemy import create_engine, text

from devtools.processes import wait_until
from tests.events.conftest import broker_env, count_notifications, notifications_for

pytestmark = [pytest.mark.postgres, pytest.mark.rabbitmq]


def _events(database_url: str, where: str = "TRUE") -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(f"SELECT COUNT(*) FROM outbox_events WHERE {where}")).scalar()
    finally:
        engine.dispose()


def test_fifty_orders_placed_while_the_worker_is_stopped_are_each_confirmed_once_when_it_starts(
    launch, pg_url, amqp_url, topology
):
    env = broker_env(pg_url, amqp_url, topology, BAKEOPS_RATE_LIMIT_ORDERS="0")
    server = launch("serve", env)
    placed = []
    for _ in range(50):
        response = server.client.post("/order", json={"product_id": 3, "email": "ada@example.com"})
        assert response.status_code == 201, response.text
        placed.append(response.json()["order_id"])
    wait_until(lambda: _events(pg_url, "published_at IS NULL") == 0, message="the relay to publish every order")

    # Ten of them sent again, as a relay that crashed between publishing and marking them sent would.
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    channel.confirm_delivery()
    copies = [channel.basic_get(topology.worker_queue, auto_ack=False) for _ in range(10)]
    for method, properties, body in copies:
        channel.basic_publish(topology.events_exchange, method.routing_key, body, properties)
    channel.basic_nack(delivery_tag=0, multiple=True, requeue=True)  # the originals go back in the queue too
    expected = _events(pg_url) + 10  # the orders' events, the catalogue's first ones, and the copies
    wait_until(
        lambda: channel.queue_declare(topology.worker_queue, passive=True).method.message_count == expected,
        message="the copies and the originals in the queue",
    )
    connection.close()

    worker = launch("worker", env)
    wait_until(
        lambda: worker.output().count("already handled") == 10 and count_notifications(pg_url) >= 50,
        timeout=60,
        message="the worker to handle the backlog",
    )
    assert count_notifications(pg_url) == 50
    for order_id in placed:
        [note] = notifications_for(pg_url, order_id)
        assert note.subject.endswith("confirmed")
    assert worker.output().count("handled order.placed") == 50

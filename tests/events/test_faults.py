"""Nothing is lost: a broker outage, a worker crash mid-message and a poison message.

The broker outage stops a private RabbitMQ node of the test run's own, never the machine's shared broker.
"""

import uuid
from collections.abc import Iterator

import pika
import pytest

from devtools.processes import wait_until
from services.messaging.amqp import Topology
from tests.events.conftest import broker_env, count_notifications, notifications_for
from tests.private_servers import PrivateRabbitMQ
from tests.smtp_sink import SmtpSink

pytestmark = [pytest.mark.postgres, pytest.mark.rabbitmq, pytest.mark.slow]


@pytest.fixture
def private_broker(private_rabbitmq: PrivateRabbitMQ) -> Iterator[PrivateRabbitMQ]:
    """The run's private broker node, which this test may stop (the machine's broker is never stopped)."""
    yield private_rabbitmq
    private_rabbitmq.start_app()  # running again for the next test, whatever this one did (a no-op if it is)


def test_orders_taken_during_a_broker_outage_are_all_delivered_afterwards(launch, pg_url, private_broker):
    topology = Topology(prefix=f"test-{uuid.uuid4().hex[:10]}", max_attempts=3)
    env = broker_env(pg_url, private_broker.url, topology)
    server = launch("serve", env)
    worker = launch("worker", env)
    first = server.client.post("/order", json={"product_id": 2}).json()["order_id"]
    wait_until(lambda: server.live_stats()["received"] >= 1, message="the first refresh")

    private_broker.stop_app()
    wait_until(lambda: not server.live_stats()["live"], message="the UI to notice the broker is gone")
    not_ready = server.client.get("/ready")
    assert not_ready.status_code == 503 and "RabbitMQ" in not_ready.json()["broker"]
    during = []
    for quantity in range(1, 6):
        response = server.client.post("/order", json={"product_id": 2, "quantity": quantity})
        assert response.status_code == 201, response.text
        during.append(response.json()["order_id"])
    for order_id in [first, *during]:
        assert server.client.put(f"/order/{order_id}/status", json={"status": "In Progress"}).status_code == 200
    assert server.live_stats()["received"] == 1  # nothing could travel meanwhile

    private_broker.start_app()
    # 1 + 5 placed + 6 moved = 12 refreshes, all after the broker came back, with no process restarted.
    wait_until(lambda: server.live_stats()["received"] >= 12, timeout=60, message="every event after the outage")
    assert server.live_stats()["live"] is True
    assert server.client.get("/ready").status_code == 200
    assert count_notifications(pg_url) == 6  # one confirmation per order, none for "In Progress"
    assert server.popen.poll() is None and worker.popen.poll() is None


def test_a_worker_killed_mid_message_hands_it_to_another_and_the_customer_hears_once(
    launch, pg_url, amqp_url, topology
):
    with SmtpSink() as mail:
        env = broker_env(pg_url, amqp_url, topology, BAKEOPS_SMTP_URL=mail.url)
        server = launch("serve", env)
        doomed = launch("worker", env)
        wait_until(lambda: "worker consuming" in doomed.output(), message="the first worker to start")

        mail.stall.set()  # the first worker gets stuck in the middle of sending the confirmation
        order_id = server.client.post("/order", json={"product_id": 2, "email": "ada@example.com"}).json()["order_id"]
        wait_until(lambda: mail.sessions_started >= 1, message="the worker to start sending")
        doomed.kill()
        mail.stall.clear()

        launch("worker", env)
        wait_until(lambda: len(mail.messages) >= 1, timeout=30, message="the redelivered confirmation")
        wait_until(lambda: server.live_stats()["received"] >= 1, message="the refresh after redelivery")

        assert len(mail.messages) == 1
        assert b"Order #1 confirmed" in mail.messages[0]
        [note] = notifications_for(pg_url, order_id)
        assert note.channel == "email" and note.recipient == "ada@example.com"


def test_a_poison_message_is_dead_lettered_and_the_next_order_still_handled(launch, pg_url, amqp_url, topology):
    env = broker_env(pg_url, amqp_url, topology)
    server = launch("serve", env)
    worker = launch("worker", env)
    wait_until(lambda: "worker consuming" in worker.output(), message="the worker to start")

    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    channel.basic_publish(
        topology.events_exchange,
        "order.placed",
        b"{not json",
        properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent),
    )
    order_id = server.client.post("/order", json={"product_id": 2}).json()["order_id"]

    wait_until(lambda: notifications_for(pg_url, order_id), message="the good order to be handled")

    def dead_letters() -> int:
        return channel.queue_declare(topology.dead_queue, passive=True).method.message_count

    wait_until(lambda: dead_letters() == 1, timeout=30, message="the poison message in the dead-letter queue")
    _method, _properties, body = channel.basic_get(topology.dead_queue, auto_ack=True)
    assert body == b"{not json"
    failures = worker.output().count("event failed on attempt")
    assert failures == topology.max_attempts
    connection.close()

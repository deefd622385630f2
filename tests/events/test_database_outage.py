"""A PostgreSQL outage while orders stream in: every accepted order is still confirmed, exactly once.

The database is a private cluster of this test's own (the machine's PostgreSQL is shared and never stopped).
"""

import threading
import time

import httpx
import pika
import pytest
from sqlalchemy import create_engine, func, text
from sqlmodel import Session, select

from devtools.processes import wait_until
from services.models import Notification
from tests.events.conftest import broker_env

pytestmark = [pytest.mark.postgres, pytest.mark.rabbitmq, pytest.mark.slow]

OUTAGE_SECONDS = 10  # the length of the outage is the scenario, not a timing the test judges


class OrderStream:
    """Places an order after another from its own thread, as the shop's customers do, and keeps the accepted ones."""

    def __init__(self, url: str) -> None:
        self.client = httpx.Client(base_url=url, timeout=5)
        self.accepted: list[str] = []
        self.refused = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="order-stream", daemon=True)

    def __enter__(self) -> "OrderStream":
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(10)
        self.client.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                response = self.client.post("/order", json={"product_id": 2})
            except httpx.TransportError:
                self.refused += 1
            else:
                if response.status_code == 201:
                    self.accepted.append(response.json()["order_id"])
                else:
                    self.refused += 1
            self._stop.wait(0.02)  # a steady stream, not a load test


def notifications_per_order(database_url: str) -> dict[str, int]:
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            query = select(Notification.order_public_id, func.count()).group_by(Notification.order_public_id)
            return dict(session.exec(query).all())
    finally:
        engine.dispose()


def test_a_database_outage_under_an_order_stream_dead_letters_nothing_and_confirms_every_order_once(
    launch, private_postgres, amqp_url, topology
):
    database_url = private_postgres.create_database()
    env = broker_env(database_url, amqp_url, topology, BAKEOPS_RATE_LIMIT_ORDERS="0")
    server = launch("serve", env)
    worker = launch("worker", env)
    wait_until(lambda: "worker consuming" in worker.output(), message="the worker to start")
    broker = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = broker.channel()

    def waiting_in_queue() -> int:
        return channel.queue_declare(topology.worker_queue, passive=True).method.message_count

    def dead_letters() -> int:
        return channel.queue_declare(topology.dead_queue, passive=True).method.message_count

    with OrderStream(server.url) as stream:
        wait_until(lambda: len(notifications_per_order(database_url)) >= 5, message="the first confirmations")

        # The worker is busy when the database goes: its transactions wait on a lock (as behind a slow
        # bulk update) while events pile up in the queue, so the outage meets events in hand and queued.
        busy = create_engine(database_url).connect()
        busy.execute(text("LOCK TABLE processed_events IN EXCLUSIVE MODE"))
        wait_until(lambda: waiting_in_queue() >= 5, message="events queued behind the busy worker")
        private_postgres.stop()  # cuts every connection, the lock's too
        busy.invalidate()
        refused_before = stream.refused
        time.sleep(OUTAGE_SECONDS)
        assert stream.refused > refused_before  # the shop could not take orders meanwhile
        private_postgres.start()
        accepted_before_restart = len(stream.accepted)
        wait_until(lambda: len(stream.accepted) >= accepted_before_restart + 5, message="orders after the outage")

    accepted = set(stream.accepted)
    wait_until(
        lambda: dead_letters() > 0 or accepted <= notifications_per_order(database_url).keys(),
        timeout=60,
        message="a confirmation for every accepted order",
    )
    assert dead_letters() == 0
    confirmations = notifications_per_order(database_url)
    assert {order_id: confirmations.get(order_id, 0) for order_id in accepted} == dict.fromkeys(accepted, 1)
    assert worker.popen.poll() is None and server.popen.poll() is None
    broker.close()

"""The relay publishes a batch and waits once for its confirms; an event the broker refused stays unsent."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pika
import pytest
from sqlmodel import select

from services import orders
from services.database import session_scope
from services.events import Event, EventKind, OrderEvent
from services.messaging.amqp import AmqpPublisher
from services.messaging.confirms import PublisherConfirms
from services.models import OutboxEvent
from services.relay import NotConfirmed, OutboxRelay
from services.schemas import OrderRequest


def _rows() -> list[OutboxEvent]:
    with session_scope() as session:
        return list(session.exec(select(OutboxEvent).order_by(OutboxEvent.seq)))


def _place(session, catalogue, count: int) -> None:
    for _ in range(count):
        orders.place_order(session, OrderRequest(product_id=catalogue["Baguette"].id))


def _waiting_in(amqp_url: str, queue: str) -> list[str]:
    """The event ids in `queue`, left in it."""
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    try:
        channel = connection.channel()
        ids = []
        while (got := channel.basic_get(queue, auto_ack=False))[0] is not None:
            ids.append(got[1].message_id)
        return ids
    finally:
        connection.close()


@pytest.mark.rabbitmq
def test_a_batch_of_orders_goes_out_confirmed_with_at_most_one_wait(
    session, demo_catalogue, amqp_url, topology, monkeypatch
):
    _place(session, demo_catalogue, 30)
    publisher = AmqpPublisher(amqp_url, topology)
    publisher._open()  # connected beforehand, so its waits for the broker can be counted
    waits = []
    wait = publisher._connection.process_data_events
    monkeypatch.setattr(publisher._connection, "process_data_events", lambda **kw: waits.append(kw) or wait(**kw))
    try:
        assert OutboxRelay(publisher).sweep() == 30
    finally:
        publisher.close()

    assert len(waits) <= 1  # publishes never wait; then one wait for whatever the broker has not answered yet
    assert all(row.published_at is not None for row in _rows())
    assert _waiting_in(amqp_url, topology.worker_queue) == [row.event_id for row in _rows()]


@pytest.mark.rabbitmq
def test_an_event_the_broker_refuses_stays_unsent_and_goes_again(session, demo_catalogue, amqp_url, topology):
    _place(session, demo_catalogue, 3)
    # A second queue on the events exchange that takes two messages and refuses (nacks) the rest.
    full = f"{topology.prefix}.full"
    admin = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = admin.channel()
    topology.declare_events(channel)
    channel.queue_declare(full, arguments={"x-max-length": 2, "x-overflow": "reject-publish"})
    channel.queue_bind(full, topology.events_exchange, routing_key="#")
    publisher = AmqpPublisher(amqp_url, topology)
    relay = OutboxRelay(publisher)
    try:
        with pytest.raises(NotConfirmed):
            relay.sweep()
        first, second, third = _rows()
        assert first.published_at is not None and second.published_at is not None
        assert third.published_at is None

        channel.queue_purge(full)
        assert relay.sweep() == 1
        assert all(row.published_at is not None for row in _rows())
        # The refused one was sent twice; the worker handles an event id once.
        ids = [row.event_id for row in _rows()]
        assert _waiting_in(amqp_url, topology.worker_queue) == [*ids, ids[2]]
        assert relay.sweep() == 0
    finally:
        publisher.close()
        channel.queue_delete(full)
        admin.close()


def _event(n: int) -> Event:
    at = datetime.now(UTC)
    payload = OrderEvent(order_id=f"O{n}", ticket_number=n, status="Order Placed", due_day=date(2026, 12, 5), at=at)
    return Event(event_id=f"e-{n}", kind=EventKind.ORDER_PLACED, subject=f"O{n}", payload=payload, created_at=at)


class FakeChannelImpl:
    """What PublisherConfirms asks of pika's channel underneath the blocking one."""

    def add_on_return_callback(self, callback) -> None:
        self.on_return = callback

    def confirm_delivery(self, ack_nack_callback) -> None:
        self.on_confirm = ack_nack_callback


def test_a_returned_event_is_not_confirmed_though_its_ack_covers_it() -> None:
    impl = FakeChannelImpl()
    woken = []
    confirms = PublisherConfirms(SimpleNamespace(add_callback_threadsafe=woken.append), SimpleNamespace(_impl=impl))
    events = [_event(n) for n in (1, 2, 3)]
    for event in events:
        confirms.sending(event)

    impl.on_return(None, None, pika.BasicProperties(message_id="e-2"), b"")
    impl.on_confirm(SimpleNamespace(method=pika.spec.Basic.Ack(delivery_tag=1)))
    assert confirms.waiting == 2
    confirms._waiting = True  # as inside wait_for_all
    impl.on_confirm(SimpleNamespace(method=pika.spec.Basic.Ack(delivery_tag=3, multiple=True)))

    assert [event.event_id for event in confirms.take_confirmed()] == ["e-1", "e-3"]
    assert confirms.waiting == 0 and len(woken) == 1

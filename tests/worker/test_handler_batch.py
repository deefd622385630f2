"""A batch of events is handled in one transaction: each event once, all of them or none."""

import threading

import pytest
from sqlmodel import func, select

from services import orders
from services.database import session_scope
from services.events import Event
from services.models import Notification, OutboxEvent, ProcessedEvent
from services.schemas import OrderRequest
from worker.handler import EventHandler


class Outbox:
    """An email notifier that remembers what it sent, and refuses one recipient as a broken address would."""

    channel = "email"

    def __init__(self, refuse: str | None = None) -> None:
        self.refuse = refuse
        self.sent: list[str] = []

    def send(self, recipient: str, subject: str, body: str) -> None:
        if recipient == self.refuse:
            raise ValueError(f"cannot write to {recipient}")
        self.sent.append(recipient)


def _placed(session, catalogue, count: int) -> list[Event]:
    for n in range(count):
        request = OrderRequest(product_id=catalogue["Baguette"].id, email=f"c{n}@example.com")
        orders.place_order(session, request)
    with session_scope() as reading:
        return [Event.from_row(row) for row in reading.exec(select(OutboxEvent).order_by(OutboxEvent.seq))]


def _count(model) -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_a_batch_with_a_redelivered_event_tells_each_customer_once(session, demo_catalogue):
    first, second, third = _placed(session, demo_catalogue, 3)
    email = Outbox()
    handler = EventHandler(email)
    handler(first)  # handled before, e.g. by another worker

    refreshes = handler.handle_batch([first, second, second, third])

    assert [refresh.event_id for refresh in refreshes] == [e.event_id for e in (first, second, second, third)]
    assert email.sent == ["c0@example.com", "c1@example.com", "c2@example.com"]
    assert _count(Notification) == 3 and _count(ProcessedEvent) == 3
    handler.handle_batch([first, second, third])  # the whole batch redelivered
    assert len(email.sent) == 3 and _count(Notification) == 3


def test_a_batch_whose_message_cannot_be_sent_keeps_nothing_and_sends_no_message_twice(session, demo_catalogue):
    events = _placed(session, demo_catalogue, 3)
    email = Outbox(refuse="c1@example.com")
    handler = EventHandler(email)

    with pytest.raises(ValueError):
        handler.handle_batch(events)
    assert _count(ProcessedEvent) == 0 and _count(Notification) == 0
    assert sorted(email.sent) == ["c0@example.com", "c2@example.com"]  # the others went out

    # The consumer takes them again one at a time: they are recorded, and not sent again.
    handler(events[0])
    with pytest.raises(ValueError):
        handler(events[1])
    handler(events[2])
    assert sorted(email.sent) == ["c0@example.com", "c2@example.com"]
    assert _count(ProcessedEvent) == 2 and _count(Notification) == 2


class SlowMailServer:
    """Answers each message only once three conversations are open at the same time."""

    channel = "email"

    def __init__(self) -> None:
        self.all_three = threading.Barrier(3, timeout=5)

    def send(self, recipient: str, subject: str, body: str) -> None:
        self.all_three.wait()


def test_a_batchs_emails_go_out_side_by_side(session, demo_catalogue):
    events = _placed(session, demo_catalogue, 3)
    EventHandler(SlowMailServer()).handle_batch(events)  # one after the other, the first would wait in vain
    assert _count(Notification) == 3

"""The outbox: an event exists exactly when its change committed, and the relay sends them in order."""

import pytest
from sqlmodel import func, select

from services import order_moves, orders
from services.catalogue import add_product, update_product
from services.database import session_scope
from services.errors import Conflict
from services.events import Event
from services.models import Order, OrderStatusChange, OutboxEvent
from services.order_status import OrderStatus
from services.relay import OutboxRelay
from services.schemas import OrderRequest, ProductCreate, ProductUpdate


def _events(_session=None) -> list[OutboxEvent]:
    # A session of its own, closed at once: an open SQLite transaction would hold the write lock.
    with session_scope() as session:
        return list(session.exec(select(OutboxEvent).order_by(OutboxEvent.seq)))


def test_every_change_writes_its_event_in_the_same_commit(session, demo_catalogue):
    order, _ = orders.place_order(session, OrderRequest(product_id=demo_catalogue["Baguette"].id))
    order_moves.change_status(session, order.public_id, OrderStatus.IN_PROGRESS, by="Sam")
    order_moves.undo_last_move(session, order.public_id, by="Sam")
    order_moves.cancel_order(session, order.public_id, reason="Customer called", by="Sam")
    product = add_product(session, ProductCreate(name="Lemon Tart", price="4.50"))
    update_product(session, product.id, ProductUpdate(price="4.80"))

    kinds = [(e.kind, e.payload.get("status")) for e in _events()]
    assert kinds == [
        ("order.placed", "Order Placed"),
        ("order.status_changed", "In Progress"),
        ("order.status_changed", "Order Placed"),
        ("order.cancelled", "Cancelled"),
        ("product.created", None),
        ("product.updated", None),
    ]
    history = session.exec(select(func.count()).select_from(OrderStatusChange)).one()
    assert history == 4  # one event per history row, none missing


def test_a_refused_change_leaves_neither_change_nor_event(session, demo_catalogue):
    order, _ = orders.place_order(session, OrderRequest(product_id=demo_catalogue["Baguette"].id))
    before = len(_events())
    with pytest.raises(Conflict):
        order_moves.change_status(session, order.public_id, OrderStatus.PICKED_UP, by="Sam")
    with pytest.raises(Conflict):
        orders.place_order(session, OrderRequest(product_id=demo_catalogue["Almond Croissant"].id))  # sold out
    session.rollback()  # as the request's session would on its way out
    assert len(_events()) == before
    assert session.exec(select(func.count()).select_from(Order)).one() == 1


def test_a_crash_before_commit_loses_the_event_with_the_change(session, demo_catalogue, monkeypatch):
    order, _ = orders.place_order(session, OrderRequest(product_id=demo_catalogue["Baguette"].id))

    def fail_commit() -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(session, "commit", fail_commit)
    with pytest.raises(RuntimeError):
        order_moves.change_status(session, order.public_id, OrderStatus.IN_PROGRESS, by="Sam")
    session.rollback()
    monkeypatch.undo()
    assert [e.kind for e in _events()] == ["order.placed"]
    assert orders.get_order(session, order.public_id).status == OrderStatus.PLACED


class FlakyBroker:
    """Refuses everything while `down`; remembers what it accepted, in order."""

    def __init__(self) -> None:
        self.down = True
        self.accepted: list[Event] = []

    def publish_events(self, events: list[Event]) -> list[Event]:
        if self.down:
            raise ConnectionError("broker unreachable")
        self.accepted.extend(events)
        return events


def test_the_relay_keeps_events_while_the_broker_is_down_and_sends_them_in_order(session, demo_catalogue):
    broker = FlakyBroker()
    relay = OutboxRelay(broker)
    order, _ = orders.place_order(session, OrderRequest(product_id=demo_catalogue["Baguette"].id))
    for status in (OrderStatus.IN_PROGRESS, OrderStatus.READY, OrderStatus.PICKED_UP):
        order_moves.change_status(session, order.public_id, status, by="Sam")

    with pytest.raises(ConnectionError):
        relay.sweep()
    assert all(e.published_at is None for e in _events())

    broker.down = False
    assert relay.sweep() == 4
    assert [e.order.status for e in broker.accepted] == ["Order Placed", "In Progress", "Ready", "Picked Up"]
    assert all(e.published_at is not None for e in _events())
    assert relay.sweep() == 0  # sent once, not again

"""Events are typed: a kind or a field nobody declared is refused, and what older code wrote still reads."""

import json
from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError
from sqlmodel import Session

from services.events import (
    BakeryEvent,
    CategoryOrderEvent,
    Event,
    EventKind,
    OrderEvent,
    ProductEvent,
    ProductPhotoEvent,
    Refresh,
)
from services.order_status import OrderStatus
from services.outbox import record_event

AT = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)
PLACED = OrderEvent(
    order_id="K7QX2A",
    ticket_number=12,
    status=OrderStatus.PLACED,
    due_day=date(2026, 12, 5),
    version=1,
    by="web",
    at=AT,
)


def event(kind: EventKind = EventKind.ORDER_PLACED, payload=PLACED, subject: str = "K7QX2A") -> Event:
    return Event(event_id="e-1", kind=kind, subject=subject, payload=payload, created_at=AT, seq=41)


def wire(**fields) -> bytes:
    """An event's JSON with some of its fields replaced."""
    return json.dumps(json.loads(event().to_json()) | fields).encode()


def test_a_payload_field_nobody_declared_is_refused() -> None:
    with pytest.raises(ValidationError, match="colour"):
        OrderEvent.model_validate(PLACED.model_dump() | {"colour": "red"})
    with pytest.raises(ValidationError, match="colour"):
        Event.from_json(wire(payload=json.loads(PLACED.model_dump_json()) | {"colour": "red"}))


def test_an_envelope_field_nobody_declared_is_refused() -> None:
    with pytest.raises(ValidationError, match="priority"):
        Event.from_json(wire(priority="high"))


def test_an_unknown_kind_is_refused_on_the_wire_and_when_written() -> None:
    with pytest.raises(ValidationError, match="kind"):
        Event.from_json(wire(kind="order.eaten"))
    with pytest.raises(ValueError, match=r"order\.eaten"):
        record_event(Session(), "order.eaten", "K7QX2A", PLACED)


def test_a_payload_must_be_the_one_its_kind_carries() -> None:
    settings = BakeryEvent(version=3, by="olive@bakery.test", at=AT)
    with pytest.raises(ValidationError, match=r"order\.placed carries OrderEvent, not BakeryEvent"):
        event(payload=settings)
    with pytest.raises(ValueError, match="BakeryEvent"):
        record_event(Session(), EventKind.ORDER_PLACED, "K7QX2A", settings)
    with pytest.raises(ValidationError):
        Event.from_json(wire(kind="bakery.updated"))  # an order's fields under the bakery's kind


def test_payloads_are_frozen() -> None:
    with pytest.raises(ValidationError):
        PLACED.status = OrderStatus.READY


def test_an_event_and_its_refresh_come_back_from_their_json_unchanged() -> None:
    sent = event()
    received = Event.from_json(sent.to_json())
    assert received == sent.model_copy(update={"seq": 0})  # the outbox position stays with its process
    assert "seq" not in json.loads(sent.to_json())
    refresh = Refresh.after(received)
    assert Refresh.from_json(refresh.to_json()) == refresh
    assert refresh.order is not None and refresh.order.due_day == date(2026, 12, 5)


def test_every_kind_of_product_change_comes_back_as_its_own_shape() -> None:
    photo = event(EventKind.PRODUCT_UPDATED, ProductPhotoEvent(photo="9f2c"), subject="4")
    order = event(EventKind.PRODUCT_UPDATED, CategoryOrderEvent(categories=["Cakes", "Bread"]), subject="categories")
    for sent in (photo, order):
        assert Event.from_json(sent.to_json()).payload == sent.payload
        assert Event.from_json(sent.to_json()).order is None


# Bodies exactly as the code before typed events wrote them (json.dumps of dicts, times with +00:00): outbox
# rows and dead-lettered messages of that time must still be read.
OLD_EVENTS = [
    b'{"event_id": "1b9d", "kind": "order.placed", "subject": "K7QX2A", "payload": {"order_id": "K7QX2A", '
    b'"ticket_number": 12, "from_status": null, "status": "Order Placed", "due_day": "2026-12-05", "version": 1, '
    b'"by": "web", "at": "2026-12-04T09:30:00.123456+00:00"}, "created_at": "2026-12-04T09:30:00.200000+00:00"}',
    b'{"event_id": "2c8e", "kind": "order.cancelled", "subject": "K7QX2A", "payload": {"order_id": "K7QX2A", '
    b'"ticket_number": 12, "from_status": "In Progress", "status": "Cancelled", "due_day": "2026-12-05", '
    b'"version": 3, "by": "Sam", "at": "2026-12-04T09:40:00+00:00", "undo": false, "note": "Out of flour"}, '
    b'"created_at": "2026-12-04T09:40:00+00:00"}',
    b'{"event_id": "3d7f", "kind": "order.late", "subject": "K7QX2A", "payload": {"order_id": "K7QX2A", '
    b'"ticket_number": 12, "status": "Order Placed", "due_day": "2026-12-05", "at": "2026-12-05T10:01:00+00:00"}, '
    b'"created_at": "2026-12-05T10:01:00+00:00"}',
    b'{"event_id": "4e6a", "kind": "order.pickup_moved", "subject": "K7QX2A", "payload": {"order_id": "K7QX2A", '
    b'"ticket_number": 12, "from_status": "Order Placed", "status": "Order Placed", "due_day": "2026-12-06", '
    b'"pickup_at": "2026-12-06T11:00:00+00:00", "version": 2, "by": "Sam", "at": "2026-12-04T10:00:00+00:00"}, '
    b'"created_at": "2026-12-04T10:00:00+00:00"}',
    b'{"event_id": "5f5b", "kind": "product.created", "subject": "4", "payload": {"id": 4, "name": "Lemon Tart", '
    b'"price": 4.5, "category": "Cakes", "description": "", "available": true, "daily_limit": null, '
    b'"lead_time_hours": null, "active": true, "allergens": ["gluten", "eggs"], "may_contain": [], '
    b'"ingredients": "", "options": [{"name": "Size", "kind": "choice", "required": true, "choices": '
    b'[{"name": "8 inch", "price": 6.0}], "max_length": 40}], "min_quantity": 1, "max_quantity": null, '
    b'"quantity_step": 1, "position": 0, "photo_url": null, "thumbnail_url": null}, '
    b'"created_at": "2026-12-04T08:00:00+00:00"}',
    b'{"event_id": "6a4c", "kind": "product.updated", "subject": "4", "payload": {"photo": "9f2c"}, '
    b'"created_at": "2026-12-04T08:05:00+00:00"}',
    b'{"event_id": "7b3d", "kind": "product.updated", "subject": "categories", "payload": {"categories": '
    b'["Cakes", "Bread"]}, "created_at": "2026-12-04T08:06:00+00:00"}',
    b'{"event_id": "8c2e", "kind": "bakery.updated", "subject": "bakery", "payload": {"version": 3, '
    b'"by": "olive@bakery.test", "at": "2026-12-04T07:00:00+00:00"}, "created_at": "2026-12-04T07:00:00+00:00"}',
]
OLD_REFRESH = (
    b'{"event_id": "2c8e", "kind": "order.cancelled", "subject": "K7QX2A", "payload": {"order_id": "K7QX2A", '
    b'"ticket_number": 12, "from_status": "In Progress", "status": "Cancelled", "due_day": "2026-12-05", '
    b'"version": 3, "by": "Sam", "at": "2026-12-04T09:40:00+00:00", "undo": false, "note": "Out of flour"}, '
    b'"committed_at": "2026-12-04T09:40:00+00:00", "handled_at": "2026-12-04T09:40:00.050000+00:00"}'
)


@pytest.mark.parametrize("body", OLD_EVENTS, ids=lambda body: json.loads(body)["kind"])
def test_an_event_as_older_code_wrote_it_still_reads(body: bytes) -> None:
    received = Event.from_json(body)
    assert received.kind == json.loads(body)["kind"]
    assert received.created_at.utcoffset() is not None
    assert Event.from_json(received.to_json()) == received  # and goes on again as it came


def test_what_older_messages_say_is_read_as_typed_attributes() -> None:
    cancelled = Event.from_json(OLD_EVENTS[1])
    assert cancelled.order is not None
    assert (cancelled.order.status, cancelled.order.note, cancelled.order.due_day) == (
        OrderStatus.CANCELLED,
        "Out of flour",
        date(2026, 12, 5),
    )
    late = Event.from_json(OLD_EVENTS[2]).order
    assert late is not None and (late.version, late.by, late.undo) == (None, None, False)
    product = Event.from_json(OLD_EVENTS[4]).payload
    assert isinstance(product, ProductEvent) and product.options[0].choices[0].name == "8 inch"
    assert isinstance(Event.from_json(OLD_EVENTS[5]).payload, ProductPhotoEvent)
    assert isinstance(Event.from_json(OLD_EVENTS[6]).payload, CategoryOrderEvent)
    refresh = Refresh.from_json(OLD_REFRESH)
    assert refresh.order is not None and refresh.order.note == "Out of flour"

"""What the customer is sent: a correction only for a status they were told of, words for who cancelled."""

from services.clock import utcnow
from services.events import Event, EventKind, OrderEvent
from services.notifications import correction_for, message_for


def event(kind: EventKind, **fields) -> Event:
    now = utcnow()
    payload = OrderEvent(order_id="code-1", ticket_number=12, due_day=now.date(), at=now, **fields)
    return Event(event_id="e-1", kind=kind, subject="code-1", payload=payload, created_at=now)


def undo_of(undone: str, back_to: str) -> Event:
    return event(EventKind.ORDER_STATUS_CHANGED, undo=True, from_status=undone, status=back_to)


def test_a_ready_taken_back_is_corrected_only_when_the_customer_was_told_it_was_ready() -> None:
    taken_back = undo_of("Ready", "In Progress")

    assert correction_for(taken_back, told="Ready") == (
        "Sorry, order #12 is not ready yet",
        "Sorry, order #12 is not ready yet: we told you too soon. We will write again when it is ready.",
    )
    assert correction_for(taken_back, told="Order Placed") is None, "they never heard it was ready"
    assert correction_for(taken_back, told=None) is None


def test_an_undone_cancel_says_the_order_stands_again() -> None:
    subject, body = correction_for(undo_of("Cancelled", "Order Placed"), told="Cancelled")

    assert subject == "Order #12 is not cancelled after all"
    assert "it is Order Placed again" in body


def test_an_undo_is_never_a_message_of_its_own() -> None:
    assert message_for(undo_of("Ready", "In Progress")) is None


def test_the_customer_is_told_who_cancelled() -> None:
    _, by_bakery = message_for(
        event(EventKind.ORDER_CANCELLED, status="Cancelled", note="Oven broke", by="olive@bakery.test")
    )
    _, by_customer = message_for(
        event(EventKind.ORDER_CANCELLED, status="Cancelled", note="Plans changed", by="customer")
    )

    assert by_bakery.startswith("We are sorry: your order #12 was cancelled (Oven broke)")
    assert by_customer.startswith("You cancelled order #12 (Plans changed)")

"""Staff moving an order's pickup time: its items leave the old slot and take the new one in one transaction."""

from collections import Counter
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import Session, select

from services.bakery_settings import current_calendar
from services.calendar import BakeryCalendar
from services.clock import utcnow
from services.errors import Conflict
from services.events import EventKind, OrderEvent
from services.models import Order, OrderItem, OrderSlot, Product
from services.order_status import OrderStatus, is_final
from services.order_views import staff_view
from services.orders import get_order
from services.outbox import record_event
from services.pickup_slots import SUGGESTIONS, SlotFull, day_slots, free_slots, full_message
from services.schemas import OrderStaffView
from services.slot_bookings import basket_items, rebook, release


def move_pickup(
    session: Session, public_id: str, pickup_at: datetime, *, by: str, expected_version: int | None = None
) -> OrderStaffView:
    """Give the order a new pickup time within opening hours, in a slot that can take it.

    Staff know their kitchen: the preparation buffer and the same-day cut-off do not bind them, hours,
    closures and capacity do.
    """
    order = get_order(session, public_id)
    if expected_version is not None and expected_version != order.version:
        raise Conflict("This order was just changed by someone else; reload it and try again")
    if is_final(OrderStatus(order.status)):
        raise Conflict(f"The order is {order.status}; its pickup time cannot change any more")
    calendar = staff_calendar(session)
    now = utcnow()
    slot = calendar.check_pickup(pickup_at, now)
    held = release(session, order.id)
    items = held.items if held is not None else _items_of(session, order.id)
    if not rebook(session, calendar, order.id, slot.start, items):
        session.rollback()
        next_free = free_slots(session, calendar, items, after=slot.start, count=SUGGESTIONS)
        raise SlotFull(full_message(calendar, slot, next_free), next_free)
    result = session.execute(
        update(Order)
        .where(Order.id == order.id, Order.version == order.version)
        .values(pickup_at=pickup_at, due_day=calendar.day_of(pickup_at), version=order.version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.rollback()
        raise Conflict("This order was just changed by someone else; reload it and try again")
    payload = OrderEvent(
        order_id=order.public_id,
        ticket_number=order.ticket_number,
        from_status=order.status,
        status=order.status,
        due_day=calendar.day_of(pickup_at),
        pickup_at=pickup_at,
        version=order.version + 1,
        by=by,
        at=now,
    )
    record_event(session, EventKind.ORDER_PICKUP_MOVED, order.public_id, payload)
    session.commit()
    session.expire_all()
    return staff_view(session, public_id)


def staff_calendar(session: Session | None = None) -> BakeryCalendar:
    """The calendar as it binds staff: hours, closures and capacity, without the buffer or the cut-off."""
    return replace(current_calendar(session), prep_buffer_minutes=0, same_day_cutoff=None)


def move_days(now: datetime | None = None) -> list[date]:
    """The days staff can move an order to (open, not closed, within the horizon)."""
    return staff_calendar().pickup_days(now or utcnow())


def move_slots(session: Session, public_id: str, day: date) -> list[datetime]:
    """The starts of the slots of `day` that can take the whole order, its own slot left out."""
    order = get_order(session, public_id)
    calendar = staff_calendar(session)
    current = calendar.slot_at(order.pickup_at) if order.pickup_at is not None else None
    slots = day_slots(session, calendar, day, items=_held_items(session, order.id)).slots
    return [s.start for s in slots if s.available and (current is None or s.start != current.start)]


def full_slot_message(session: Session, public_id: str, start: datetime) -> str:
    """What Move pickup says of a slot that can no longer take the order: the same words, and the same next
    free slots, as the refusal of the move itself."""
    order = get_order(session, public_id)
    calendar = staff_calendar(session)
    slot = calendar.slot_at(start)
    next_free = free_slots(session, calendar, _held_items(session, order.id), after=slot.start, count=SUGGESTIONS)
    return full_message(calendar, slot, next_free)


def _held_items(session: Session, order_id: int) -> dict[str, int]:
    held = session.get(OrderSlot, order_id)
    return held.items if held is not None and not held.released else _items_of(session, order_id)


def _items_of(session: Session, order_id: int) -> dict[str, int]:
    """What an order holds when it predates slot bookings: its items by today's categories."""
    lines: Counter[str] = Counter()
    rows = session.exec(
        select(Product.category, OrderItem.quantity)
        .join(Product, Product.id == OrderItem.product_id)
        .where(OrderItem.order_id == order_id)
    )
    for category, quantity in rows:
        lines[category] += quantity
    return basket_items(dict(lines))

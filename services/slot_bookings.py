"""What each pickup slot has promised, kept so that no slot is ever promised beyond its capacity.

One row per slot and category ("*" for the whole slot) counts the items booked. An order books inside its
own transaction with a conditional `UPDATE ... SET booked = booked + n WHERE booked + n <= capacity`: on
PostgreSQL the row lock makes a second order wait and re-check the new count; SQLite runs one writer at a
time (BEGIN IMMEDIATE, see database.py). Either way a lost race is a row count of 0, never an oversold slot.
"""

from collections import Counter
from datetime import datetime

from sqlalchemy import bindparam, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from services.calendar import BakeryCalendar
from services.clock import utcnow
from services.models import Order, OrderItem, OrderSlot, Product, SlotBooking
from services.order_status import OrderStatus

WHOLE_SLOT = "*"


def basket_items(lines: dict[str, int]) -> dict[str, int]:
    """Items per category plus the whole basket under "*", as a slot counts them."""
    items = {WHOLE_SLOT: sum(lines.values())}
    items.update({category: n for category, n in sorted(lines.items()) if n})
    return items


def claim(session: Session, calendar: BakeryCalendar, slot_start: datetime, items: dict[str, int]) -> bool:
    """Book `items` into the slot if every limit allows it; False (and nothing booked) when one does not.

    Rows are taken in one fixed order (the key sort) so two orders never wait for each other in a circle.
    """
    done: list[tuple[str, int]] = []
    for category in sorted(items):
        wanted = items[category]
        limit = calendar.slot_capacity if category == WHOLE_SLOT else calendar.category_capacity.get(category)
        if not _add(session, slot_start, category, wanted, limit):
            for booked_category, n in done:  # we hold these rows' locks: giving them back cannot fail
                _add(session, slot_start, booked_category, -n, None)
            return False
        done.append((category, wanted))
    return True


def hold(session: Session, order_id: int, slot_start: datetime, items: dict[str, int]) -> None:
    """Remember what the order booked, so cancelling or moving it gives back exactly that."""
    session.add(OrderSlot(order_id=order_id, slot_start=slot_start, items=items))


def release(session: Session, order_id: int) -> OrderSlot | None:
    """Give the order's items back to its slot (cancelled or moving away); returns what it held."""
    held = session.get(OrderSlot, order_id)
    if held is None or held.released:
        return None
    for category, n in held.items.items():
        _add(session, held.slot_start, category, -n, None)
    held.released = True
    session.add(held)
    return held


def rebook(
    session: Session, calendar: BakeryCalendar, order_id: int, slot_start: datetime, items: dict[str, int]
) -> bool:
    """Book a released or moved order into `slot_start`; False when the slot cannot take it."""
    if not claim(session, calendar, slot_start, items):
        return False
    held = session.get(OrderSlot, order_id)
    if held is None:
        hold(session, order_id, slot_start, items)
    else:
        held.slot_start, held.items, held.released = slot_start, items, False
        session.add(held)
    return True


# Table columns (SQLAlchemy Core), not ORM objects, in a statement built once: every order without a pickup
# time reads these.
_BOOKINGS = SlotBooking.__table__.c
_BOOKED_BETWEEN = select(_BOOKINGS.slot_start, _BOOKINGS.category, _BOOKINGS.booked).where(
    _BOOKINGS.slot_start >= bindparam("first"), _BOOKINGS.slot_start < bindparam("last")
)


def booked_between(session: Session, first: datetime, last: datetime) -> dict[datetime, dict[str, int]]:
    """Slot start -> category -> items booked, for slots starting in [first, last)."""
    rows = session.exec(_BOOKED_BETWEEN, params={"first": first, "last": last})
    booked: dict[datetime, dict[str, int]] = {}
    for slot_start, category, count in rows:
        booked.setdefault(slot_start, {})[category] = count
    return booked


def rebuild(session: Session, calendar: BakeryCalendar) -> None:
    """Re-count every open order from now on under a new slot grid (the admin changed hours or slot length).

    An order whose time no longer falls in opening hours keeps its old slot: it was accepted, it stays.
    """
    now = utcnow()
    held = session.exec(
        select(OrderSlot, Order.pickup_at)
        .join(Order, Order.id == OrderSlot.order_id)
        .where(OrderSlot.slot_start >= now, OrderSlot.released == False)  # noqa: E712 (SQL, not Python)
    ).all()
    totals: Counter[tuple[datetime, str]] = Counter()
    for order_slot, pickup_at in held:
        slot = calendar.slot_at(pickup_at) if pickup_at is not None else None
        if slot is not None:
            order_slot.slot_start = slot.start
            session.add(order_slot)
        for category, n in order_slot.items.items():
            totals[(order_slot.slot_start, category)] += n
    session.execute(delete(SlotBooking).where(SlotBooking.slot_start >= now))
    for (start, category), n in totals.items():
        session.add(SlotBooking(slot_start=start, category=category, booked=n))


def backfill(session: Session, calendar: BakeryCalendar) -> int:
    """Book the open orders placed before slots were counted (first start after the upgrade)."""
    now = utcnow()
    rows = session.exec(
        select(Order.id, Order.pickup_at, Product.category, OrderItem.quantity)
        .join(OrderItem, OrderItem.order_id == Order.id)
        .join(Product, Product.id == OrderItem.product_id)
        .outerjoin(OrderSlot, OrderSlot.order_id == Order.id)
        .where(Order.pickup_at >= now, Order.status != OrderStatus.CANCELLED.value, OrderSlot.order_id.is_(None))
    ).all()
    per_order: dict[int, tuple[datetime, Counter]] = {}
    for order_id, pickup_at, category, quantity in rows:
        per_order.setdefault(order_id, (pickup_at, Counter()))[1][category] += quantity
    for order_id, (pickup_at, lines) in per_order.items():
        slot = calendar.slot_at(pickup_at)
        if slot is None:
            continue
        items = basket_items(dict(lines))
        for category, n in items.items():
            _add(session, slot.start, category, n, None)
        hold(session, order_id, slot.start, items)
    return len(per_order)


def _add(session: Session, slot_start: datetime, category: str, n: int, limit: int | None) -> bool:
    if n > 0:
        dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
        session.execute(
            dialect.insert(SlotBooking)
            .values(slot_start=slot_start, category=category, booked=0)
            .on_conflict_do_nothing(index_elements=["slot_start", "category"])
        )
    statement = (
        update(SlotBooking)
        .where(SlotBooking.slot_start == slot_start, SlotBooking.category == category)
        .values(booked=SlotBooking.booked + n)
        .execution_options(synchronize_session=False)
    )
    if limit is not None:
        statement = statement.where(SlotBooking.booked + n <= limit)
    return session.execute(statement).rowcount == 1

"""Orders whose promised pickup time has passed before they were Ready."""

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from services.clock import utcnow
from services.events import EventKind, OrderEvent
from services.models import Order
from services.order_status import OrderStatus
from services.outbox import record_event

NOT_READY = [OrderStatus.PLACED.value, OrderStatus.IN_PROGRESS.value]


def mark_late_orders(session: Session) -> list[str]:
    """Flag newly late orders (once each, even with several workers) and announce them; returns their ids."""
    now = utcnow()
    overdue = session.exec(
        select(Order.id, Order.public_id, Order.ticket_number, Order.status, Order.due_day).where(
            Order.pickup_at < now, Order.status.in_(NOT_READY), Order.late_since.is_(None)
        )
    ).all()
    marked = []
    for order_id, public_id, ticket, status, due_day in overdue:
        claimed = session.execute(
            update(Order).where(Order.id == order_id, Order.late_since.is_(None)).values(late_since=now)
        )
        if claimed.rowcount == 1:
            late = OrderEvent(order_id=public_id, ticket_number=ticket, status=status, due_day=due_day, at=now)
            record_event(session, EventKind.ORDER_LATE, public_id, late)
            marked.append(public_id)
    session.commit()
    return marked


def lateness(pickup_at: datetime | None, status: str, now: datetime | None = None) -> str:
    """How the board colours a card: "late", "due" (within 30 minutes), "on_time" or "" (no pickup time/final)."""
    if pickup_at is None or status in FINISHED:
        return ""
    now = now or utcnow()
    if pickup_at <= now and status != OrderStatus.READY:
        return "late"
    if status != OrderStatus.READY and pickup_at - now <= DUE_SOON:
        return "due"
    return "on_time"


DUE_SOON = timedelta(minutes=30)
FINISHED = {s.value for s in (OrderStatus.PICKED_UP, OrderStatus.DELIVERED, OrderStatus.CANCELLED)}

"""Orders whose promised pickup time has passed before they were Ready."""

from sqlalchemy import update
from sqlmodel import Session, select

from services.clock import utcnow
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
            record_event(
                session,
                "order.late",
                public_id,
                {
                    "order_id": public_id,
                    "ticket_number": ticket,
                    "status": status,
                    "due_day": due_day.isoformat(),
                    "at": now.isoformat(),
                },
            )
            marked.append(public_id)
    session.commit()
    return marked

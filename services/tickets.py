"""Order tickets for the counter: what one printed ticket says, for one order or every order of a day.

A ticket names the order's number, customer, pickup time, items with their options (a cake's size and
inscription), the allergens its products declare, the note and whether the note names an allergy
(services/allergy_notes.py), so the paper on the bag says as much as the board's card.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from services.allergy_notes import allergens_by_order, mentions_allergy
from services.models import Order
from services.order_status import OrderStatus
from services.order_views import staff_view, staff_views
from services.schemas import OrderStaffView


@dataclass(frozen=True)
class Ticket:
    ticket_number: int
    customer: str
    phone: str
    pickup_at: datetime | None
    lines: list[str]
    allergens: list[str]  # what its products declare, in the law's words and order
    note: str
    allergy: bool


def ticket_of(order: OrderStaffView, allergens: list[str]) -> Ticket:
    return Ticket(
        ticket_number=order.ticket_number,
        customer=order.customer_name or "Walk-in / API",
        phone=order.phone or "",
        pickup_at=order.pickup_at,
        lines=[f"{item.quantity} × {item.title}" for item in order.items],
        allergens=allergens,
        note=order.notes or "",
        allergy=mentions_allergy(order.notes),
    )


def ticket_for(session: Session, public_id: str) -> Ticket:
    return _tickets(session, [staff_view(session, public_id)])[0]


def tickets_for_day(session: Session, day: date) -> list[Ticket]:
    """Every order due that day that is not cancelled, in pickup order."""
    query = (
        select(Order)
        .where(Order.due_day == day, Order.status != OrderStatus.CANCELLED.value)
        .order_by(Order.pickup_at, Order.ticket_number)
    )
    return _tickets(session, staff_views(session, list(session.exec(query))))


def _tickets(session: Session, orders: list[OrderStaffView]) -> list[Ticket]:
    allergens = allergens_by_order(session, orders)
    return [ticket_of(order, allergens[order.order_id]) for order in orders]

"""The bake list: how many of each product the bakers owe for a day, and how many are already made."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func
from sqlmodel import Session, select

from services.models import Order, OrderItem
from services.order_status import OrderStatus

# Once an order is Ready (or further along) its items exist: they count as made.
MADE = [OrderStatus.READY, OrderStatus.PICKED_UP, OrderStatus.SHIPPED, OrderStatus.DELIVERED]


@dataclass(frozen=True)
class BakeLine:
    product_id: int
    name: str
    ordered: int
    made: int

    @property
    def remaining(self) -> int:
        return self.ordered - self.made


def bake_list_for(session: Session, day: date) -> list[BakeLine]:
    """Every product ordered for `day` by orders that are not cancelled, by name, in one query."""
    made = func.sum(case((Order.status.in_([s.value for s in MADE]), OrderItem.quantity), else_=0))
    rows = session.exec(
        select(OrderItem.product_id, func.max(OrderItem.product_name), func.sum(OrderItem.quantity), made)
        .join(Order, Order.id == OrderItem.order_id)
        .where(Order.due_day == day, Order.status != OrderStatus.CANCELLED.value)
        .group_by(OrderItem.product_id)
    ).all()
    lines = [BakeLine(pid, name, int(ordered), int(done or 0)) for pid, name, ordered, done in rows]
    return sorted(lines, key=lambda line: line.name)

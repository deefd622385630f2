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
    options_label: str = ""  # an 8-inch cake is baked apart from a 6-inch one

    @property
    def title(self) -> str:
        """What the bakers read: "Carrot Cake · 8 inch · Inscription: Happy 40th"."""
        return f"{self.name} · {self.options_label}" if self.options_label else self.name

    @property
    def remaining(self) -> int:
        return self.ordered - self.made


def bake_list_for(session: Session, day: date) -> list[BakeLine]:
    """Every product (and set of options) ordered for `day` by orders that are not cancelled, by name, in one query."""
    made = func.sum(case((Order.status.in_([s.value for s in MADE]), OrderItem.quantity), else_=0))
    rows = session.exec(
        select(
            OrderItem.product_id,
            func.max(OrderItem.product_name),
            func.sum(OrderItem.quantity),
            made,
            OrderItem.options_label,
        )
        .join(Order, Order.id == OrderItem.order_id)
        .where(Order.due_day == day, Order.status != OrderStatus.CANCELLED.value)
        .group_by(OrderItem.product_id, OrderItem.options_label)
    ).all()
    lines = [BakeLine(pid, name, int(ordered), int(done or 0), label) for pid, name, ordered, done, label in rows]
    return sorted(lines, key=lambda line: (line.name, line.options_label))

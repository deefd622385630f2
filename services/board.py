"""What the staff board shows: open orders by column, for today, tomorrow or everything upcoming."""

from datetime import timedelta
from enum import StrEnum

from sqlmodel import Session, select

from services import bakery
from services.models import Order
from services.order_status import OrderStatus
from services.order_views import staff_views
from services.schemas import OrderStaffView

COLUMNS = (OrderStatus.PLACED, OrderStatus.IN_PROGRESS, OrderStatus.READY, OrderStatus.SHIPPED)


class Window(StrEnum):
    TODAY = "today"
    TOMORROW = "tomorrow"
    UPCOMING = "upcoming"


def board_orders(session: Session, window: Window = Window.TODAY) -> list[OrderStaffView]:
    """Open orders due in the window, soonest pickup first. "Today" keeps yesterday's stragglers: they are late."""
    today = bakery.rules().today()
    query = select(Order).where(Order.status.in_([c.value for c in COLUMNS]))
    if window == Window.TODAY:
        query = query.where(Order.due_day <= today)
    elif window == Window.TOMORROW:
        query = query.where(Order.due_day == today + timedelta(days=1))
    else:
        query = query.where(Order.due_day >= today)
    orders = list(session.exec(query.order_by(Order.due_day, Order.pickup_at, Order.created_at).limit(500)))
    return staff_views(session, orders)

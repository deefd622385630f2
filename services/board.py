"""What the staff board shows: open orders by column, for today, tomorrow or everything upcoming."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from sqlmodel import Session, select

from services import bakery
from services.models import Order
from services.order_status import FINAL, OrderStatus
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


def orders_named(session: Session, public_ids: list[str]) -> list[OrderStaffView]:
    """Just these orders: a board redraws the cards an event names before it reads the whole board again."""
    return staff_views(session, list(session.exec(select(Order).where(Order.public_id.in_(public_ids)))))


def shows_in(order: OrderStaffView, window: Window, today: date) -> bool:
    """Is the order on a board showing `window`, as board_orders() would find it?"""
    return order.status in COLUMNS and window in windows_of(order.due_day, today)


@dataclass(frozen=True)
class OpenOrder:
    """Just enough of an open order for the day tabs: which day it is for, and its ticket for the notice."""

    order_id: str
    ticket_number: int | None
    due_day: date


def open_orders(session: Session) -> list[OpenOrder]:
    """Every open order of every day, without items or history: the tabs count them and spot new ones."""
    query = select(Order.public_id, Order.ticket_number, Order.due_day).where(
        Order.status.in_([c.value for c in COLUMNS])
    )
    return [OpenOrder(*row) for row in session.exec(query)]


def windows_of(due_day: date, today: date) -> list[Window]:
    """The board windows an order due on `due_day` shows in (today's orders are upcoming too)."""
    if due_day <= today:
        return [Window.TODAY] + ([Window.UPCOMING] if due_day == today else [])
    if due_day == today + timedelta(days=1):
        return [Window.TOMORROW, Window.UPCOMING]
    return [Window.UPCOMING]


def done_today(session: Session, limit: int = 200) -> list[OrderStaffView]:
    """Orders picked up, delivered or cancelled since the bakery's day began, latest first (for undo)."""
    rules = bakery.rules()
    day_began = datetime.combine(rules.today(), time(), tzinfo=rules.zone).astimezone(UTC)
    query = (
        select(Order)
        .where(Order.status.in_([s.value for s in FINAL]), Order.updated_at >= day_began)
        .order_by(Order.updated_at.desc())
        .limit(limit)
    )
    return staff_views(session, list(session.exec(query)))


def matches(order: OrderStaffView, wanted: str) -> bool:
    """Does the order answer to what staff typed: its ticket number ("12" or "#12"), a name or a phone number?"""
    wanted = wanted.strip().lower()
    if not wanted:
        return True
    if wanted.lstrip("#").isdigit() and int(wanted.lstrip("#")) == order.ticket_number:
        return True
    digits = "".join(c for c in wanted if c.isdigit())
    phone = "".join(c for c in (order.phone or "") if c.isdigit())
    if len(digits) >= 3 and digits in phone:
        return True
    return wanted in (order.customer_name or "").lower()

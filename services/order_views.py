"""Read side of orders: the customer's public view, the staff view and the staff listing."""

from collections import defaultdict
from datetime import date
from typing import TypeVar

from sqlalchemy import func
from sqlmodel import Session, select

from services.models import Order, OrderItem, OrderStatusChange
from services.order_status import OrderStatus
from services.orders import CUSTOMER, get_order
from services.schemas import (
    Cancellation,
    HistoryEntry,
    OrderItemPublic,
    OrderPublic,
    OrderStaffView,
    StaffHistoryEntry,
)


def public_view(session: Session, public_id: str) -> OrderPublic:
    order = get_order(session, public_id)
    items, history = _details(session, [order.id])
    return _public(order, items[order.id], history[order.id])


def public_views(session: Session, orders: list[Order]) -> list[OrderPublic]:
    """Public views for many orders with two extra queries in all."""
    items, history = _details(session, [o.id for o in orders])
    return [_public(o, items[o.id], history[o.id]) for o in orders]


def staff_view(session: Session, public_id: str) -> OrderStaffView:
    order = get_order(session, public_id)
    return staff_views(session, [order])[0]


def staff_views(session: Session, orders: list[Order]) -> list[OrderStaffView]:
    """Views for many orders with two extra queries in all, not two per order."""
    items, history = _details(session, [o.id for o in orders])
    return [_staff(o, items[o.id], history[o.id]) for o in orders]


def list_orders(
    session: Session,
    *,
    statuses: list[OrderStatus] | None = None,
    due_day: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[OrderStaffView], int]:
    """Newest first, filtered by status and the day the order is due; returns (page, total)."""
    query = select(Order)
    if statuses:
        query = query.where(Order.status.in_([s.value for s in statuses]))
    if due_day is not None:
        query = query.where(Order.due_day == due_day)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    page = list(session.exec(query.order_by(Order.created_at.desc(), Order.id.desc()).limit(limit).offset(offset)))
    return staff_views(session, page), total


def _details(session: Session, order_ids: list[int]) -> tuple[dict, dict]:
    items: dict[int, list[OrderItem]] = defaultdict(list)
    history: dict[int, list[OrderStatusChange]] = defaultdict(list)
    if order_ids:
        for item in session.exec(select(OrderItem).where(OrderItem.order_id.in_(order_ids)).order_by(OrderItem.id)):
            items[item.order_id].append(item)
        changes = select(OrderStatusChange).where(OrderStatusChange.order_id.in_(order_ids))
        for change in session.exec(changes.order_by(OrderStatusChange.id)):
            history[change.order_id].append(change)
    return items, history


def _item_views(items: list[OrderItem]) -> list[OrderItemPublic]:
    return [
        OrderItemPublic(
            product_id=i.product_id,
            name=i.product_name,
            quantity=i.quantity,
            unit_price=i.unit_price,
            line_total=i.unit_price * i.quantity,
            options=i.options,
            options_label=i.options_label,
        )
        for i in items
    ]


def _public(order: Order, items: list[OrderItem], history: list[OrderStatusChange]) -> OrderPublic:
    entries = [
        HistoryEntry(status=c.to_status, from_status=c.from_status, at=c.at, undo=c.undoes_id is not None)
        for c in history
    ]
    return _view(OrderPublic, order, items, entries, history)


def _staff(order: Order, items: list[OrderItem], history: list[OrderStatusChange]) -> OrderStaffView:
    entries = [
        StaffHistoryEntry(
            status=c.to_status, from_status=c.from_status, at=c.at, by=c.by, note=c.note, undo=c.undoes_id is not None
        )
        for c in history
    ]
    return _view(
        OrderStaffView,
        order,
        items,
        entries,
        history,
        customer_name=order.customer_name,
        phone=order.phone,
        email=order.email,
        notes=order.notes,
        due_day=order.due_day,
    )


View = TypeVar("View", bound=OrderPublic)


def _view(
    shape: type[View],
    order: Order,
    items: list[OrderItem],
    history: list,
    changes: list[OrderStatusChange],
    **staff_only: object,
) -> View:
    """What every view of an order shows, plus the fields only `shape` (the staff view) has."""
    return shape(
        order_id=order.public_id,
        ticket_number=order.ticket_number,
        status=order.status,
        items=_item_views(items),
        total=order.total,
        pickup_at=order.pickup_at,
        placed_at=order.created_at,
        late=order.late_since is not None,
        history=history,
        version=order.version,
        cancellation=_cancellation(order, changes),
        taken_back=_taken_back(changes),
        **staff_only,
    )


def _cancellation(order: Order, changes: list[OrderStatusChange]) -> Cancellation | None:
    if order.status != OrderStatus.CANCELLED or not changes or changes[-1].to_status != OrderStatus.CANCELLED:
        return None
    last = changes[-1]
    return Cancellation(reason=last.note or "no reason given", by_customer=last.by == CUSTOMER)


def _taken_back(changes: list[OrderStatusChange]) -> OrderStatus | None:
    """The status the newest change undid, if it is an undo: the customer may have been told of it."""
    if changes and changes[-1].undoes_id is not None and changes[-1].from_status:
        return OrderStatus(changes[-1].from_status)
    return None

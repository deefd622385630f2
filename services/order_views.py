"""Read side of orders: the customer's public view, the staff view and the staff listing."""

from collections import defaultdict
from datetime import date
from typing import TypeVar

from sqlalchemy import Row, Select, bindparam, func
from sqlmodel import Session, select

from services.database import reader_of, session_scope
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
    """What the customer sees, from what is committed, in one statement.

    The order joined to its lines and its history comes back as one row per pair of line and history entry
    (an order has a few of each). One statement needs no transaction: on PostgreSQL it runs in autocommit,
    which saves the BEGIN and ROLLBACK round trips as well as two of the three SELECTs (see README, Benchmarks).
    """
    # Order codes are short URL-safe tokens; PostgreSQL refuses a NUL byte outright, so never send one.
    rows = _read_committed(session, _PUBLIC_ROWS, {"public_id": public_id}) if "\x00" not in public_id else []
    if not rows:
        get_order(session, public_id)  # raises the usual NotFound
    order = rows[0]
    items = {row.item_id: row for row in rows if row.item_id is not None}
    history = {row.change_id: row for row in rows}
    # The joined rows name their columns as the tables do, so they make the view as the tables' objects would.
    changes = [history[key] for key in sorted(history)]
    return _public(order, [items[key] for key in sorted(items)], changes)


def public_view_json(public_id: str) -> bytes:
    """GET /order/{id}'s body, in a session of its own: the model writes its JSON once, nothing re-validates it."""
    with session_scope() as session:
        return public_view(session, public_id).model_dump_json().encode()


_PUBLIC_ROWS = (
    select(
        Order.public_id,
        Order.ticket_number,
        Order.status,
        Order.total,
        Order.pickup_at,
        Order.created_at,
        Order.late_since,
        Order.version,
        OrderItem.id.label("item_id"),
        OrderItem.product_id,
        OrderItem.product_name,
        OrderItem.quantity,
        OrderItem.unit_price,
        OrderItem.options,
        OrderItem.options_label,
        OrderStatusChange.id.label("change_id"),
        OrderStatusChange.to_status,
        OrderStatusChange.from_status,
        OrderStatusChange.at,
        OrderStatusChange.note,
        OrderStatusChange.by,
        OrderStatusChange.undoes_id,
    )
    .join(OrderStatusChange, OrderStatusChange.order_id == Order.id)  # every order has its first entry
    .outerjoin(OrderItem, OrderItem.order_id == Order.id)
    .where(Order.public_id == bindparam("public_id"))
)


def _read_committed(session: Session, statement: Select, parameters: dict) -> list[Row]:
    """One read statement; on PostgreSQL in autocommit when the session has no transaction of its own (there is
    nothing of its own to see)."""
    database = session.get_bind()
    if database.dialect.name != "postgresql" or session.in_transaction():
        return list(session.execute(statement, parameters))
    with reader_of(database.engine).connect() as connection:
        return list(connection.execute(statement, parameters))


def _item_view(row: Row | OrderItem) -> OrderItemPublic:
    """A line as the customer sees it, from the table or from a joined row (its columns keep their names)."""
    return OrderItemPublic(
        product_id=row.product_id,
        name=row.product_name,
        quantity=row.quantity,
        unit_price=row.unit_price,
        line_total=row.unit_price * row.quantity,
        options=row.options,
        options_label=row.options_label,
    )


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
    return [_item_view(i) for i in items]


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


def _cancellation(order: Order | Row, changes: list[OrderStatusChange] | list[Row]) -> Cancellation | None:
    if order.status != OrderStatus.CANCELLED or not changes or changes[-1].to_status != OrderStatus.CANCELLED:
        return None
    last = changes[-1]
    return Cancellation(reason=last.note or "no reason given", by_customer=last.by == CUSTOMER)


def _taken_back(changes: list[OrderStatusChange] | list[Row]) -> OrderStatus | None:
    """The status the newest change undid, if it is an undo: the customer may have been told of it."""
    if changes and changes[-1].undoes_id is not None and changes[-1].from_status:
        return OrderStatus(changes[-1].from_status)
    return None

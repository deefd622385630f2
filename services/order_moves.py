"""Moving an order through its lifecycle: advance, any offered move, cancel (by staff or the customer), undo.

Every move is one transaction: the order, its history row and its outbox event commit together; a caller that
saw an older version of the order (`expected_version`) is refused with 409 instead of overwriting a newer move.
"""

from sqlalchemy import update
from sqlmodel import Session, select

from services import metrics, pickup_slots
from services.clock import utcnow
from services.errors import Conflict, Invalid
from services.events import EventKind
from services.models import Order, OrderStatusChange
from services.order_status import OrderStatus, check_move, next_status
from services.orders import CUSTOMER, event_payload, get_order
from services.outbox import record_event


def change_status(
    session: Session,
    public_id: str,
    target: OrderStatus,
    *,
    by: str = "api",
    note: str | None = None,
    expected_version: int | None = None,
) -> Order:
    """Move an order to `target` if the lifecycle allows it and nobody moved it meanwhile.

    A cancellation needs a reason: the customer is told it, and the board's dialog asks for one too.
    """
    order = get_order(session, public_id)
    _check_version(order, expected_version)
    check_move(OrderStatus(order.status), target)
    if target == OrderStatus.CANCELLED and not (note or "").strip():
        raise Invalid("A cancellation needs a reason (the customer is told it)", field="note")
    return _move(session, order, target, by=by, note=note)


def advance_order(session: Session, public_id: str, *, by: str, expected_version: int | None = None) -> Order:
    """The board's one click: the usual next step (Ready goes to Picked Up)."""
    order = get_order(session, public_id)
    _check_version(order, expected_version)
    target = next_status(OrderStatus(order.status))
    if target is None:
        raise Conflict(f"Order is {order.status!r}; there is no next step")
    return _move(session, order, target, by=by, note=None)


def cancel_order(
    session: Session, public_id: str, *, reason: str | None, by: str, expected_version: int | None = None
) -> Order:
    return change_status(
        session, public_id, OrderStatus.CANCELLED, by=by, note=reason, expected_version=expected_version
    )


def cancel_by_customer(
    session: Session, public_id: str, *, reason: str | None, expected_version: int | None = None
) -> Order:
    """The customer's own cancel, from the tracking page's link: only before the bakers start on it.

    The same move as staff make (version check, a reason, history, the slot given back), by "customer".
    """
    order = get_order(session, public_id)
    if order.status != OrderStatus.PLACED:  # said first: it tells the customer more than "changed meanwhile"
        raise Conflict(
            f"Order #{order.ticket_number} is {order.status} now, so it can no longer be cancelled online; "
            "please call the bakery"
        )
    if not (reason or "").strip():
        raise Invalid("Please tell us why you cancel (a few words are enough)", field="reason")
    return change_status(
        session, public_id, OrderStatus.CANCELLED, by=CUSTOMER, note=reason, expected_version=expected_version
    )


def undo_last_move(session: Session, public_id: str, *, by: str, expected_version: int | None = None) -> Order:
    """Revert the latest move that is still in effect, recorded as a change of its own.

    With `expected_version` (the version the caller saw) a stale undo is refused, so one click reverts one
    move and clicking again walks further back. Without it the caller saw nothing, so an undo only reverts
    a move that is the order's newest change: a double click or a retried request never reverts a second
    move (walking further back needs the version).
    """
    order = get_order(session, public_id)
    _check_version(order, expected_version)
    changes = list(
        session.exec(
            select(OrderStatusChange).where(OrderStatusChange.order_id == order.id).order_by(OrderStatusChange.id)
        )
    )
    if expected_version is None and changes and changes[-1].undoes_id is not None:
        raise Conflict("The last move was just undone; to undo more, send the version you see (expected_version)")
    undone = {c.undoes_id for c in changes if c.undoes_id is not None}
    moves = [c for c in changes if c.from_status is not None and c.undoes_id is None and c.id not in undone]
    if not moves or moves[-1].to_status != order.status:
        raise Conflict("There is no move to undo on this order")
    last = moves[-1]
    return _move(session, order, OrderStatus(last.from_status), by=by, note="Undo", undoes=last.id)


def _move(
    session: Session, order: Order, target: OrderStatus, *, by: str, note: str | None, undoes: int | None = None
) -> Order:
    now = utcnow()
    before = OrderStatus(order.status)
    # Compare-and-set on the version: of two clicks at once exactly one changes the row.
    result = session.execute(
        update(Order)
        .where(Order.id == order.id, Order.version == order.version)
        .values(status=target, version=order.version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.rollback()
        raise Conflict("This order was just changed by someone else; reload it and try again")
    pickup_slots.follow_status(session, order.id, before, target)  # a cancelled order frees its slot
    session.add(
        OrderStatusChange(
            order_id=order.id, from_status=before, to_status=target, at=now, by=by, note=note, undoes_id=undoes
        )
    )
    order.status, order.version, order.updated_at = target, order.version + 1, now
    kind = EventKind.ORDER_CANCELLED if target == OrderStatus.CANCELLED else EventKind.ORDER_STATUS_CHANGED
    payload = event_payload(order, before, by, undo=undoes is not None, note=note)
    record_event(session, kind, order.public_id, payload)
    session.commit()
    metrics.STATUS_CHANGES.labels(status=target.value).inc()
    return order


def _check_version(order: Order, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != order.version:
        raise Conflict("This order was just changed by someone else; reload it and try again")

"""Placing orders, and finding them (moves through the lifecycle are in services/order_moves.py).

Every order is one transaction: the order, its lines, its history row and its outbox event commit together.
"""

import secrets
from collections import Counter
from datetime import date
from decimal import Decimal

from sqlalchemy import bindparam, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from services import bakery, metrics, order_rows, pickup_slots, ticket_numbers
from services.bakery_settings import PAUSED_MESSAGE, current_calendar
from services.calendar import BakeryCalendar, Slot
from services.catalogue import LARGEST_ID
from services.clock import utcnow
from services.errors import Conflict, Invalid, NotFound
from services.events import EventKind, OrderEvent
from services.models import Order, OrderItem, OrderStatusChange, Product
from services.order_lines import PricedLine, priced_lines
from services.order_status import OrderStatus
from services.outbox import new_event, record_event
from services.schemas import OrderRequest

# Money columns are NUMERIC(10, 2); PostgreSQL refuses a larger total, SQLite would store it unchecked.
LARGEST_TOTAL = Decimal("99999999.99")
CUSTOMER = "customer"  # who a change was by, in the history, when the customer made it
# Built once: every order reads its products, and building the statement cost more than running it in Python.
_PRODUCTS = select(Product).where(Product.id.in_(bindparam("ids", expanding=True)))


def place_order(
    session: Session,
    request: OrderRequest,
    *,
    idempotency_key: str | None = None,
    placed_by: str = "api",
    staff_entry: bool = False,
    expected_total: Decimal | None = None,
    at_once: bool = True,
) -> tuple[Order, bool]:
    """Create an order; returns (order, created). A known idempotency key returns the first order, if this
    request asks for the same order (another order under a used key is refused: the script has a bug).

    Without a pickup time the order gets the earliest slot that can take it. Staff may enter orders while
    online orders are paused (`staff_entry`); customers may not. With `expected_total` (the total the customer
    saw) an order that would cost anything else is refused, so a price changed meanwhile is never charged unseen.
    On PostgreSQL the rows go in two statements (services/order_rows.py); `at_once=False` writes them step by
    step, as SQLite always does.
    """
    calendar = current_calendar(session)
    ticket_numbers.prepare_day(session)
    if idempotency_key and (earlier := _order_for_key(session, idempotency_key)):
        return _replayed(session, earlier, request), False
    if calendar.online_orders_paused and not staff_entry:
        raise Conflict(PAUSED_MESSAGE)
    rules = bakery.rules()
    now = utcnow()
    wanted = _wanted(request)
    products = _orderable_products(session, wanted)
    lines = priced_lines(request.lines(), products, wanted)
    lead = max((p.lead_time_hours or 0 for p in products.values()), default=0)
    items = pickup_slots.items_of(products, wanted)
    slot = pickup_slots.slot_for(session, calendar, request.pickup_at, items, lead_time_hours=lead, now=now)
    pickup_at = request.pickup_at or slot.start
    due_day = calendar.day_of(pickup_at)
    _check_daily_limits(session, products, wanted, due_day)

    total = sum((line.unit_price * line.quantity for line in lines), Decimal("0.00"))
    if total > LARGEST_TOTAL:
        raise Invalid(f"The order total {total} is more than one order can hold ({LARGEST_TOTAL}); split it up")
    if expected_total is not None and total != expected_total:
        raise Conflict(f"The total is now {total}, not the {expected_total} shown", field="expected_total")

    ticket_day = rules.day_of(now)
    order = Order(
        public_id=secrets.token_urlsafe(12),
        ticket_day=ticket_day,
        due_day=due_day,
        customer_name=request.customer_name,
        phone=request.phone,
        email=str(request.email) if request.email else None,
        pickup_at=pickup_at,
        notes=request.notes or None,
        status=OrderStatus.PLACED,
        total=total,
        idempotency_key=idempotency_key,
        placed_by=placed_by,
        created_at=now,
        updated_at=now,
    )
    try:
        at_once = at_once and (sequence := ticket_numbers.known_sequence(session, ticket_day)) is not None
        if at_once:
            order_rows.write_order(session, order, lines, sequence)
            placed = new_event(session, EventKind.ORDER_PLACED, order.public_id, event_payload(order, None, placed_by))
            if not order_rows.claim_slot(session, order, calendar, slot.start, items, placed):
                session.rollback()  # the slot filled meanwhile: the step-by-step path picks another or says why
                return place_order(
                    session,
                    request,
                    idempotency_key=idempotency_key,
                    placed_by=placed_by,
                    staff_entry=staff_entry,
                    expected_total=expected_total,
                    at_once=False,
                )
        else:
            _write_step_by_step(session, calendar, order, lines, slot, items, chosen=request.pickup_at is not None)
            record_event(session, EventKind.ORDER_PLACED, order.public_id, event_payload(order, None, placed_by))
        session.commit()
    except IntegrityError:
        # The same idempotency key raced us and won: hand back its order, create nothing.
        session.rollback()
        if idempotency_key and (earlier := _order_for_key(session, idempotency_key)):
            return _replayed(session, earlier, request), False
        raise
    metrics.ORDERS_PLACED.inc()
    return order, True


def _write_step_by_step(
    session: Session,
    calendar: BakeryCalendar,
    order: Order,
    lines: list[PricedLine],
    slot: Slot,
    items: dict[str, int],
    *,
    chosen: bool,
) -> None:
    session.add(order)
    # A twin request with the same idempotency key trips the unique index here (PostgreSQL) or at commit.
    session.flush()
    for line in lines:
        session.add(
            OrderItem(
                order_id=order.id,
                product_id=line.product.id,
                product_name=line.product.name,
                quantity=line.quantity,
                unit_price=line.unit_price,
                options=line.stored_options(),
                options_label=line.label,
            )
        )
    session.add(
        OrderStatusChange(order_id=order.id, to_status=OrderStatus.PLACED, at=order.created_at, by=order.placed_by)
    )
    session.flush()
    lead = max((line.product.lead_time_hours or 0 for line in lines), default=0)
    # Booked late: on PostgreSQL the slot's row stays locked only from here to the commit.
    pickup_slots.book(session, calendar, order, slot, items, chosen=chosen, lead=lead)
    # Numbered last: on SQLite the day's counter row stays locked only for this update and the commit.
    order.ticket_number = ticket_numbers.next_number(session, order.ticket_day)


def get_order(session: Session, public_id: str) -> Order:
    # Order codes are short URL-safe tokens; PostgreSQL refuses a NUL byte outright, so never send one.
    order = None
    if "\x00" not in public_id:
        order = session.exec(select(Order).where(Order.public_id == public_id)).first()
    if order is None:
        raise NotFound(f"Order {public_id!r} not found")
    return order


def event_payload(
    order: Order, before: OrderStatus | None, by: str, *, undo: bool = False, note: str | None = None
) -> OrderEvent:
    """What the outbox event of a placement or a move says about the order (shared with services/order_moves)."""
    return OrderEvent(
        order_id=order.public_id,
        ticket_number=order.ticket_number,
        from_status=before,
        status=order.status,
        due_day=order.due_day,
        version=order.version,
        by=by,
        at=utcnow(),
        undo=undo,
        note=note,
    )


def _order_for_key(session: Session, key: str) -> Order | None:
    return session.exec(select(Order).where(Order.idempotency_key == key)).first()


def _replayed(session: Session, earlier: Order, request: OrderRequest) -> Order:
    """The earlier order, if `request` asks for exactly what it holds (compared field by field, so no
    fingerprint column is needed)."""
    held = Counter()
    for item in session.exec(select(OrderItem).where(OrderItem.order_id == earlier.id)):
        held[item.product_id] += item.quantity
    email = str(request.email) if request.email else None
    # No pickup time asks for the earliest free slot, which the first request was given.
    pickup_at = earlier.pickup_at if request.pickup_at is None else request.pickup_at
    asked = (_wanted(request), request.customer_name, request.phone, email, pickup_at, request.notes or None)
    if asked != (held, earlier.customer_name, earlier.phone, earlier.email, earlier.pickup_at, earlier.notes):
        raise Invalid("This Idempotency-Key was already used for a different order; use a new key for a new order")
    return earlier


def _wanted(request: OrderRequest) -> Counter:
    """Quantity by product id (a basket may name one product on several lines)."""
    wanted = Counter()
    for line in request.lines():
        wanted[line.product_id] += line.quantity
    return wanted


def _orderable_products(session: Session, wanted: Counter) -> dict[int, Product]:
    ids = [pid for pid in wanted if pid <= LARGEST_ID]
    products = {p.id: p for p in session.exec(_PRODUCTS, params={"ids": ids})}
    for pid in wanted:
        product = products.get(pid)
        if product is None:
            raise NotFound(f"Product {pid} not found; the shop (GET /products) lists what we sell")
        if not product.active:
            raise Conflict(f"{product.name} is no longer sold: take it out of the basket to order the rest")
        if not product.available:
            raise Conflict(f"{product.name} is sold out right now: take it out of the basket to order the rest")
    return products


def _check_daily_limits(session: Session, products: dict[int, Product], wanted: Counter, day: date) -> None:
    limited = [pid for pid, p in products.items() if p.daily_limit is not None]
    if not limited:
        return
    if session.get_bind().dialect.name == "postgresql":
        # Lock the limited products so two orders cannot both take the last cake.
        session.exec(select(Product.id).where(Product.id.in_(limited)).with_for_update())
    promised = dict(
        session.exec(
            select(OrderItem.product_id, func.sum(OrderItem.quantity))
            .join(Order, Order.id == OrderItem.order_id)
            .where(OrderItem.product_id.in_(limited), Order.due_day == day, Order.status != OrderStatus.CANCELLED)
            .group_by(OrderItem.product_id)
        ).all()
    )
    for pid in limited:
        product = products[pid]
        left = product.daily_limit - (promised.get(pid) or 0)
        if wanted[pid] > left:
            raise Conflict(_daily_limit_message(product.name, day, max(left, 0)))


def _daily_limit_message(name: str, day: date, left: int) -> str:
    if left == 0:
        return f"{name} is sold out for {day:%a %d %b}: choose another pickup day, or order without it"
    return f"Only {left} {name} left for {day:%a %d %b}: order {left} or fewer, or choose another pickup day"

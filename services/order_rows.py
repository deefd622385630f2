"""A new order's rows written in two statements on PostgreSQL: the order with its ticket, its lines and its
first history row; then its outbox event, its pickup slot's bookings and what it holds there.

The same rows written through the ORM's unit of work took ten round trips and two flushes; data-modifying WITH
statements take two. The rules are unchanged: the slot is claimed with the same conditional increment as
services/slot_bookings.py (a capacity is never exceeded; rows are locked in sorted category order, after the
order's own row, so twins racing on one Idempotency-Key meet at its unique index first, as before). When the
slot cannot take the basket, the caller rolls back and takes the step-by-step path, which looks for another
slot or says why there is none.
"""

import json
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from services.calendar import BakeryCalendar
from services.models import Order
from services.order_lines import PricedLine
from services.order_status import OrderStatus
from services.slot_bookings import WHOLE_SLOT

_PLACE = text("""
WITH new_order AS (
    INSERT INTO orders (public_id, ticket_day, ticket_number, due_day, customer_name, phone, email, pickup_at,
                        notes, status, total, version, idempotency_key, placed_by, created_at, updated_at)
    VALUES (:public_id, :ticket_day, nextval(CAST(:sequence AS regclass)), :due_day, :customer_name, :phone, :email,
            :pickup_at, :notes, :status, :total, 1, :idempotency_key, :placed_by, :now, :now)
    RETURNING id, ticket_number
), lines AS (
    INSERT INTO order_items (order_id, product_id, product_name, quantity, unit_price, options, options_label)
    SELECT new_order.id, line.product_id, line.product_name, line.quantity, line.unit_price, line.options,
           line.options_label
    FROM new_order, unnest(CAST(:product_ids AS integer[]), CAST(:product_names AS text[]),
                           CAST(:quantities AS integer[]), CAST(:unit_prices AS numeric[]), CAST(:options AS json[]),
                           CAST(:options_labels AS text[]))
         WITH ORDINALITY AS line(product_id, product_name, quantity, unit_price, options, options_label, n)
    ORDER BY line.n
), first_entry AS (
    INSERT INTO order_status_changes (order_id, to_status, at, by)
    SELECT id, :status, :now, :placed_by FROM new_order
)
SELECT id, ticket_number FROM new_order
""")

# The slot's rows are the only ones every order shares, so they are locked by the last statement before the
# commit. The capacity check is slot_bookings.claim's: the new count must stay within the limit. The order's
# outbox event goes in the same statement (its payload names the ticket the first one drew): a round trip less.
_CLAIM = text("""
WITH announced AS (
    INSERT INTO outbox_events (event_id, kind, subject, payload, created_at, attempts)
    VALUES (:event_id, :kind, :subject, CAST(:payload AS json), :created_at, :attempts)
    RETURNING seq, event_id
), wanted AS (
    SELECT wanted.category, wanted.items, wanted.capacity, wanted.n
    FROM unnest(CAST(:categories AS text[]), CAST(:item_counts AS integer[]), CAST(:capacities AS integer[]))
         WITH ORDINALITY AS wanted(category, items, capacity, n)
), claimed AS (
    INSERT INTO slot_bookings (slot_start, category, booked)
    SELECT :slot_start, wanted.category, wanted.items
    FROM wanted
    WHERE wanted.capacity IS NULL OR wanted.items <= wanted.capacity
    ORDER BY wanted.n
    ON CONFLICT (slot_start, category) DO UPDATE SET booked = slot_bookings.booked + EXCLUDED.booked
    WHERE slot_bookings.booked + EXCLUDED.booked
          <= COALESCE((SELECT capacity FROM wanted WHERE wanted.category = EXCLUDED.category), 2147483647)
    RETURNING category
), held AS (
    INSERT INTO order_slots (order_id, slot_start, items, released)
    VALUES (:order_id, :slot_start, CAST(:held AS json), false)
)
SELECT (SELECT count(*) FROM claimed) AS claimed, seq, event_id FROM announced
""")  # seq and event_id: bench/pgbench.py's script reads them back for its relay and worker steps


def write_order(session: Session, order: Order, lines: list[PricedLine], sequence: str) -> None:
    """The order with the day's next ticket, its lines and its first history row; sets `id` and `ticket_number`."""
    row = session.execute(
        _PLACE,
        {
            "public_id": order.public_id,
            "ticket_day": order.ticket_day,
            "sequence": sequence,
            "due_day": order.due_day,
            "customer_name": order.customer_name,
            "phone": order.phone,
            "email": order.email,
            "pickup_at": order.pickup_at,
            "notes": order.notes,
            "status": OrderStatus.PLACED.value,
            "total": order.total,
            "idempotency_key": order.idempotency_key,
            "placed_by": order.placed_by,
            "now": order.created_at,
            "product_ids": [line.product.id for line in lines],
            "product_names": [line.product.name for line in lines],
            "quantities": [line.quantity for line in lines],
            "unit_prices": [line.unit_price for line in lines],
            "options": [json.dumps(line.stored_options()) for line in lines],
            "options_labels": [line.label for line in lines],
        },
    ).one()
    order.id, order.ticket_number = row.id, row.ticket_number


def claim_slot(
    session: Session,
    order: Order,
    calendar: BakeryCalendar,
    slot_start: datetime,
    items: dict[str, int],
    event: dict[str, Any],
) -> bool:
    """Write the order's outbox `event` (services/outbox.new_event), book its items into its slot and hold them
    for it; False when the slot was full (roll back).

    Whatever the session still holds is written first, so the slot's rows stay locked only for this statement
    and the commit.
    """
    session.flush()
    categories = sorted(items)  # the lock order of slot_bookings.claim
    claimed = session.execute(
        _CLAIM,
        {
            **event,
            "payload": json.dumps(event["payload"]),
            "categories": categories,
            "item_counts": [items[category] for category in categories],
            "capacities": [_capacity(calendar, category) for category in categories],
            "slot_start": slot_start,
            "order_id": order.id,
            "held": json.dumps(items),
        },
    ).one()
    return claimed.claimed == len(categories)


def _capacity(calendar: BakeryCalendar, category: str) -> int | None:
    return calendar.slot_capacity if category == WHOLE_SLOT else calendar.category_capacity.get(category)

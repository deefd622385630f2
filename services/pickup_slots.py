"""Pickup slots as customers see them: what each slot of a day can still take, the earliest free one,
and booking an order into its slot (the order's own transaction; see slot_bookings.py for why it is safe).
"""

from collections import Counter
from datetime import date, datetime, timedelta

from sqlmodel import Session

from services.bakery_schemas import DaySlots, PickupSlot, SlotCategory
from services.bakery_settings import current_calendar
from services.calendar import BakeryCalendar, Slot, Unavailable
from services.clock import utcnow
from services.errors import Conflict
from services.models import Order, OrderSlot, Product
from services.order_status import OrderStatus
from services.slot_bookings import WHOLE_SLOT, basket_items, booked_between, claim, hold, rebook, release

SEARCH_DAYS = 14  # an order without a pickup time gets the earliest free slot within this many days
SUGGESTIONS = 3


class SlotFull(Conflict):
    """The chosen slot cannot take the basket; `next_free` are the slots that can, soonest first."""

    def __init__(self, detail: str, next_free: list[Slot]) -> None:
        super().__init__(detail)
        self.next_free = next_free


def items_of(products: dict[int, Product], wanted: Counter) -> dict[str, int]:
    """A basket (product id -> quantity) as a slot counts it: per category and in all."""
    lines: Counter[str] = Counter()
    for pid, quantity in wanted.items():
        lines[products[pid].category] += quantity
    return basket_items(dict(lines))


def day_slots(
    session: Session,
    calendar: BakeryCalendar,
    day: date,
    *,
    items: dict[str, int] | None = None,
    lead_time_hours: int = 0,
    now: datetime | None = None,
) -> DaySlots:
    """Every slot of `day`, each with what it can still take and why not; `items` asks for a whole basket."""
    now = now or utcnow()
    slots = calendar.slots_on(day)
    closure = calendar.closure_on(day)
    message = closure.message if closure else (None if slots else f"Closed on {day:%A}s")
    booked = booked_between(session, slots[0].start, slots[-1].end) if slots else {}
    views = [_view(calendar, slot, booked.get(slot.start, {}), items, lead_time_hours, now) for slot in slots]
    if closure is not None:
        for view in views:
            view.reason = f"{Unavailable.CLOSED}: {closure.message}"
    return DaySlots(day=day, open=bool(slots) and closure is None, message=message, slots=views)


def free_slots(
    session: Session,
    calendar: BakeryCalendar,
    items: dict[str, int],
    *,
    lead_time_hours: int = 0,
    after: datetime | None = None,
    count: int = 1,
    now: datetime | None = None,
) -> list[Slot]:
    """The first `count` slots (after `after`) that can take the whole basket, within SEARCH_DAYS.

    Every order without a pickup time asks this, so it checks the same rules as day_slots without building
    the customer's view of each slot, and reads bookings only for the slots the clock and calendar leave open.
    """
    now = now or utcnow()
    first_day = calendar.day_of(max(now, after or now))
    found: list[Slot] = []
    for offset in range(SEARCH_DAYS + 1):
        day = first_day + timedelta(days=offset)
        open_slots = [s for s in calendar.open_slots(day, now, lead_time_hours) if after is None or s.start > after]
        if not open_slots:
            continue
        booked = booked_between(session, open_slots[0].start, open_slots[-1].end)
        for slot in open_slots:
            if _fits(calendar, booked.get(slot.start, {}), items, whole_only=False):
                found.append(Slot(slot.start.astimezone(calendar.zone), slot.end.astimezone(calendar.zone)))
                if len(found) == count:
                    return found
    return found


def slot_for(
    session: Session,
    calendar: BakeryCalendar,
    pickup_at: datetime | None,
    items: dict[str, int],
    *,
    lead_time_hours: int,
    now: datetime,
) -> Slot:
    """The slot of a chosen pickup time (checked against the calendar), or the earliest free one."""
    if pickup_at is not None:
        return calendar.check_pickup(pickup_at, now, lead_time_hours)
    free = free_slots(session, calendar, items, lead_time_hours=lead_time_hours, now=now)
    if not free:
        raise Conflict(no_slot_message(calendar))
    return free[0]


def book(
    session: Session,
    calendar: BakeryCalendar,
    order: Order,
    slot: Slot,
    items: dict[str, int],
    *,
    chosen: bool,
    lead: int,
) -> None:
    """Book a new order into its slot, in the order's transaction.

    A slot the customer chose that filled meanwhile: the transaction is rolled back and SlotFull names the
    next free slots. A slot we chose for them: the next free one of the same day is taken instead.
    """
    if claim(session, calendar, slot.start, items):
        hold(session, order.id, slot.start, items)
        return
    if not chosen:
        for other in free_slots(session, calendar, items, lead_time_hours=lead, after=slot.start, count=SUGGESTIONS):
            if other.start.date() == slot.start.date() and claim(session, calendar, other.start, items):
                hold(session, order.id, other.start, items)
                order.pickup_at = other.start
                return
    session.rollback()
    if not chosen:
        raise Conflict(no_slot_message(calendar))
    next_free = free_slots(session, calendar, items, lead_time_hours=lead, after=slot.start, count=SUGGESTIONS)
    raise SlotFull(full_message(calendar, slot, next_free), next_free)


def follow_status(session: Session, order_id: int, before: OrderStatus, target: OrderStatus) -> None:
    """Cancelling gives the order's items back to its slot; undoing the cancel takes them again if they fit."""
    if target == OrderStatus.CANCELLED:
        release(session, order_id)
        return
    held = session.get(OrderSlot, order_id) if before == OrderStatus.CANCELLED else None
    if (
        held is not None
        and held.released
        and not rebook(session, current_calendar(session), order_id, held.slot_start, held.items)
    ):
        session.rollback()
        raise Conflict("The order's pickup slot is full now; move its pickup time first")


def pickup_window(pickup_at: datetime | None) -> dict[str, datetime | None]:
    """The answer's `pickup_at` and `pickup_until` (the end of its slot) for an order."""
    slot = current_calendar().slot_at(pickup_at) if pickup_at is not None else None
    return {"pickup_at": pickup_at, "pickup_until": slot.end if slot else None}


def full_message(calendar: BakeryCalendar, slot: Slot, next_free: list[Slot]) -> str:
    when = f"The {slot.start:%H:%M} pickup slot on {slot.start:%a %d %b} is full"
    if not next_free:
        return f"{when}, and no other slot within {SEARCH_DAYS} days can take this order"
    return f"{when}. Next free: " + ", ".join(calendar.describe_moment(s.start) for s in next_free)


def no_slot_message(calendar: BakeryCalendar) -> str:
    if calendar.online_orders_paused:
        return "Not taking online orders right now"
    return (
        f"No pickup slot in the next {SEARCH_DAYS} days can take this order "
        f"(open {calendar.describe_hours()}); please order less or call the bakery"
    )


def _view(
    calendar: BakeryCalendar,
    slot: Slot,
    booked: dict[str, int],
    items: dict[str, int] | None,
    lead_time_hours: int,
    now: datetime,
) -> PickupSlot:
    capacity = calendar.slot_capacity
    remaining = None if capacity is None else _left(capacity, booked, WHOLE_SLOT)
    categories = {
        category: SlotCategory(capacity=limit, remaining=_left(limit, booked, category))
        for category, limit in sorted(calendar.category_capacity.items())
    }
    reason = calendar.why_unavailable(slot, now, lead_time_hours)
    if reason is None and not _fits(calendar, booked, items or {WHOLE_SLOT: 1}, whole_only=items is None):
        reason = Unavailable.FULL
    return PickupSlot(
        start=slot.start,
        end=slot.end,
        capacity=capacity,
        remaining=remaining,
        categories=categories,
        available=reason is None,
        reason=reason.value if reason else None,
    )


def _fits(calendar: BakeryCalendar, booked: dict[str, int], items: dict[str, int], *, whole_only: bool) -> bool:
    """Whether a slot with `booked` items can take `items` more: in all, and (unless `whole_only`) per category."""
    whole = calendar.slot_capacity
    if whole is not None and items.get(WHOLE_SLOT, 0) > _left(whole, booked, WHOLE_SLOT):
        return False
    if whole_only:
        return True
    limits = calendar.category_capacity
    return all(_left(limits[category], booked, category) >= n for category, n in items.items() if category in limits)


def _left(capacity: int, booked: dict[str, int], category: str) -> int:
    return max(capacity - booked.get(category, 0), 0)

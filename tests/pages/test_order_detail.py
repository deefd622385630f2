"""The order detail page: every field, the history, and the same staff actions as the board."""

from datetime import datetime

import pytest
from nicegui import ui
from nicegui.testing import User

from services.bakery_schemas import BakerySettingsUpdate
from services.bakery_settings import current_calendar, update_settings
from services.database import session_scope
from services.order_status import OrderStatus
from services.pickup_slots import day_slots
from services.slot_bookings import WHOLE_SLOT, claim
from tests.pages.helpers import (
    LIVE,
    events_delivered,
    eventually,
    field_error,
    move,
    only,
    pickup,
    place,
    set_value,
    shows,
    staff,
    text,
)

pytestmark = pytest.mark.usefixtures("bakery_open_all_day")  # orders without a pickup time are due today


async def test_the_detail_shows_contact_items_notes_and_total(user: User, products) -> None:
    order = place(
        products,
        {"Chocolate Cake": 1, "Baguette": 2},
        pickup_at=pickup(3, 9, 15),
        customer_name="Ada Baker",
        phone="07700 900123",
        email="ada@example.com",
        notes="Happy 30th, Grace",
    )
    await user.open(f"/admin/orders/{order.public_id}")
    await shows(user, "order-status", "Order Placed")
    assert text(user, "detail-order-code") == order.public_id
    assert text(user, "detail-customer") == "Ada Baker"
    assert text(user, "detail-phone") == "07700 900123"
    assert text(user, "detail-email") == "ada@example.com"
    assert text(user, "detail-notes") == "Happy 30th, Grace"
    assert text(user, "detail-total") == "£254.80"
    assert text(user, "detail-for-day") == pickup(3).date().isoformat()
    assert text(user, "detail-pickup").endswith("09:15")
    await user.should_see("1 × Chocolate Cake at £250.00 = £250.00")
    await user.should_see("2 × Baguette at £2.40 = £4.80")


async def test_the_detail_buttons_move_the_order_and_record_history(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    await user.open(f"/admin/orders/{order.public_id}")
    await shows(user, "order-status", "Order Placed")

    user.find("→ In Progress").click()
    await shows(user, "order-status", "In Progress")
    history = only(user, "history")
    assert isinstance(history, ui.table)
    assert [(r["from"], r["to"]) for r in history.rows] == [("", "Order Placed"), ("Order Placed", "In Progress")]

    user.find("Undo last move").click()
    await shows(user, "order-status", "Order Placed")
    assert staff(order.public_id).history[-1].undo

    user.find("Cancel…").click()
    set_value(user, "cancel-reason", "")
    user.find(marker="confirm-cancel").click()
    await eventually(lambda: field_error(user, "cancel-reason") == "Please give a reason")
    set_value(user, "cancel-reason", "Out of flour")
    user.find(marker="confirm-cancel").click()
    await shows(user, "order-status", "Cancelled")
    rows = only(user, "history").rows  # type: ignore[attr-defined]
    assert (rows[-1]["to"], rows[-1]["note"]) == ("Cancelled", "Out of flour")
    await user.should_not_see("Cancel…")  # a cancelled order cannot be cancelled again


async def test_the_detail_follows_a_move_made_elsewhere(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    await user.open(f"/admin/orders/{order.public_id}")
    await shows(user, "order-status", "Order Placed")
    move(order, OrderStatus.IN_PROGRESS)
    await user.should_see(marker="order-status", content="In Progress", retries=LIVE)


async def test_an_unknown_order_code_says_so(user: User) -> None:
    await user.open("/admin/orders/no-such-order")
    await user.should_see(marker="unknown-order")


def slots_hold_one_each(capacity: int) -> None:
    with session_scope() as session:
        update_settings(session, BakerySettingsUpdate(slot_capacity=capacity), by="test")


def remaining(at: datetime) -> int | None:
    """What the storefront would say the slot starting `at` can still take."""
    with session_scope() as session:
        slots = day_slots(session, current_calendar(), at.date()).slots
    return next(s.remaining for s in slots if s.start == at)


def offered_slots(user: User) -> dict[str, str]:
    select = only(user, "move-time")
    assert isinstance(select, ui.select)
    return {label: key for key, label in select.options.items()}


async def open_move_picker(user: User, order_id: str, day_ahead: int) -> None:
    await user.open(f"/admin/orders/{order_id}")
    await shows(user, "order-status", "Order Placed")
    set_value(user, "move-day", pickup(day_ahead).date().isoformat())


async def test_moving_the_pickup_frees_the_old_slot_and_takes_the_new_one(user: User, products) -> None:
    slots_hold_one_each(2)
    order = place(products, {"Baguette": 1}, pickup_at=pickup(1, 10))
    assert remaining(pickup(1, 10)) == 1
    await open_move_picker(user, order.public_id, 1)
    assert "10:00" not in offered_slots(user), "the order's own slot is where it already is"

    set_value(user, "move-time", offered_slots(user)["11:00"])
    user.find(marker="move-pickup").click()

    await eventually(lambda: text(user, "detail-pickup").endswith("11:00"))
    assert staff(order.public_id).pickup_at == pickup(1, 11)
    assert (remaining(pickup(1, 10)), remaining(pickup(1, 11))) == (2, 1)


async def test_a_move_into_a_slot_filled_meanwhile_says_so_and_changes_nothing(user: User, products) -> None:
    slots_hold_one_each(1)
    order = place(products, {"Baguette": 1}, pickup_at=pickup(1, 10))
    await events_delivered()  # the change and the order, before the page opens: neither redraws it mid-test
    await open_move_picker(user, order.public_id, 1)
    set_value(user, "move-time", offered_slots(user)["11:00"])
    with session_scope() as session:  # straight into the bookings, no event: the picker cannot have seen it
        assert claim(session, current_calendar(), pickup(1, 11), {WHOLE_SLOT: 1})
        session.commit()
    before = staff(order.public_id)

    user.find(marker="move-pickup").click()

    day = f"{pickup(1):%a %d %b}"
    await eventually(lambda: field_error(user, "move-time") is not None)
    assert field_error(user, "move-time") == f"The 11:00 pickup slot on {day} is full. Next free: " + ", ".join(
        f"{day} {at}" for at in ("11:15", "11:30", "11:45")
    )
    assert staff(order.public_id) == before
    assert (remaining(pickup(1, 10)), remaining(pickup(1, 11))) == (0, 0)
    assert "11:00" not in offered_slots(user), "the picker now offers only what can take the order"
    assert text(user, "detail-pickup").endswith("10:00")


async def test_a_chosen_slot_that_another_order_fills_is_dropped_not_swapped(user: User, products) -> None:
    slots_hold_one_each(1)
    order = place(products, {"Baguette": 1}, pickup_at=pickup(1, 10))
    await events_delivered()  # the change and the order, before the page opens: neither redraws it mid-test
    await open_move_picker(user, order.public_id, 1)
    set_value(user, "move-time", offered_slots(user)["11:00"])

    place(products, {"Baguette": 1}, pickup_at=pickup(1, 11))  # another customer; the detail hears of it

    await eventually(lambda: field_error(user, "move-time") is not None, timeout=LIVE / 10)
    day = f"{pickup(1):%a %d %b}"
    assert field_error(user, "move-time") == f"The 11:00 pickup slot on {day} is full. Next free: " + ", ".join(
        f"{day} {at}" for at in ("11:15", "11:30", "11:45")
    )
    assert only(user, "move-time").value is None, "no other slot is chosen in the member of staff's place"
    user.find(marker="move-pickup").click()
    await eventually(lambda: field_error(user, "move-time") == "Choose a slot to move the pickup to")
    assert staff(order.public_id).pickup_at == pickup(1, 10)


async def test_a_cancelled_order_offers_no_pickup_move(user: User, products) -> None:
    order = place(products, {"Baguette": 1}, pickup_at=pickup(1, 13))
    move(order, OrderStatus.CANCELLED)
    await user.open(f"/admin/orders/{order.public_id}")
    await shows(user, "order-status", "Cancelled")
    await user.should_not_see(marker="move-pickup")


async def test_the_chosen_slot_survives_a_colleague_advancing_the_order(user: User, products) -> None:
    order = place(products, {"Baguette": 1}, pickup_at=pickup(1, 10))
    await open_move_picker(user, order.public_id, 2)
    set_value(user, "move-time", offered_slots(user)["15:30"])

    move(order, OrderStatus.IN_PROGRESS)  # the page redraws with the fresh order
    await user.should_see(marker="order-status", content="In Progress", retries=LIVE)

    assert only(user, "move-day").value == pickup(2).date().isoformat()  # type: ignore[attr-defined]
    assert offered_slots(user)["15:30"] == only(user, "move-time").value  # type: ignore[attr-defined]

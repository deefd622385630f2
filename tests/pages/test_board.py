"""The order board: new orders arrive by themselves, one click moves them, undo and cancel work."""

from datetime import timedelta

import pytest
from nicegui import ui
from nicegui.testing import User

from bakeops_ui import live
from pages import board, board_view
from services.bakery_schemas import BakerySettingsUpdate
from services.bakery_settings import update_settings
from services.board import Window
from services.clock import utcnow
from services.database import session_scope
from services.models import Order
from services.order_status import OrderStatus
from tests.pages.helpers import (
    LIVE,
    buttons_on,
    column_of,
    eventually,
    field_error,
    move,
    only,
    pickup,
    place,
    press,
    press_and_wait,
    set_value,
    staff,
    tickets_in,
    today,
)

pytestmark = pytest.mark.usefixtures("bakery_open_all_day")  # orders without a pickup time are due today


async def test_a_new_order_appears_on_the_open_board(user: User, products) -> None:
    await user.open("/admin")
    await user.should_see("Order board")
    await user.should_not_see(marker="ticket-1")

    place(products, {"Baguette": 2}, customer_name="Grace")
    await user.should_see(marker="ticket-1", retries=LIVE)
    assert column_of(user, 1) == "Order Placed"
    await user.should_see("New order #1")
    await user.should_see("2 × Baguette")
    await user.should_see("Grace")


async def test_advance_moves_the_card_to_the_next_column(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    await user.open("/admin")
    await user.should_see(marker="ticket-1")
    assert column_of(user, 1) == "Order Placed"

    press(user, 1, "advance")
    await eventually(lambda: column_of(user, 1) == "In Progress")
    assert staff(order.public_id).status == OrderStatus.IN_PROGRESS

    press(user, 1, "advance")
    await eventually(lambda: column_of(user, 1) == "Ready")
    assert staff(order.public_id).status == OrderStatus.READY

    press(user, 1, "advance")  # handed over at the counter: off the board
    await eventually(lambda: column_of(user, 1) is None)
    assert staff(order.public_id).status == OrderStatus.PICKED_UP


async def test_a_ready_order_can_be_shipped_and_then_delivered(user: User, products) -> None:
    with session_scope() as session:
        update_settings(session, BakerySettingsUpdate(delivery_enabled=True), by="test")
    order = place(products, {"Baguette": 1})
    move(order, OrderStatus.IN_PROGRESS, OrderStatus.READY)
    await user.open("/admin")
    await user.should_see(marker="ticket-1")
    assert column_of(user, 1) == "Ready"

    press(user, 1, "move", "Shipped")
    await eventually(lambda: column_of(user, 1) == "Shipped")
    assert staff(order.public_id).status == OrderStatus.SHIPPED
    press(user, 1, "advance")  # delivered: off the board
    await eventually(lambda: column_of(user, 1) is None)
    assert staff(order.public_id).status == OrderStatus.DELIVERED


async def test_undo_reverts_the_last_move(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    await user.open("/admin")
    await user.should_see(marker="ticket-1")
    assert "undo" not in buttons_on(user, 1)  # nothing to undo yet

    press(user, 1, "advance")
    await eventually(lambda: column_of(user, 1) == "In Progress")
    assert "undo" in buttons_on(user, 1)
    press(user, 1, "undo")
    await eventually(lambda: column_of(user, 1) == "Order Placed")
    view = staff(order.public_id)
    assert view.status == OrderStatus.PLACED
    assert view.history[-1].undo


async def test_cancel_needs_a_reason_then_takes_the_card_off(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    await user.open("/admin")
    await user.should_see(marker="ticket-1")

    press(user, 1, "cancel")
    await user.should_see(marker="cancel-reason")
    set_value(user, "cancel-reason", "   ")
    user.find(marker="confirm-cancel").click()
    await eventually(lambda: field_error(user, "cancel-reason") == "Please give a reason")
    assert staff(order.public_id).status == OrderStatus.PLACED
    assert column_of(user, 1) == "Order Placed"

    set_value(user, "cancel-reason", "Customer phoned: oven at home broke, no party")
    user.find(marker="confirm-cancel").click()
    await eventually(lambda: column_of(user, 1) is None)
    view = staff(order.public_id)
    assert view.status == OrderStatus.CANCELLED
    assert view.history[-1].status == OrderStatus.CANCELLED
    assert view.history[-1].note == "Customer phoned: oven at home broke, no party"


async def test_keep_order_leaves_it_alone(user: User, products) -> None:
    order = await start_cancelling(user, products, "changed my mind")
    user.find("Keep order").click()
    await user.should_see(marker="ticket-1")
    assert staff(order.public_id).status == OrderStatus.PLACED


async def test_the_day_filter_shows_the_right_orders(user: User, products) -> None:
    place(products, {"Baguette": 1}, customer_name="Today Tess")  # no pickup time: due today
    place(products, {"Baguette": 1}, pickup_at=pickup(1), customer_name="Tomorrow Tom")
    place(products, {"Baguette": 1}, pickup_at=pickup(3), customer_name="Later Lou")
    await user.open("/admin")
    await user.should_see("Today Tess")
    await user.should_not_see("Tomorrow Tom")
    await user.should_not_see("Later Lou")

    (window,) = user.find(kind=ui.toggle, marker="window").elements
    set_value(user, "window", Window.TOMORROW)
    await user.should_see("Tomorrow Tom", retries=LIVE)
    await user.should_not_see("Today Tess", retries=LIVE)
    await user.should_not_see("Later Lou")

    set_value(user, "window", Window.UPCOMING)
    for name in ("Today Tess", "Tomorrow Tom", "Later Lou"):
        await user.should_see(name, retries=LIVE)

    set_value(user, "window", Window.TODAY)
    await user.should_not_see("Tomorrow Tom", retries=LIVE)
    await user.should_see("Today Tess")
    assert window.value == Window.TODAY


async def test_a_tomorrow_order_placed_while_watching_today_stays_off_today(user: User, products) -> None:
    await user.open("/admin")
    await user.should_see("Order board")
    place(products, {"Baguette": 1}, pickup_at=pickup(1), customer_name="Tomorrow Tom")
    place(products, {"Baguette": 1}, customer_name="Today Tess")
    await user.should_see("Today Tess", retries=LIVE)
    await user.should_not_see("Tomorrow Tom")


async def test_a_move_elsewhere_shows_up_on_the_open_board(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    await user.open("/admin")
    await user.should_see(marker="ticket-1")
    move(order, OrderStatus.IN_PROGRESS)  # another till, or the API
    await eventually(lambda: column_of(user, 1) == "In Progress")


async def test_switching_the_day_does_not_announce_old_orders_as_new(user: User, products) -> None:
    place(products, {"Baguette": 1}, customer_name="Today Tess")
    place(products, {"Baguette": 1}, pickup_at=pickup(1), customer_name="Tomorrow Tom")
    await user.open("/admin")
    await user.should_see("Today Tess")
    set_value(user, "window", Window.TOMORROW)
    await user.should_see("Tomorrow Tom", retries=LIVE)
    set_value(user, "window", Window.UPCOMING)
    await user.should_see("Today Tess", retries=LIVE)
    assert not [m for m in user.notify.messages if m.startswith("New order")]

    place(products, {"Baguette": 1}, pickup_at=pickup(2), customer_name="Fresh Fay")  # a really new one
    await user.should_see("Fresh Fay", retries=LIVE)
    assert [m for m in user.notify.messages if m.startswith("New order")] == [f"New order #3 for {pickup(2):%a %d %b}"]


async def test_a_new_order_does_not_close_a_cancel_being_typed(user: User, products) -> None:
    # The board redraws on every order event; a baker typing a cancel reason must not lose it to a new order.
    order = await start_cancelling(user, products, "Customer phoned to cancel")

    place(products, {"Butter Croissant": 2}, customer_name="Next Customer")
    await user.should_see("Next Customer", retries=LIVE)
    await user.should_see(marker="cancel-dialog")
    user.find(marker="confirm-cancel").click()
    await eventually(lambda: column_of(user, 1) is None)
    assert staff(order.public_id).history[-1].note == "Customer phoned to cancel"
    assert column_of(user, 2) == "Order Placed"


async def test_cards_say_how_late_they_are_and_stop_once_ready(user: User, products) -> None:
    late = place(products, {"Baguette": 1}, pickup_at=pickup(1), customer_name="Late Larry")
    due = place(products, {"Baguette": 1}, pickup_at=pickup(1), customer_name="Due Dora")
    calm = place(products, {"Baguette": 1}, pickup_at=pickup(1), customer_name="Calm Cal")
    promise(late, minutes=-10)  # the customer is already waiting
    promise(due, minutes=20)
    promise(calm, minutes=180)
    await user.open("/admin")
    await user.should_see("Calm Cal")
    assert lateness_shown(user, 1) == ("LATE", "border-red-600")
    assert lateness_shown(user, 2) == ("due soon", "border-amber-500")
    assert lateness_shown(user, 3) == ("", "border-green-600")

    move(late, OrderStatus.IN_PROGRESS, OrderStatus.READY)  # ready: late no more, whatever the clock says
    await eventually(lambda: column_of(user, 1) == "Ready")
    assert lateness_shown(user, 1) == ("", "border-green-600")
    assert lateness_shown(user, 2) == ("due soon", "border-amber-500")


async def start_cancelling(user: User, products, reason: str) -> Order:
    """A board showing order #1, its cancel dialog open with `reason` typed in."""
    order = place(products, {"Baguette": 1})
    await user.open("/admin")
    await user.should_see(marker="ticket-1")
    press(user, 1, "cancel")
    set_value(user, "cancel-reason", reason)
    return order


def promise(order, *, minutes: int) -> None:
    """Set the promised pickup time relative to now (placing refuses a time that is too soon)."""
    with session_scope() as session:
        row = session.get(Order, order.id)
        row.pickup_at = utcnow() + timedelta(minutes=minutes)
        row.due_day = today()
        session.add(row)
        session.commit()


def lateness_shown(user: User, ticket: int) -> tuple[str, str]:
    """The card's badge text ("" for none) and its border colour."""
    card = only(user, f"ticket-{ticket}")
    border = next(c for c in card.props["frame"].split() if c.startswith("border-"))
    return (card.props["badge"], border)


async def test_a_rush_of_orders_all_reach_the_open_board(user: User, products) -> None:
    await user.open("/admin")
    await user.should_see("Order Placed (0)")
    for n in range(8):  # faster than the board redraws: events during a redraw are folded into the next one
        place(products, {"Baguette": 1}, customer_name=f"Rush customer {n}")
    await user.should_see("Order Placed (8)", retries=LIVE)
    for n in range(8):
        assert column_of(user, n + 1) == "Order Placed"


async def test_columns_stay_in_pickup_order_as_cards_come_and_go(user: User, products) -> None:
    # Cards leave a column from its middle and land in the middle of another: each column must still read
    # soonest pickup first, whichever order the moves came in.
    placed = [place(products, {"Baguette": 1}, pickup_at=pickup(1, 12, minute)) for minute in (0, 15, 30, 45)]
    await user.open("/admin")
    set_value(user, "window", Window.TOMORROW)
    await user.should_see(marker="ticket-4", retries=50)
    assert tickets_in(user, "Order Placed") == [1, 2, 3, 4]

    for ticket in (2, 4, 1):
        move(placed[ticket - 1], OrderStatus.IN_PROGRESS)
    await eventually(lambda: tickets_in(user, "In Progress") == [1, 2, 4])
    assert tickets_in(user, "Order Placed") == [3]

    move(placed[1], OrderStatus.READY)
    move(placed[2], OrderStatus.IN_PROGRESS)
    await eventually(lambda: tickets_in(user, "In Progress") == [1, 3, 4])
    assert tickets_in(user, "Ready") == [2]
    assert tickets_in(user, "Order Placed") == []
    assert user.find("In Progress (3)").elements


async def test_cards_age_with_the_clock_without_any_order_event(user: User, products, monkeypatch) -> None:
    order = place(products, {"Baguette": 1}, pickup_at=pickup(1))
    promise(order, minutes=40)
    await user.open("/admin")
    await user.should_see("Placed just now")
    assert lateness_shown(user, 1) == ("", "border-green-600")

    # The browser ages the card from when the order was placed, against its own clock.
    assert only(user, "ticket-1").props["placedAt"] == int(staff(order.public_id).placed_at.timestamp() * 1000)

    quarter_hour_later = utcnow() + timedelta(minutes=15)
    monkeypatch.setattr(board, "utcnow", lambda: quarter_hour_later)
    monkeypatch.setattr(board_view, "utcnow", lambda: quarter_hour_later)  # the clock the card is read against
    live.minute_tick.emit()  # the app's one global minute timer

    await user.should_see("Placed 15 min ago")
    await eventually(lambda: lateness_shown(user, 1) == ("due soon", "border-amber-500"))  # pickup in 25 minutes


async def test_a_card_only_makes_the_moves_it_offers(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    await user.open("/admin")
    await user.should_see(marker="ticket-1")
    assert buttons_on(user, 1) == ["advance", "cancel"]
    # Crafted events for moves the rules allow but the card does not offer as a move: the next step is its
    # advance button, and a cancellation needs the dialog and its reason.
    await press_and_wait(user, 1, "move", "In Progress")
    await press_and_wait(user, 1, "move", "Cancelled")
    assert staff(order.public_id).status == OrderStatus.PLACED
    assert column_of(user, 1) == "Order Placed"


async def test_the_switch_pauses_online_orders_and_back(user: User) -> None:
    from services.bakery_settings import current_calendar

    await user.open("/admin")
    switch = only(user, "online-orders")
    assert switch.value is True  # type: ignore[attr-defined]

    set_value(user, "online-orders", False)
    await eventually(lambda: current_calendar().online_orders_paused)

    set_value(user, "online-orders", True)
    await eventually(lambda: not current_calendar().online_orders_paused)

"""The order detail page: every field, the history, and the same staff actions as the board."""

import pytest
from nicegui import ui
from nicegui.testing import User

from services.order_status import OrderStatus
from tests.pages.helpers import LIVE, eventually, field_error, move, only, pickup, place, set_value, shows, staff, text

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

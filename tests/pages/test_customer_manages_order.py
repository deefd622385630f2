"""From the tracking page the customer cancels an order still placed (with a reason) and orders the same again."""

from decimal import Decimal

from nicegui.testing import User
from sqlmodel import select

from services import catalogue
from services.database import session_scope
from services.models import OrderSlot
from services.order_status import OrderStatus
from services.schemas import ProductUpdate
from tests.pages.helpers import LIVE, eventually, field_error, move, only, pickup, place, set_value, shows, staff, text


def slot_released(order_id: int) -> bool:
    with session_scope() as session:
        return session.exec(select(OrderSlot).where(OrderSlot.order_id == order_id)).one().released


async def open_cancel_dialog(user: User, order) -> None:
    await user.open(f"/track/{order.public_id}")
    await shows(user, "order-status", "Order Placed")
    user.find(marker="cancel-order").click()
    await user.should_see(marker="cancel-dialog")


async def test_a_customer_cancels_a_placed_order_with_a_reason(user: User, products) -> None:
    order = place(products, {"Baguette": 2}, pickup_at=pickup(1, 10, 0))
    await open_cancel_dialog(user, order)

    set_value(user, "cancel-reason", "We are away that day")
    user.find(marker="confirm-cancel").click()

    await user.should_see(marker="order-status", content="Cancelled", retries=LIVE)
    await user.should_see("You cancelled this order")
    await shows(user, "cancel-reason-shown", "Reason: We are away that day")
    last = staff(order.public_id).history[-1]
    assert (last.status, last.by, last.note) == ("Cancelled", "customer", "We are away that day")
    assert slot_released(order.id), "the slot's capacity is free for someone else"


async def test_a_cancel_without_a_reason_asks_for_one_and_keeps_the_order(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    await open_cancel_dialog(user, order)

    user.find(marker="confirm-cancel").click()

    await eventually(
        lambda: field_error(user, "cancel-reason") == "Please tell us why you cancel (a few words are enough)"
    )
    assert staff(order.public_id).status == OrderStatus.PLACED


async def test_once_the_bakers_start_the_order_cannot_be_cancelled_online(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    await open_cancel_dialog(user, order)
    move(order, OrderStatus.IN_PROGRESS)  # the baker starts while the customer types

    set_value(user, "cancel-reason", "Changed my mind")
    user.find(marker="confirm-cancel").click()

    await eventually(lambda: "please call the bakery" in text(user, "cancel-problem"))
    await user.should_see(marker="order-status", content="In Progress", retries=LIVE)
    assert staff(order.public_id).status == OrderStatus.IN_PROGRESS
    await user.should_not_see(marker="cancel-order")


async def test_order_again_fills_the_basket_with_the_same_items_at_todays_prices(user: User, products) -> None:
    order = place(products, {"Baguette": 2, "Cinnamon Bun": 1})  # £2.40 and £3.10 when ordered
    move(order, OrderStatus.IN_PROGRESS, OrderStatus.READY, OrderStatus.PICKED_UP)
    with session_scope() as session:
        catalogue.update_product(session, products["Baguette"].id, ProductUpdate(price=Decimal("2.60")))
    await user.open(f"/track/{order.public_id}")
    await shows(user, "order-status", "Picked Up")

    user.find(marker="order-again").click()

    await shows(user, "cart-total", "£8.30")  # 2 x £2.60 + £3.10
    assert only(user, "cart-qty-Baguette").value == 2
    assert only(user, "cart-qty-Cinnamon Bun").value == 1
    assert only(user, "cart").props["label"] == "Basket, 3 items"  # the basket button counts them from the start


async def test_order_again_says_what_is_no_longer_sold(user: User, products) -> None:
    order = place(products, {"Baguette": 1, "Cinnamon Bun": 1})
    with session_scope() as session:
        catalogue.update_product(session, products["Cinnamon Bun"].id, ProductUpdate(active=False))

    await user.open(f"/?again={order.public_id}")

    await shows(user, "cart-total", "£2.40")
    await user.should_see(marker="again-left-out")
    await user.should_see("Cinnamon Bun is no longer sold")

"""Colour is never the only sign: late, sold out, cancelled and a lost live feed are also said in words, on the
element that carries the colour (what a colour-blind customer or a screen reader gets)."""

from datetime import timedelta

import pytest
from nicegui import ui
from nicegui.testing import User

from pages import live
from services.clock import utcnow
from services.database import session_scope
from services.models import Order, Product
from services.order_status import OrderStatus
from tests.pages.helpers import card_says, facts, move, only, pickup, place, set_value, shows, text, today

pytestmark = pytest.mark.usefixtures("bakery_open_all_day")


async def test_a_late_order_says_late_on_its_board_card_and_its_tracking_page(user: User, products) -> None:
    order = place(products, {"Baguette": 1}, pickup_at=pickup(1), customer_name="Late Larry")
    overdue(order, minutes=10)

    await user.open("/admin")
    await user.should_see("Late Larry")
    card = only(user, "ticket-1")
    assert (card.props["badge"], card.props["tone"]) == ("LATE", "red-9")  # the red border has its word
    await user.should_see("LATE")

    await user.open(f"/track/{order.public_id}")
    await shows(user, "order-status", "Order Placed")
    assert text(user, "running-late") == "Running late"


async def test_an_order_on_time_has_no_late_word(user: User, products) -> None:
    place(products, {"Baguette": 1}, pickup_at=pickup(0, 15), customer_name="Calm Cal")  # 11:00 now
    await user.open("/admin")
    await user.should_see("Calm Cal")
    assert only(user, "ticket-1").props["badge"] == ""
    await user.should_not_see("LATE")


async def test_sold_out_is_written_on_the_storefront_card(user: User, products) -> None:
    with session_scope() as session:
        rye = session.get(Product, products["Seeded Rye"].id)
        rye.available = False
        session.add(rye)
        session.commit()
    await user.open("/")
    await user.should_see(marker="product-Seeded Rye")
    assert facts(user, "Seeded Rye")["soldOut"]
    assert "Sold out" in card_says(user, "Seeded Rye")
    assert "Sold out" not in card_says(user, "Baguette")


async def test_a_cancelled_order_is_named_cancelled_on_tracking_and_in_done_today(user: User, products) -> None:
    order = place(products, {"Baguette": 1}, customer_name="Alan")
    move(order, OrderStatus.CANCELLED)

    await user.open(f"/track/{order.public_id}")
    await shows(user, "order-status", "Cancelled")

    await user.open("/admin")
    await user.should_see(marker="done-today")
    set_value(user, "done-today", True)
    await user.should_see(marker="done-1")
    with user.scope(marker="done-1"):
        await user.should_see("Cancelled")


async def test_the_live_indicator_names_its_state_in_words(user: User) -> None:
    await user.open("/")
    await user.should_see(marker="live-indicator")
    indicator = only(user, "live-indicator", ui.icon)
    assert indicator.props["role"] == "img"

    live.connection_changed.emit(False)
    await user.should_see(marker="live-indicator")
    assert (indicator.name, indicator.props["aria-label"]) == ("sensors_off", "Live updates interrupted; reconnecting")
    live.connection_changed.emit(True)
    assert (indicator.name, indicator.props["aria-label"]) == ("sensors", "Live updates on")


def overdue(order: Order, *, minutes: int) -> None:
    """Its pickup passed `minutes` ago, and the worker's lateness sweep has flagged it."""
    with session_scope() as session:
        row = session.get(Order, order.id)
        row.pickup_at = utcnow() - timedelta(minutes=minutes)
        row.late_since = row.pickup_at
        row.due_day = today()
        session.add(row)
        session.commit()

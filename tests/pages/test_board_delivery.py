"""A pickup bakery's board offers Picked Up alone for Ready orders; Shipped appears once delivery is switched on.
The REST contract keeps accepting Shipped whatever the setting (tests/api/test_moving_orders.py, delivery off)."""

import pytest
from nicegui.testing import User

from services.bakery_schemas import BakerySettingsUpdate
from services.bakery_settings import current_calendar, update_settings
from services.database import session_scope
from services.order_status import OrderStatus
from tests.pages.helpers import (
    buttons_on,
    eventually,
    headers_on,
    move,
    only,
    place,
    press_and_wait,
    set_value,
    staff,
)

pytestmark = pytest.mark.usefixtures("bakery_open_all_day")  # orders without a pickup time are due today


async def test_a_pickup_bakery_is_not_offered_shipped(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    move(order, OrderStatus.IN_PROGRESS, OrderStatus.READY)
    await user.open("/admin")
    await user.should_see(marker="ticket-1")
    assert buttons_on(user, 1) == ["advance", "undo", "cancel"]  # advance: → Picked Up
    assert not any(h.startswith("Shipped") for h in headers_on(user))  # no delivery, no Shipped column
    assert only(user, "ticket-1").props["advance"] == "→ Picked Up"
    await press_and_wait(user, 1, "move", "Shipped")  # a crafted click for what the card does not offer
    assert staff(order.public_id).status == OrderStatus.READY


async def test_a_delivering_bakery_is_offered_shipped(user: User, products) -> None:
    with session_scope() as session:
        update_settings(session, BakerySettingsUpdate(delivery_enabled=True), by="test")
    order = place(products, {"Baguette": 1})
    move(order, OrderStatus.IN_PROGRESS, OrderStatus.READY)
    await user.open("/admin")
    await user.should_see(marker="ticket-1")
    assert buttons_on(user, 1) == ["advance", "move Shipped", "undo", "cancel"]


async def test_the_settings_page_switches_delivery_on(user: User) -> None:
    await user.open("/admin/settings")
    await user.should_see(marker="settings-delivery")
    set_value(user, "settings-delivery", True)
    user.find(marker="settings-save").click()
    await eventually(lambda: current_calendar().delivery_enabled)

"""Every new order is announced with its day, whichever day the board shows; each tab counts its open orders
and carries a mark while an order that arrived there has not been looked at."""

import pytest
from nicegui import ui
from nicegui.testing import User

from services.board import Window
from services.order_status import OrderStatus
from tests.pages.helpers import LIVE, eventually, move, only, pickup, place, set_value

pytestmark = pytest.mark.usefixtures("bakery_open_all_day")  # orders without a pickup time are due today


def tabs(user: User) -> dict[str, str]:
    return dict(only(user, "window", ui.toggle).options)  # type: ignore[attr-defined]


async def test_an_order_for_tomorrow_is_announced_and_marks_its_tab(user: User, products) -> None:
    place(products, {"Baguette": 1}, customer_name="Today Tess")
    await user.open("/admin")
    await user.should_see("Today Tess")
    assert tabs(user) == {Window.TODAY: "Today · 1", Window.TOMORROW: "Tomorrow · 0", Window.UPCOMING: "Upcoming · 1"}

    tomorrow = pickup(1)
    place(products, {"Baguette": 1}, pickup_at=tomorrow, customer_name="Tomorrow Tom")
    await user.should_see(f"New order #2 for tomorrow ({tomorrow:%a %d %b})", retries=LIVE)
    await user.should_not_see("Tomorrow Tom")  # still on Today
    assert tabs(user) == {
        Window.TODAY: "Today · 1",
        Window.TOMORROW: "Tomorrow · 1 ●",
        Window.UPCOMING: "Upcoming · 2 ●",
    }

    set_value(user, "window", Window.TOMORROW)
    await user.should_see("Tomorrow Tom", retries=LIVE)
    assert tabs(user)[Window.TOMORROW] == "Tomorrow · 1"  # looked at: the mark goes


async def test_an_order_for_today_is_announced_as_today(user: User, products) -> None:
    await user.open("/admin")
    await user.should_see("Order board")
    place(products, {"Baguette": 1}, customer_name="Today Tess")
    await user.should_see("New order #1 for today", retries=LIVE)
    assert tabs(user)[Window.TODAY] == "Today · 1"  # shown already: no mark on the tab being watched
    assert tabs(user)[Window.UPCOMING] == "Upcoming · 1"  # nor on Upcoming: the baker has seen it


async def test_the_counts_follow_orders_leaving_the_board(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    await user.open("/admin")
    await user.should_see(marker="ticket-1")
    move(order, OrderStatus.IN_PROGRESS, OrderStatus.READY, OrderStatus.PICKED_UP)
    await eventually(lambda: tabs(user)[Window.TODAY] == "Today · 0")

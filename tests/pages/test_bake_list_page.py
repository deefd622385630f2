"""The bake list: how much to bake for a day, how much is made, what remains."""

import asyncio
import time

from nicegui import ui
from nicegui.testing import User

from pages import bake_list
from services.order_status import OrderStatus
from tests.pages.helpers import LIVE, eventually, move, only, pickup, place, set_value, today

DAY, OTHER_DAY = 3, 4  # days ahead: far enough for every lead time in the demo


def seed_bake_day(products) -> None:
    """Five orders for DAY in every state, two for OTHER_DAY."""
    at = pickup(DAY, 10)
    place(products, {"Baguette": 3, "Sourdough Loaf": 2}, pickup_at=at)  # Order Placed
    in_progress = place(products, {"Baguette": 4}, pickup_at=at)
    ready = place(products, {"Baguette": 5, "Sourdough Loaf": 1}, pickup_at=at)
    picked_up = place(products, {"Sourdough Loaf": 2}, pickup_at=at)
    cancelled = place(products, {"Baguette": 10, "Chocolate Cake": 1}, pickup_at=at)
    move(in_progress, OrderStatus.IN_PROGRESS)
    move(ready, OrderStatus.IN_PROGRESS, OrderStatus.READY)
    move(picked_up, OrderStatus.IN_PROGRESS, OrderStatus.READY, OrderStatus.PICKED_UP)
    move(cancelled, OrderStatus.CANCELLED)

    later = pickup(OTHER_DAY, 15)
    place(products, {"Baguette": 2}, pickup_at=later)
    cake = place(products, {"Chocolate Cake": 1}, pickup_at=later)
    move(cake, OrderStatus.IN_PROGRESS, OrderStatus.READY)


def table_rows(user: User) -> list[tuple]:
    table = only(user, "bake-table")
    assert isinstance(table, ui.table)
    return [(r["name"], r["ordered"], r["made"], r["remaining"]) for r in table.rows]


DAY_ROWS = [
    # product, to bake, made, remaining
    ("Baguette", 12, 5, 7),  # 3 + 4 + 5; the cancelled 10 are not baked; 5 are in a Ready order
    ("Sourdough Loaf", 5, 3, 2),  # 2 + 1 + 2; Ready (1) and Picked Up (2) count as made
    ("All products", 17, 8, 9),
]
OTHER_DAY_ROWS = [
    ("Baguette", 2, 0, 2),
    ("Chocolate Cake", 1, 1, 0),
    ("All products", 3, 1, 2),
]


async def test_the_bake_list_counts_to_bake_made_and_remaining(user: User, products) -> None:
    seed_bake_day(products)
    day = pickup(DAY).date()
    await user.open(f"/admin/bake-list?day={day.isoformat()}")
    await user.should_see(marker="bake-table")
    assert table_rows(user) == DAY_ROWS
    await user.should_see(f"Bake list for {day:%A %d %B %Y}")


async def test_another_day_shows_its_own_numbers(user: User, products) -> None:
    seed_bake_day(products)
    await user.open(f"/admin/bake-list?day={pickup(OTHER_DAY).date().isoformat()}")
    await user.should_see(marker="bake-table")
    assert table_rows(user) == OTHER_DAY_ROWS


async def test_picking_a_day_on_the_page_switches_the_numbers(user: User, products) -> None:
    seed_bake_day(products)
    await user.open(f"/admin/bake-list?day={pickup(DAY).date().isoformat()}")
    await user.should_see(marker="bake-table")
    assert table_rows(user) == DAY_ROWS

    set_value(user, "bake-day", pickup(OTHER_DAY).date().isoformat())
    await eventually(lambda: table_rows(user) == OTHER_DAY_ROWS)

    set_value(user, "bake-day", pickup(OTHER_DAY + 1).date().isoformat())  # nothing ordered yet
    await user.should_see(marker="bake-list-empty", retries=LIVE)
    await user.should_not_see(marker="bake-table")


async def test_today_is_the_default_and_can_be_empty(user: User, products) -> None:
    seed_bake_day(products)
    await user.open("/admin/bake-list")
    await user.should_see(marker="bake-list-empty")
    assert only(user, "bake-day").value == today().isoformat()


async def test_the_open_bake_list_follows_new_orders_and_moves(user: User, products) -> None:
    seed_bake_day(products)
    await user.open(f"/admin/bake-list?day={pickup(DAY).date().isoformat()}")
    await user.should_see(marker="bake-table")

    extra = place(products, {"Baguette": 6}, pickup_at=pickup(DAY, 16))
    await eventually(lambda: table_rows(user)[0] == ("Baguette", 18, 5, 13))
    move(extra, OrderStatus.IN_PROGRESS, OrderStatus.READY)
    await eventually(lambda: table_rows(user)[0] == ("Baguette", 18, 11, 7))
    assert table_rows(user)[-1] == ("All products", 23, 14, 9)
    move(extra, OrderStatus.CANCELLED)  # a cancelled order drops out again, made or not
    await eventually(lambda: table_rows(user) == DAY_ROWS)


async def test_a_slow_answer_for_the_day_left_behind_never_replaces_the_day_picked(
    user: User, products, monkeypatch
) -> None:
    seed_bake_day(products)
    slow_day = pickup(OTHER_DAY).date()
    quick_load = bake_list._load

    def load(day):
        if day == slow_day:
            time.sleep(0.5)  # say the database was busy for this one
        return quick_load(day)

    monkeypatch.setattr(bake_list, "_load", load)
    await user.open(f"/admin/bake-list?day={pickup(DAY).date().isoformat()}")
    await user.should_see(marker="bake-table")

    set_value(user, "bake-day", slow_day.isoformat())  # the baker clicks past OTHER_DAY ...
    set_value(user, "bake-day", pickup(OTHER_DAY + 1).date().isoformat())  # ... to a day with nothing yet
    await user.should_see(marker="bake-list-empty", retries=LIVE)
    await asyncio.sleep(0.8)  # the slow answer has come back meanwhile
    await user.should_see(marker="bake-list-empty")
    await user.should_not_see(marker="bake-table")

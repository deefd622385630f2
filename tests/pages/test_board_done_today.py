"""Timers on the cards, the "Done today" list with undo, and the search box that finds an order."""

import pytest
from nicegui import ElementFilter
from nicegui.testing import User

from services.order_status import OrderStatus
from tests.pages.helpers import LIVE, column_of, eventually, move, only, place, set_value, staff

pytestmark = pytest.mark.usefixtures("bakery_open_all_day")  # orders without a pickup time are due today


def ms(moment) -> int:
    return int(moment.timestamp() * 1000)


async def test_a_card_carries_when_its_status_began_for_the_browser_to_count(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    move(order, OrderStatus.IN_PROGRESS, OrderStatus.READY)
    view = staff(order.public_id)
    await user.open("/admin")
    await user.should_see(marker="ticket-1")
    card = only(user, "ticket-1").props
    assert (card["status"], card["since"], card["pickupAt"]) == ("Ready", ms(view.history[-1].at), ms(view.pickup_at))


async def test_finished_orders_are_in_done_today_and_undo_brings_them_back(user: User, products) -> None:
    collected = place(products, {"Baguette": 1}, customer_name="Grace")
    cancelled = place(products, {"Baguette": 1}, customer_name="Alan")
    place(products, {"Baguette": 1}, customer_name="Ada")
    move(collected, OrderStatus.IN_PROGRESS, OrderStatus.READY, OrderStatus.PICKED_UP)
    move(cancelled, OrderStatus.CANCELLED)
    await user.open("/admin")
    await user.should_see(marker="ticket-3")
    assert only(user, "done-today").text == "Done today (2)"  # type: ignore[attr-defined]
    await user.should_not_see(marker="done-1")  # collapsed until opened

    set_value(user, "done-today", True)
    await user.should_see(marker="done-1")
    await user.should_see(marker="done-2")
    user.find(marker="undo-1").click()
    await eventually(lambda: column_of(user, 1) == "Ready")
    assert staff(collected.public_id).status == OrderStatus.READY
    await user.should_not_see(marker="done-1", retries=LIVE)


async def test_the_search_box_finds_an_order_by_ticket_name_or_phone(user: User, products) -> None:
    place(products, {"Baguette": 1}, customer_name="Grace Hopper", phone="07700 900111")
    place(products, {"Baguette": 1}, customer_name="Alan Turing", phone="07700 900222")
    done = place(products, {"Baguette": 1}, customer_name="Ada Lovelace", phone="07700 900333")
    move(done, OrderStatus.CANCELLED)
    await user.open("/admin")
    await user.should_see(marker="ticket-2")

    def shown() -> list[int]:
        with user:
            return [
                n for n in (1, 2) for card in ElementFilter(marker=f"ticket-{n}", local_scope=False) if card.visible
            ]

    for wanted, cards in [("grace", [1]), ("#2", [2]), ("900 111", [1]), ("", [1, 2]), ("Lovelace", [])]:
        set_value(user, "board-search", wanted)
        assert shown() == cards, wanted
    assert only(user, "done-today").text == "Done today (1)"  # type: ignore[attr-defined]
    set_value(user, "board-search", "Grace")
    assert only(user, "done-today").text == "Done today (0)"  # type: ignore[attr-defined]

"""Staff enter a walk-in or phone order from the board, through the same rules as the storefront."""

import pytest
from nicegui.testing import User
from sqlmodel import select

from services.bakery_settings import set_online_orders_paused
from services.database import session_scope
from services.models import Order, OrderItem
from tests.pages.conftest import ADMIN_EMAIL
from tests.pages.helpers import eventually, order_count, pickup, set_value, text

pytestmark = pytest.mark.usefixtures("bakery_open_all_day")


async def open_counter(user: User) -> None:
    await user.open("/admin")
    await user.should_see("Order board")
    user.find(marker="counter-order-open").click()
    await user.should_see(marker="counter-order")


async def test_a_phone_order_is_placed_by_the_member_of_staff(user: User) -> None:
    with session_scope() as session:
        set_online_orders_paused(session, True, by="test")  # customers are paused; the counter still takes orders
    await open_counter(user)
    set_value(user, "counter-name", "Mrs Patmore")
    set_value(user, "counter-phone", "07700 900555")
    set_value(user, "counter-qty-Baguette", 3)
    when = pickup(1, 10)
    set_value(user, "counter-day", when.date().isoformat())
    set_value(user, "counter-time", "10:00")
    set_value(user, "counter-notes", "ALLERGY: milk")
    user.find(marker="counter-place").click()
    await eventually(lambda: order_count() == 1)
    with session_scope() as session:
        order = session.exec(select(Order)).one()
    assert (order.customer_name, order.phone, order.placed_by) == ("Mrs Patmore", "07700 900555", ADMIN_EMAIL)
    assert order.pickup_at == when and order.notes == "ALLERGY: milk"


async def test_an_order_without_items_is_refused_and_places_nothing(user: User) -> None:
    await open_counter(user)
    set_value(user, "counter-name", "Mrs Patmore")
    user.find(marker="counter-place").click()
    await eventually(lambda: text(user, "counter-error") == "Add at least one item")
    assert order_count() == 0


def fill_counter(user: User, when) -> None:
    set_value(user, "counter-name", "Mrs Hughes")
    set_value(user, "counter-day", when.date().isoformat())
    set_value(user, "counter-time", when.strftime("%H:%M"))


async def test_two_cakes_of_one_counter_order_keep_their_own_size_and_inscription(user: User) -> None:
    await open_counter(user)
    fill_counter(user, pickup(3, 10))
    set_value(user, "counter-qty-Carrot Cake", 1)
    set_value(user, "counter-option-Carrot Cake-Size", "8 inch")
    set_value(user, "counter-option-Carrot Cake-Inscription", "Happy 40th Sam")
    user.find(marker="counter-another-Carrot Cake").click()
    await user.should_see(marker="counter-qty-Carrot Cake-2")
    set_value(user, "counter-qty-Carrot Cake-2", 2)
    set_value(user, "counter-option-Carrot Cake-Size-2", "6 inch")
    user.find(marker="counter-place").click()
    await eventually(lambda: order_count() == 1)

    with session_scope() as session:
        lines = session.exec(select(OrderItem).order_by(OrderItem.id)).all()
    assert [(line.quantity, line.options_label) for line in lines] == [
        (1, "8 inch · Inscription: Happy 40th Sam"),
        (2, "6 inch"),
    ]
    assert lines[0].unit_price > lines[1].unit_price  # the 8 inch costs more, priced by the product


async def test_a_cake_without_its_size_is_refused_by_name_and_places_nothing(user: User) -> None:
    await open_counter(user)
    fill_counter(user, pickup(3, 10))
    set_value(user, "counter-qty-Carrot Cake", 1)
    user.find(marker="counter-place").click()
    await eventually(lambda: text(user, "counter-error") == "Carrot Cake: choose the option 'Size'")
    assert order_count() == 0

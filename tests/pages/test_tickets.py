"""Printed tickets: one order's, and every order of a day, with items and their options, the products'
allergens, the note and a marked allergy."""

import pytest
from nicegui.testing import User

from services import catalogue, orders
from services.database import session_scope
from services.order_status import OrderStatus
from services.schemas import OrderLine, OrderRequest, ProductUpdate
from tests.pages.helpers import move, only, pickup, place

pytestmark = pytest.mark.usefixtures("bakery_open_all_day")  # orders without a pickup time are due today


async def test_one_ticket_says_who_when_what_and_the_allergy(user: User, products) -> None:
    order = place(products, {"Baguette": 2}, customer_name="Grace", notes="ALLERGY: sesame", pickup_at=pickup(1, 9))
    await user.open(f"/admin/tickets/{order.public_id}")
    await user.should_see("#1")
    await user.should_see("Grace")
    await user.should_see(f"Pickup {pickup(1, 9):%a %d %b}, 09:00")
    await user.should_see("2 × Baguette")
    await user.should_see("⚠ ALLERGY: ALLERGY: sesame")
    await user.should_see("Contains: cereals containing gluten")  # what a baguette declares


async def test_a_ticket_prints_the_cake_size_the_inscription_and_every_declared_allergen(user: User, products) -> None:
    cake, croissant = products["Carrot Cake"].id, products["Butter Croissant"].id
    with session_scope() as session:
        catalogue.update_product(session, croissant, ProductUpdate(allergens=["milk", "cereals containing gluten"]))
        order, _ = orders.place_order(
            session,
            OrderRequest(
                items=[
                    OrderLine(product_id=cake, options={"Size": "8 inch", "Inscription": "Happy 40th Sam"}),
                    OrderLine(product_id=croissant, quantity=4),
                ],
                pickup_at=pickup(3, 10),
            ),
            placed_by="test",
        )
    await user.open(f"/admin/tickets/{order.public_id}")
    await user.should_see("1 × Carrot Cake · 8 inch · Inscription: Happy 40th Sam")
    await user.should_see("4 × Butter Croissant")
    # Each allergen once, in the law's order, whichever product declares it.
    assert only(user, "contains-1").text == "Contains: cereals containing gluten, eggs, milk"


async def test_the_day_prints_every_order_but_the_cancelled(user: User, products) -> None:
    day = pickup(1).date()
    place(products, {"Baguette": 1}, customer_name="Grace", pickup_at=pickup(1, 9))
    place(products, {"Baguette": 1}, customer_name="Alan", pickup_at=pickup(1, 10), notes="Happy birthday")
    move(place(products, {"Baguette": 1}, customer_name="Ada", pickup_at=pickup(1, 11)), OrderStatus.CANCELLED)
    place(products, {"Baguette": 1}, customer_name="Other Day", pickup_at=pickup(2, 9))
    await user.open(f"/admin/tickets?day={day.isoformat()}&paper=a4")
    await user.should_see(marker="printed-1")
    await user.should_see(marker="printed-2")
    await user.should_see("Note: Happy birthday")
    await user.should_not_see(marker="printed-3")
    await user.should_not_see(marker="printed-4")


async def test_an_unknown_order_has_no_ticket(user: User) -> None:
    await user.open("/admin/tickets/nope")
    await user.should_see(marker="ticket-missing")

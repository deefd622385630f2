"""The board card shows the customer's note (a note naming an allergy is marked so nobody can miss it), the
allergens its products declare, and follows a moved pickup time."""

import pytest
from nicegui.testing import User

from services import catalogue
from services.database import session_scope
from services.pickup_moves import move_pickup
from services.schemas import ProductUpdate
from tests.pages.helpers import eventually, only, pickup, place

pytestmark = pytest.mark.usefixtures("bakery_open_all_day")  # orders without a pickup time are due today


async def test_an_allergy_note_is_on_the_card_and_marked(user: User, products) -> None:
    place(products, {"Baguette": 1}, customer_name="Grace", notes="ALLERGY: sesame")
    place(products, {"Baguette": 1}, customer_name="Alan", notes="Happy birthday Sam")
    place(products, {"Baguette": 1}, customer_name="Ada")
    await user.open("/admin")

    await user.should_see("ALLERGY: sesame")
    await user.should_see("Happy birthday Sam")
    allergy, birthday, plain = (only(user, f"ticket-{n}").props for n in (1, 2, 3))
    assert (allergy["note"], allergy["allergy"]) == ("ALLERGY: sesame", True)
    assert (birthday["note"], birthday["allergy"]) == ("Happy birthday Sam", False)
    assert (plain["note"], plain["allergy"]) == ("", False)


async def test_the_card_lists_the_allergens_its_products_declare(user: User, products) -> None:
    place(products, {"Baguette": 1, "Brioche Loaf": 1}, customer_name="Grace")  # gluten; gluten, eggs, milk
    plain = products["Baguette"]
    with session_scope() as session:  # a product that declares nothing
        catalogue.update_product(session, plain.id, ProductUpdate(allergens=[]))
    place(products, {"Baguette": 2}, customer_name="Alan")
    await user.open("/admin")

    await user.should_see("Contains: gluten, eggs, milk")  # each once, in the law's order, gluten named short
    assert only(user, "ticket-1").props["allergens"] == ("gluten", "eggs", "milk")
    assert only(user, "ticket-2").props["allergens"] == ()


async def test_an_allergen_added_to_a_product_reaches_its_open_card(user: User, products) -> None:
    place(products, {"Baguette": 1}, customer_name="Grace")
    await user.open("/admin")
    await user.should_see("Contains: gluten")
    with session_scope() as session:
        catalogue.update_product(
            session, products["Baguette"].id, ProductUpdate(allergens=["cereals containing gluten", "sesame"])
        )
    place(products, {"Seeded Rye": 1}, customer_name="Alan")  # any order event redraws the board
    await eventually(lambda: only(user, "ticket-1").props["allergens"] == ("gluten", "sesame"))


async def test_a_moved_pickup_time_shows_on_the_open_card(user: User, products) -> None:
    order = place(products, {"Baguette": 1}, customer_name="Grace")
    await user.open("/admin")
    await user.should_see(marker="ticket-1")
    later = pickup(0, 23, 45)
    with session_scope() as session:
        move_pickup(session, order.public_id, later, by="test")
    await eventually(lambda: only(user, "ticket-1").props["pickup"] == f"Pickup {later:%a %d %b, %H:%M}")

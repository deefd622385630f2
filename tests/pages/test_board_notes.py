"""The board card shows the customer's note (a note naming an allergy is marked so nobody can miss it) and
follows a moved pickup time."""

import pytest
from nicegui.testing import User

from services.database import session_scope
from services.pickup_moves import move_pickup
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


async def test_a_moved_pickup_time_shows_on_the_open_card(user: User, products) -> None:
    order = place(products, {"Baguette": 1}, customer_name="Grace")
    await user.open("/admin")
    await user.should_see(marker="ticket-1")
    later = pickup(0, 23, 45)
    with session_scope() as session:
        move_pickup(session, order.public_id, later, by="test")
    await eventually(lambda: only(user, "ticket-1").props["pickup"] == f"Pickup {later:%a %d %b, %H:%M}")

"""The board card shows the customer's note; a note naming an allergy is marked so nobody can miss it."""

import pytest
from nicegui.testing import User

from tests.pages.helpers import only, place

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

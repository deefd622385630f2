"""Staff mark a product sold out and set its daily limit at the counter; names and prices stay the admins'."""

import pytest
from nicegui.testing import User

from services.accounts import Role
from services.database import session_scope
from services.errors import Forbidden
from services.schemas import ProductUpdate
from services.stock import change_product
from tests.pages.conftest import sign_in
from tests.pages.helpers import eventually, product_named, set_value
from tests.pages.test_access import make_account

signed_out = pytest.mark.signed_out


@signed_out
async def test_staff_toggle_sold_out_and_the_daily_limit_but_see_no_other_edits(user: User) -> None:
    await user.open("/login")  # starts the app so the account can be made
    make_account("sam@bakery.test", Role.STAFF)
    await sign_in(user, "sam@bakery.test")
    await user.open("/admin/products")
    await user.should_see(marker="row-Butter Croissant")
    price = product_named("Butter Croissant").price
    await user.should_not_see(marker="add-product")
    await user.should_not_see(marker="edit-Butter Croissant")

    set_value(user, "sold-out-Butter Croissant", True)
    await eventually(lambda: product_named("Butter Croissant").available is False)

    user.find(marker="limit-Butter Croissant").click()
    set_value(user, "field-limit", "24")
    user.find(marker="save-limit").click()
    await eventually(lambda: product_named("Butter Croissant").daily_limit == 24)
    assert product_named("Butter Croissant").price == price  # nothing but the limit and the switch moved


async def test_the_admin_still_sees_every_edit(user: User) -> None:
    await user.open("/admin/products")
    await user.should_see(marker="add-product")
    await user.should_see(marker="edit-Butter Croissant")
    await user.should_see(marker="limit-Butter Croissant")


async def test_a_staff_change_to_the_price_is_refused_and_changes_nothing(user: User) -> None:
    croissant = product_named("Butter Croissant")
    with session_scope() as session, pytest.raises(Forbidden, match="price"):
        change_product(session, croissant.id, ProductUpdate(price="0.10", available=False), role=Role.STAFF)
    after = product_named("Butter Croissant")
    assert (after.price, after.available) == (croissant.price, croissant.available)

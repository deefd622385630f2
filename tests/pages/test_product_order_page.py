"""The products page orders the storefront: admins move categories and products up and down, and it sticks."""

import re

import pytest
from nicegui import ElementFilter, ui
from nicegui.testing import User

from services.accounts import Role
from services.catalogue import update_product
from services.catalogue_order import category_order, move_product
from services.database import session_scope
from services.errors import Forbidden
from services.schemas import ProductUpdate
from tests.pages.conftest import sign_in
from tests.pages.helpers import eventually, only, product_named, shelves
from tests.pages.test_access import make_account


def shown_in_order(user: User, prefix: str) -> list[str]:
    """The names the open page marks `prefix<name>`, top to bottom."""
    with user:
        # mark() splits on spaces ("row-Seeded Rye" is two markers): join them back into the names, and take the
        # one marked `prefix` (an element may carry more markers after it).
        marks = [" ".join(e._markers) for e in ElementFilter(kind=ui.element, local_scope=False)]
    names = [m.removeprefix(prefix) for m in marks if m.startswith(prefix)]
    return [re.split(r" [a-z-]+-", name, maxsplit=1)[0] for name in names]


def on_the_shelves(user: User) -> list[str]:
    """The storefront's products in the order its shelves show them, top to bottom (one element draws them all)."""
    return [card["name"] for shelf in shelves(user).props["shelves"] for _id, card in shelf["cards"]]


def categories() -> list[str]:
    with session_scope() as session:
        return category_order(session)


async def products_page(user: User) -> None:
    await user.open("/admin/products")
    await user.should_see(marker="row-Baguette")


async def test_moving_cakes_up_puts_them_first_on_the_storefront(user: User) -> None:
    await products_page(user)
    assert categories() == ["Breads", "Cakes", "Pastries"]

    user.find(marker="up-category-Cakes").click()

    await eventually(lambda: categories() == ["Cakes", "Breads", "Pastries"])
    await eventually(lambda: shown_in_order(user, "category-")[:2] == ["Cakes", "Breads"])
    await user.open("/")
    await user.should_see(marker="product-Carrot Cake")
    assert on_the_shelves(user)[0] in {"Chocolate Cake", "Carrot Cake", "Lemon Drizzle"}


async def test_moving_a_bread_down_swaps_it_with_the_next_and_the_storefront_follows(user: User) -> None:
    await products_page(user)
    breads = shown_in_order(user, "row-")[:4]
    first, second = breads[0], breads[1]

    user.find(marker=f"down-{first}").click()

    await eventually(lambda: shown_in_order(user, "row-")[:4] == [second, first, *breads[2:]])
    assert product_named(second).position < product_named(first).position  # kept, not just drawn
    await user.open("/")
    await user.should_see(marker=f"product-{first}")
    assert on_the_shelves(user)[:4] == [second, first, *breads[2:]]


async def test_the_ends_have_nowhere_to_go(user: User) -> None:
    await products_page(user)
    breads = shown_in_order(user, "row-")[:4]

    assert not only(user, "up-category-Breads").enabled
    assert not only(user, "down-category-Pastries").enabled
    assert only(user, "down-category-Breads").enabled
    assert not only(user, f"up-{breads[0]}").enabled
    assert not only(user, f"down-{breads[3]}").enabled  # the last bread: the cakes are another shelf


@pytest.mark.signed_out
async def test_staff_see_the_order_but_may_not_change_it(user: User) -> None:
    await user.open("/login")  # starts the app so the account can be made
    make_account("sam@bakery.test", Role.STAFF)
    await sign_in(user, "sam@bakery.test")
    await products_page(user)

    await user.should_not_see(marker="up-category-Cakes")
    await user.should_not_see(marker="down-Baguette")
    with session_scope() as session, pytest.raises(Forbidden):
        move_product(session, product_named("Baguette").id, 1, role=Role.STAFF)
    assert product_named("Baguette").position == 0


async def test_a_category_renamed_meanwhile_is_named_and_the_page_redrawn(user: User) -> None:
    await products_page(user)
    with session_scope() as session:
        for name in ("Chocolate Cake", "Carrot Cake", "Lemon Drizzle"):
            update_product(session, product_named(name).id, ProductUpdate(category="Celebration cakes"))

    user.find(marker="up-category-Cakes").click()

    await user.should_see("No product is in the category 'Cakes'")
    await user.should_see(marker="category-Celebration cakes")

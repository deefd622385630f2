"""The storefront basket: what a customer adds is what they see, priced right."""

import asyncio

import pytest
from nicegui.testing import User

from services import catalogue
from services.database import session_scope
from services.schemas import ProductUpdate
from tests.pages.helpers import (
    add_from_card,
    card_problem,
    eventually,
    facts,
    field_error,
    only,
    press_add,
    quantity_error,
    shows,
)


async def add(user: User, product: str, quantity: int) -> None:
    add_from_card(user, product, quantity)
    await user.should_see(marker=f"cart-line-{product}", retries=20)


async def test_adding_respects_the_quantity_and_prices_the_lines(user: User) -> None:
    await user.open("/")
    await add(user, "Baguette", 3)
    await shows(user, "line-total-Baguette", "£7.20")
    await shows(user, "cart-total", "£7.20")

    await add(user, "Cinnamon Bun", 2)
    await shows(user, "line-total-Cinnamon Bun", "£6.20")
    await shows(user, "line-total-Baguette", "£7.20")
    await shows(user, "cart-total", "£13.40")
    basket = only(user, "cart").props
    assert (basket["count"], basket["label"]) == (5, "Basket, 5 items")  # the basket button counts the items


async def test_adding_the_same_product_again_adds_to_its_line(user: User) -> None:
    await user.open("/")
    await add(user, "Butter Croissant", 2)
    await shows(user, "cart-total", "£4.40")
    await add(user, "Butter Croissant", 4)
    await shows(user, "line-total-Butter Croissant", "£13.20")
    await shows(user, "cart-total", "£13.20")
    assert only(user, "cart-qty-Butter Croissant").value == 6


async def change_quantity(user: User, line: str, quantity: int, *, leave_by: str = "blur") -> None:
    """Type a new quantity into a basket line and leave the field (or press Enter)."""
    await user.should_see(marker=f"cart-qty-{line}", retries=20)
    field = user.find(marker=f"cart-qty-{line}")
    field.clear().type(str(quantity))
    field.trigger(leave_by)


def browser_sends(text: str) -> str:
    """What a browser's number field holds for `text`: the number, or nothing for what is not one ("abc")."""
    try:
        float(text)
    except ValueError:
        return ""
    return text


def browser_types(user: User, marker: str, text: str) -> None:
    user.find(marker=marker).trigger("update:modelValue", browser_sends(text))


async def test_changing_a_quantity_in_the_basket_updates_the_totals(user: User) -> None:
    await user.open("/")
    await add(user, "Baguette", 1)
    await shows(user, "cart-total", "£2.40")
    await add(user, "Seeded Rye", 1)
    await shows(user, "cart-total", "£7.20")

    await change_quantity(user, "Baguette", 5)
    await shows(user, "line-total-Baguette", "£12.00")
    await shows(user, "line-total-Seeded Rye", "£4.80")
    await shows(user, "cart-total", "£16.80")


async def test_typing_12_over_3_keeps_every_keystroke_and_applies_on_leaving_the_field(user: User) -> None:
    await user.open("/")
    await add(user, "Baguette", 3)
    await shows(user, "line-total-Baguette", "£7.20")
    field = user.find(marker="cart-qty-Baguette")

    field.clear().type("1")
    await asyncio.sleep(0.2)  # time for a redraw, if a keystroke caused one
    await shows(user, "line-total-Baguette", "£7.20")  # nothing applied while typing
    field.type("2")
    assert only(user, "cart-qty-Baguette").value == 12  # the same field, both keystrokes in it
    field.trigger("blur")
    await shows(user, "line-total-Baguette", "£28.80")
    await shows(user, "cart-total", "£28.80")


async def test_enter_applies_a_typed_quantity(user: User) -> None:
    await user.open("/")
    await add(user, "Baguette", 1)
    await change_quantity(user, "Baguette", 4, leave_by="keydown.enter")
    await shows(user, "cart-total", "£9.60")


async def test_plus_and_minus_step_by_the_products_step(user: User, products) -> None:
    with session_scope() as session:
        change = ProductUpdate(min_quantity=6, quantity_step=6, max_quantity=12)
        catalogue.update_product(session, products["Butter Croissant"].id, change)
    await user.open("/")
    await add(user, "Butter Croissant", 6)
    await shows(user, "line-total-Butter Croissant", "£13.20")

    user.find(marker="more-Butter Croissant").click()
    await shows(user, "line-total-Butter Croissant", "£26.40")
    user.find(marker="more-Butter Croissant").click()  # 18 is over the 12 allowed: said beside the field
    await eventually(lambda: "please order 12 or fewer" in (field_error(user, "cart-qty-Butter Croissant") or ""))
    await shows(user, "line-total-Butter Croissant", "£26.40")
    user.find(marker="less-Butter Croissant").click()
    await shows(user, "line-total-Butter Croissant", "£13.20")
    assert field_error(user, "cart-qty-Butter Croissant") is None


async def test_a_typed_quantity_the_product_refuses_is_refused_beside_the_field(user: User, products) -> None:
    with session_scope() as session:
        catalogue.update_product(
            session, products["Butter Croissant"].id, ProductUpdate(min_quantity=6, quantity_step=6)
        )
    await user.open("/")
    await add(user, "Butter Croissant", 6)
    for typed, rule in (("8", "sold in 6s"), ("abc", "Enter a whole number"), ("-6", "please order 6 or more")):
        browser_types(user, "cart-qty-Butter Croissant", typed)
        user.find(marker="cart-qty-Butter Croissant").trigger("blur")

        await eventually(lambda rule=rule: rule in (field_error(user, "cart-qty-Butter Croissant") or ""))
        await shows(user, "line-total-Butter Croissant", "£13.20")  # the line keeps its 6


async def test_zero_asks_before_taking_the_line_out(user: User) -> None:
    await user.open("/")
    await add(user, "Baguette", 1)
    await add(user, "Seeded Rye", 1)
    await shows(user, "cart-total", "£7.20")

    await change_quantity(user, "Seeded Rye", 0)
    await user.should_see(marker="remove-dialog", retries=20)
    user.find(marker="keep-line").click()
    await user.should_not_see(marker="remove-dialog", retries=20)
    await eventually(lambda: only(user, "cart-qty-Seeded Rye").value == 1)  # kept, at its quantity
    await shows(user, "cart-total", "£7.20")

    await change_quantity(user, "Seeded Rye", 0)
    await user.should_see(marker="remove-dialog", retries=20)
    user.find(marker="remove-line").click()
    await user.should_not_see(marker="cart-line-Seeded Rye", retries=20)
    await shows(user, "cart-total", "£2.40")


async def test_minus_at_one_asks_before_taking_the_line_out(user: User) -> None:
    await user.open("/")
    await add(user, "Baguette", 1)
    user.find(marker="less-Baguette").click()
    await user.should_see(marker="remove-dialog", retries=20)
    user.find(marker="remove-line").click()
    await user.should_see(marker="cart-empty", retries=20)
    await user.should_not_see(marker="cart-total")


async def test_emptying_the_basket_says_so(user: User) -> None:
    await user.open("/")
    await user.should_see(marker="cart-empty")
    await add(user, "Baguette", 2)
    await user.should_not_see(marker="cart-empty", retries=20)
    await change_quantity(user, "Baguette", 0)
    await user.should_see(marker="remove-dialog", retries=20)
    user.find(marker="remove-line").click()
    await user.should_see(marker="cart-empty", retries=20)
    await user.should_not_see(marker="cart-total")


@pytest.mark.parametrize(
    "typed, rule",
    [
        ("abc", "Enter a whole number"),
        ("-3", "please order 1 or more"),
        ("2.5", "Enter a whole number"),
        ("1e999999999", "at most 1000"),  # a browser sends what was typed: never read as a billion digits
    ],
)
async def test_a_card_refuses_a_quantity_that_is_not_one_beside_the_field(user: User, typed: str, rule: str) -> None:
    await user.open("/")
    add_from_card(user, "Cinnamon Bun", browser_sends(typed))
    await eventually(lambda: rule in (quantity_error(user, "Cinnamon Bun") or ""))
    assert not user.notify.contains("Added")
    await user.should_see(marker="cart-empty")
    add_from_card(user, "Cinnamon Bun", 2)  # put right, it goes in and the error goes
    await shows(user, "line-total-Cinnamon Bun", "£6.20")
    assert quantity_error(user, "Cinnamon Bun") is None
    assert user.notify.contains("Added 2 × Cinnamon Bun")


async def test_a_sold_out_product_cannot_be_added(user: User) -> None:
    await user.open("/")
    await user.should_see(marker="sold-out-Almond Croissant")
    # Its card draws the badge in place of the quantity and Add button (pages/product_card.js), and has no Add to press.
    assert facts(user, "Almond Croissant")["soldOut"] is True
    await user.should_not_see(marker="add-Almond Croissant")
    await user.should_not_see(marker="qty-Almond Croissant")
    # an orderable neighbour still has its button, so the checks above are not vacuous
    await user.should_see(marker="add-Butter Croissant")
    assert facts(user, "Butter Croissant")["soldOut"] is False
    # An Add sent anyway (a page that had not heard yet, or a hand-made message) is refused on the card.
    press_add(user, "Almond Croissant", 1)
    await eventually(lambda: "sold out" in card_problem(user, "Almond Croissant"))
    await user.should_see(marker="cart-empty")

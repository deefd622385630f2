"""The products page: mistakes are shown beside the field and save nothing; edits and sold-out reach the shop."""

from decimal import Decimal

from nicegui.testing import User

from tests.pages.helpers import (
    card_says,
    eventually,
    facts,
    field_error,
    product_count,
    product_named,
    set_value,
    shows,
)


async def new_product_form(user: User) -> None:
    await user.open("/admin/products")
    await user.should_see(marker="row-Baguette")
    user.find(marker="add-product").click()
    await user.should_see(marker="save-product")


def fill(user: User, **fields: str) -> None:
    for name, value in fields.items():
        set_value(user, f"field-{name}", value)


async def save_and_expect(user: User, field: str, message: str) -> None:
    user.find(marker="save-product").click()
    await eventually(lambda: (field_error(user, f"field-{field}") or "").startswith(message))


async def test_a_price_that_is_not_a_number_is_refused_beside_the_price(user: User) -> None:
    await new_product_form(user)
    before = product_count()
    fill(user, name="Focaccia", price="four pounds")
    await save_and_expect(user, "price", "Enter a price such as 4.50")
    assert field_error(user, "field-name") is None
    assert product_named("Focaccia") is None
    assert product_count() == before


async def test_a_price_of_zero_is_refused_beside_the_price(user: User) -> None:
    await new_product_form(user)
    fill(user, name="Focaccia", price="0")
    await save_and_expect(user, "price", "Input should be greater than 0")
    assert product_named("Focaccia") is None


async def test_an_empty_name_is_refused_beside_the_name(user: User) -> None:
    await new_product_form(user)
    before = product_count()
    fill(user, name="   ", price="4.50")
    await save_and_expect(user, "name", "String should have at least 1 character")
    assert field_error(user, "field-price") is None
    assert product_count() == before


async def test_a_name_already_taken_is_refused_beside_the_name(user: User) -> None:
    await new_product_form(user)
    before = product_count()
    fill(user, name="baguette", price="9.99")  # the same bread, whatever the capitals
    await save_and_expect(user, "name", "A product named 'baguette' already exists")
    assert product_count() == before
    assert product_named("Baguette").price == Decimal("2.40")


async def test_fixing_the_mistake_then_saves(user: User) -> None:
    await new_product_form(user)
    fill(user, name="Focaccia", price="abc", category="Breads")
    await save_and_expect(user, "price", "Enter a price such as 4.50")
    fill(user, price="4,50")  # a comma is fine
    user.find(marker="save-product").click()
    await user.should_see(marker="row-Focaccia", retries=30)
    await shows(user, "price-Focaccia", "£4.50")
    assert product_named("Focaccia").price == Decimal("4.50")

    await user.open("/")
    await user.should_see(marker="add-Focaccia")


async def test_editing_the_price_changes_what_is_shown(user: User) -> None:
    await user.open("/admin/products")
    await shows(user, "price-Baguette", "£2.40")
    user.find(marker="edit-Baguette").click()
    await user.should_see(marker="save-product")
    fill(user, price="2.75")
    user.find(marker="save-product").click()
    await shows(user, "price-Baguette", "£2.75")
    assert product_named("Baguette").price == Decimal("2.75")

    await user.open("/")
    await user.should_see(marker="product-Baguette")
    assert facts(user, "Baguette")["price"] == "£2.75"


async def test_the_sold_out_switch_reaches_the_storefront(user: User) -> None:
    await user.open("/")
    await user.should_see(marker="add-Baguette")

    await user.open("/admin/products")
    await user.should_see(marker="sold-out-Baguette")
    user.find(marker="sold-out-Baguette").click()
    await eventually(lambda: not product_named("Baguette").available)

    await user.open("/")
    await user.should_see(marker="product-Baguette")
    assert "Sold out" in card_says(user, "Baguette")
    await user.should_not_see(marker="add-Baguette")

    await user.open("/admin/products")  # and back on sale
    await user.should_see(marker="sold-out-Baguette")
    user.find(marker="sold-out-Baguette").click()
    await eventually(lambda: product_named("Baguette").available)
    await user.open("/")
    await user.should_see(marker="add-Baguette")

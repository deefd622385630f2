"""The storefront basket: what a customer adds is what they see, priced right."""

from nicegui import ui
from nicegui.testing import User

from tests.pages.helpers import only, set_value, shows


async def add(user: User, product: str, quantity: int) -> None:
    set_value(user, f"qty-{product}", quantity)
    user.find(marker=f"add-{product}").click()


async def test_adding_respects_the_quantity_and_prices_the_lines(user: User) -> None:
    await user.open("/")
    await add(user, "Baguette", 3)
    await shows(user, "line-total-Baguette", "£7.20")
    await shows(user, "cart-total", "£7.20")

    await add(user, "Cinnamon Bun", 2)
    await shows(user, "line-total-Cinnamon Bun", "£6.20")
    await shows(user, "line-total-Baguette", "£7.20")
    await shows(user, "cart-total", "£13.40")
    with user.scope(marker="cart"):
        (badge,) = user.find(ui.badge).elements
    assert badge.text == "5"  # the basket button counts the items


async def test_adding_the_same_product_again_adds_to_its_line(user: User) -> None:
    await user.open("/")
    await add(user, "Butter Croissant", 2)
    await shows(user, "cart-total", "£4.40")
    await add(user, "Butter Croissant", 4)
    await shows(user, "line-total-Butter Croissant", "£13.20")
    await shows(user, "cart-total", "£13.20")
    assert only(user, "cart-qty-Butter Croissant").value == 6


async def test_changing_a_quantity_in_the_basket_updates_the_totals(user: User) -> None:
    await user.open("/")
    await add(user, "Baguette", 1)
    await shows(user, "cart-total", "£2.40")
    await add(user, "Seeded Rye", 1)
    await shows(user, "cart-total", "£7.20")

    set_value(user, "cart-qty-Baguette", 5)
    await shows(user, "line-total-Baguette", "£12.00")
    await shows(user, "line-total-Seeded Rye", "£4.80")
    await shows(user, "cart-total", "£16.80")

    set_value(user, "cart-qty-Seeded Rye", 0)  # zero takes the line out
    await user.should_not_see(marker="cart-line-Seeded Rye", retries=20)
    await shows(user, "cart-total", "£12.00")


async def test_emptying_the_basket_says_so(user: User) -> None:
    await user.open("/")
    await user.should_see(marker="cart-empty")
    await add(user, "Baguette", 2)
    await user.should_not_see(marker="cart-empty", retries=20)
    set_value(user, "cart-qty-Baguette", 0)
    await user.should_see(marker="cart-empty", retries=20)
    await user.should_not_see(marker="cart-total")


async def test_a_sold_out_product_cannot_be_added(user: User) -> None:
    await user.open("/")
    with user.scope(marker="product-Almond Croissant"):
        await user.should_see("Sold out")
        await user.should_not_see(kind=ui.button)
        await user.should_not_see(kind=ui.number)
    await user.should_not_see(marker="add-Almond Croissant")
    # an orderable neighbour still has its button, so the checks above are not vacuous
    with user.scope(marker="product-Butter Croissant"):
        await user.should_see(marker="add-Butter Croissant")
        await user.should_not_see("Sold out")

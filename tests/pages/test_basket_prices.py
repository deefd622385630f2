"""An honest basket: the shelves follow the catalogue live, a line whose price moved says so, nothing is placed at a
price the customer has not seen, and the confirmation shows the total actually charged."""

from decimal import Decimal

from nicegui.testing import User
from sqlmodel import select

from bakeops_ui import live
from services import catalogue
from services.database import session_scope
from services.models import Order
from services.schemas import ProductCreate, ProductUpdate
from tests.pages.helpers import LIVE, add_from_card, eventually, facts, order_count, set_value, shows, text


async def basket_of_two_buns(user: User) -> None:
    await user.open("/")
    add_from_card(user, "Cinnamon Bun", 2)
    await shows(user, "cart-total", "£6.20")
    set_value(user, "checkout-name", "Ada Baker")
    set_value(user, "checkout-phone", "07700 900123")


def change(products, name: str, **fields) -> None:
    with session_scope() as session:
        catalogue.update_product(session, products[name].id, ProductUpdate(**fields))


def charged(code: str) -> Decimal:
    with session_scope() as session:
        return session.exec(select(Order).where(Order.public_id == code)).one().total


async def place_and_confirm(user: User, total: str) -> None:
    user.find(marker="place-order").click()
    await user.should_see(marker="confirmation", retries=50)
    await shows(user, "confirmation-total", f"Total charged {total}")
    code = text(user, "order-code").removeprefix("Order code ")
    assert charged(code) == Decimal(total.removeprefix("£"))


async def test_a_price_change_shows_live_and_waits_for_the_customer_to_accept_it(user: User, products) -> None:
    await basket_of_two_buns(user)

    change(products, "Cinnamon Bun", price=Decimal("3.90"))

    await eventually(lambda: facts(user, "Cinnamon Bun")["price"] == "£3.90", timeout=10)  # the shelf
    await shows(user, "price-changed-Cinnamon Bun", "Price changed: was £3.10, now £3.90 each")
    await shows(user, "cart-total", "£7.80")
    await user.should_see(marker="prices-changed")
    user.find(marker="place-order").click()
    await user.should_see(marker="checkout-error", content="changed", retries=LIVE)
    assert order_count() == 0  # not without the customer's word

    user.find(marker="accept-prices").click()
    await user.should_not_see(marker="prices-changed", retries=20)
    await user.should_not_see(marker="price-changed-Cinnamon Bun")
    await place_and_confirm(user, "£7.80")


async def test_a_price_change_the_page_never_heard_of_is_not_charged_unseen(user: User, products) -> None:
    await basket_of_two_buns(user)
    live.catalogue_changed.callbacks.clear()  # the page misses the event (a lost connection)
    change(products, "Cinnamon Bun", price=Decimal("3.90"))

    user.find(marker="place-order").click()

    await shows(user, "price-changed-Cinnamon Bun", "Price changed: was £3.10, now £3.90 each")
    await shows(user, "cart-total", "£7.80")
    assert order_count() == 0
    user.find(marker="accept-prices").click()
    await place_and_confirm(user, "£7.80")


async def test_the_confirmation_shows_the_total_charged(user: User) -> None:
    await basket_of_two_buns(user)
    await place_and_confirm(user, "£6.20")


async def test_sold_out_new_and_retired_products_come_and_go_without_a_reload(user: User, products) -> None:
    await basket_of_two_buns(user)
    await user.should_see(marker="add-Baguette")

    change(products, "Baguette", available=False)
    await user.should_see(marker="sold-out-Baguette", retries=LIVE)
    await user.should_not_see(marker="add-Baguette")

    with session_scope() as session:
        catalogue.add_product(session, ProductCreate(name="Lemon Tart", price=Decimal("4.50"), category="Cakes"))
    await user.should_see(marker="add-Lemon Tart", retries=LIVE)

    change(products, "Seeded Rye", active=False)
    await user.should_not_see(marker="product-Seeded Rye", retries=LIVE)

    change(products, "Cinnamon Bun", available=False)  # in the basket: the line says so, nothing is placed
    await user.should_see(marker="unavailable-Cinnamon Bun", retries=LIVE)
    user.find(marker="place-order").click()
    await user.should_see(marker="checkout-error", content="sold out", retries=LIVE)
    assert order_count() == 0

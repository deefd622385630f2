"""What the storefront's checkout tells a customer is in plain words and says what to do next."""

from datetime import timedelta

from nicegui.testing import User

from services import bakery, catalogue
from services.database import session_scope
from services.schemas import ProductUpdate
from tests.pages.helpers import add_from_card, eventually, field_error, order_count, pickup, place, set_value, text


async def basket_with_baguette(user: User) -> None:
    await user.open("/")
    add_from_card(user, "Baguette")
    await user.should_see(marker="place-order", retries=20)
    set_value(user, "checkout-name", "Ada Baker")


async def test_a_bad_phone_number_says_how_to_write_one(user: User) -> None:
    await basket_with_baguette(user)
    set_value(user, "checkout-phone", "call me maybe")

    user.find(marker="place-order").click()

    await eventually(lambda: field_error(user, "checkout-phone"))
    shown = field_error(user, "checkout-phone")
    assert shown.startswith("Write the phone number in digits, e.g. 07700 900123")
    assert "[0-9" not in shown and "pattern" not in shown
    assert order_count() == 0


async def test_a_bad_email_says_what_one_looks_like(user: User) -> None:
    await basket_with_baguette(user)
    set_value(user, "checkout-email", "ada-at-home")

    user.find(marker="place-order").click()

    await eventually(
        lambda: field_error(user, "checkout-email") == "Check the email address: it should look like name@example.com"
    )


async def test_a_daily_limit_says_how_many_are_left_and_what_to_do(user: User, products) -> None:
    with session_scope() as session:
        catalogue.update_product(session, products["Baguette"].id, ProductUpdate(daily_limit=3))
    place(products, {"Baguette": 2}, pickup_at=pickup(1, 9, 0))
    await basket_with_baguette(user)
    add_from_card(user, "Baguette", 1)  # two in the basket, one left for tomorrow
    set_value(user, "checkout-phone", "07700 900123")
    tomorrow = bakery.rules().today() + timedelta(days=1)
    set_value(user, "checkout-day", tomorrow.isoformat())

    user.find(marker="place-order").click()

    expected = f"Only 1 Baguette left for {tomorrow:%a %d %b}: order 1 or fewer, or choose another pickup day"
    await eventually(lambda: text(user, "checkout-error") == expected)
    assert order_count() == 1

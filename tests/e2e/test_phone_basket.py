"""A customer on a phone (390x844, touch) orders two items with taps alone: adding keeps them on the shelves with
a basket bar, the basket closes with its button, Escape and the back button, and the confirmation's total is
the order's. On a desktop a price changed by an admin shows in the open basket before anything is placed.
Screenshots of both for the README (docs/screenshots/ when BAKEOPS_SCREENSHOTS_DIR says so)."""

import os
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import LIVE_MS, STEP_MS, Stack, screenshot
from tests.e2e.test_journey import product_card

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def pictures_dir(tmp_path: Path) -> Path:
    wanted = os.environ.get("BAKEOPS_SCREENSHOTS_DIR")
    return Path(wanted) if wanted else tmp_path / "screenshots"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A touch screen the size of a phone; uncaught JavaScript errors fail the test."""
    context = browser.new_context(
        viewport=PHONE, has_touch=True, is_mobile=True, locale="en-GB", timezone_id="Europe/London"
    )
    context.set_default_timeout(STEP_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors in the browser: {errors}"


def test_a_phone_orders_two_items_with_taps_from_an_empty_basket_to_the_confirmation(
    embedded: Stack, phone: Page, pictures_dir: Path
) -> None:
    open_storefront(phone, embedded.server.url)
    phone.evaluate("window.__e2e_same_page = true")  # a page load wipes it
    basket_title = phone.get_by_text("Your basket")
    bar = phone.locator(".q-footer")
    expect(bar).to_be_hidden()  # an empty basket has no bar

    tap_add(phone, "Baguette")
    expect(phone.get_by_text("Added 1 × Baguette")).to_be_visible()
    expect(bar).to_contain_text("1 item · £2.40")
    expect(basket_title).to_be_hidden()  # still on the shelves
    tap_add(phone, "Cinnamon Bun")
    expect(bar).to_contain_text("2 items · £5.50")
    screenshot(phone, pictures_dir / "storefront-basket-bar-phone.png")

    view_basket = bar.get_by_role("button", name="View basket")
    view_basket.tap()
    expect(basket_title).to_be_visible()
    phone.keyboard.press("Escape")
    expect(basket_title).to_be_hidden()
    view_basket.tap()
    expect(basket_title).to_be_visible()
    phone.go_back()  # the phone's back closes the basket, and stays on the page
    expect(basket_title).to_be_hidden()
    assert phone.evaluate("window.__e2e_same_page === true"), "back left the storefront"
    view_basket.tap()
    phone.get_by_role("button", name="Close", exact=True).tap()
    expect(basket_title).to_be_hidden()

    view_basket.tap()
    drawer = phone.locator(".q-drawer")
    drawer.get_by_role("button", name="One more Cinnamon Bun").tap()
    expect(drawer.get_by_text("£6.20", exact=True)).to_be_visible()  # 2 at £3.10
    expect(bar).to_contain_text("3 items · £8.60")
    drawer.get_by_label("Your name").tap()
    drawer.get_by_label("Your name").fill("Ada Lovelace")
    drawer.get_by_label("Phone").tap()
    drawer.get_by_label("Phone").fill("+44 20 7946 0000")
    drawer.get_by_label("Your name").tap()  # the keyboard goes; the pickup time keeps the first free slot
    expect(drawer.locator(".q-field").filter(has_text="Pickup time")).to_contain_text(re.compile(r"\d\d:\d\d"))
    screenshot(phone, pictures_dir / "basket-phone.png")

    drawer.get_by_role("button", name="Place order").tap()
    expect(drawer.get_by_text("Thank you! Your order is in.")).to_be_visible()
    shown = drawer.get_by_text(re.compile(r"^Total charged ")).inner_text()
    code = drawer.get_by_text(re.compile(r"^Order code ")).inner_text().removeprefix("Order code ")
    order = embedded.server.client.get(f"/order/{code}").json()
    assert shown == f"Total charged £{Decimal(str(order['total'])):.2f}" == "Total charged £8.60"
    assert [(i["name"], i["quantity"]) for i in order["items"]] == [("Baguette", 1), ("Cinnamon Bun", 2)]


def open_storefront(page: Page, url: str) -> None:
    """Open it and wait for its live connection: a tap before that (on a busy machine) can be lost to a reload."""
    page.goto(url + "/")
    page.wait_for_function("window.socket?.connected === true")


def tap_add(phone: Page, name: str) -> None:
    add = product_card(phone, name).get_by_role("button", name="Add")
    add.scroll_into_view_if_needed()
    phone.evaluate("new Promise(requestAnimationFrame)")  # a tap lands where the button is after scrolling
    add.tap()
    expect(phone.get_by_text(f"Added 1 × {name}")).to_be_visible()


def test_a_price_changed_by_an_admin_shows_in_the_open_basket_before_placing(
    stack: Stack, browser: Browser, pictures_dir: Path
) -> None:
    """Embedded, and with RabbitMQ: the catalogue event reaches the open storefront through the broker."""
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(STEP_MS)
    shop = context.new_page()
    open_storefront(shop, stack.server.url)
    bun = product_card(shop, "Cinnamon Bun")
    bun.get_by_role("spinbutton").fill("2")
    bun.get_by_role("button", name="Add").click()
    drawer = shop.locator(".q-drawer")
    expect(drawer.get_by_text("Your basket")).to_be_visible()  # a wide screen opens it beside the shelves
    expect(drawer.get_by_text("£6.20", exact=True).first).to_be_visible()

    products = {p["name"]: p["id"] for p in stack.server.client.get("/products").json()}
    changed = stack.server.client.patch(f"/products/{products['Cinnamon Bun']}", json={"price": 3.90})
    assert changed.status_code == 200, changed.text

    expect(drawer.get_by_text("Price changed: was £3.10, now £3.90 each")).to_be_visible(timeout=LIVE_MS)
    expect(bun.get_by_text("£3.90", exact=True)).to_be_visible()
    expect(drawer.get_by_role("button", name="Go on at £7.80")).to_be_visible()
    drawer.get_by_label("Your name").fill("Ada Lovelace")
    drawer.get_by_label("Phone").fill("+44 20 7946 0000")
    if stack.kind == "embedded":
        screenshot(shop, pictures_dir / "basket-price-changed.png")
    drawer.get_by_role("button", name="Place order").click()
    expect(drawer.get_by_text(re.compile("changed: check the basket"))).to_be_visible()
    drawer.get_by_role("button", name="Go on at £7.80").click()
    expect(drawer.get_by_role("button", name="Go on at £7.80")).to_be_hidden()  # the basket redrew
    drawer.get_by_role("button", name="Place order").click()
    expect(drawer.get_by_text("Total charged £7.80")).to_be_visible()
    context.close()

"""A customer with a nut allergy in a real browser: hides tree nuts, orders an 8-inch cake with an inscription;
the board card and the bake list show the size and the inscription. Screenshots of the storefront with photos."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Stack, screenshot
from tests.e2e.test_journey import (
    open_board,
    pickup_day,
    place_the_order,
    product_card,
    ticket_card,
)

pytestmark = pytest.mark.browser

INSCRIPTION = "Happy 40th, Ada!"
LINE = f"Carrot Cake · 8 inch · Inscription: {INSCRIPTION}"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def pictures_dir(tmp_path: Path) -> Path:
    wanted = os.environ.get("BAKEOPS_SCREENSHOTS_DIR")
    return Path(wanted) if wanted else tmp_path / "screenshots"


def test_a_customer_hides_tree_nuts_and_orders_an_8_inch_cake_with_an_inscription(
    embedded: Stack, new_tab, pictures_dir: Path
) -> None:
    url = embedded.server.url
    staff = new_tab()
    board = open_board(staff.page, url)
    shop = new_tab().page
    shop.goto(url + "/")
    rye = product_card(shop, "Seeded Rye")
    expect(rye.locator("img")).to_have_attribute("loading", "lazy")
    wait_for_photos(shop)
    screenshot(shop, pictures_dir / "storefront-photos.png")

    hide_tree_nuts(shop)
    expect(rye).to_be_hidden()  # may contain tree nuts
    expect(product_card(shop, "Almond Croissant")).to_be_hidden()
    cake = product_card(shop, "Carrot Cake")
    expect(cake).to_be_visible()
    expect(cake.get_by_role("list", name="Allergens")).to_contain_text("eggs")

    cake.get_by_label("Size").click()
    shop.get_by_role("option", name="8 inch (+£12.00)").click()
    cake.get_by_label("Inscription (optional)").fill(INSCRIPTION)
    cake.get_by_role("button", name="Add").click()
    expect(shop.get_by_text(LINE, exact=True)).to_be_visible()
    expect(shop.get_by_text("£44.00", exact=True).first).to_be_visible()
    contact_and_first_pickup(shop)
    ticket, tracking_link = place_the_order(shop)

    card = ticket_card(board, ticket)
    expect(card).to_contain_text(f"1 × {LINE}", timeout=20_000)
    bake_list = staff.page.context.new_page()
    order_id = tracking_link.get_attribute("href").rsplit("/", 1)[1]
    bake_list.goto(f"{url}/admin/bake-list?day={pickup_day(embedded, order_id).isoformat()}")
    expect(bake_list.get_by_role("row").filter(has_text=LINE)).to_contain_text("1")

    phone = new_tab().page
    phone.set_viewport_size(PHONE)
    phone.goto(url + "/")
    expect(product_card(phone, "Baguette")).to_be_visible()
    wait_for_photos(phone, at_least=1)
    screenshot(phone, pictures_dir / "storefront-phone.png")


def contact_and_first_pickup(shop: Page) -> None:
    shop.get_by_label("Your name").fill("Ada Lovelace")
    shop.get_by_label("Phone").fill("+44 20 7946 0000")
    shop.get_by_label("Pickup day").click()
    shop.get_by_role("option").nth(1).click()  # a whole day ahead: the cake needs 24 hours
    expect(shop.get_by_role("option")).to_have_count(0)
    shop.get_by_label("Pickup time").click()
    shop.get_by_role("option").first.click()
    expect(shop.get_by_role("option")).to_have_count(0)


def hide_tree_nuts(shop: Page) -> None:
    shop.get_by_label("Hide anything that contains or may contain").click()
    shop.get_by_role("option", name="tree nuts", exact=True).click()
    shop.keyboard.press("Escape")


def wait_for_photos(page: Page, at_least: int = 3) -> None:
    """Until the photos in view have loaded (lazy ones further down wait for scrolling)."""
    page.wait_for_function(
        f"[...document.querySelectorAll('.q-card img')].filter(i => i.complete && i.naturalWidth).length >= {at_least}"
    )

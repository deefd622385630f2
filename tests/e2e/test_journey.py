"""The whole journey in real browsers: a customer orders on the storefront, staff move it on the live board,
and the customer's tracking page follows, with nobody reloading anything.

Runs on the embedded default (SQLite, in-process events) and on PostgreSQL + RabbitMQ with a separate worker.
The embedded run also takes the README's screenshots: into the test's temp dir, or into docs/screenshots/
when `scripts/screenshots` asks for them (BAKEOPS_SCREENSHOTS_DIR), so a test run never changes tracked files.
"""

import os
import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import LIVE_MS, Stack, screenshot, sign_in_as_staff

pytestmark = pytest.mark.browser

NOT_RELOADED = "window.__e2e_same_page = true"  # a page load wipes it
PICKUP_TIME = "07:00"  # among the first options the time list draws, though the test bakery opens all day


@pytest.fixture
def pictures_dir(tmp_path: Path) -> Path:
    wanted = os.environ.get("BAKEOPS_SCREENSHOTS_DIR")
    return Path(wanted) if wanted else tmp_path / "screenshots"


def test_an_order_placed_in_the_shop_reaches_ready_live_on_board_and_tracking(
    stack: Stack, new_tab, pictures_dir: Path
) -> None:
    pictures = stack.kind == "embedded"
    staff = new_tab()
    board = open_board(staff.page, stack.server.url)

    customer = new_tab()
    shop = customer.page
    shop.goto(stack.server.url + "/")
    expect(shop.get_by_text("Order for pickup")).to_be_visible()
    expect(product_card(shop, "Baguette").get_by_role("button", name="Add")).to_be_visible()
    if pictures:
        screenshot(shop, pictures_dir / "storefront.png")

    basket = fill_the_basket(shop)
    day_label = fill_in_contact_and_pickup(shop)
    if pictures:
        screenshot(shop, pictures_dir / "cart.png")

    ticket, tracking_link = place_the_order(shop)
    expect(basket.get_by_role("status")).to_have_text("0")

    # The board was open all along: the order arrives by itself, with a notice.
    expect(board.get_by_text(f"New order #{ticket}")).to_be_visible(timeout=LIVE_MS)
    card = ticket_card(board, ticket)
    expect(card).to_contain_text("Ada Lovelace", timeout=LIVE_MS)
    expect(card).to_contain_text("2 × Baguette")
    expect(card).to_contain_text("6 × Butter Croissant")
    expect(column_heading(board, "Order Placed")).to_have_text("Order Placed (1)")

    tracking_link.click()
    shop.wait_for_url(re.compile(r"/track/[\w-]+$"))
    order_id = shop.url.rsplit("/", 1)[1]
    expect(shop.get_by_text(f"Ticket #{ticket}", exact=True)).to_be_visible()
    expect(status_badge(shop)).to_have_text("Order Placed")
    expect(shop.get_by_text(f"Pickup {day_label}, {PICKUP_TIME}")).to_be_visible()
    shop.evaluate(NOT_RELOADED)

    card.get_by_role("button", name="→ In Progress").click()
    expect(column_heading(board, "In Progress")).to_have_text("In Progress (1)")
    expect(status_badge(shop)).to_have_text("In Progress", timeout=LIVE_MS)
    card.get_by_role("button", name="→ Ready").click()
    expect(column_heading(board, "Ready")).to_have_text("Ready (1)")
    expect(card.get_by_role("button", name="→ Picked Up")).to_be_visible()

    expect(status_badge(shop)).to_have_text("Ready", timeout=LIVE_MS)
    timeline = shop.locator(".q-timeline__title")
    expect(timeline).to_have_text(["Order Placed", "In Progress", "Ready"])
    assert still_the_same_page(shop) and still_the_same_page(board), "a page was reloaded"
    assert not staff.dialogs and not customer.dialogs
    if stack.worker is not None:  # the refreshes came through RabbitMQ after the separate worker's turn
        for kind in ("order.placed", "order.status_changed"):
            stack.worker.wait_for_log(f"handled {kind} {order_id}")

    if pictures:
        screenshot(shop, pictures_dir / "tracking.png")
        show_a_busier_board(stack, board, day=pickup_day(stack, order_id))
        screenshot(board, pictures_dir / "board.png")
        bake_list = staff.page.context.new_page()
        show_bake_list(bake_list, stack.server.url, pickup_day(stack, order_id))
        screenshot(bake_list, pictures_dir / "bake-list.png")


def fill_the_basket(shop: Page):
    """2 baguettes and 6 croissants, with the drawer closed and opened again; returns the basket button."""
    add_to_cart(shop, "Baguette", 2)
    add_to_cart(shop, "Butter Croissant", 6)
    basket = shop.get_by_role("button", name="Basket")
    drawer_title = shop.get_by_text("Your basket")
    expect(basket.get_by_role("status")).to_have_text("8")
    basket.click()  # adding opened the drawer; the basket button closes it ...
    expect(drawer_title).to_be_hidden()
    basket.click()  # ... and opens it again
    expect(drawer_title).to_be_visible()
    expect(shop.get_by_text("£18.00", exact=True)).to_be_visible()  # 2 baguettes at £2.40 + 6 croissants at £2.20
    return basket


def fill_in_contact_and_pickup(shop: Page) -> str:
    """The checkout form, for a pickup a whole open day ahead; returns that day as the form shows it."""
    shop.get_by_label("Your name").fill("Ada Lovelace")
    shop.get_by_label("Phone").fill("+44 20 7946 0000")
    shop.get_by_label("Email").fill("ada@example.com")
    shop.get_by_label("Pickup day").click()
    day_option = shop.get_by_role("option").nth(1)  # a whole open day ahead, whatever the time now
    day_label = day_option.inner_text().strip()
    day_option.click()
    expect(shop.get_by_role("option")).to_have_count(0)
    shop.get_by_label("Pickup time").click()
    shop.get_by_role("option", name=PICKUP_TIME, exact=True).click()
    expect(shop.get_by_role("option")).to_have_count(0)
    pickup_fields = shop.locator(".q-field").filter(has_text="Pickup")
    expect(pickup_fields).to_have_text([re.compile(re.escape(day_label)), re.compile(PICKUP_TIME)])
    return day_label


def place_the_order(shop: Page):
    """Place it; returns the ticket number shown and the link to the tracking page."""
    shop.get_by_role("button", name="Place order").click()
    expect(shop.get_by_text("Thank you! Your order is in.")).to_be_visible()
    ticket_label = shop.get_by_text(re.compile(r"^Ticket #\d+$"))
    expect(ticket_label).to_be_visible()
    ticket = ticket_label.inner_text().removeprefix("Ticket #")
    tracking_link = shop.get_by_role("link", name="Track your order live")
    expect(tracking_link).to_be_visible()
    return ticket, tracking_link


def open_board(page: Page, url: str) -> Page:
    sign_in_as_staff(page, url)
    # The shop's pickup days start tomorrow at the latest: show every upcoming day, not only today.
    page.get_by_role("button", name="Upcoming").click()
    expect(column_heading(page, "Order Placed")).to_have_text("Order Placed (0)")
    page.evaluate(NOT_RELOADED)
    return page


def product_card(page: Page, name: str):
    return page.locator(".q-card").filter(has=page.get_by_text(name, exact=True))


def add_to_cart(page: Page, name: str, quantity: int) -> None:
    card = product_card(page, name)
    card.get_by_role("spinbutton").fill(str(quantity))
    card.get_by_role("button", name="Add").click()
    expect(page.get_by_text(f"Added {quantity} × {name}")).to_be_visible()


def ticket_card(page: Page, ticket: str):
    return page.locator(".q-card").filter(has=page.get_by_role("link", name=f"#{ticket}", exact=True))


def column_heading(page: Page, status: str):
    return page.get_by_text(re.compile(rf"^{status} \(\d+\)$"))


def status_badge(page: Page):
    return page.locator(".q-badge").filter(has_text=re.compile(r"^(Order Placed|In Progress|Ready|Picked Up)$"))


def still_the_same_page(page: Page) -> bool:
    return page.evaluate("window.__e2e_same_page === true")


def pickup_day(stack: Stack, order_id: str) -> date:
    pickup_at = datetime.fromisoformat(stack.server.client.get(f"/order/{order_id}").json()["pickup_at"])
    return pickup_at.astimezone(ZoneInfo("Europe/London")).date()


def show_a_busier_board(stack: Stack, board: Page, day: date) -> None:
    """Two more orders (by REST, as a script would) so the pictures show more than one card.

    Only products without a lead time: the pickup day may be tomorrow, whatever the hour the suite runs.
    """
    products = {p["name"]: p["id"] for p in stack.server.client.get("/products").json()}
    for name, items in (
        ("Grace Hopper", [("Brioche Loaf", 1), ("Cinnamon Bun", 4)]),
        ("Alan Turing", [("Seeded Rye", 2), ("Pain au Chocolat", 3)]),
    ):
        placed = stack.server.client.post(
            "/order",
            json={
                "items": [{"product_id": products[p], "quantity": q} for p, q in items],
                "customer_name": name,
                "email": "staff-demo@example.com",
                "pickup_at": f"{day.isoformat()}T09:30:00+00:00",
            },
        )
        assert placed.status_code == 201, placed.text
        expect(board.locator(".q-card").filter(has_text=name)).to_be_visible(timeout=LIVE_MS)
    turing = board.locator(".q-card").filter(has_text="Alan Turing")
    turing.get_by_role("button", name="→ In Progress").click()
    expect(column_heading(board, "In Progress")).to_have_text("In Progress (1)")
    expect(column_heading(board, "Order Placed")).to_have_text("Order Placed (1)")


def show_bake_list(page: Page, url: str, day: date) -> None:
    page.goto(f"{url}/admin/bake-list?day={day.isoformat()}")
    expect(page.get_by_text(f"Bake list for {day:%A %d %B %Y}")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Butter Croissant")).to_contain_text("6")
    expect(page.get_by_role("row").filter(has_text="All products")).to_be_visible()

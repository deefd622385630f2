"""Text customers type is shown as text: HTML in an order's name or notes never runs in a staff browser."""

import pytest
from playwright.sync_api import Page, Request, expect

from tests.e2e.conftest import LIVE_MS, Stack, due_today, sign_in_as_staff

pytestmark = pytest.mark.browser

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_NOTES = "<script>alert(2)</script><b>bold</b>"


def test_html_in_a_customer_name_shows_as_literal_text_on_the_board(embedded: Stack, new_tab) -> None:
    staff = new_tab()
    board = staff.page
    image_requests: list[str] = []

    def watch(request: Request) -> None:
        if request.url.endswith("/x"):  # what the injected <img src=x> would fetch
            image_requests.append(request.url)

    board.on("request", watch)
    sign_in_as_staff(board, embedded.server.url)
    expect(board.get_by_text("Order Placed (0)")).to_be_visible()

    placed = embedded.server.client.post(
        "/order",
        json={"product_id": 2, "customer_name": HOSTILE_NAME, "notes": HOSTILE_NOTES, "pickup_at": due_today()},
    )
    assert placed.status_code == 201, placed.text
    ticket = placed.json()["ticket_number"]

    # Arrives live (the refresh path) ...
    card = board.locator(".q-card").filter(has=board.get_by_role("link", name=f"#{ticket}", exact=True))
    expect(card.get_by_text(HOSTILE_NAME, exact=True)).to_be_visible(timeout=LIVE_MS)
    expect(card.locator("img")).to_have_count(0)
    # ... and the same on a fresh render, and on the order's own page, which also shows the notes.
    board.reload()
    expect(card.get_by_text(HOSTILE_NAME, exact=True)).to_be_visible()
    card.get_by_role("link", name=f"#{ticket}", exact=True).click()
    expect(board.get_by_text(f"Order #{ticket}", exact=True)).to_be_visible()
    expect(board.get_by_text(HOSTILE_NAME, exact=True)).to_be_visible()
    expect(board.get_by_text(HOSTILE_NOTES, exact=True)).to_be_visible()
    expect(board.locator("main img, main b")).to_have_count(0)

    assert_nothing_ran(board, staff.dialogs, image_requests)


def assert_nothing_ran(page: Page, dialogs: list[str], image_requests: list[str]) -> None:
    # One more round trip to the server, so a late onerror would have had its chance.
    page.go_back()
    expect(page.get_by_text("Order board", exact=True)).to_be_visible()
    assert dialogs == [], f"customer text opened a dialog: {dialogs}"
    assert image_requests == [], f"customer text became an <img>: {image_requests}"
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0

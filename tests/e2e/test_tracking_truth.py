"""The tracking page in a real browser: a customer on a phone cancels with a reason using only taps, and a
Ready taken back shows the correction. Also takes the README's tracking screenshots (see test_journey.py)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import LIVE_MS, STEP_MS, Stack, due_today, screenshot

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def pictures_dir(tmp_path: Path) -> Path:
    wanted = os.environ.get("BAKEOPS_SCREENSHOTS_DIR")
    return Path(wanted) if wanted else tmp_path / "screenshots"


def _order(stack: Stack) -> dict:
    placed = stack.server.client.post(
        "/order",
        json={
            "items": [{"product_id": 3, "quantity": 2}, {"product_id": 2, "quantity": 1}],
            "customer_name": "Ada",
            "email": "ada@example.com",
            "pickup_at": due_today(),
        },
    )
    assert placed.status_code == 201, placed.text
    return placed.json()


def test_a_customer_on_a_phone_cancels_with_a_reason(browser: Browser, embedded: Stack, pictures_dir: Path) -> None:
    order = _order(embedded)
    context = browser.new_context(viewport=PHONE, locale="en-GB", timezone_id="Europe/London", has_touch=True)
    context.set_default_timeout(STEP_MS)
    page = context.new_page()
    try:
        page.goto(f"{embedded.server.url}/track/{order['order_id']}")
        expect(page.get_by_text(f"Ticket #{order['ticket_number']}")).to_be_visible()
        page.get_by_role("button", name="Cancel order").tap()
        page.get_by_label("Why are you cancelling?").fill("We are away that day")
        page.get_by_role("dialog").get_by_role("button", name="Cancel order").tap()

        expect(page.get_by_text("You cancelled this order")).to_be_visible(timeout=LIVE_MS)
        expect(page.get_by_text("Reason: We are away that day")).to_be_visible()
        screenshot(page, pictures_dir / "tracking-phone.png")
    finally:
        context.close()
    seen = embedded.server.client.get(f"/order/{order['order_id']}").json()
    assert seen["status"] == "Cancelled"
    assert seen["cancellation"] == {"reason": "We are away that day", "by_customer": True}


def test_a_ready_taken_back_shows_the_correction(new_tab, embedded: Stack, pictures_dir: Path) -> None:
    order = _order(embedded)
    client, order_id = embedded.server.client, order["order_id"]
    for status in ("In Progress", "Ready"):
        assert client.put(f"/order/{order_id}/status", json={"status": status}).status_code == 200
    page = new_tab().page
    page.goto(f"{embedded.server.url}/track/{order_id}")
    expect(page.get_by_text("Ready", exact=True).first).to_be_visible()

    assert client.post(f"/order/{order_id}/undo").status_code == 200

    expect(page.get_by_text(f"Sorry, order #{order['ticket_number']} is not ready yet")).to_be_visible(timeout=LIVE_MS)
    screenshot(page, pictures_dir / "tracking-correction.png")

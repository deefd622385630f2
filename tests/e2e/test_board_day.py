"""A real afternoon at the board in chromium: an order for tomorrow is announced while Today is shown, its
allergy note is on its card, and the page shows when it has lost its server (buttons off until it is back)."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from devtools.processes import Server
from tests.e2e.conftest import Stack, sign_in_as_staff

pytestmark = pytest.mark.browser

TOAST_MS = 2_000  # the promise for a new order's notice
BACK_MS = 40_000  # a restarted `bakeops serve` applies migrations before it answers


def test_an_order_for_tomorrow_is_announced_and_a_lost_server_disables_the_board(embedded: Stack, new_tab) -> None:
    server = embedded.server
    page = new_tab().page
    sign_in_as_staff(page, server.url)
    today_card = place(server, customer_name="Today Tess")
    expect(card(page, today_card)).to_be_visible()
    expect(tab(page, "Tomorrow")).to_have_text(re.compile(r"Tomorrow · 0"))

    tomorrow = datetime.combine(datetime.now(ZoneInfo("Europe/London")).date() + timedelta(days=1), time(12))
    ticket = place(
        server,
        customer_name="Tomorrow Tom",
        notes="ALLERGY: sesame",
        pickup_at=tomorrow.replace(tzinfo=ZoneInfo("Europe/London")).isoformat(),
    )
    expect(page.get_by_text(f"New order #{ticket} for tomorrow")).to_be_visible(timeout=TOAST_MS)
    expect(tab(page, "Tomorrow")).to_have_text(re.compile(r"Tomorrow · 1 ●"))

    tab(page, "Tomorrow").click()
    expect(card(page, ticket)).to_contain_text("ALLERGY · ALLERGY: sesame")
    advance = card(page, ticket).get_by_role("button", name="→ In Progress")
    expect(advance).to_be_enabled()
    indicator = page.locator(".live-indicator")
    expect(indicator).not_to_have_attribute("data-connection", "down")

    server.kill()
    expect(indicator).to_have_attribute("data-connection", "down")
    expect(indicator).to_have_text("sensors_off")
    expect(advance).to_be_disabled()

    server.restart()  # the launch fixture stops it after the test
    expect(page.locator(".live-indicator")).to_have_text("sensors", timeout=BACK_MS)
    expect(page.locator(".live-indicator")).not_to_have_attribute("data-connection", "down")


def place(server: Server, **order) -> int:
    answer = server.client.post("/order", json={"product_id": 3, **order})
    assert answer.status_code == 201, answer.text
    return answer.json()["ticket_number"]


def card(page: Page, ticket: int):
    return page.locator(".q-card").filter(has=page.get_by_role("link", name=f"#{ticket}", exact=True))


def tab(page: Page, name: str):
    return page.get_by_role("button", name=re.compile(rf"^{name} · "))

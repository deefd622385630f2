"""Staff pause online orders: a customer's storefront says so in a real browser, and REST refuses them."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LIVE_MS, Stack

pytestmark = pytest.mark.browser


def test_a_paused_storefront_says_it_is_not_taking_orders(embedded: Stack, new_tab) -> None:
    customer = new_tab().page
    customer.goto(embedded.server.url + "/")
    expect(customer.get_by_text("Order for pickup")).to_be_visible()
    expect(customer.get_by_text("Not taking online orders right now")).to_have_count(0)

    paused = embedded.server.client.put("/bakery/online-orders", json={"paused": True})
    assert paused.status_code == 200, paused.text

    expect(customer.get_by_text("Not taking online orders right now")).to_be_visible(timeout=LIVE_MS)
    customer.reload()
    expect(customer.get_by_text("Not taking online orders right now")).to_be_visible()
    refused = embedded.server.client.post("/order", json={"product_id": 2}, headers={"Authorization": ""})
    assert (refused.status_code, refused.json()) == (409, {"detail": "Not taking online orders right now"})

"""Two staff browsers on the board: each sees the other's clicks within a second, without reloading."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Stack, due_today, sign_in_as_staff

pytestmark = pytest.mark.browser

WITHIN_A_SECOND = 1_000  # ms: the promise for two boards
NOT_RELOADED = "window.__same_board = true"


def test_two_boards_see_each_others_moves_within_a_second(stack: Stack, new_tab) -> None:
    counter, oven = open_board(new_tab().page, stack.server.url), open_board(new_tab().page, stack.server.url)
    placed = stack.server.client.post(
        "/order", json={"product_id": 3, "customer_name": "Two Boards", "pickup_at": due_today()}
    )
    assert placed.status_code == 201, placed.text
    ticket = placed.json()["ticket_number"]
    for board in (counter, oven):
        expect(card(board, ticket)).to_be_visible(timeout=20_000)  # the first arrival may wait for a cold worker

    card(counter, ticket).get_by_role("button", name="→ In Progress").click()
    expect(heading(oven, "In Progress")).to_have_text("In Progress (1)", timeout=WITHIN_A_SECOND)
    expect(card(oven, ticket).get_by_role("button", name="→ Ready")).to_be_visible(timeout=WITHIN_A_SECOND)

    card(oven, ticket).get_by_role("button", name="Undo the last move").click()
    expect(heading(counter, "Order Placed")).to_have_text("Order Placed (1)", timeout=WITHIN_A_SECOND)
    expect(card(counter, ticket).get_by_role("button", name="→ In Progress")).to_be_visible(timeout=WITHIN_A_SECOND)

    for board in (counter, oven):
        assert board.evaluate("window.__same_board === true"), "a board was reloaded"


def open_board(page: Page, url: str) -> Page:
    sign_in_as_staff(page, url)
    expect(heading(page, "Order Placed")).to_be_visible()
    page.evaluate(NOT_RELOADED)
    return page


def card(page: Page, ticket: int):
    return page.locator(".q-card").filter(has=page.get_by_role("link", name=f"#{ticket}", exact=True))


def heading(page: Page, status: str):
    return page.get_by_text(re.compile(rf"^{status} \(\d+\)$"))

"""Keyboard only, in real chromium: Tab reaches the storefront's basket and "Add" with a ring you can see, and
Enter adds; on the board Tab reaches a card's advance button and Enter moves the order. At desktop and phone sizes.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import STEP_MS, Stack, due_today, screenshot, sign_in_as_staff

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
MOST_TABS = 80  # the storefront's first loaf is a few dozen stops in: header, bakery card, filter, cards

# What the browser draws around an element: its outline (if 2px or more) and box-shadow. A focus ring is what
# changes when the element takes the focus: Quasar's raised buttons carry a shadow all the time.
RING = """element => {
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return { outline: outline ? `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}` : "",
           shadow: style.boxShadow === "none" ? "" : style.boxShadow };
}"""
DESCRIBE_FOCUS = """() => { const e = document.activeElement;
  return `${e.tagName.toLowerCase()} "${(e.getAttribute("aria-label") || e.innerText || "").trim().slice(0, 40)}"`; }"""


@pytest.mark.parametrize("size", SIZES)
def test_tab_reaches_the_basket_and_add_with_a_visible_ring_and_enter_adds(
    embedded: Stack, new_tab, tmp_path: Path, size: str
) -> None:
    page = new_tab().page
    page.set_viewport_size(SIZES[size])
    page.goto(embedded.server.url + "/")
    basket = page.get_by_role("button", name="Basket")
    add = page.locator(".q-card").filter(has=page.get_by_text("Baguette", exact=True)).get_by_role("button", name="Add")
    expect(add).to_be_visible()

    assert_ring_on_focus(page, basket, "the basket button")
    screenshot(page, tmp_path / f"focus-basket-{size}.png")
    assert_ring_on_focus(page, add, "Baguette's Add")
    screenshot(page, tmp_path / f"focus-add-{size}.png")

    page.keyboard.press("Enter")
    expect(page.get_by_text("Added 1 × Baguette")).to_be_visible()
    expect(basket.locator(".q-badge")).to_have_text("1")


@pytest.mark.parametrize("size", SIZES)
def test_the_board_advance_button_is_reached_by_tab_and_moves_the_order_on_enter(
    embedded: Stack, new_tab, tmp_path: Path, size: str
) -> None:
    server = embedded.server
    placed = server.client.post(
        "/order", json={"product_id": 3, "customer_name": "Keyboard Kim", "pickup_at": due_today()}
    )
    assert placed.status_code == 201, placed.text
    ticket = placed.json()["ticket_number"]
    page = new_tab().page
    page.set_viewport_size(SIZES[size])
    sign_in_as_staff(page, server.url)
    card = page.locator(".q-card").filter(has=page.get_by_role("link", name=f"#{ticket}", exact=True))
    advance = card.get_by_role("button", name="→ In Progress")
    expect(advance).to_be_visible()

    assert_ring_on_focus(page, advance, "the card's advance button")
    screenshot(page, tmp_path / f"focus-advance-{size}.png")
    page.keyboard.press("Enter")
    expect(card.get_by_role("button", name="→ Ready")).to_be_visible(timeout=STEP_MS)
    expect(page.get_by_text("In Progress (1)", exact=True)).to_be_visible()


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until `target` has the focus; fails naming every stop on the way if it never does."""
    stops = []
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
        stops.append(page.evaluate(DESCRIBE_FOCUS))
    pytest.fail(f"{MOST_TABS} presses of Tab never reached it; focus went: {', '.join(stops)}", pytrace=False)


def assert_ring_on_focus(page: Page, target: Locator, what: str) -> None:
    """Tab to `target`; it must then wear an outline or a ring it did not wear before."""
    unfocused = target.evaluate(RING)
    tab_to(page, target)
    focused = target.evaluate(RING)
    assert focused["outline"] or focused["shadow"] != unfocused["shadow"], (
        f"{what} has the focus but shows no outline or ring: focused {focused}, unfocused {unfocused}"
    )

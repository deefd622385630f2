"""Whatever a customer types is shown as the text they typed, never run as HTML, on staff pages."""

import pytest
from nicegui import ElementFilter, ui
from nicegui.testing import User

from tests.pages.helpers import only, place

pytestmark = pytest.mark.usefixtures("bakery_open_all_day")  # orders without a pickup time are due today

NAME = "<img src=x onerror=alert(1)>"
NOTES = "Write <b>Happy Birthday</b> on it <script>alert('x')</script>"


def labels_reading(user: User, raw: str) -> list[ui.label]:
    with user:
        return [e for e in ElementFilter(kind=ui.label, content=raw, local_scope=False) if e.text == raw]


def html_showing(user: User, *fragments: str) -> list[ui.element]:
    """ui.html / ui.markdown elements whose content holds any of the customer's markup."""
    with user:
        rendered = [
            *ElementFilter(kind=ui.html, local_scope=False),
            *ElementFilter(kind=ui.markdown, local_scope=False),
        ]
    return [e for e in rendered if any(f in str(e.content) for f in fragments)]


async def test_the_board_shows_a_name_with_markup_as_plain_text(user: User, products) -> None:
    place(products, {"Baguette": 1}, customer_name=NAME, notes=NOTES)
    await user.open("/admin")
    await user.should_see(marker="ticket-1")
    # The card is drawn by the browser from its props with Vue's text interpolation, which escapes
    # (tests/e2e/test_customer_text.py proves it in Chromium); here: the name travels as text, not markup.
    assert only(user, "ticket-1").props["customer"] == NAME
    assert html_showing(user, "<img", "onerror", "<b>") == []


async def test_the_order_detail_shows_name_and_notes_with_markup_as_plain_text(user: User, products) -> None:
    order = place(products, {"Baguette": 1}, customer_name=NAME, notes=NOTES)
    await user.open(f"/admin/orders/{order.public_id}")
    await user.should_see(marker="detail-customer")
    (name,) = labels_reading(user, NAME)
    assert name._markers == ["detail-customer"]
    (notes,) = labels_reading(user, NOTES)
    assert notes._markers == ["detail-notes"]
    assert html_showing(user, "<img", "onerror", "<b>", "<script") == []

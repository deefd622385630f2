"""axe-core in real chromium finds no serious or critical accessibility problem on the storefront (with a basket),
a customer's tracking page and the staff board (with a late, a Ready and a cancelled order), at desktop and phone
sizes. The violations are printed rule by rule, with the elements and axe's hints, when it does."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import create_engine, update

from devtools.processes import Server
from services.models import Order
from tests.e2e.axe import axe_violations, blocking, described
from tests.e2e.conftest import Stack, sign_in_as_staff

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# Violations let off by page, as (rule, a piece of the element's HTML): none today. A new entry needs a reason.
LET_OFF: dict[str, list[tuple[str, str]]] = {}


def test_storefront_tracking_and_board_have_no_serious_accessibility_violations(
    embedded: Stack, new_tab, tmp_path: Path
) -> None:
    server = embedded.server
    orders = a_morning_of_orders(server, tmp_path / "e2e.db")
    found: dict[str, list[dict]] = {}

    shop = new_tab().page
    shop.goto(server.url + "/")
    card = shop.locator(".q-card").filter(has=shop.get_by_text("Baguette", exact=True))
    card.get_by_role("button", name="Add").click()
    expect(shop.get_by_text("Your basket")).to_be_visible()  # adding opens the basket and its checkout
    expect(shop.get_by_text("Sold out").first).to_be_visible()
    check(shop, "storefront", found)

    tracking = new_tab().page
    tracking.goto(f"{server.url}/track/{orders['late']}")
    expect(tracking.get_by_text("Running late")).to_be_visible()
    check(tracking, "tracking", found)

    board = new_tab().page
    sign_in_as_staff(board, server.url)
    expect(board.get_by_text("LATE", exact=True)).to_be_visible()
    board.get_by_text("Done today").click()  # open, so its cancelled row is checked too
    expect(board.get_by_text("Cancelled Cal")).to_be_visible()
    check(board, "board", found)
    late_card = board.locator(".q-card").filter(has_text="Late Lou")
    late_card.get_by_role("button", name="Cancel…").click()
    expect(board.get_by_role("dialog")).to_be_visible()
    check(board, "board's cancel dialog", found)
    board.keyboard.press("Escape")
    expect(board.get_by_role("dialog")).to_be_hidden()
    board.get_by_role("button", name="Counter order").click()
    expect(board.get_by_role("dialog")).to_be_visible()
    check(board, "board's counter order", found)

    problems = {where: violations for where, violations in found.items() if violations}
    if problems:
        pytest.fail("\n\n".join(f"== {where} ==\n{described(v)}" for where, v in problems.items()), pytrace=False)


def check(page: Page, name: str, found: dict[str, list[dict]]) -> None:
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.wait_for_timeout(300)  # Quasar lays the header and drawers out again after a resize
        found[f"{name} at {size} {viewport['width']}x{viewport['height']}"] = without_let_off(
            blocking(axe_violations(page)), LET_OFF.get(name, [])
        )


def without_let_off(violations: list[dict], let_off: list[tuple[str, str]]) -> list[dict]:
    kept = []
    for violation in violations:
        nodes = [
            node
            for node in violation["nodes"]
            if not any(rule == violation["id"] and piece in node["html"] for rule, piece in let_off)
        ]
        if nodes:
            kept.append(violation | {"nodes": nodes})
    return kept


def a_morning_of_orders(server: Server, database_file: Path) -> dict[str, str]:
    """A placed order whose pickup has passed (late), one Ready, one cancelled, and a sold-out product."""
    products = {p["name"]: p["id"] for p in server.client.get("/products").json()}
    ids = {}
    for key, name in (("late", "Late Lou"), ("ready", "Ready Rita"), ("cancelled", "Cancelled Cal")):
        placed = server.client.post(
            "/order",
            json={
                "items": [{"product_id": products["Butter Croissant"], "quantity": 2}],
                "customer_name": name,
                "pickup_at": (datetime.now(UTC) + timedelta(minutes=1)).isoformat(),
            },
        )
        assert placed.status_code == 201, placed.text
        ids[key] = placed.json()["order_id"]
    for status in ("In Progress", "Ready"):
        assert server.client.put(f"/order/{ids['ready']}/status", json={"status": status}).status_code == 200
    cancelled = server.client.put(f"/order/{ids['cancelled']}/status", json={"status": "Cancelled", "note": "Flu"})
    assert cancelled.status_code == 200, cancelled.text
    sold_out = server.client.patch(f"/products/{products['Seeded Rye']}", json={"available": False})
    assert sold_out.status_code == 200, sold_out.text
    # No API places an order in the past: move the late one's pickup back, and flag it as the worker would.
    past = datetime.now(UTC) - timedelta(minutes=25)
    database = create_engine(f"sqlite:///{database_file}")
    with database.begin() as connection:
        connection.execute(update(Order).where(Order.public_id == ids["late"]).values(pickup_at=past, late_since=past))
    database.dispose()
    return ids

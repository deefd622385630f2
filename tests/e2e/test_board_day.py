"""A real afternoon at the board in chromium: an order for tomorrow is announced while Today is shown, its
allergy note is on its card, and the page shows when it has lost its server (indicator red, buttons off until
it is back and green)."""

import os
import re
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import create_engine, update

from devtools.processes import Server
from services.models import Order
from tests.e2e.conftest import SCREENSHOT_CSS, Stack, due_today, screenshot, sign_in_as_staff

pytestmark = pytest.mark.browser

TOAST_MS = 2_000  # the promise for a new order's notice
BACK_MS = 40_000  # a restarted `bakeops serve` applies migrations before it answers
# The live indicator's colours as chromium computes them: Tailwind's green-300 (the header's "live"), and the
# red-300 pages/connection.py puts over it while the page has lost its server.
GREEN = "oklch(0.871 0.15 154.449)"
RED = "rgb(252, 165, 165)"


def test_an_order_for_tomorrow_is_announced_and_a_lost_server_disables_the_board(embedded: Stack, new_tab) -> None:
    server = embedded.server
    page = new_tab().page
    sign_in_as_staff(page, server.url)
    today_card = place(server, customer_name="Today Tess", pickup_at=due_today())
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
    expect(card(page, ticket)).to_contain_text("Contains: gluten")  # what its bread declares
    advance = card(page, ticket).get_by_role("button", name="→ In Progress")
    counter = page.get_by_role("button", name="Counter order")
    expect(advance).to_be_enabled()
    indicator = page.locator(".live-indicator")
    expect(indicator).not_to_have_attribute("data-connection", "down")
    expect(indicator).to_have_css("color", GREEN)

    server.kill()
    expect(indicator).to_have_attribute("data-connection", "down")
    expect(indicator).to_have_text("sensors_off")
    expect(indicator).to_have_css("color", RED)
    expect(advance).to_be_disabled()
    expect(counter).to_be_disabled()

    server.restart()  # the launch fixture stops it after the test
    expect(indicator).to_have_text("sensors", timeout=BACK_MS)
    expect(indicator).not_to_have_attribute("data-connection", "down")
    expect(indicator).to_have_css("color", GREEN)
    expect(counter).to_be_enabled()


def test_the_cards_age_by_the_browser_clock(embedded: Stack, new_tab) -> None:
    """ "Placed 16 min ago" and "Order Placed for 16 min" come from the browser's clock, with no order event and
    no minute tick of the server (its clock does not move on here: only the page's does)."""
    server = embedded.server
    page = new_tab().page
    page.clock.install()  # the page's clock, which the test moves on by hand
    sign_in_as_staff(page, server.url)
    ticket = place(server, customer_name="Patient Pat", pickup_at=due_today())
    expect(card(page, ticket)).to_contain_text("Placed just now")
    expect(card(page, ticket)).to_contain_text("Order Placed for 0 min")

    page.clock.run_for("16:00")

    expect(card(page, ticket)).to_contain_text("Placed 16 min ago")
    expect(card(page, ticket)).to_contain_text("Order Placed for 16 min")


def place(server: Server, **order) -> int:
    answer = server.client.post("/order", json=({} if "items" in order else {"product_id": 3}) | order)
    assert answer.status_code == 201, answer.text
    return answer.json()["ticket_number"]


def card(page: Page, ticket: int):
    return page.locator(".q-card").filter(has=page.get_by_role("link", name=f"#{ticket}", exact=True))


def tab(page: Page, name: str):
    return page.get_by_role("button", name=re.compile(rf"^{name} · "))


BUSY_DAY = [  # customer, what (products without a lead time: due today), note
    ("Grace Hopper", {"Baguette": 2, "Butter Croissant": 6}, None),
    ("Alan Turing", {"Seeded Rye": 1}, "ALLERGY: sesame"),
    ("Ada Lovelace", {"Brioche Loaf": 1, "Cinnamon Bun": 4}, None),
    ("Edsger Dijkstra", {"Pain au Chocolat": 3}, None),
    ("Barbara Liskov", {"Lemon Drizzle": 1}, "Happy birthday Sam on the box"),
    ("Donald Knuth", {"Butter Croissant": 2}, None),
    ("Frances Allen", {"Baguette": 1}, None),
    ("Ken Thompson", {"Seeded Rye": 2, "Baguette": 1}, None),
    ("Margaret Hamilton", {"Cinnamon Bun": 6}, "No nuts please"),
    ("Dennis Ritchie", {"Butter Croissant": 4}, None),
    ("Radia Perlman", {"Brioche Loaf": 2}, None),
    ("John Backus", {"Pain au Chocolat": 2, "Baguette": 1}, None),
]


@pytest.fixture
def pictures_dir() -> Path | None:
    """Where scripts/screenshots wants the README's pictures; test runs keep none."""
    wanted = os.environ.get("BAKEOPS_SCREENSHOTS_DIR")
    return Path(wanted) if wanted else None


def test_a_busy_afternoon_on_the_board(embedded: Stack, new_tab, tmp_path, pictures_dir) -> None:
    """A dozen orders over three columns, one customer late for a Ready order, notes: the README's picture."""
    server = embedded.server
    page = new_tab().page
    sign_in_as_staff(page, server.url)
    ids = {p["name"]: p["id"] for p in server.client.get("/products").json()}
    tickets = [
        place(
            server,
            customer_name=name,
            notes=note,
            items=[{"product_id": ids[p], "quantity": q} for p, q in what.items()],
        )
        for name, what, note in BUSY_DAY
    ]
    # Two pickups 25 minutes ago (no API places an order in the past): Grace is waited for, Edsger's is late.
    late = datetime.now(ZoneInfo("UTC")) - timedelta(minutes=25)
    database = create_engine(f"sqlite:///{tmp_path / 'e2e.db'}")
    with database.begin() as connection:
        connection.execute(
            update(Order).where(Order.ticket_number.in_([tickets[0], tickets[3]])).values(pickup_at=late)
        )
    database.dispose()
    for ticket in tickets[:3]:  # three Ready, four In Progress, five still Placed
        for status in ("In Progress", "Ready"):
            move(server, ticket, status)
    for ticket in tickets[3:7]:
        move(server, ticket, "In Progress")
    wait_for = card(page, tickets[-1])
    expect(wait_for).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Ready \(3\)$"))).to_be_visible()
    expect(card(page, tickets[1])).to_contain_text("ALLERGY · ALLERGY: sesame")
    expect(card(page, tickets[3])).to_contain_text("LATE")
    expect(card(page, tickets[0])).to_contain_text("Customer waited for")
    if pictures_dir is not None:
        # The whole page, not the first 800 px: the picture shows all twelve orders.
        page.screenshot(path=pictures_dir / "board.png", style=SCREENSHOT_CSS, animations="disabled", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        screenshot(page, Path(tempfile.gettempdir()) / "bakeops-board-390.png")  # looked at by hand, not in the README


def move(server: Server, ticket: int, status: str) -> None:
    order_id = next(
        o["order_id"] for o in server.client.get("/orders").json()["orders"] if o["ticket_number"] == ticket
    )
    answer = server.client.put(f"/order/{order_id}/status", json={"status": status})
    assert answer.status_code == 200, answer.text

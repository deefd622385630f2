"""The customer's tracking page: status, timeline, items and total, kept live while it is open."""

from nicegui import ElementFilter, ui
from nicegui.testing import User

from services.order_status import OrderStatus
from tests.pages.helpers import LIVE, move, pickup, place, shows, text


def timeline(user: User) -> list[str]:
    with user:
        return [entry.props["title"] for entry in ElementFilter(kind=ui.timeline_entry, local_scope=False)]


async def test_tracking_shows_status_timeline_items_and_total(user: User, products) -> None:
    order = place(products, {"Baguette": 2, "Cinnamon Bun": 1}, pickup_at=pickup(2, 11, 30), customer_name="Ada")
    await user.open(f"/track/{order.public_id}")
    await shows(user, "order-status", "Order Placed")
    await user.should_see(f"Ticket #{order.ticket_number}")
    await user.should_see(marker="timeline")
    assert timeline(user) == ["Order Placed"]
    await user.should_see("2 × Baguette")
    await user.should_see("1 × Cinnamon Bun")
    await user.should_see("£4.80")
    await user.should_see("£3.10")
    await shows(user, "order-total", "£7.90")
    assert text(user, "pickup-time").endswith("11:30")


async def test_tracking_hides_the_customers_contact_details(user: User, products) -> None:
    order = place(
        products, {"Baguette": 1}, customer_name="Ada Lovelace", phone="07700 900999", email="ada@example.com"
    )
    await user.open(f"/track/{order.public_id}")
    await shows(user, "order-status", "Order Placed")
    for private in ("Ada Lovelace", "07700 900999", "ada@example.com"):
        await user.should_not_see(private)


async def test_tracking_follows_the_order_live(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    await user.open(f"/track/{order.public_id}")
    await shows(user, "order-status", "Order Placed")

    move(order, OrderStatus.IN_PROGRESS)  # the baker starts on it; the customer does not reload
    await user.should_see(marker="order-status", content="In Progress", retries=LIVE)
    assert timeline(user) == ["Order Placed", "In Progress"]

    move(order, OrderStatus.READY)
    await user.should_see(marker="order-status", content="Ready", retries=LIVE)
    assert timeline(user) == ["Order Placed", "In Progress", "Ready"]
    await user.should_see("1 × Baguette")


async def test_a_cancelled_order_shows_as_cancelled(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    await user.open(f"/track/{order.public_id}")
    await shows(user, "order-status", "Order Placed")
    move(order, OrderStatus.CANCELLED)
    await user.should_see(marker="order-status", content="Cancelled", retries=LIVE)
    assert timeline(user) == ["Order Placed", "Cancelled"]

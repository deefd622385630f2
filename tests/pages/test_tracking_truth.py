"""The customer is told the truth: why an order was cancelled, in a colour of its own, and a correction when
the bakery takes back a Ready (or a Cancelled) it already told them of."""

from nicegui.testing import User
from sqlmodel import select

from services import order_moves
from services.database import session_scope
from services.models import Notification, Order
from services.order_status import OrderStatus
from tests.pages.helpers import LIVE, eventually, move, only, place, shows


def undo(order: Order) -> None:
    with session_scope() as session:
        order_moves.undo_last_move(session, order.public_id, by="test")


def told(order: Order) -> list[str]:
    """The subjects of every message the customer got about the order, oldest first."""
    with session_scope() as session:
        query = select(Notification.subject).where(Notification.order_public_id == order.public_id)
        return list(session.exec(query.order_by(Notification.id)))


async def test_a_cancelled_order_shows_its_reason_in_red(user: User, products) -> None:
    order = place(products, {"Baguette": 1})
    move(order, OrderStatus.IN_PROGRESS)
    await user.open(f"/track/{order.public_id}")
    await shows(user, "order-status", "In Progress")
    in_progress = only(user, "order-status").props["color"]

    move(order, OrderStatus.CANCELLED)  # the helper's reason: "Customer phoned"

    await user.should_see(marker="order-status", content="Cancelled", retries=LIVE)
    await user.should_see("We are sorry: we had to cancel this order")
    await shows(user, "cancel-reason-shown", "Reason: Customer phoned")
    cancelled = only(user, "order-status").props["color"]
    assert cancelled.startswith("red") and cancelled != in_progress
    await user.should_not_see(marker="cancel-order")  # nothing left to cancel


async def test_a_ready_taken_back_after_the_customer_was_told_sends_a_correction(user: User, products) -> None:
    order = place(products, {"Baguette": 1}, email="ada@example.com")
    move(order, OrderStatus.IN_PROGRESS, OrderStatus.READY)
    await eventually(lambda: told(order)[-1:] == [f"Order #{order.ticket_number} is ready"])
    await user.open(f"/track/{order.public_id}")
    await shows(user, "order-status", "Ready")

    undo(order)  # the baker pressed Ready on the wrong ticket

    await user.should_see(marker="order-status", content="In Progress", retries=LIVE)
    await user.should_see(f"Sorry, order #{order.ticket_number} is not ready yet", retries=LIVE)
    await eventually(lambda: told(order)[-1:] == [f"Sorry, order #{order.ticket_number} is not ready yet"])


async def test_an_undone_cancel_tells_the_customer_it_stands_again(user: User, products) -> None:
    order = place(products, {"Baguette": 1}, email="ada@example.com")
    move(order, OrderStatus.CANCELLED)
    await eventually(lambda: told(order)[-1:] == [f"Order #{order.ticket_number} cancelled"])
    await user.open(f"/track/{order.public_id}")
    await shows(user, "order-status", "Cancelled")

    undo(order)

    await user.should_see(marker="order-status", content="Order Placed", retries=LIVE)
    await user.should_see(f"Order #{order.ticket_number} is not cancelled after all", retries=LIVE)
    await user.should_not_see(marker="cancellation")
    await eventually(lambda: told(order)[-1:] == [f"Order #{order.ticket_number} is not cancelled after all"])


async def test_an_undo_the_customer_never_heard_of_sends_nothing(user: User, products) -> None:
    order = place(products, {"Baguette": 1}, email="ada@example.com")
    move(order, OrderStatus.IN_PROGRESS)
    undo(order)  # back to Order Placed: the customer was only told it was placed
    await user.open(f"/track/{order.public_id}")
    await shows(user, "order-status", "Order Placed")
    await eventually(lambda: told(order) == [f"Order #{order.ticket_number} confirmed"])
    await user.should_not_see(marker="correction")

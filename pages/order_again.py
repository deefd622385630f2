"""Order again, as the storefront does it for `/?again={order code}`: the basket filled from that order."""

from nicegui import ui

from services.cart import Cart
from services.database import session_scope
from services.errors import NotFound
from services.order_again import fill_again


def refill(cart: Cart, order_id: str) -> list[str]:
    """Fill `cart` from the order; returns what could not go back in (an unknown code: say so)."""
    try:
        with session_scope() as session:
            return fill_again(session, cart, order_id)
    except NotFound:
        return ["We could not find that order; please choose from the shelves"]


def say_left_out(left_out: list[str]) -> None:
    """Tell the customer, beside the basket, what the old order had that today's basket does not."""
    if not left_out:
        ui.notify("Your basket holds the same items again, at today's prices", type="positive")
        return
    with ui.card().classes("w-full bg-amber-50 dark:bg-stone-800").mark("again-left-out"):
        ui.label("Not everything could go back in your basket:").classes("font-semibold")
        for reason in left_out:
            ui.label(reason)

"""Order again: a past order's items back in a fresh basket, at today's prices and by today's rules."""

from sqlmodel import Session, select

from services.cart import Cart
from services.errors import BakeryError
from services.models import OrderItem, Product
from services.orders import get_order


def fill_again(session: Session, cart: Cart, public_id: str) -> list[str]:
    """Put the order's lines in `cart`; returns, in the customer's words, what could not go back in.

    Each line goes through the basket's own checks (retired, sold out, options and quantity rules changed),
    so the price and rules are today's, never the old order's.
    """
    order = get_order(session, public_id)
    items = session.exec(select(OrderItem).where(OrderItem.order_id == order.id).order_by(OrderItem.id))
    left_out: list[str] = []
    for item in items:
        product = session.get(Product, item.product_id)
        chosen = {option["group"]: option["value"] for option in item.options}
        if product is None or not product.active:
            left_out.append(f"{item.product_name} is no longer sold")
        elif not product.available:
            left_out.append(f"{product.name} is sold out right now")
        else:
            try:
                cart.add(product, item.quantity, chosen)
            except BakeryError as refusal:
                left_out.append(refusal.detail)
    return left_out

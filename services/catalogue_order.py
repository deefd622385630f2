"""The order the storefront shows: an admin moves a category, or a product within its category, one place
up or down. The storefront and GET /products follow, as they list in this order (services.catalogue)."""

from sqlmodel import Session

from services.accounts import Role, may
from services.catalogue import list_products, set_category_order
from services.clock import utcnow
from services.errors import Forbidden, Invalid, NotFound
from services.events import EventKind, ProductPositionEvent
from services.models import Product
from services.outbox import record_event

STEPS = (-1, 1)  # one place up (towards the top of the page) or down


def category_order(session: Session) -> list[str]:
    """Every category, retired products' too, in the order the storefront shows them."""
    return list(dict.fromkeys(p.category for p in list_products(session, include_retired=True)))


def move_category(session: Session, category: str, step: int, *, role: str) -> list[str]:
    """Swap `category` with its neighbour; at either end nothing moves. Returns the order now."""
    _admins_only(role, step)
    order = category_order(session)
    if category not in order:
        raise NotFound(f"No product is in the category {category!r}", field="category")
    at = order.index(category)
    if not 0 <= at + step < len(order):
        return order
    order[at], order[at + step] = order[at + step], order[at]
    return set_category_order(session, order)


def move_product(session: Session, product_id: int, step: int, *, role: str) -> list[Product]:
    """Swap a product with its neighbour in its category; returns the category's products in their new order.

    Products of one category are numbered 0, 1, 2... afresh, so equal positions (the default) stop tying.
    """
    _admins_only(role, step)
    products = list_products(session, include_retired=True)
    moving = next((p for p in products if p.id == product_id), None)
    if moving is None:
        raise NotFound(f"Product {product_id} not found")
    shelf = [p for p in products if p.category == moving.category]
    at = shelf.index(moving)
    if not 0 <= at + step < len(shelf):
        return shelf
    shelf[at], shelf[at + step] = shelf[at + step], shelf[at]
    for position, product in enumerate(shelf):
        if product.position != position:
            product.position, product.updated_at = position, utcnow()
            session.add(product)
            record_event(session, EventKind.PRODUCT_UPDATED, str(product.id), ProductPositionEvent(position=position))
    session.commit()
    return shelf


def _admins_only(role: str, step: int) -> None:
    if not may(role, Role.ADMIN):
        raise Forbidden("Only an admin may change the order of the catalogue")
    if step not in STEPS:
        raise Invalid("A move is one place up (-1) or down (1)", field="step")

"""What an order says about allergies, so the board and the ticket mark it where nobody can miss it: an
allergy spotted in the customer's note, and the allergens its products declare.

Customers write "ALLERGY: sesame", "no nuts please, my son is allergic" or "coeliac": a note naming one of the
14 allergens the law makes a bakery declare, a common food behind one of them, or allergy words themselves.
A false alarm costs a glance; a missed allergy can cost far more, so the list errs on the side of marking.
"""

import re

from sqlmodel import Session, select

from services.allergens import Allergen
from services.models import Product
from services.schemas import OrderStaffView

# Word starts, matched at a word boundary: "allerg" finds allergy, allergic, allergies.
ALLERGY_WORDS = (
    "allerg",
    "intoleran",
    "anaphyla",
    "epipen",
    "coeliac",
    "celiac",
    "gluten",
    "wheat",
    "barley",
    "rye",
    "spelt",
    "peanut",
    "almond",
    "hazelnut",
    "walnut",
    "cashew",
    "pistachio",
    "pecan",
    "macadamia",
    "sesame",
    "milk",
    "dairy",
    "lactose",
    "butter",
    "cream",
    "egg",
    "soy",
    "mustard",
    "celery",
    "lupin",
    "fish",
    "crustacean",
    "shellfish",
    "prawn",
    "mollus",
    "sulphite",
    "sulfite",
)
_PATTERN = re.compile(
    r"\b(?:" + "|".join(ALLERGY_WORDS) + r")|\bnuts?\b",  # "nut" and "nuts" whole: nutmeg is no allergen
    re.IGNORECASE,
)


def mentions_allergy(note: str | None) -> bool:
    """True when the note names an allergen or an allergy (case and punctuation do not matter)."""
    return bool(note and _PATTERN.search(note))


def allergens_by_order(session: Session, orders: list[OrderStaffView]) -> dict[str, list[str]]:
    """Every allergen each order's products declare, by order id: each once, in the law's order, as a label
    lists them. Read from the products now, not from when the order was placed: the recipe being baked counts."""
    wanted = {item.product_id for order in orders for item in order.items}
    declared: dict[int, set[str]] = {}
    if wanted:
        rows = session.exec(select(Product.id, Product.allergens).where(Product.id.in_(wanted)))
        declared = {product_id: set(allergens or []) for product_id, allergens in rows}
    return {order.order_id: _in_law_order(declared, order) for order in orders}


def _in_law_order(declared: dict[int, set[str]], order: OrderStaffView) -> list[str]:
    named = set().union(*(declared.get(item.product_id, set()) for item in order.items))
    return [allergen.value for allergen in Allergen if allergen.value in named]

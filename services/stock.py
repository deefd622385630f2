"""What staff may change on a product at the counter: whether it is sold out, and its daily limit.

The counter runs out of croissants in the afternoon and cannot wait for an admin; names, prices, categories
and everything else stay the admins' to change.
"""

from sqlmodel import Session

from services.accounts import Role, may
from services.catalogue import update_product
from services.errors import Forbidden
from services.models import Product
from services.schemas import ProductUpdate

STAFF_MAY_CHANGE = frozenset({"available", "daily_limit"})


def may_change(role: str, field: str) -> bool:
    return may(role, Role.ADMIN) or field in STAFF_MAY_CHANGE


def change_product(session: Session, product_id: int, change: ProductUpdate, *, role: str) -> Product:
    """Apply `change` if the role may make every part of it; otherwise change nothing (403)."""
    refused = sorted(field for field in change.model_fields_set if not may_change(role, field))
    if refused:
        raise Forbidden(f"Only an admin may change {', '.join(refused)}", field=refused[0])
    return update_product(session, product_id, change)

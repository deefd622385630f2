"""The storefront's category order: PUT /products/categories (admins)."""

from fastapi import APIRouter

from bakeops_ui.api.deps import AdminUser, SessionDep
from services import catalogue
from services.schemas import CategoryOrder

router = APIRouter(prefix="/products", tags=["products"])


@router.put("/categories", response_model=CategoryOrder)
def update_category_order(order: CategoryOrder, session: SessionDep, _admin: AdminUser) -> CategoryOrder:
    """Set the order categories appear in; categories left out follow, by name. Products within a category
    follow their `position`."""
    return CategoryOrder(categories=catalogue.set_category_order(session, order.categories))

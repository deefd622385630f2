"""Catalogue routes: GET/POST /products, GET/PATCH /products/{id}."""

from fastapi import APIRouter, status

from bakeops_ui.api.deps import SessionDep
from bakeops_ui.auth import AdminUser
from services import catalogue
from services.schemas import ProductAdded, ProductCreate, ProductPublic, ProductUpdate

router = APIRouter(prefix="/products", tags=["products"])


@router.get("", response_model=list[ProductPublic])
def read_products(session: SessionDep, include_retired: bool = False) -> list:
    """The catalogue, grouped by category; sold-out products are listed with available=false."""
    return catalogue.list_products(session, include_retired=include_retired)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ProductAdded)
def create_product(new: ProductCreate, session: SessionDep, _admin: AdminUser) -> ProductAdded:
    """Add a product to the catalogue."""
    product = catalogue.add_product(session, new)
    return ProductAdded(id=product.id)


@router.get("/{product_id}", response_model=ProductPublic)
def read_product(product_id: int, session: SessionDep) -> object:
    """One product."""
    return catalogue.get_product(session, product_id)


@router.patch("/{product_id}", response_model=ProductPublic)
def update_product(product_id: int, changes: ProductUpdate, session: SessionDep, _admin: AdminUser) -> object:
    """Change price, name, category, description, availability, limits or retire a product."""
    return catalogue.update_product(session, product_id, changes)

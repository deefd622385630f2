"""Catalogue routes: GET/POST /products, GET/PATCH /products/{id} (a plain GET /products is mostly answered
before routing: bakeops_ui/api/ready.py)."""

from fastapi import APIRouter, Response, status
from starlette.concurrency import run_in_threadpool

from bakeops_ui.api.deps import AdminUser, SessionDep
from bakeops_ui.api.errors import refusals
from services import catalogue
from services.catalogue_cache import cached_catalogue_json, catalogue_json_or_last_known
from services.schemas import ProductAdded, ProductCreate, ProductPublic, ProductUpdate

router = APIRouter(prefix="/products", tags=["products"])
STALE = "X-Catalogue-Stale"


@router.get(
    "",
    response_model=list[ProductPublic],
    responses={
        200: {
            "headers": {
                STALE: {"description": "`true` while the database is unreachable", "schema": {"type": "string"}}
            }
        },
        **refusals(503),
    },
)
async def read_products(include_retired: bool = False) -> Response:
    """The catalogue, grouped by category; sold-out products are listed with available=false. While the
    database is unreachable, the last catalogue this server knew, with `X-Catalogue-Stale: true`."""
    # Served from memory on the event loop when cached; the database only on a miss (see catalogue_cache).
    if body := cached_catalogue_json(include_retired):
        return Response(body, media_type="application/json")
    body, stale = await run_in_threadpool(catalogue_json_or_last_known, include_retired)
    return Response(body, media_type="application/json", headers={STALE: "true"} if stale else None)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ProductAdded,
    responses=refusals(401, 403, 409, 503, why={409: "A product of that name exists"}),
)
def create_product(new: ProductCreate, session: SessionDep, _admin: AdminUser) -> ProductAdded:
    """Add a product to the catalogue."""
    product = catalogue.add_product(session, new)
    return ProductAdded(id=product.id)


@router.get("/{product_id}", response_model=ProductPublic, responses=refusals(404, 503))
def read_product(product_id: int, session: SessionDep) -> object:
    """One product."""
    return catalogue.get_product(session, product_id)


@router.patch("/{product_id}", response_model=ProductPublic, responses=refusals(401, 403, 404, 409, 503))
def update_product(product_id: int, changes: ProductUpdate, session: SessionDep, _admin: AdminUser) -> object:
    """Change price, name, category, description, availability, limits or retire a product."""
    return catalogue.update_product(session, product_id, changes)

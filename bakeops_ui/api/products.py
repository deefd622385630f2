"""Catalogue routes: GET/POST /products, GET/PATCH /products/{id}, and the catalogue answered before routing."""

from fastapi import APIRouter, Response, status
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

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


class ReadyCatalogue:
    """Answers a plain `GET /products` with the cached catalogue before FastAPI routes the request.

    It is the busiest request there is, and routing it past the other routes and through FastAPI's
    parameter handling cost more than sending the ready bytes. Anything else (a query, a cache miss, a
    database outage) goes on to `read_products`, which gives the same answer the slow way. Installed
    inside the request log, security headers and body limit, so the answer gets all they add.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.route = next(r for r in router.routes if r.path == "/products" and "GET" in r.methods)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = None
        if scope["type"] == "http" and scope["path"] == "/products" and scope["method"] == "GET":
            body = None if scope.get("query_string") else cached_catalogue_json()
        if body is None:
            await self.app(scope, receive, send)
            return
        scope["route"] = self.route  # the request log and metrics count it under its route, as routed ones
        await send({"type": "http.response.start", "status": 200, "headers": _json_headers(len(body))})
        await send({"type": "http.response.body", "body": body})


def _json_headers(length: int) -> list[tuple[bytes, bytes]]:
    return [(b"content-length", str(length).encode()), (b"content-type", b"application/json")]

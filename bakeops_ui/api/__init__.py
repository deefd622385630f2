"""The REST API: the seed's five contract endpoints and what scripts expect beside them."""

from fastapi import FastAPI

from bakeops_ui.api import health, orders, products
from bakeops_ui.api.errors import install_error_handlers
from bakeops_ui.api.limits import BodySizeLimit


def install_api(app: FastAPI, *, max_body_bytes: int) -> None:
    """Add the REST routes, JSON errors and the body limit to `app` (NiceGUI's or a bare FastAPI)."""
    app.include_router(products.router)
    app.include_router(orders.router)
    app.include_router(health.router)
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)

"""The REST API: the seed's five contract endpoints and what scripts expect beside them."""

from fastapi import FastAPI

from bakeops_ui.api import auth, bakery, categories, health, orders, photos, production, products, reports, users
from bakeops_ui.api.errors import document_plain_errors, install_error_handlers
from bakeops_ui.api.limits import BodySizeLimit, SecurityHeaders, trust_proxies
from bakeops_ui.api.ready import ReadyAnswers
from bakeops_ui.settings import Settings
from services.limits import RateLimits


def install_api(app: FastAPI, settings: Settings, rate_limits: RateLimits | None = None) -> None:
    """Add the REST routes, JSON errors, limits and security headers to `app` (NiceGUI's or a bare FastAPI).

    `rate_limits` are the counters shared with this server's pages; without them the API counts alone.
    """
    # Read only through the dependencies in bakeops_ui/api/deps.py.
    app.state.settings = settings
    app.state.rate_limits = rate_limits or RateLimits(settings.redis_url, settings.redis_prefix)
    app.include_router(auth.router)
    app.include_router(users.router)
    app.include_router(categories.router)  # before products: PUT /products/categories is not a product id
    app.include_router(products.router)
    app.include_router(photos.router)  # PUT/DELETE /products/{id}/photo and the pictures under /media
    app.include_router(orders.router)
    app.include_router(health.router)
    app.include_router(reports.router)
    app.include_router(bakery.router)  # GET/PATCH /bakery, GET /pickup-slots, moving a pickup
    app.include_router(production.router)  # recipes, preparations, GET /production
    install_error_handlers(app)
    document_plain_errors(app)
    app.add_middleware(ReadyAnswers)  # innermost: inside the limits, headers and request log
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    trust_proxies(app, settings.trusted_proxies)

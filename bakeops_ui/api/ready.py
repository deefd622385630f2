"""The busiest reads answered from memory before FastAPI routes the request.

A plain `GET /products` (the catalogue) and `GET /order/{id}` polled for its status are ready bytes in memory
most of the time (services/catalogue_cache.py, services/order_cache.py). Routing them past the other routes and
through FastAPI's parameter handling cost more than sending the bytes. Anything memory does not hold (a query
string, a miss, a database outage) goes on to the routes, which give the same answer the slow way. Installed
innermost: inside the request log, security headers and body limit, so these answers get all they add.
"""

from fastapi import APIRouter
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from bakeops_ui.api import orders, products
from services.catalogue_cache import cached_catalogue_json
from services.order_cache import cached_public_json

ORDER = "/order/"


class ReadyAnswers:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.catalogue = _get_route(products.router, "/products")
        self.order = _get_route(orders.router, "/order/{order_id}")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = route = None
        if scope["type"] == "http" and scope["method"] == "GET" and not scope.get("query_string"):
            path = scope["path"]
            if path == "/products":
                body, route = cached_catalogue_json(), self.catalogue
            elif path.startswith(ORDER) and "/" not in (order_id := path[len(ORDER) :]) and order_id:
                body, route = cached_public_json(order_id), self.order
        if body is None:
            await self.app(scope, receive, send)
            return
        scope["route"] = route  # the request log and metrics count it under its route, as routed ones
        headers = [(b"content-length", str(len(body)).encode()), (b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _get_route(router: APIRouter, path: str) -> BaseRoute:
    return next(r for r in router.routes if getattr(r, "path", None) == path and "GET" in getattr(r, "methods", ()))

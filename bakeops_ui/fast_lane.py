"""REST requests take a lane of their own around NiceGUI's page machinery.

Pages need NiceGUI's middlewares (sessions, gzip, cache headers; two of them BaseHTTPMiddleware, which
costs a task per request); a script asking for /products needs none of them. The REST app is a plain
FastAPI (the same one `bakeops api` serves) that answers its own paths first, on the same port.
"""

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

REST_PATHS = (
    "/products",
    "/order",
    "/orders",
    "/auth",
    "/users",
    "/reports",
    "/bakery",
    "/pickup-slots",
    "/health",
    "/ready",
    "/metrics",
    "/live",
    "/docs",
    "/redoc",
    "/openapi.json",
)


def is_rest(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in REST_PATHS)


class FastLane:
    def __init__(self, pages: ASGIApp, rest: ASGIApp) -> None:
        self.pages = pages
        self.rest = rest

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and is_rest(scope["path"]):
            await self.rest(scope, receive, send)
        else:
            await self.pages(scope, receive, send)  # pages, NiceGUI's own routes, websockets, lifespan


def put_rest_in_front(pages_app: FastAPI, rest_app: FastAPI) -> None:
    """Make `pages_app` (NiceGUI's app, which uvicorn serves) hand REST paths to `rest_app` first."""
    build_pages_stack = getattr(pages_app, "_bakeops_build_pages_stack", pages_app.build_middleware_stack)
    pages_app._bakeops_build_pages_stack = build_pages_stack  # tests re-run this; wrap the original once
    pages_app.state.rest_api = rest_app
    pages_app.build_middleware_stack = lambda: FastLane(build_pages_stack(), rest_app)

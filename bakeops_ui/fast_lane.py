"""REST requests take a lane of their own around NiceGUI's page machinery.

Pages need NiceGUI's middlewares (sessions, gzip, cache headers; two of them BaseHTTPMiddleware, which
costs a task per request); a script asking for /products needs none of them. The REST app is a plain
FastAPI (the same one `bakeops api` serves) that answers its own paths first, on the same port.
"""

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from starlette.types import ASGIApp, Receive, Scope, Send


def rest_prefixes(rest: FastAPI) -> tuple[str, ...]:
    """The first path segment of every route the REST app has (`/order/{order_id}` gives `/order`)."""
    prefixes = set()
    for route in iter_route_contexts(rest.routes):
        first = "/" + (route.path or "").split("/")[1]
        if first == "/" or "{" in first:
            raise ValueError(f"REST route {route.path!r} would take paths that belong to the pages")
        prefixes.add(first)
    return tuple(sorted(prefixes))


class FastLane:
    """Hands HTTP requests under the REST app's prefixes to it; everything else to NiceGUI's own stack."""

    def __init__(self, pages: ASGIApp, rest: FastAPI) -> None:
        self.pages = pages
        self.rest = rest
        self.prefixes = rest_prefixes(rest)

    def is_rest(self, path: str) -> bool:
        return any(path == prefix or path.startswith(prefix + "/") for prefix in self.prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.is_rest(scope["path"]):
            await self.rest(scope, receive, send)
        else:
            await self.pages(scope, receive, send)  # pages, NiceGUI's own routes, websockets, lifespan


def put_rest_in_front(pages_app: FastAPI, rest_app: FastAPI) -> None:
    """Make `pages_app` (NiceGUI's app, which uvicorn serves) hand REST paths to `rest_app` first.

    Starlette builds the middleware stack on the first request or at startup, after every route is added, so
    the lane sees the REST app's final routes. NiceGUI offers no hook for this; tests/pages/test_fast_lane.py
    pins what the wrapper relies on.
    """
    build_pages_stack = getattr(pages_app, "_bakeops_build_pages_stack", pages_app.build_middleware_stack)
    pages_app._bakeops_build_pages_stack = build_pages_stack  # tests re-run this; wrap the original once
    pages_app.state.rest_api = rest_app
    pages_app.build_middleware_stack = lambda: FastLane(build_pages_stack(), rest_app)

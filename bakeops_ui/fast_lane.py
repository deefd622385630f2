"""REST requests take a lane of their own around NiceGUI's page machinery.

Pages need NiceGUI's middlewares (sessions, gzip, cache headers; two of them BaseHTTPMiddleware, which
costs a task per request); a script asking for /products needs none of them. The REST app is a plain
FastAPI (the same one `bakeops api` serves) that answers its own paths first, on the same port.
A path neither knows gets NiceGUI's HTML 404 page only when the caller asked for HTML (a browser);
scripts get the API's JSON 404.
"""

import json

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bakeops_ui.static_assets import CompressedAssets


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
        elif scope["type"] == "http" and not _wants_html(scope):
            await self.pages(scope, receive, _json_not_found(send))
        else:
            await self.pages(scope, receive, send)  # pages, NiceGUI's own routes, websockets, lifespan


NOT_FOUND = json.dumps({"detail": "Not Found"}, separators=(",", ":")).encode()  # as FastAPI writes it


def _wants_html(scope: Scope) -> bool:
    accept = dict(scope["headers"]).get(b"accept", b"")
    return b"text/html" in accept


def _json_not_found(send: Send) -> Send:
    """Pass the pages' answer on, except that a 404 becomes the API's JSON 404 (same other headers)."""
    replaced = False

    async def send_json_404(message: Message) -> None:
        nonlocal replaced
        if message["type"] == "http.response.start" and message["status"] == 404:
            replaced = True
            headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _BODY_HEADERS]
            headers += [(b"content-type", b"application/json"), (b"content-length", str(len(NOT_FOUND)).encode())]
            await send({"type": "http.response.start", "status": 404, "headers": headers})
            await send({"type": "http.response.body", "body": NOT_FOUND})
        elif not replaced:
            await send(message)  # (the HTML page's body is dropped once replaced)

    return send_json_404


_BODY_HEADERS = {b"content-type", b"content-length", b"content-encoding", b"etag", b"vary"}


def put_rest_in_front(pages_app: FastAPI, rest_app: FastAPI) -> None:
    """Make `pages_app` (NiceGUI's app, which uvicorn serves) hand REST paths to `rest_app` first.

    Starlette builds the middleware stack on the first request or at startup, after every route is added, so
    the lane sees the REST app's final routes. NiceGUI offers no hook for this; tests/pages/test_fast_lane.py
    pins what the wrapper relies on.
    """
    build_pages_stack = getattr(pages_app, "_bakeops_build_pages_stack", pages_app.build_middleware_stack)
    pages_app._bakeops_build_pages_stack = build_pages_stack  # tests re-run this; wrap the original once
    pages_app.state.rest_api = rest_app
    # NiceGUI's immutable assets come from memory, ahead of the session middleware a page needs.
    pages_app.build_middleware_stack = lambda: FastLane(CompressedAssets(build_pages_stack()), rest_app)

"""Request guards: the client's real address behind trusted proxies; oversized bodies get 413 before a route
reads them; every response gets security headers."""

import json
import re
from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from services.photos import MAX_PHOTO_BYTES


def trust_proxies(app: Starlette, proxies: Sequence[IPv4Network | IPv6Network]) -> None:
    """Behind these proxies the client is the right-most X-Forwarded-For hop that is not one of them.

    Hops to its left were written by the client and prove nothing. Without proxies the header is ignored
    and the client is the connection's peer; the servers run uvicorn with its own proxy handling off, as
    that trusts the header from any loopback connection.
    """
    if proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=[str(network) for network in proxies])


class BodySizeLimit:
    """`max_bytes` for every body, except the routes in `larger` (path pattern, limit): photo uploads."""

    def __init__(self, app: ASGIApp, max_bytes: int, larger: Sequence[tuple[str, int]] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.larger = [(re.compile(pattern), limit) for pattern, limit in (larger or LARGER_BODIES)]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = next((lim for pattern, lim in self.larger if pattern.match(scope["path"])), self.max_bytes)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(send, limit)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # FastAPI turns an HTTPException raised while reading the body into this JSON 413.
                    raise HTTPException(413, self._detail(limit))
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except HTTPException as error:
            # A route outside FastAPI's error handling read a chunked body past the limit.
            if error.status_code != 413 or started:
                raise
            await self._refuse(send, limit)

    async def _refuse(self, send: Send, limit: int) -> None:
        body = json.dumps({"detail": self._detail(limit)}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})

    def _detail(self, limit: int) -> str:
        return f"Request body is larger than {limit} bytes"


# A photo (up to 10 MB) plus its multipart envelope: the REST upload and the products page's upload box.
_PHOTO_BODY_BYTES = MAX_PHOTO_BYTES + 64 * 1024
LARGER_BODIES = (
    (r"^/products/[^/]+/photo$", _PHOTO_BODY_BYTES),
    (r"^/_nicegui/client/[^/]+/upload/", _PHOTO_BODY_BYTES),
)


# NiceGUI (Vue, Quasar) needs inline scripts, eval and inline styles; everything else stays on this origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; media-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *[(k, v) for k, v in SECURITY_HEADERS if k not in present],
                ]
            await send(message)

        await self.app(scope, receive, with_headers)

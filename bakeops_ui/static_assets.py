"""NiceGUI's versioned assets (Vue, Quasar, Tailwind, socket.io, fonts, components) answered from memory, gzipped once.

A fresh browser needs about 1.3 MB of them before the storefront can show anything. NiceGUI reads each one from
disk for every request, passes it through its page middleware (sessions, request tracking, cache headers) and
gzips it again at level 9. Everything under /_nicegui/<version>/ except dynamic_resources is immutable for one
NiceGUI version (NiceGUI itself marks it so), so the first answer for a path is kept, compressed once, and every
later request for it is served from memory with a long-lived Cache-Control, ahead of the page middleware.

BakeOps' own prebuilt Tailwind stylesheet (static/tailwind.css, see devtools/tailwind_css.py) is served the same
way from a URL that carries its content hash, so a new build is a new URL and the old one may be cached forever.
Every page's head links it, with preload hints for the fonts and the module the browser would otherwise find late.
"""

import asyncio
import gzip
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import nicegui
from nicegui import __version__ as NICEGUI_VERSION
from nicegui import ui
from nicegui.client import Client
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bakeops_ui.api.limits import SECURITY_HEADERS

VERSIONED = f"/_nicegui/{NICEGUI_VERSION}/"
NOT_IMMUTABLE = (VERSIONED + "dynamic_resources/",)
CACHE_CONTROL = "public, max-age=31536000, immutable"
MINIMUM_GZIP_BYTES = 500  # below this the gzip header costs more than it saves
# Conditional and partial requests would make the first answer a 304 or a 206: never keep those.
_REPLAYED_REQUEST_HEADERS = {b"if-none-match", b"if-modified-since", b"range", b"if-range", b"accept-encoding"}


@dataclass(frozen=True)
class Asset:
    content_type: bytes
    body: bytes
    gzipped: bytes | None  # None: not worth compressing (a woff2 font, a tiny component)
    etag: bytes

    @classmethod
    def of(cls, body: bytes, content_type: bytes) -> "Asset":
        gzipped = _gzip_if_smaller(body) if len(body) >= MINIMUM_GZIP_BYTES else None
        return cls(content_type, body, gzipped, _etag(body))

    def answer(self, request: Headers, head_only: bool) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        use_gzip = self.gzipped is not None and "gzip" in request.get("accept-encoding", "")
        etag = self.etag[:-1] + b'-gz"' if use_gzip else self.etag  # one tag per representation
        headers = [
            (b"content-type", self.content_type),
            (b"cache-control", CACHE_CONTROL.encode()),
            (b"etag", etag),
            (b"vary", b"Accept-Encoding"),
            *SECURITY_HEADERS,
        ]
        if etag.decode() in [tag.strip() for tag in request.get("if-none-match", "").split(",")]:
            return 304, headers, b""
        body = self.gzipped if use_gzip else self.body
        if use_gzip:
            headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(len(body)).encode()))
        return 200, headers, b"" if head_only else body


class CompressedAssets:
    """ASGI wrapper: GET/HEAD of an immutable NiceGUI asset from memory; everything else goes to `app` untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.assets: dict[str, Asset] = {TAILWIND_URL: TAILWIND}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        asset = self.assets.get(path)
        if asset is None and _is_immutable_nicegui_asset(path):
            asset = await self._fetch(scope, receive)
            if asset is not None:
                self.assets[path] = asset
        if asset is None:  # not an asset, not found, or not a plain file: NiceGUI answers as it always does
            await self.app(scope, receive, send)
            return
        status, headers, body = asset.answer(Headers(scope=scope), head_only=scope["method"] == "HEAD")
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _fetch(self, scope: Scope, receive: Receive) -> Asset | None:
        """The asset as NiceGUI serves it to a plain GET, or None when that is not a 200 worth keeping."""
        plain = {
            **scope,
            "method": "GET",
            "headers": [(k, v) for k, v in scope["headers"] if k.lower() not in _REPLAYED_REQUEST_HEADERS],
            "extensions": {k: v for k, v in (scope.get("extensions") or {}).items() if k != "http.response.pathsend"},
        }
        start: Message = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(plain, receive, keep)
        headers = Headers(raw=start.get("headers", []))
        # Only the body and its type are kept: a session cookie NiceGUI's middleware set on the way belongs to
        # this one browser, and a cacheable answer must not carry it.
        if start.get("status") != 200 or "content-encoding" in headers:
            return None
        content_type = headers.get("content-type", "application/octet-stream").encode()
        return await asyncio.to_thread(Asset.of, b"".join(chunks), content_type)


def _is_immutable_nicegui_asset(path: str) -> bool:
    return path.startswith(VERSIONED) and not path.startswith(NOT_IMMUTABLE)


def _etag(body: bytes) -> bytes:
    return b'"' + hashlib.sha256(body).hexdigest()[:24].encode() + b'"'


def _gzip_if_smaller(body: bytes) -> bytes | None:
    packed = gzip.compress(body, compresslevel=9, mtime=0)
    return packed if len(packed) < 0.9 * len(body) else None


# The prebuilt stylesheet replaces NiceGUI's in-browser Tailwind compiler: `ui.run(tailwind=False)` plus this link.
TAILWIND = Asset.of((Path(__file__).parent / "static" / "tailwind.css").read_bytes(), b"text/css; charset=utf-8")
TAILWIND_URL = f"/_bakeops/{TAILWIND.etag[1:-1].decode()}/tailwind.css"
TAILWIND_LINK = f'<link rel="stylesheet" href="{TAILWIND_URL}">'


def early_fetches(fonts_css: str) -> list[str]:
    """Preload hints for what a browser otherwise finds late: the two fonts every page draws, once fonts.css has
    arrived and the page is laid out, and DOMPurify, once the page's module script runs."""
    faces = re.findall(r"/\* ([\w-]+) \*/\s*@font-face \{([^}]*)\}", fonts_css)
    wanted = [body for label, body in faces if label == "latin" and 'font-family: "Roboto";' in body][:1]
    wanted += [body for label, body in faces if label == "fallback" and 'font-family: "Material Icons";' in body][:1]
    fonts = [re.search(r"url\((fonts/[\w.]+)\)", body) for body in wanted]
    hints = [
        f'<link rel="preload" href="{VERSIONED}static/{font.group(1)}" as="font" type="font/woff2" crossorigin>'
        for font in fonts
        if font
    ]
    return [*hints, f'<link rel="modulepreload" href="{VERSIONED}static/dompurify.mjs">']


HEAD = "\n".join([TAILWIND_LINK, *early_fetches((Path(nicegui.__file__).parent / "static" / "fonts.css").read_text())])


def add_shared_head() -> None:
    """Every page links the prebuilt stylesheet and the preload hints (once, however often the app is built, as
    the test fixture does)."""
    if HEAD not in Client.shared_head_html:
        ui.add_head_html(HEAD, shared=True)

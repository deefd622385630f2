"""NiceGUI's assets reach a fresh browser compressed and cacheable for a year; NiceGUI serves each one only once.

The first tests run against a real `bakeops serve` (what a browser gets); the last ones drive the ASGI layer
alone with a stand-in for NiceGUI that counts how often it is asked.
"""

import gzip
import hashlib
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from nicegui import __version__ as NICEGUI_VERSION

from bakeops_ui.static_assets import TAILWIND_URL, CompressedAssets
from devtools.processes import Server

YEAR = 365 * 24 * 3600


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("static-assets")
    running = Server({"BAKEOPS_DATABASE_URL": f"sqlite:///{workdir / 'shop.db'}"}, workdir / "serve.log", workdir)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def storefront_assets(server: Server) -> list[str]:
    """Every versioned script and stylesheet the storefront's HTML names (the CSS it @imports included)."""
    html = httpx.get(server.url + "/").text
    found = sorted(set(re.findall(rf"/_nicegui/{re.escape(NICEGUI_VERSION)}/[\w./-]+\.(?:js|mjs|css)", html)))
    assert any("quasar.umd.prod.js" in path for path in found) and any("vue" in path for path in found), found
    return found


def test_every_storefront_asset_comes_gzipped_and_cacheable_for_a_year(server: Server, storefront_assets) -> None:
    for path in storefront_assets:
        answer = httpx.get(server.url + path, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
        assert answer.status_code == 200, path
        assert _max_age(answer) >= YEAR and "immutable" in answer.headers["cache-control"], path
        if int(answer.headers["content-length"]) >= 500 or answer.headers.get("content-encoding"):
            assert answer.headers["content-encoding"] in {"gzip", "br"}, path
        assert "accept-encoding" in answer.headers.get("vary", "").lower(), path


def test_the_big_libraries_travel_at_less_than_half_their_size(server: Server, storefront_assets) -> None:
    for name in ("quasar.umd.prod.js", "vue.esm-browser.prod.js", "quasar.unimportant.prod.css"):
        path = next(p for p in storefront_assets if p.endswith(name))
        plain = httpx.get(server.url + path, headers={"Accept-Encoding": "identity"})
        with httpx.stream("GET", server.url + path, headers={"Accept-Encoding": "gzip"}) as packed:
            wire = b"".join(packed.iter_raw())
        assert "content-encoding" not in plain.headers
        assert gzip.decompress(wire) == plain.content, name
        assert len(wire) < len(plain.content) / 2, (name, len(wire), len(plain.content))


def test_an_asset_sets_no_cookie_so_any_cache_on_the_way_may_keep_it(server: Server, storefront_assets) -> None:
    for path in storefront_assets[:3]:
        answer = httpx.get(server.url + path)  # a browser (or a proxy) without a session yet
        assert answer.status_code == 200 and "set-cookie" not in answer.headers, path


def test_a_browser_revalidating_an_asset_gets_304_without_the_body(server: Server, storefront_assets) -> None:
    path = next(p for p in storefront_assets if p.endswith("nicegui.js"))
    first = httpx.get(server.url + path, headers={"Accept-Encoding": "gzip"})
    again = httpx.get(server.url + path, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_assets_carry_the_security_headers(server: Server, storefront_assets) -> None:
    answer = httpx.get(server.url + storefront_assets[0])
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]


def test_the_storefront_links_the_prebuilt_tailwind_and_not_the_in_browser_compiler(server: Server) -> None:
    html = httpx.get(server.url + "/").text
    assert f'<link rel="stylesheet" href="{TAILWIND_URL}">' in html
    assert "tailwindcss.min.js" not in html and 'type="text/tailwindcss"' not in html


def test_the_prebuilt_tailwind_comes_gzipped_cacheable_for_a_year_under_its_content_hash(server: Server) -> None:
    answer = httpx.get(server.url + TAILWIND_URL, headers={"Accept-Encoding": "gzip"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/css")
    assert answer.headers["content-encoding"] == "gzip"
    assert _max_age(answer) >= YEAR and "immutable" in answer.headers["cache-control"]
    assert "set-cookie" not in answer.headers
    assert ".bg-amber-800" in answer.text  # the header's colour: a utility of the pages' own
    # A new build is a new URL, so a browser holding the old one for a year never shows stale styles.
    assert hashlib.sha256(answer.content).hexdigest()[:24] in TAILWIND_URL


def test_the_page_preloads_its_two_fonts_and_dompurify_before_the_browser_would_find_them(server: Server) -> None:
    html = httpx.get(server.url + "/").text
    fonts = re.findall(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', html)
    modules = re.findall(r'<link rel="modulepreload" href="([^"]+dompurify[^"]+)">', html)
    assert len(fonts) == 2 and len(modules) == 1, (fonts, modules)
    for path in [*fonts, *modules]:
        answer = httpx.get(server.url + path)
        assert answer.status_code == 200 and "immutable" in answer.headers["cache-control"], path


def test_the_page_itself_is_never_kept(server: Server) -> None:
    answer = httpx.get(server.url + "/")
    assert answer.headers["cache-control"] == "no-store"


# --- the layer alone ------------------------------------------------------------------------------------------

ASSET = f"/_nicegui/{NICEGUI_VERSION}/static/quasar.umd.prod.js"
LIBRARY_TEXT = Path(__file__).read_bytes() * 4  # a few KB of text, like a real library


class CountingNiceGUI:
    """Answers like NiceGUI's static route; counts the requests that reach it."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def __call__(self, scope, receive, send) -> None:
        self.asked.append(scope["path"])
        found = scope["path"] == ASSET
        body = LIBRARY_TEXT if found else b"not found"
        headers = [(b"content-type", b"text/javascript"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200 if found else 404, "headers": headers})
        await send({"type": "http.response.body", "body": body})


@pytest.fixture
def nicegui() -> CountingNiceGUI:
    return CountingNiceGUI()


@pytest.fixture
async def browser(nicegui: CountingNiceGUI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=CompressedAssets(nicegui))
    async with httpx.AsyncClient(transport=transport, base_url="http://shop") as client:
        yield client


async def test_nicegui_serves_each_asset_once_however_many_browsers_ask(browser, nicegui) -> None:
    answers = [await browser.get(ASSET, headers={"Accept-Encoding": "gzip"}) for _ in range(5)]
    assert all(a.status_code == 200 and a.content == LIBRARY_TEXT for a in answers)  # httpx unpacks gzip
    assert all(a.headers["content-encoding"] == "gzip" for a in answers)
    assert nicegui.asked == [ASSET]


async def test_a_browser_that_takes_no_gzip_gets_the_plain_file(browser) -> None:
    answer = await browser.get(ASSET, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in answer.headers
    assert answer.content == LIBRARY_TEXT and answer.headers["content-length"] == str(len(LIBRARY_TEXT))


async def test_head_answers_the_headers_without_the_body(browser) -> None:
    answer = await browser.head(ASSET)
    assert answer.status_code == 200 and answer.content == b""
    assert int(answer.headers["content-length"]) > 0


async def test_a_missing_asset_is_nicegui_s_404_every_time_and_never_kept(browser, nicegui) -> None:
    missing = f"/_nicegui/{NICEGUI_VERSION}/static/no-such-file.js"
    assert [(await browser.get(missing)).status_code for _ in range(2)] == [404, 404]
    assert nicegui.asked.count(missing) >= 2


async def test_pages_and_changing_resources_always_reach_nicegui(browser, nicegui) -> None:
    for path in ("/", f"/_nicegui/{NICEGUI_VERSION}/dynamic_resources/chart.js", "/_nicegui/0.0.1/static/x.js"):
        await browser.get(path)
        await browser.get(path)
        assert nicegui.asked.count(path) == 2, path


def _max_age(answer: httpx.Response) -> int:
    found = re.search(r"max-age=(\d+)", answer.headers.get("cache-control", ""))
    return int(found.group(1)) if found else 0

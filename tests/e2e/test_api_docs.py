"""The API docs work with no internet: /docs lists the endpoints and /redoc renders, in a browser that may reach
nothing but the bakery's own server, on `bakeops serve` and on the REST-only `bakeops api`, under a strict CSP."""

from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Page, Route, expect

from devtools.processes import Process, Server, free_port, wait_until
from tests.e2e.conftest import Tab

pytestmark = pytest.mark.browser

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(scope="module", params=["serve", "api"])
def docs_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of `bakeops serve` (REST behind the fast lane) or of the REST-only `bakeops api`."""
    workdir = tmp_path_factory.mktemp(f"docs-{request.param}")
    env = {"BAKEOPS_DATABASE_URL": f"sqlite:///{workdir / 'shop.db'}"}
    if request.param == "serve":
        server = Server(env, workdir / "serve.log", workdir)
        yield server.url
        server.stop()
        return
    port = free_port()
    api = Process(["api", "--port", str(port)], env, workdir / "api.log", workdir)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _answers(url + "/health"), timeout=40, message="bakeops api to answer /health")
        yield url
    finally:
        api.stop()


@pytest.fixture
def offline_tab(new_tab: Callable[[], Tab]) -> Iterator[tuple[Page, list[str], list[str]]]:
    """A tab whose every request off this machine is refused; yields it, the refused URLs and CSP complaints."""
    tab = new_tab()
    refused: list[str] = []
    complaints: list[str] = []

    def only_loopback(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOOPBACK:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort("internetdisconnected")

    tab.page.context.route("**/*", only_loopback)
    tab.page.on(
        "console",
        lambda message: complaints.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield tab.page, refused, complaints


def test_docs_list_the_endpoints_with_no_internet(docs_url: str, offline_tab) -> None:
    page, refused, complaints = offline_tab
    page.goto(docs_url + "/docs")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("BakeOps Bakery API")
    for method, path in (("GET", "/products"), ("POST", "/order"), ("GET", "/order/{order_id}")):
        operation = page.locator(f".opblock-summary:has(.opblock-summary-path[data-path='{path}'])")
        expect(operation.locator(".opblock-summary-method").filter(has_text=method)).to_be_visible()
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
    assert refused == [] and complaints == []


def test_an_operation_opens_and_tries_the_live_api(docs_url: str, offline_tab) -> None:
    page, refused, complaints = offline_tab
    page.goto(docs_url + "/docs")
    products = page.locator(".opblock:has(.opblock-summary-path[data-path='/products'])").first
    products.locator(".opblock-summary").click()
    products.get_by_role("button", name="Try it out").click()
    products.get_by_role("button", name="Execute").click()

    expect(products.locator(".live-responses-table tbody .response-col_status").first).to_have_text("200")
    expect(products.locator(".live-responses-table .microlight").first).to_contain_text("Baguette")
    assert refused == [] and complaints == []


def test_redoc_renders_the_same_api_with_no_internet(docs_url: str, offline_tab) -> None:
    page, refused, complaints = offline_tab
    page.goto(docs_url + "/redoc")

    expect(page.get_by_role("heading", name="BakeOps Bakery API")).to_be_visible()
    expect(page.locator("redoc [data-section-id^='tag/']").first).to_be_attached()
    expect(page.get_by_text("/products").first).to_be_attached()
    # ReDoc's footer shows its maker's logo from their CDN: the policy refusing that image is the point.
    assert refused == [] and _needed(complaints) == []


def test_the_docs_pages_allow_scripts_from_this_server_only(docs_url: str) -> None:
    for path in ("/docs", "/redoc"):
        policy = httpx.get(docs_url + path).headers["content-security-policy"]
        scripts = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
        assert scripts.split() == ["script-src", "'self'"], (path, policy)


def _needed(complaints: list[str]) -> list[str]:
    """The policy's complaints about something the page needs to work (a script, style, request or worker)."""
    needs = ("script-src", "style-src", "connect-src", "worker-src", "default-src")
    return [text for text in complaints if any(f'"{directive}' in text for directive in needs)]


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False

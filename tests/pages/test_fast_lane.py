"""`bakeops serve`'s fast lane: every REST route skips NiceGUI's page middleware, and pages still get it."""

import httpx
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from nicegui import app
from nicegui.testing import User

from bakeops_ui.fast_lane import FastLane


class PageStack:
    """Stands in for NiceGUI's middleware stack and notes every request that reaches it."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    async def __call__(self, scope, receive, send) -> None:
        self.paths.append(scope["path"])
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def client_of(asgi_app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=asgi_app), base_url="http://serve")


def sample(path: str) -> str:
    return path.replace("{order_id}", "some-order").replace("{product_id}", "1").replace("{user_id}", "1")


async def test_every_rest_route_bypasses_the_page_middleware(user: User) -> None:
    await user.open("/")  # NiceGUI's app has built its middleware stack: the one uvicorn serves
    lane = app.middleware_stack
    assert isinstance(lane, FastLane) and lane.rest is app.state.rest_api
    # Mounts (the docs' files) have no methods: the request below for /docs itself covers their prefix.
    walked = iter_route_contexts(lane.rest.routes)
    routes = [(method, route.path) for route in walked for method in getattr(route, "methods", None) or ()]
    some = {("GET", "/products"), ("PUT", "/order/{order_id}/status"), ("GET", "/metrics"), ("GET", "/live/stats")}
    assert some <= set(routes)  # the walk found the routers' routes and those serve adds
    pages, lane.pages = lane.pages, PageStack()
    try:
        async with client_of(app) as client:
            for method, path in routes:
                answer = await client.request(method, sample(path), json={})
                assert answer.status_code != 299, f"{method} {path} went through the page middleware"
            assert lane.pages.paths == []
            for page in ("/", "/admin", "/track/some-order", "/login", "/productsx", "/_nicegui/client"):
                assert (await client.get(page)).status_code == 299, f"{page} skipped the page middleware"
    finally:
        lane.pages = pages


async def test_a_route_added_to_the_rest_app_takes_the_lane_with_no_list_to_keep() -> None:
    rest = FastAPI()
    rest.get("/bake-list/{day}")(lambda day: {"day": day})
    pages = PageStack()
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=FastLane(pages, rest)), base_url="http://s"
    ) as client:
        assert (await client.get("/bake-list/today")).json() == {"day": "today"}
        assert (await client.get("/admin/bake-list")).status_code == 299
    assert pages.paths == ["/admin/bake-list"]

"""GET /products and GET /order/{id} answered from memory before routing: the same answers as the routed ones."""

import pytest
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY

from bakeops_ui.app import create_api
from bakeops_ui.observability import install_metrics
from services import order_cache
from services.catalogue_cache import forget_catalogue

ROUTED_HEADERS = ("content-type", "content-length", "x-content-type-options", "content-security-policy")


def test_the_catalogue_from_memory_is_the_answer_the_route_gives(anonymous_api, demo_catalogue):
    forget_catalogue()
    routed = anonymous_api.get("/products")  # a miss: the route builds it

    ready = anonymous_api.get("/products")

    assert (ready.status_code, ready.content) == (routed.status_code, routed.content)
    assert {h: ready.headers.get(h) for h in ROUTED_HEADERS} == {h: routed.headers.get(h) for h in ROUTED_HEADERS}
    assert ready.headers["x-content-type-options"] == "nosniff"


def test_a_change_shows_at_once_on_the_next_plain_request(api, product_ids):
    api.get("/products")
    api.get("/products")  # from memory now

    api.patch(f"/products/{product_ids['Baguette']}", json={"price": 2.75})

    listed = {p["name"]: p["price"] for p in api.get("/products").json()}
    assert listed["Baguette"] == 2.75


def test_a_query_still_reaches_the_route(api, product_ids):
    api.patch(f"/products/{product_ids['Seeded Rye']}", json={"active": False})
    api.get("/products")

    plain = {p["name"] for p in api.get("/products").json()}
    with_retired = {p["name"] for p in api.get("/products", params={"include_retired": "true"}).json()}

    assert "Seeded Rye" not in plain and "Seeded Rye" in with_retired
    assert api.get("/products", params={"include_retired": "maybe"}).status_code == 422


def test_answers_from_memory_are_counted_under_their_route(db, settings, demo_catalogue):
    app = create_api(settings)
    install_metrics(app, count_ui_clients=False)
    with TestClient(app) as client:
        client.get("/products")
        before = counted()

        for _ in range(3):
            assert client.get("/products").status_code == 200

    assert counted() - before == 3


@pytest.fixture
def hearing():
    """As in a UI server whose live feed is up: order answers may be kept (services/order_cache.py)."""
    order_cache.hearing_refreshes(True)
    yield
    order_cache.hearing_refreshes(False)


def test_a_kept_order_is_the_answer_the_route_gives(anonymous_api, place, hearing):
    order_id = place()
    routed = anonymous_api.get(f"/order/{order_id}")  # a miss: the route reads it, and keeps it
    assert order_cache.cached_public_json(order_id) == routed.content

    ready = anonymous_api.get(f"/order/{order_id}")

    assert (ready.status_code, ready.content) == (routed.status_code, routed.content)
    assert {h: ready.headers.get(h) for h in ROUTED_HEADERS} == {h: routed.headers.get(h) for h in ROUTED_HEADERS}


def test_a_move_shows_on_the_next_read(api, place, hearing):
    order_id = place()
    api.get(f"/order/{order_id}")
    assert api.get(f"/order/{order_id}").json()["status"] == "Order Placed"  # from memory

    api.put(f"/order/{order_id}/status", json={"status": "In Progress"})

    assert api.get(f"/order/{order_id}").json()["status"] == "In Progress"


def test_unknown_orders_and_other_paths_still_reach_the_routes(anonymous_api, place, hearing):
    order_id = place()
    anonymous_api.get(f"/order/{order_id}")

    assert anonymous_api.get("/order/no-such-order").status_code == 404  # never kept: always asked
    assert anonymous_api.get("/order/no-such-order").json()["detail"]
    assert anonymous_api.post(f"/order/{order_id}/cancel", json={"reason": "Changed my mind"}).status_code == 200
    assert anonymous_api.get(f"/order/{order_id}").json()["status"] == "Cancelled"


def test_kept_orders_are_counted_under_their_route(db, settings, demo_catalogue, hearing):
    app = create_api(settings)
    install_metrics(app, count_ui_clients=False)
    with TestClient(app) as client:
        order_id = client.post("/order", json={"product_id": 1}).json()["order_id"]
        client.get(f"/order/{order_id}")
        before = counted("/order/{order_id}")

        for _ in range(3):
            assert client.get(f"/order/{order_id}").status_code == 200

    assert counted("/order/{order_id}") - before == 3


def counted(route: str = "/products") -> float:
    labels = {"method": "GET", "route": route, "status": "200"}
    return REGISTRY.get_sample_value("bakeops_http_requests_total", labels) or 0.0

"""GET /products answered from the ready catalogue before routing: the same answer as the routed one."""

from fastapi.testclient import TestClient
from prometheus_client import REGISTRY

from bakeops_ui.app import create_api
from bakeops_ui.observability import install_metrics
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


def counted() -> float:
    labels = {"method": "GET", "route": "/products", "status": "200"}
    return REGISTRY.get_sample_value("bakeops_http_requests_total", labels) or 0.0

"""/openapi.json names every refusal a route can give (400, 401, 403, 404, 409, 429, 503) with its
`{"detail": "..."}` shape, and the refusals the API really sends match it."""

import pytest

from tests.api.checks import refused

REF = {"$ref": "#/components/schemas/Refusal"}
DECLARED = {
    ("post", "/order"): {404, 409, 429, 503},
    ("get", "/order/{order_id}"): {404},
    ("put", "/order/{order_id}/status"): {401, 403, 404, 409},
    ("post", "/order/{order_id}/undo"): {401, 403, 404, 409},
    ("get", "/orders"): {401, 403},
    ("get", "/orders/{order_id}"): {401, 403, 404},
    ("get", "/products"): {503},
    ("post", "/products"): {401, 403, 409},
    ("get", "/products/{product_id}"): {404},
    ("patch", "/products/{product_id}"): {401, 403, 404, 409},
    ("get", "/users"): {401, 403},
    ("post", "/users"): {401, 403, 409},
    ("patch", "/users/{user_id}"): {401, 403, 404, 409},
    ("get", "/reports/summary"): {401, 403},
    ("post", "/auth/token"): {400, 401, 429},
    ("patch", "/bakery"): {401, 403},
    ("put", "/bakery/online-orders"): {401, 403},
    ("put", "/orders/{order_id}/pickup"): {401, 403, 404, 409},
}


@pytest.fixture
def spec(anonymous_api) -> dict:
    return anonymous_api.get("/openapi.json").json()


@pytest.mark.parametrize("route", DECLARED, ids=[f"{m.upper()} {p}" for m, p in DECLARED])
def test_each_route_declares_its_refusals_with_their_shape(spec, route):
    method, path = route
    responses = spec["paths"][path][method]["responses"]

    for code in DECLARED[route]:
        assert str(code) in responses, f"{method.upper()} {path} does not declare {code}"
        assert responses[str(code)]["content"]["application/json"]["schema"] == REF
    assert spec["components"]["schemas"]["Refusal"]["required"] == ["detail"]


def test_the_stale_catalogue_header_is_declared(spec):
    assert "X-Catalogue-Stale" in spec["paths"]["/products"]["get"]["responses"]["200"]["headers"]


def test_real_refusals_have_the_declared_shape(api, place):
    order_id = place()

    refused(api.get("/order/not-an-order"), 404)
    refused(api.put(f"/order/{order_id}/status", json={"status": "Delivered"}), 409)
    refused(api.get("/orders", headers={"Authorization": "Bearer not-a-token"}), 401)
    form = api.post("/auth/token", content=b"no boundary here", headers={"content-type": "multipart/form-data"})
    refused(form, 400)

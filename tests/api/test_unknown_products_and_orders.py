"""Asking for a product or an order that does not exist answers 404 in JSON and changes nothing."""

import pytest

from tests.api.checks import refused

NO_SUCH_ORDER = "no-such-order"


@pytest.mark.parametrize(
    "product_id", [999, 0, -1, 99_999_999_999_999_999_999], ids=["unused", "zero", "negative", "huge"]
)
def test_reading_an_unknown_product(api, demo_catalogue, nothing_changes, product_id):
    with nothing_changes():
        response = api.get(f"/products/{product_id}")

    assert str(product_id) in refused(response, 404)


def test_changing_an_unknown_product(api, demo_catalogue, nothing_changes):
    with nothing_changes():
        response = api.patch("/products/999", json={"price": 1.00})

    assert "999" in refused(response, 404)


@pytest.mark.parametrize(
    "body",
    [
        {"product_id": 999},
        {"product_id": 99_999_999_999_999_999_999},
        {"items": [{"product_id": "Baguette"}, {"product_id": 999, "quantity": 2}]},
    ],
    ids=["seed-body", "huge-id", "in-a-basket-beside-a-real-one"],
)
def test_ordering_an_unknown_product(api, product_ids, nothing_changes, body):
    for line in body.get("items", []):
        line["product_id"] = product_ids.get(line["product_id"], line["product_id"])
    with nothing_changes():
        response = api.post("/order", json=body)

    assert "not found" in refused(response, 404)


def test_reading_an_unknown_order(api, place, nothing_changes):
    place()

    with nothing_changes():
        public, staff = api.get(f"/order/{NO_SUCH_ORDER}"), api.get(f"/orders/{NO_SUCH_ORDER}")

    assert NO_SUCH_ORDER in refused(public, 404)
    assert NO_SUCH_ORDER in refused(staff, 404)


@pytest.mark.parametrize("order_id", [NO_SUCH_ORDER, "x" * 300, "nul%00byte"], ids=["unknown", "overlong", "nul"])
def test_moving_or_undoing_an_unknown_order(api, place, nothing_changes, order_id):
    place()
    with nothing_changes():
        moved = api.put(f"/order/{order_id}/status", json={"status": "In Progress"})
        undone = api.post(f"/order/{order_id}/undo")
        seen = api.get(f"/order/{order_id}")

    refused(moved, 404)
    refused(undone, 404)
    refused(seen, 404)


def test_an_unknown_address_answers_json_not_a_page(api, demo_catalogue, nothing_changes):
    with nothing_changes():
        refused(api.post("/no-such-page", json={"product_id": 1}), 404)

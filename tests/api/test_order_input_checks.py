"""An order body that is malformed, mistyped or contradictory is refused with 422 and no order is made."""

import pytest

from tests.api.checks import refused

BAKED = "Baguette"  # a product in the demo catalogue that any test may order

BAD_ORDERS = {
    "product-id-as-text": {"product_id": "1"},
    "product-id-as-float": {"product_id": 1.5},
    "product-id-as-bool": {"product_id": True},
    "quantity-zero": {"product_id": BAKED, "quantity": 0},
    "quantity-negative": {"product_id": BAKED, "quantity": -3},
    "quantity-as-text": {"product_id": BAKED, "quantity": "two"},
    "line-quantity-zero": {"items": [{"product_id": BAKED, "quantity": 0}]},
    "line-without-product": {"items": [{"quantity": 2}]},
    "empty-basket": {"items": []},
    "items-not-a-list": {"items": {"product_id": BAKED}},
    "both-product-and-items": {"product_id": BAKED, "items": [{"product_id": BAKED}]},
    "quantity-with-items": {"quantity": 2, "items": [{"product_id": BAKED}]},
    "neither-product-nor-items": {"customer_name": "Ada"},
    "empty-body": {},
    "bad-email": {"product_id": BAKED, "email": "ada-at-example"},
    "bad-phone": {"product_id": BAKED, "phone": "call me maybe"},
    "phone-too-short": {"product_id": BAKED, "phone": "12"},
    "name-too-long": {"product_id": BAKED, "customer_name": "A" * 101},
    "nul-in-notes": {"product_id": BAKED, "notes": "box\x00it"},
    "pickup-not-a-time": {"product_id": BAKED, "pickup_at": "next Tuesday"},
    "misspelt-field": {"product_id": BAKED, "quantiy": 2},
}


@pytest.mark.parametrize("body", BAD_ORDERS.values(), ids=BAD_ORDERS.keys())
def test_a_bad_order_is_refused(api, product_ids, nothing_changes, body):
    body = _with_ids(body, product_ids)

    with nothing_changes():
        response = api.post("/order", json=body)

    refused(response, 422)


@pytest.mark.parametrize(
    "raw",
    [b'{"product_id": 1', b"product_id=1", b"", b"[1, 2]", b"null"],
    ids=["cut-off", "form-encoded", "empty", "a-list", "null"],
)
def test_a_body_that_is_not_an_order_object_is_refused(api, demo_catalogue, nothing_changes, raw):
    with nothing_changes():
        response = api.post("/order", content=raw, headers={"content-type": "application/json"})

    refused(response, 422)


def test_a_good_phone_and_email_are_accepted(api, product_ids):
    placed = api.post(
        "/order", json={"product_id": product_ids[BAKED], "phone": "+44 (0)20 7946-0000", "email": "a.b@example.co.uk"}
    )

    assert placed.status_code == 201


def _with_ids(body: dict, product_ids: dict[str, int]) -> dict:
    def real(value):
        return product_ids.get(value, value) if isinstance(value, str) else value

    body = {k: real(v) if k == "product_id" else v for k, v in body.items()}
    if isinstance(body.get("items"), list):
        body["items"] = [{k: real(v) if k == "product_id" else v for k, v in line.items()} for line in body["items"]]
    return body


def test_an_order_too_large_for_the_till_is_refused(api, demo_catalogue, nothing_changes):
    dearest = api.post("/products", json={"name": "Wedding Tower", "price": 100_000}).json()["id"]

    with nothing_changes():
        response = api.post("/order", json={"product_id": dearest, "quantity": 1000})

    assert "total" in refused(response, 422).lower()
    assert api.post("/order", json={"product_id": dearest, "quantity": 999}).status_code == 201

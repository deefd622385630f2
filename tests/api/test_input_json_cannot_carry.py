"""Input that JSON parsers accept but JSON cannot send back (NaN, Infinity, a lone UTF-16 surrogate) is
refused with 422 JSON on every body, and changes nothing; it used to answer 500."""

import pytest

from tests.api.checks import refused

UNSENDABLE = {
    "lone-high-surrogate": '"\\ud800"',
    "lone-low-surrogate": '"box \\udfff"',
    "nan": "NaN",
    "infinity": "Infinity",
    "minus-infinity": "-Infinity",
}

# (method, path, body with {} where the odd value goes); {product} is a product id from the catalogue.
BODIES = {
    "order-name": ("POST", "/order", '{{"product_id": {product}, "customer_name": {value}}}'),
    "order-quantity": ("POST", "/order", '{{"product_id": {product}, "quantity": {value}}}'),
    "basket-line": ("POST", "/order", '{{"items": [{{"product_id": {product}, "quantity": {value}}}]}}'),
    "new-product-price": ("POST", "/products", '{{"name": "Rye", "price": {value}}}'),
    "new-product-name": ("POST", "/products", '{{"name": {value}, "price": 2.5}}'),
    "product-change": ("PATCH", "/products/{product}", '{{"price": {value}}}'),
    "account-change": ("PATCH", "/users/{admin}", '{{"role": {value}}}'),
    "odd-field-name": ("POST", "/order", '{{"product_id": {product}, {key}: 1}}'),
}


@pytest.mark.parametrize("value", UNSENDABLE.values(), ids=UNSENDABLE.keys())
@pytest.mark.parametrize("where", BODIES.values(), ids=BODIES.keys())
def test_a_value_json_cannot_send_back_is_refused(api, product_ids, staff_accounts, nothing_changes, where, value):
    method, path, body = where
    ids = {"product": product_ids["Baguette"], "admin": staff_accounts["admin"].id}
    key = value if value.startswith('"') else '"' + value + '"'

    with nothing_changes():
        response = api.request(
            method,
            path.format(**ids),
            content=body.format(value=value, key=key, **ids).encode(),
            headers={"content-type": "application/json"},
        )

    refused(response, 422)

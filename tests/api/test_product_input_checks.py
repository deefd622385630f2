"""A product with a bad name or price is refused with 422 and the catalogue stays as it was."""

import pytest

from tests.api.checks import refused

BAD_PRODUCTS = {
    "free": {"name": "Free Bun", "price": 0},
    "negative-price": {"name": "Odd Bun", "price": -2.5},
    "absurd-price": {"name": "Gold Bun", "price": 100_000.01},
    "astronomic-price": {"name": "Moon Bun", "price": 1e12},
    "three-decimals": {"name": "Fine Bun", "price": 2.555},
    "price-as-words": {"name": "Word Bun", "price": "two pounds"},
    "no-price": {"name": "Priceless Bun"},
    "no-name": {"price": 2.5},
    "empty-name": {"name": "", "price": 2.5},
    "blank-name": {"name": "   ", "price": 2.5},
    "name-of-81": {"name": "B" * 81, "price": 2.5},
    "name-as-number": {"name": 42, "price": 2.5},
    "misspelt-field": {"name": "Typo Bun", "price": 2.5, "availble": False},
    "nul-in-name": {"name": "Nul\x00Bun", "price": 2.5},
}


@pytest.mark.parametrize("body", BAD_PRODUCTS.values(), ids=BAD_PRODUCTS.keys())
def test_adding_a_bad_product_is_refused(api, demo_catalogue, nothing_changes, body):
    with nothing_changes():
        response = api.post("/products", json=body)

    refused(response, 422)


@pytest.mark.parametrize("price", [0.01, 100_000, 99_999.99])
def test_prices_at_the_edges_are_accepted(api, demo_catalogue, price):
    added = api.post("/products", json={"name": f"Edge {price}", "price": price})

    assert added.status_code == 201
    assert api.get(f"/products/{added.json()['id']}").json()["price"] == price


def test_a_name_of_80_characters_is_accepted(api, demo_catalogue):
    assert api.post("/products", json={"name": "B" * 80, "price": 2.5}).status_code == 201


def test_a_malformed_json_body_is_refused(api, demo_catalogue, nothing_changes):
    with nothing_changes():
        response = api.post("/products", content=b'{"name": "Half Bun", "price": ', headers=_JSON)

    refused(response, 422)


CHANGES = {
    "free": {"price": 0},
    "absurd-price": {"price": 250_000},
    "three-decimals": {"price": 1.999},
    "empty-name": {"name": ""},
    "name-of-81": {"name": "R" * 81},
    "null-name": {"name": None},
    "null-price": {"price": None},
    "null-available": {"available": None},
    "available-as-words": {"available": "maybe"},
    "zero-daily-limit": {"daily_limit": 0},
    "misspelt-field": {"prise": 3},
}


@pytest.mark.parametrize("changes", CHANGES.values(), ids=CHANGES.keys())
def test_a_bad_change_to_a_product_is_refused(api, product_ids, nothing_changes, changes):
    rye = product_ids["Seeded Rye"]
    before = api.get(f"/products/{rye}").json()

    with nothing_changes():
        response = api.patch(f"/products/{rye}", json=changes)

    refused(response, 422)
    assert api.get(f"/products/{rye}").json() == before


_JSON = {"content-type": "application/json"}

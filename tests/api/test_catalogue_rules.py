"""What a bakery states about a product (allergens, ingredients) and how it may be ordered (quantity rules),
retiring it and placing it on the storefront, all through REST."""

import pytest

from tests.api.checks import refused


def _add(api, **fields) -> int:
    response = api.post("/products", json={"name": "Test Bake", "price": 3.0, **fields})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_allergens_traces_and_ingredients_are_stored_and_read_back(api, demo_catalogue):
    bun = _add(
        api,
        allergens=["Milk", "cereals containing gluten", "eggs", "milk"],
        may_contain=["tree nuts"],
        ingredients="Wheat flour, butter (milk), eggs, sugar, cardamom",
    )

    read = api.get(f"/products/{bun}").json()

    # each once, in the order the law lists them
    assert read["allergens"] == ["cereals containing gluten", "eggs", "milk"]
    assert read["may_contain"] == ["tree nuts"]
    assert read["ingredients"] == "Wheat flour, butter (milk), eggs, sugar, cardamom"
    listed = next(p for p in api.get("/products").json() if p["id"] == bun)
    assert listed["allergens"] == read["allergens"]


def test_an_unknown_allergen_is_refused_with_the_valid_ones_listed(api, demo_catalogue, nothing_changes):
    with nothing_changes():
        response = api.post("/products", json={"name": "Nutty", "price": 2, "allergens": ["nuts"]})

    detail = str(refused(response, 422))
    assert "nuts" in detail and "tree nuts" in detail and "sulphites" in detail


def test_an_unknown_trace_on_a_change_is_refused(api, product_ids, nothing_changes):
    with nothing_changes():
        response = api.patch(f"/products/{product_ids['Baguette']}", json={"may_contain": ["gluten"]})

    assert "cereals containing gluten" in str(refused(response, 422))


QUANTITY_REFUSALS = {
    "below-the-minimum": (5, "at least 6"),
    "not-a-multiple": (8, "sold in 6s"),
    "above-the-maximum": (30, "at most 24"),
}


@pytest.mark.parametrize(("quantity", "rule"), QUANTITY_REFUSALS.values(), ids=QUANTITY_REFUSALS.keys())
def test_a_quantity_the_rules_refuse_is_422_saying_the_rule(api, demo_catalogue, nothing_changes, quantity, rule):
    sixes = _add(api, name="Mini Croissant", min_quantity=6, quantity_step=6, max_quantity=24)

    with nothing_changes():
        response = api.post("/order", json={"product_id": sixes, "quantity": quantity})

    assert rule in str(refused(response, 422))


def test_a_quantity_the_rules_allow_is_ordered(api, demo_catalogue):
    sixes = _add(api, name="Mini Croissant", min_quantity=6, quantity_step=6, max_quantity=24)

    placed = api.post("/order", json={"items": [{"product_id": sixes, "quantity": 6}] * 2})

    assert placed.status_code == 201, placed.text
    assert api.get(f"/order/{placed.json()['order_id']}").json()["items"][0]["quantity"] == 12


def test_rules_that_allow_no_quantity_are_refused(api, product_ids, nothing_changes):
    with nothing_changes():
        response = api.patch(f"/products/{product_ids['Baguette']}", json={"min_quantity": 10, "max_quantity": 4})

    assert "max_quantity" in str(refused(response, 422))


def test_a_retired_product_leaves_the_storefront_and_new_orders_but_stays_in_history(api, product_ids, place):
    rye = product_ids["Seeded Rye"]
    earlier = place("Seeded Rye")

    assert api.patch(f"/products/{rye}", json={"active": False}).status_code == 200

    assert rye not in [p["id"] for p in api.get("/products").json()]
    assert rye in [p["id"] for p in api.get("/products", params={"include_retired": True}).json()]
    refused(api.post("/order", json={"product_id": rye}), 409)
    assert api.get(f"/order/{earlier}").json()["items"][0]["name"] == "Seeded Rye"


def test_the_admin_sets_the_order_of_categories_and_of_products_within_them(api, product_ids):
    assert api.patch(f"/products/{product_ids['Seeded Rye']}", json={"position": 0}).status_code == 200
    for name in ("Sourdough Loaf", "Baguette", "Brioche Loaf"):
        assert api.patch(f"/products/{product_ids[name]}", json={"position": 5}).status_code == 200

    placed = api.put("/products/categories", json={"categories": ["Pastries", "Breads"]})

    assert placed.status_code == 200, placed.text
    listed = api.get("/products").json()
    categories = list(dict.fromkeys(p["category"] for p in listed))
    assert categories == ["Pastries", "Breads", "Cakes"]  # Cakes, not placed, follows
    breads = [p["name"] for p in listed if p["category"] == "Breads"]
    assert breads[0] == "Seeded Rye"


def test_only_admins_set_the_category_order(anonymous_api, demo_catalogue):
    refused(anonymous_api.put("/products/categories", json={"categories": ["Cakes"]}), 401)

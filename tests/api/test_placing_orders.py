"""Customers place orders: the seed's one-product body, a quantity, or a full basket with a pickup time."""

from datetime import datetime
from decimal import Decimal

from tests.conftest import open_pickup_time


def _price(api, product_id: int) -> Decimal:
    return Decimal(str(api.get(f"/products/{product_id}").json()["price"]))


def test_the_seed_body_places_an_order_of_one(api, product_ids):
    baguette = product_ids["Baguette"]

    placed = api.post("/order", json={"product_id": baguette})

    assert placed.status_code == 201
    body = placed.json()
    assert isinstance(body["order_id"], str) and body["order_id"]
    assert body["status"] == "Order Placed"
    seen = api.get(f"/order/{body['order_id']}").json()
    assert [(i["product_id"], i["quantity"]) for i in seen["items"]] == [(baguette, 1)]
    assert Decimal(str(seen["total"])) == _price(api, baguette)


def test_a_quantity_multiplies_the_total(api, product_ids):
    bun = product_ids["Cinnamon Bun"]

    placed = api.post("/order", json={"product_id": bun, "quantity": 3})

    assert placed.status_code == 201
    assert placed.json()["status"] == "Order Placed"
    seen = api.get(f"/order/{placed.json()['order_id']}").json()
    assert seen["items"][0]["quantity"] == 3
    assert Decimal(str(seen["total"])) == 3 * _price(api, bun)


def test_a_full_basket_with_pickup_time_is_shown_back_to_the_customer(api, product_ids):
    loaf, croissant = product_ids["Sourdough Loaf"], product_ids["Butter Croissant"]
    pickup = open_pickup_time(days_ahead=3, hour=9)

    placed = api.post(
        "/order",
        json={
            "items": [{"product_id": loaf, "quantity": 2}, {"product_id": croissant, "quantity": 6}],
            "customer_name": "Ada",
            "phone": "+44 20 7946 0000",
            "email": "ada@example.com",
            "pickup_at": pickup.isoformat(),
            "notes": "Birthday, please box the croissants",
        },
    )

    assert placed.status_code == 201
    assert placed.json()["status"] == "Order Placed"
    seen = api.get(f"/order/{placed.json()['order_id']}")
    assert seen.status_code == 200
    order = seen.json()
    assert order["order_id"] == placed.json()["order_id"]
    assert order["status"] == "Order Placed"
    assert {i["product_id"]: i["quantity"] for i in order["items"]} == {loaf: 2, croissant: 6}
    expected = 2 * _price(api, loaf) + 6 * _price(api, croissant)
    assert Decimal(str(order["total"])) == expected
    assert isinstance(order["total"], float)
    assert datetime.fromisoformat(order["pickup_at"]) == pickup
    assert [(h["from_status"], h["status"]) for h in order["history"]] == [(None, "Order Placed")]


def test_the_same_product_twice_in_a_basket_is_one_line(api, product_ids):
    rye = product_ids["Seeded Rye"]

    placed = api.post("/order", json={"items": [{"product_id": rye, "quantity": 2}, {"product_id": rye}]})

    assert placed.status_code == 201
    items = api.get(f"/order/{placed.json()['order_id']}").json()["items"]
    assert [(i["product_id"], i["quantity"]) for i in items] == [(rye, 3)]


def test_the_order_code_shows_no_contact_data(api, product_ids):
    contact = {
        "customer_name": "Grace Hopper",
        "phone": "+44 20 7946 0999",
        "email": "grace@example.com",
        "notes": "Ring the bell twice",
    }
    placed = api.post("/order", json={"product_id": product_ids["Baguette"], **contact})
    assert placed.status_code == 201

    seen = api.get(f"/order/{placed.json()['order_id']}")

    assert seen.status_code == 200
    assert not _keys(seen.json()) & {"customer_name", "customer", "contact", "phone", "email", "notes"}
    assert "name" not in seen.json()  # items carry the product's name; the customer's is nowhere
    for value in contact.values():
        assert value not in seen.text


def test_the_total_keeps_the_price_paid_when_the_price_changes_later(api, product_ids):
    carrot = product_ids["Lemon Drizzle"]  # a cake without sizes to choose
    price_then = _price(api, carrot)
    order_id = api.post("/order", json={"product_id": carrot, "quantity": 2}).json()["order_id"]

    api.patch(f"/products/{carrot}", json={"price": float(price_then + 10)})

    seen = api.get(f"/order/{order_id}").json()
    assert Decimal(str(seen["total"])) == 2 * price_then
    assert Decimal(str(seen["items"][0]["unit_price"])) == price_then
    newer = api.post("/order", json={"product_id": carrot, "quantity": 2}).json()["order_id"]
    assert Decimal(str(api.get(f"/order/{newer}").json()["total"])) == 2 * (price_then + 10)


def test_a_renamed_product_keeps_its_old_name_on_earlier_orders(api, product_ids):
    bun = product_ids["Cinnamon Bun"]
    order_id = api.post("/order", json={"product_id": bun}).json()["order_id"]

    api.patch(f"/products/{bun}", json={"name": "Cardamom Bun"})

    assert api.get(f"/order/{order_id}").json()["items"][0]["name"] == "Cinnamon Bun"


def test_a_client_cannot_name_its_own_total(api, product_ids, nothing_changes):
    with nothing_changes():
        response = api.post("/order", json={"product_id": product_ids["Chocolate Cake"], "total": 0.01})

    assert response.status_code == 422


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()

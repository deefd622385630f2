"""A script that retries POST /order with the same Idempotency-Key gets its first order back, never a second one;
the same key with a different order is refused with 422, as payment APIs do."""

import asyncio

import httpx
import pytest

from bakeops_ui.app import create_api
from tests.api.checks import refused
from tests.conftest import bearer


def _orders_stored(api) -> int:
    return api.get("/orders").json()["total"]


def test_the_same_key_twice_makes_one_order(api, product_ids):
    body = {"product_id": product_ids["Baguette"], "quantity": 2}
    key = {"Idempotency-Key": "retry-7f1c"}

    first = api.post("/order", json=body, headers=key)
    again = api.post("/order", json=body, headers=key)

    assert first.status_code == 201
    assert again.status_code in (200, 201)
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert again.json()["order_id"] == first.json()["order_id"]
    assert again.json()["total"] == first.json()["total"]
    assert _orders_stored(api) == 1
    history = api.get(f"/order/{first.json()['order_id']}").json()["history"]
    assert [h["status"] for h in history] == ["Order Placed"]


def test_a_different_key_makes_a_different_order(api, product_ids):
    body = {"product_id": product_ids["Baguette"]}

    first = api.post("/order", json=body, headers={"Idempotency-Key": "basket-1"})
    second = api.post("/order", json=body, headers={"Idempotency-Key": "basket-2"})

    assert first.status_code == second.status_code == 201
    assert first.json()["order_id"] != second.json()["order_id"]
    assert _orders_stored(api) == 2


def test_orders_without_a_key_are_never_merged(api, product_ids):
    body = {"product_id": product_ids["Baguette"]}

    ids = {api.post("/order", json=body).json()["order_id"] for _ in range(2)}

    assert len(ids) == 2


def test_a_replay_keeps_the_first_order_even_after_it_moved(api, product_ids):
    key = {"Idempotency-Key": "moved-on"}
    body = {"product_id": product_ids["Baguette"]}
    order_id = api.post("/order", json=body, headers=key).json()["order_id"]
    api.put(f"/order/{order_id}/status", json={"status": "In Progress"})

    again = api.post("/order", json=body, headers=key)

    assert again.json()["order_id"] == order_id
    assert _orders_stored(api) == 1


async def test_ten_simultaneous_retries_make_exactly_one_order(db, settings, product_ids, staff_accounts):
    """Ten copies of one request arriving together, as a flaky network delivers them (SQLite and PostgreSQL)."""
    transport = httpx.ASGITransport(app=create_api(settings))
    body = {"product_id": product_ids["Butter Croissant"], "quantity": 6}
    admin = bearer(staff_accounts["admin"], settings)
    async with httpx.AsyncClient(transport=transport, base_url="http://bakery", headers=admin) as client:
        answers = await asyncio.gather(
            *(client.post("/order", json=body, headers={"Idempotency-Key": "burst-42"}) for _ in range(10))
        )
        listed = (await client.get("/orders")).json()

    assert all(a.status_code in (200, 201) for a in answers), [a.text for a in answers]
    assert len({a.json()["order_id"] for a in answers}) == 1
    assert listed["total"] == 1
    assert listed["orders"][0]["order_id"] == answers[0].json()["order_id"]
    assert listed["orders"][0]["ticket_number"] == 1


CHANGED = {
    "another-product": {"product_id": "Butter Croissant"},
    "another-quantity": {"quantity": 3},
    "a-name": {"customer_name": "Ada"},
    "a-note": {"notes": "Sliced, please"},
}


@pytest.mark.parametrize("change", CHANGED.values(), ids=CHANGED.keys())
def test_the_same_key_with_another_order_is_refused(api, product_ids, nothing_changes, change):
    body = {"product_id": product_ids["Baguette"], "quantity": 2}
    key = {"Idempotency-Key": "retry-9d2e"}
    first = api.post("/order", json=body, headers=key)
    change = {k: product_ids.get(v, v) if k == "product_id" else v for k, v in change.items()}

    with nothing_changes():
        again = api.post("/order", json=body | change, headers=key)

    assert "Idempotency-Key" in refused(again, 422)
    assert api.post("/order", json=body, headers=key).json()["order_id"] == first.json()["order_id"]


def test_the_same_basket_in_another_line_order_is_the_same_order(api, product_ids):
    baguette, croissant = product_ids["Baguette"], product_ids["Butter Croissant"]
    key = {"Idempotency-Key": "retry-basket"}
    lines = [{"product_id": baguette, "quantity": 1}, {"product_id": croissant, "quantity": 2}]

    first = api.post("/order", json={"items": lines}, headers=key)
    again = api.post("/order", json={"items": lines[::-1]}, headers=key)

    assert again.status_code in (200, 201)
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert again.json()["order_id"] == first.json()["order_id"]

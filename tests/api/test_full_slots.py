"""A pickup slot is never promised beyond its capacity, however many customers order at the same moment."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from services import bakery_settings
from services.bake_list import bake_list_for
from services.database import session_scope
from tests.api.checks import refused
from tests.conftest import open_pickup_time

CUSTOMERS = 40
CAPACITY = 10


def test_forty_customers_at_once_get_exactly_the_slots_ten_places(api, product_ids):
    assert api.patch("/bakery", json={"slot_capacity": CAPACITY}).status_code == 200
    slot = open_pickup_time(days_ahead=3, hour=9)
    body = {"product_id": product_ids["Baguette"], "pickup_at": slot.isoformat()}
    start = threading.Barrier(CUSTOMERS)

    def order(_: int) -> int:
        start.wait()  # every request leaves together: the check and the insert must not race
        return api.post("/order", json=body).status_code

    with ThreadPoolExecutor(CUSTOMERS) as pool:
        answers = list(pool.map(order, range(CUSTOMERS)))

    assert answers.count(201) == CAPACITY, answers
    assert answers.count(409) == CUSTOMERS - CAPACITY, answers
    day = api.get("/pickup-slots", params={"day": slot.date().isoformat()}).json()
    nine = next(s for s in day["slots"] if datetime.fromisoformat(s["start"]) == slot)
    assert (nine["capacity"], nine["remaining"], nine["available"], nine["reason"]) == (CAPACITY, 0, False, "full")
    with session_scope() as session:
        assert [(line.name, line.ordered) for line in bake_list_for(session, slot.date())] == [("Baguette", CAPACITY)]


def test_a_full_slot_answers_409_with_the_next_free_slots_and_stores_nothing(api, product_ids, nothing_changes):
    api.patch("/bakery", json={"slot_capacity": 2})
    slot = open_pickup_time(days_ahead=3, hour=9)
    body = {"product_id": product_ids["Baguette"], "quantity": 2, "pickup_at": slot.isoformat()}
    assert api.post("/order", json=body).status_code == 201

    with nothing_changes():
        detail = refused(api.post("/order", json=body), 409)

    assert detail.startswith(f"The 09:00 pickup slot on {slot:%a %d %b} is full. Next free: ")
    assert f"{slot:%a %d %b} 09:15" in detail


def test_a_basket_larger_than_any_slot_is_refused_with_the_reason(api, product_ids, nothing_changes):
    api.patch("/bakery", json={"slot_capacity": 3})
    slot = open_pickup_time(days_ahead=3, hour=9)

    with nothing_changes():
        detail = refused(
            api.post("/order", json={"product_id": product_ids["Baguette"], "quantity": 4, "pickup_at": str(slot)}),
            409,
        )

    assert "no other slot within 14 days can take this order" in detail


def test_a_category_has_its_own_limit_per_slot(api, product_ids):
    api.patch("/bakery", json={"category_capacity": {"Cakes": 1}})
    slot = open_pickup_time(days_ahead=3, hour=9).isoformat()
    cake = {"product_id": product_ids["Lemon Drizzle"], "pickup_at": slot}
    bread = {"product_id": product_ids["Baguette"], "quantity": 5, "pickup_at": slot}

    assert api.post("/order", json=cake).status_code == 201
    assert api.post("/order", json=bread).status_code == 201, "bread is not limited"
    assert "is full" in refused(api.post("/order", json=cake), 409)


def test_cancelling_an_order_gives_its_place_back(api, product_ids):
    api.patch("/bakery", json={"slot_capacity": 1})
    slot = open_pickup_time(days_ahead=3, hour=9).isoformat()
    body = {"product_id": product_ids["Baguette"], "pickup_at": slot}
    first = api.post("/order", json=body).json()["order_id"]
    assert api.post("/order", json=body).status_code == 409

    assert api.put(f"/order/{first}/status", json={"status": "Cancelled", "note": "Customer phoned"}).status_code == 200

    assert api.post("/order", json=body).status_code == 201


def test_moving_an_order_moves_its_place(api, product_ids):
    api.patch("/bakery", json={"slot_capacity": 1})
    nine, ten = open_pickup_time(days_ahead=3, hour=9), open_pickup_time(days_ahead=3, hour=10)
    order = api.post("/order", json={"product_id": product_ids["Baguette"], "pickup_at": nine.isoformat()}).json()

    moved = api.put(f"/orders/{order['order_id']}/pickup", json={"pickup_at": ten.isoformat()})

    assert moved.status_code == 200, moved.text
    assert datetime.fromisoformat(moved.json()["pickup_at"]) == ten
    assert api.post("/order", json={"product_id": product_ids["Baguette"], "pickup_at": str(nine)}).status_code == 201
    assert "is full" in refused(
        api.post("/order", json={"product_id": product_ids["Baguette"], "pickup_at": ten.isoformat()}), 409
    )


def test_an_order_cannot_move_into_a_full_slot(api, product_ids, nothing_changes):
    api.patch("/bakery", json={"slot_capacity": 1})
    nine, ten = open_pickup_time(days_ahead=3, hour=9), open_pickup_time(days_ahead=3, hour=10)
    first = api.post("/order", json={"product_id": product_ids["Baguette"], "pickup_at": nine.isoformat()}).json()
    api.post("/order", json={"product_id": product_ids["Baguette"], "pickup_at": ten.isoformat()})

    with nothing_changes():
        detail = refused(api.put(f"/orders/{first['order_id']}/pickup", json={"pickup_at": ten.isoformat()}), 409)

    assert "is full" in detail


def test_undoing_a_cancel_right_after_the_settings_were_reloaded_answers_at_once(api, product_ids):
    # On SQLite the undo's transaction holds the write lock; reading the settings in a session of their own
    # waited for that lock, so for itself, until the 30 s busy timeout (then 503).
    api.patch("/bakery", json={"slot_capacity": 1})
    body = {"product_id": product_ids["Baguette"], "pickup_at": open_pickup_time(days_ahead=3, hour=9).isoformat()}
    order = api.post("/order", json=body).json()["order_id"]
    assert api.put(f"/order/{order}/status", json={"status": "Cancelled", "note": "Asked to"}).status_code == 200
    bakery_settings.forget_settings()

    undone = api.post(f"/order/{order}/undo")

    assert undone.status_code == 200, undone.text
    assert api.get(f"/order/{order}").json()["status"] == "Order Placed"

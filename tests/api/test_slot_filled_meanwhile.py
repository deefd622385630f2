"""An order whose slot filled after it looked (another customer was quicker) is still booked correctly.

On PostgreSQL the order's rows go in one statement (services/order_rows.py); when that statement finds the slot
full it is rolled back and the step-by-step path takes over. These tests make the look see a slot as free that
is already full, which is what a lost race looks like from inside one order.
"""

from datetime import datetime, timedelta

import pytest

from services import pickup_slots
from services.calendar import Slot
from tests.api.checks import refused
from tests.conftest import open_pickup_time


@pytest.fixture
def nine_oclock_taken(api, product_ids) -> datetime:
    """One place per slot, and the 09:00 slot three days ahead already holds its one order."""
    assert api.patch("/bakery", json={"slot_capacity": 1}).status_code == 200
    nine = open_pickup_time(days_ahead=3, hour=9)
    answer = api.post("/order", json={"product_id": product_ids["Baguette"], "pickup_at": nine.isoformat()})
    assert answer.status_code == 201
    return nine


@pytest.fixture
def stale_look(monkeypatch, nine_oclock_taken):
    """The order's look at the slots still sees 09:00 as free."""
    looked = Slot(nine_oclock_taken, nine_oclock_taken + timedelta(minutes=15))
    monkeypatch.setattr(pickup_slots, "slot_for", lambda *args, **kwargs: looked)


def test_an_order_whose_slot_filled_meanwhile_gets_the_next_free_slot_of_that_day(
    api, product_ids, nine_oclock_taken, stale_look
):
    answer = api.post("/order", json={"product_id": product_ids["Baguette"]})

    assert answer.status_code == 201, answer.text
    assert datetime.fromisoformat(answer.json()["pickup_at"]) == nine_oclock_taken + timedelta(minutes=15)
    day = api.get("/pickup-slots", params={"day": nine_oclock_taken.date().isoformat()}).json()
    remaining = {datetime.fromisoformat(s["start"]): s["remaining"] for s in day["slots"]}
    assert remaining[nine_oclock_taken] == 0  # never promised twice
    assert remaining[nine_oclock_taken + timedelta(minutes=15)] == 0
    order = api.get(f"/order/{answer.json()['order_id']}").json()
    assert [(item["name"], item["quantity"]) for item in order["items"]] == [("Baguette", 1)]
    assert [entry["status"] for entry in order["history"]] == ["Order Placed"]


def test_a_chosen_slot_that_filled_meanwhile_is_refused_and_leaves_nothing_behind(
    api, product_ids, nine_oclock_taken, stale_look, nothing_changes
):
    body = {"product_id": product_ids["Baguette"], "pickup_at": nine_oclock_taken.isoformat()}

    with nothing_changes():
        detail = refused(api.post("/order", json=body), 409)

    assert detail.startswith(f"The 09:00 pickup slot on {nine_oclock_taken:%a %d %b} is full. Next free: ")

"""Staff list the day's orders (filtered, newest first, page by page) and see one order with contact data."""

from datetime import timedelta

import pytest

from tests.api.checks import refused
from tests.conftest import open_pickup_time


def test_the_staff_view_of_an_order_has_the_contact_data(api, product_ids):
    contact = {"customer_name": "Ada", "phone": "+44 20 7946 0000", "email": "ada@example.com", "notes": "Box it"}
    order_id = api.post("/order", json={"product_id": product_ids["Baguette"], **contact}).json()["order_id"]

    response = api.get(f"/orders/{order_id}")

    assert response.status_code == 200
    order = response.json()
    assert {k: order[k] for k in contact} == contact
    assert order["order_id"] == order_id
    assert order["status"] == "Order Placed"
    assert order["history"][0]["by"]


def test_orders_are_listed_newest_first_with_a_total(api, place):
    placed = [place() for _ in range(4)]

    page = api.get("/orders").json()

    assert [o["order_id"] for o in page["orders"]] == placed[::-1]
    assert page["total"] == 4


def test_the_list_pages_with_limit_and_offset(api, place):
    placed = [place() for _ in range(5)]
    newest_first = placed[::-1]

    first = api.get("/orders", params={"limit": 2, "offset": 0}).json()
    second = api.get("/orders", params={"limit": 2, "offset": 2}).json()
    last = api.get("/orders", params={"limit": 2, "offset": 4}).json()

    assert [o["order_id"] for o in first["orders"]] == newest_first[0:2]
    assert [o["order_id"] for o in second["orders"]] == newest_first[2:4]
    assert [o["order_id"] for o in last["orders"]] == newest_first[4:]
    assert first["total"] == second["total"] == last["total"] == 5
    assert (second["limit"], second["offset"]) == (2, 2)


def test_the_list_filters_by_status(api, place):
    waiting, baking, ready = place(), place(), place()
    api.put(f"/order/{baking}/status", json={"status": "In Progress"})
    for status in ("In Progress", "Ready"):
        api.put(f"/order/{ready}/status", json={"status": status})

    in_progress = api.get("/orders", params={"status": "In Progress"}).json()
    open_ones = api.get("/orders", params=[("status", "Order Placed"), ("status", "Ready")]).json()

    assert [o["order_id"] for o in in_progress["orders"]] == [baking]
    assert in_progress["total"] == 1
    assert {o["order_id"] for o in open_ones["orders"]} == {waiting, ready}
    assert open_ones["total"] == 2


def test_the_list_filters_by_pickup_day(api, place):
    pickup_day = open_pickup_time(days_ahead=3)
    next_day = pickup_day + timedelta(days=1)
    on_that_day = [place(pickup_at=pickup_day.isoformat()), place(pickup_at=pickup_day.replace(hour=16).isoformat())]
    on_the_next_day = place(pickup_at=next_day.isoformat())

    listed = api.get("/orders", params={"day": pickup_day.date().isoformat()}).json()

    assert {o["order_id"] for o in listed["orders"]} == set(on_that_day)
    assert listed["total"] == 2
    other_day = api.get("/orders", params={"day": next_day.date().isoformat()}).json()
    assert [o["order_id"] for o in other_day["orders"]] == [on_the_next_day]


def test_status_and_day_filters_combine(api, place):
    day = open_pickup_time(days_ahead=4)
    wanted = place(pickup_at=day.isoformat())
    other = place(pickup_at=day.isoformat())
    place(pickup_at=(day + timedelta(days=1)).isoformat())
    api.put(f"/order/{other}/status", json={"status": "Cancelled", "note": "Customer phoned"})

    listed = api.get("/orders", params={"day": day.date().isoformat(), "status": "Order Placed"}).json()

    assert [o["order_id"] for o in listed["orders"]] == [wanted]
    assert listed["total"] == 1


@pytest.mark.parametrize(
    "query",
    [
        {"status": "Baked"},
        {"day": "tomorrow"},
        {"day": "2026-02-30"},
        {"limit": 0},
        {"limit": 100_000},
        {"offset": -1},
        {"offset": 99_999_999_999_999_999_999},
    ],
    ids=[
        "unknown-status",
        "day-in-words",
        "no-such-date",
        "limit-zero",
        "limit-huge",
        "offset-negative",
        "offset-huge",
    ],
)
def test_a_bad_listing_query_is_refused(api, place, nothing_changes, query):
    place()

    with nothing_changes():
        refused(api.get("/orders", params=query), 422)


def test_an_unknown_status_filter_names_the_real_ones(api, demo_catalogue):
    detail = str(refused(api.get("/orders", params={"status": "Baked"}), 422))

    for status in ("Order Placed", "In Progress", "Ready", "Picked Up", "Shipped", "Delivered", "Cancelled"):
        assert status in detail


def test_an_offset_past_the_end_gives_an_empty_page(api, place):
    place()

    page = api.get("/orders", params={"offset": 10}).json()

    assert page["orders"] == []
    assert page["total"] == 1

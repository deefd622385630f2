"""The bakery's settings over REST: who may change them, what is refused, and what they do to orders."""

from datetime import datetime, timedelta

import pytest

from services.clock import utcnow
from tests.api.checks import refused
from tests.conftest import TEST_RULES, bearer, open_pickup_time

pytestmark = pytest.mark.usefixtures("late_morning")  # "today" and "the next slot" must hold at any hour

ALL_DAY = {day: [{"opens": "00:00", "closes": "24:00"}] for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def test_anyone_reads_the_bakery_with_the_first_start_defaults(anonymous_api):
    bakery = anonymous_api.get("/bakery").json()

    assert bakery["hours"]["Mon"] == [{"opens": "07:00", "closes": "18:00"}]
    assert (bakery["prep_buffer_minutes"], bakery["slot_minutes"], bakery["slot_capacity"]) == (30, 15, None)
    assert bakery["hours_text"] == "Mon-Sun 07:00-18:00 (Europe/London)"


def test_only_an_admin_changes_the_settings(anonymous_api, settings, staff_accounts):
    change = {"phone": "020 7946 0000"}
    assert anonymous_api.patch("/bakery", json=change).status_code == 401
    assert (
        anonymous_api.patch("/bakery", json=change, headers=bearer(staff_accounts["staff"], settings)).status_code
        == 403
    )

    saved = anonymous_api.patch("/bakery", json=change, headers=bearer(staff_accounts["admin"], settings))

    assert saved.status_code == 200
    assert anonymous_api.get("/bakery").json()["phone"] == "020 7946 0000"


def test_lunch_closes_the_middle_of_the_day(api, product_ids):
    api.patch(
        "/bakery",
        json={"hours": {"Mon": [{"opens": "07:00", "closes": "12:00"}, {"opens": "13:00", "closes": "18:00"}]}},
    )
    monday = open_pickup_time(days_ahead=7 - open_pickup_time(0).weekday() + 7)  # a Monday a week or two ahead

    slots = api.get("/pickup-slots", params={"day": monday.date().isoformat()}).json()["slots"]

    starts = [datetime.fromisoformat(s["start"]).astimezone(TEST_RULES.zone).strftime("%H:%M") for s in slots]
    assert "11:45" in starts and "12:00" not in starts and "12:45" not in starts and "13:00" in starts
    lunch = monday.replace(hour=12, minute=30).isoformat()
    assert "closed" in refused(
        api.post("/order", json={"product_id": product_ids["Baguette"], "pickup_at": lunch}), 422
    )


BAD = [
    ({"hours": {"Tue": [{"opens": "09:00", "closes": "13:00"}, {"opens": "12:00", "closes": "17:00"}]}}, "overlap"),
    ({"hours": {"Tue": [{"opens": "17:00", "closes": "09:00"}]}}, "Opening 17:00 is not before closing 09:00"),
    ({"hours": {"Tue": [{"opens": "9am", "closes": "17:00"}]}}, "is not a time of day"),
    ({"slot_capacity": 0}, "at least 1 item"),
    ({"category_capacity": {"Cakes": -1}}, "at least 1 item"),
    ({"slot_minutes": 7}, "must divide an hour"),
    ({"same_day_cutoff": "25:00"}, "is not a time of day"),
    ({"prep_buffer_minutes": -5}, "between 0 minutes and 7 days"),
    ({"closures": [{"day": "2020-12-25", "message": "Christmas"}]}, "is in the past"),
    ({"name": None}, "cannot be empty"),
]


@pytest.mark.parametrize("change, message", BAD, ids=[m for _, m in BAD])
def test_a_setting_that_makes_no_sense_is_refused_and_changes_nothing(
    api, product_ids, nothing_changes, change, message
):
    with nothing_changes():
        response = api.patch("/bakery", json=change)

    assert response.status_code == 422, response.text
    assert message in str(response.json()["detail"])


def test_an_order_without_a_pickup_time_gets_the_earliest_free_slot(api, product_ids):
    api.patch("/bakery", json={"hours": ALL_DAY, "slot_capacity": 1})
    body = {"product_id": product_ids["Baguette"]}

    first, second = api.post("/order", json=body).json(), api.post("/order", json=body).json()

    start, until = datetime.fromisoformat(first["pickup_at"]), datetime.fromisoformat(first["pickup_until"])
    assert utcnow() + timedelta(minutes=30) <= start < utcnow() + timedelta(minutes=46), (
        "the buffer, then the next slot"
    )
    assert until - start == timedelta(minutes=15)
    assert datetime.fromisoformat(second["pickup_at"]) == until, "the first slot is full: the next one"


def test_an_order_without_a_pickup_time_and_no_free_slot_is_refused_with_the_reason(api, product_ids, nothing_changes):
    api.patch("/bakery", json={"slot_capacity": 2})

    with nothing_changes():
        detail = refused(api.post("/order", json={"product_id": product_ids["Baguette"], "quantity": 3}), 409)

    assert detail.startswith("No pickup slot in the next 14 days can take this order")


def test_paused_online_orders_refuse_customers_but_not_staff(api, anonymous_api, product_ids, settings, staff_accounts):
    staff = bearer(staff_accounts["staff"], settings)
    assert api.put("/bakery/online-orders", json={"paused": True}, headers=staff).status_code == 200
    body = {"product_id": product_ids["Baguette"]}

    customer = anonymous_api.post("/order", json=body, headers={"Authorization": ""})

    assert refused(customer, 409) == "Not taking online orders right now"
    assert anonymous_api.post("/order", json=body, headers=staff).status_code == 201
    api.put("/bakery/online-orders", json={"paused": False}, headers=staff)
    assert anonymous_api.post("/order", json=body, headers={"Authorization": ""}).status_code == 201


def test_past_the_cut_off_today_is_not_offered_and_not_accepted(api, product_ids, nothing_changes):
    api.patch("/bakery", json={"hours": ALL_DAY, "prep_buffer_minutes": 0, "same_day_cutoff": "00:00"})
    today = TEST_RULES.today()
    soon = min(utcnow() + timedelta(minutes=20), datetime.combine(today, datetime.max.time(), tzinfo=TEST_RULES.zone))

    slots = api.get("/pickup-slots", params={"day": today.isoformat()}).json()["slots"]
    with nothing_changes():
        detail = refused(
            api.post("/order", json={"product_id": product_ids["Baguette"], "pickup_at": soon.isoformat()}), 422
        )

    assert {s["reason"] for s in slots if datetime.fromisoformat(s["start"]) > utcnow()} == {"past cut-off"}
    assert detail == "Orders for today close at 00:00; please choose a pickup on another day"


def test_a_closure_closes_its_day_with_its_message(api, product_ids, nothing_changes):
    holiday = open_pickup_time(days_ahead=4)
    api.patch("/bakery", json={"closures": [{"day": holiday.date().isoformat(), "message": "Family wedding"}]})

    day = api.get("/pickup-slots", params={"day": holiday.date().isoformat()}).json()
    with nothing_changes():
        detail = refused(
            api.post("/order", json={"product_id": product_ids["Baguette"], "pickup_at": holiday.isoformat()}), 422
        )

    assert (day["open"], day["message"]) == (False, "Family wedding")
    assert {s["reason"] for s in day["slots"]} == {"closed: Family wedding"}
    assert detail == f"The bakery is closed on {holiday:%a %d %b}: Family wedding. Please choose another day"
    assert api.get("/bakery").json()["next_closure"] == {"day": holiday.date().isoformat(), "message": "Family wedding"}


def test_a_longer_slot_recounts_what_is_booked(api, product_ids):
    api.patch("/bakery", json={"slot_capacity": 2})
    nine = open_pickup_time(days_ahead=3, hour=9)
    for minute in (0, 15):
        api.post(
            "/order", json={"product_id": product_ids["Baguette"], "pickup_at": nine.replace(minute=minute).isoformat()}
        )

    api.patch("/bakery", json={"slot_minutes": 30})

    slots = api.get("/pickup-slots", params={"day": nine.date().isoformat()}).json()["slots"]
    at_nine = next(s for s in slots if datetime.fromisoformat(s["start"]) == nine)
    assert (at_nine["remaining"], at_nine["reason"]) == (0, "full")

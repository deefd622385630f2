"""Refusals a customer can read: plain words that say what to do next, and a readable `message` on every 422."""

from datetime import datetime, time, timedelta

import pytest

from tests.api.checks import refused
from tests.conftest import open_pickup_time
from tests.pages.midday import LONDON, bakery_clock_at


@pytest.fixture
def quarter_to_closing(monkeypatch) -> datetime:
    """The bakery's clock at 17:45 London time (it closes at 18:00 and needs 30 minutes' notice)."""
    return bakery_clock_at(monkeypatch, time(17, 45))


def test_a_bad_phone_number_is_explained_without_a_regular_expression(api, product_ids, nothing_changes):
    with nothing_changes():
        response = api.post("/order", json={"product_id": product_ids["Baguette"], "phone": "call me"})

    detail = refused(response, 422)
    assert detail[0]["loc"] == ["body", "phone"], "the structure stays FastAPI's"
    message = response.json()["message"]
    assert message.startswith("Phone: Write the phone number in digits, e.g. 07700 900123")
    assert "[0-9" not in message and "pattern" not in message


def test_a_422_lists_every_problem_in_one_readable_message(api, product_ids, nothing_changes):
    with nothing_changes():
        response = api.post("/order", json={"quantity": 2, "colour": "red", "email": "ada-at-home"})

    refused(response, 422)
    message = response.json()["message"]
    assert "Colour is not a field we know; check its spelling" in message
    assert "Email: Check the email address: it should look like name@example.com" in message


def test_an_order_after_closing_is_told_a_time_when_the_bakery_is_open(
    api, product_ids, nothing_changes, quarter_to_closing
):
    too_soon = quarter_to_closing + timedelta(minutes=10)

    with nothing_changes():
        response = api.post("/order", json={"product_id": product_ids["Baguette"], "pickup_at": too_soon.isoformat()})

    next_morning = datetime.combine(quarter_to_closing.date() + timedelta(days=1), time(7, 0), tzinfo=LONDON)
    expected = (
        f"Pickup time is too soon: the earliest possible is {next_morning:%a %d %b} 07:00; "
        "please choose that or a later time"
    )
    assert refused(response, 422) == expected
    assert response.json()["message"] == expected


def test_a_pickup_outside_opening_hours_says_which_hours_to_choose(api, product_ids, nothing_changes):
    night = open_pickup_time(days_ahead=3).replace(hour=22)

    with nothing_changes():
        response = api.post("/order", json={"product_id": product_ids["Baguette"], "pickup_at": night.isoformat()})

    assert refused(response, 422).startswith("The bakery is closed then; please choose a pickup time within our hours")


def test_the_openapi_schema_names_the_readable_message(api):
    errors = api.get("/openapi.json").json()["components"]["schemas"]["HTTPValidationError"]
    assert errors["properties"]["message"]["type"] == "string"

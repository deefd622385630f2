"""GET /reports/summary: the analytics figures for scripts, for admins only, on SQLite and PostgreSQL."""

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from services import bakery
from tests.api.checks import refused
from tests.conftest import bearer


def test_today_summary_counts_what_was_ordered(api: TestClient, place) -> None:
    # Baguette 2.40, Seeded Rye 4.80, Sourdough Loaf 5.50.
    basket = api.post(
        "/order",
        json={"items": [{"product_id": _id(api, "Baguette"), "quantity": 2}, {"product_id": _id(api, "Seeded Rye")}]},
    )
    assert basket.status_code == 201, basket.text  # 9.60
    place("Sourdough Loaf")  # 5.50
    cancelled = place("Baguette")
    assert (
        api.put(f"/order/{cancelled}/status", json={"status": "Cancelled", "note": "Out of flour"}).status_code == 200
    )
    today = bakery.rules().today().isoformat()

    response = api.get("/reports/summary", params={"from": today, "to": today})

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["first_day"], body["last_day"], body["timezone"]) == (today, today, "Europe/London")
    assert (body["orders"], body["revenue"], body["average_order_value"], body["cancelled"]) == (2, 15.1, 7.55, 1)
    assert body["days"] == [{"day": today, "orders": 2, "revenue": 15.1, "cancelled": 1}]
    assert [(p["name"], p["quantity"], p["revenue"]) for p in body["top_by_quantity"]] == [
        ("Baguette", 2, 4.8),
        ("Sourdough Loaf", 1, 5.5),
        ("Seeded Rye", 1, 4.8),
    ]
    assert [p["name"] for p in body["top_by_revenue"]] == ["Sourdough Loaf", "Baguette", "Seeded Rye"]
    assert "Brioche Loaf" in [p["name"] for p in body["never_ordered"]]
    assert body["cancellations"] == [{"reason": "Out of flour", "orders": 1}]
    assert body["without_pickup_time"] == 0  # an order without pickup_at is given the earliest free slot
    assert sum(h["orders"] for h in body["placement_rush"]["by_hour"]) == 2
    assert body["service"]["ready_orders"] == 0 and body["service"]["median_minutes_to_ready"] is None


def test_without_dates_it_covers_the_last_30_days(api: TestClient) -> None:
    body = api.get("/reports/summary").json()

    today = bakery.rules().today()
    assert (body["first_day"], body["last_day"]) == ((today - timedelta(days=29)).isoformat(), today.isoformat())
    assert len(body["days"]) == 30


def test_a_leap_year_is_the_longest_period(api: TestClient) -> None:
    response = api.get("/reports/summary", params={"from": "2024-01-01", "to": "2024-12-31"})
    assert response.status_code == 200, response.text
    assert len(response.json()["days"]) == 366


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-06-02", "to": "2026-06-01"},  # backwards
        {"from": "2025-01-01", "to": "2026-01-02"},  # 367 days
        {"from": "2026-02-30", "to": "2026-03-01"},  # not a date
        {"from": "yesterday"},
    ],
)
def test_a_bad_period_is_refused_with_422(api: TestClient, params: dict[str, str]) -> None:
    refused(api.get("/reports/summary", params=params), 422)


def test_only_admins_may_read_reports(anonymous_api: TestClient, staff_accounts, settings) -> None:
    assert refused(anonymous_api.get("/reports/summary"), 401)
    assert refused(anonymous_api.get("/reports/summary", headers=bearer(staff_accounts["staff"], settings)), 403)
    ok = anonymous_api.get("/reports/summary", headers=bearer(staff_accounts["admin"], settings))
    assert ok.status_code == 200, ok.text


def test_dates_are_bakery_days(api: TestClient) -> None:
    body = api.get("/reports/summary", params={"from": "2026-06-01", "to": "2026-06-03"}).json()
    assert [d["day"] for d in body["days"]] == [date(2026, 6, d).isoformat() for d in (1, 2, 3)]


def _id(api: TestClient, name: str) -> int:
    return next(p["id"] for p in api.get("/products").json() if p["name"] == name)

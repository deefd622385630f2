"""A product that is sold out, or whose daily limit is already promised, cannot be ordered (409)."""

from tests.api.checks import refused
from tests.conftest import open_pickup_time


def test_a_product_marked_unavailable_cannot_be_ordered(api, product_ids, nothing_changes):
    with nothing_changes():
        response = api.post("/order", json={"product_id": product_ids["Almond Croissant"]})

    assert "sold out" in refused(response, 409)


def test_switching_a_product_to_sold_out_stops_new_orders(api, product_ids, nothing_changes):
    rye = product_ids["Seeded Rye"]
    assert api.post("/order", json={"product_id": rye}).status_code == 201
    api.patch(f"/products/{rye}", json={"available": False})

    with nothing_changes():
        response = api.post("/order", json={"items": [{"product_id": product_ids["Baguette"]}, {"product_id": rye}]})

    assert "Seeded Rye" in refused(response, 409)
    api.patch(f"/products/{rye}", json={"available": True})
    assert api.post("/order", json={"product_id": rye}).status_code == 201


def test_a_retired_product_cannot_be_ordered(api, product_ids, nothing_changes):
    lemon = product_ids["Lemon Drizzle"]
    api.patch(f"/products/{lemon}", json={"active": False})

    with nothing_changes():
        response = api.post("/order", json={"product_id": lemon})

    refused(response, 409)


def _cakes(api, cake_id: int, quantity: int, day):
    return api.post("/order", json={"product_id": cake_id, "quantity": quantity, "pickup_at": day.isoformat()})


def test_the_daily_limit_stops_the_order_that_would_exceed_it(api, product_ids, nothing_changes):
    cake = product_ids["Chocolate Cake"]
    limit = api.get(f"/products/{cake}").json()["daily_limit"]
    day = open_pickup_time(days_ahead=3)
    assert _cakes(api, cake, limit - 1, day).status_code == 201

    with nothing_changes():
        detail = refused(_cakes(api, cake, 2, day), 409)

    assert detail == f"Only 1 Chocolate Cake left for {day:%a %d %b}: order 1 or fewer, or choose another pickup day"
    assert _cakes(api, cake, 1, day).status_code == 201
    with nothing_changes():
        sold_out = refused(_cakes(api, cake, 1, day.replace(hour=15)), 409)
    assert sold_out == f"Chocolate Cake is sold out for {day:%a %d %b}: choose another pickup day, or order without it"


def test_the_daily_limit_counts_each_day_apart(api, product_ids):
    cake = product_ids["Chocolate Cake"]
    limit = api.get(f"/products/{cake}").json()["daily_limit"]
    day = open_pickup_time(days_ahead=3)
    assert _cakes(api, cake, limit, day).status_code == 201

    assert _cakes(api, cake, limit, open_pickup_time(days_ahead=4)).status_code == 201


def test_more_than_the_daily_limit_at_once_is_refused(api, product_ids, nothing_changes):
    cake = product_ids["Chocolate Cake"]
    limit = api.get(f"/products/{cake}").json()["daily_limit"]

    with nothing_changes():
        response = _cakes(api, cake, limit + 1, open_pickup_time(days_ahead=3))

    refused(response, 409)


def test_a_cancelled_order_gives_its_share_of_the_limit_back(api, product_ids):
    cake = product_ids["Chocolate Cake"]
    limit = api.get(f"/products/{cake}").json()["daily_limit"]
    day = open_pickup_time(days_ahead=3)
    order_id = _cakes(api, cake, limit, day).json()["order_id"]
    refused(_cakes(api, cake, 1, day), 409)

    api.put(f"/order/{order_id}/status", json={"status": "Cancelled", "note": "Customer phoned"})

    assert _cakes(api, cake, 1, day).status_code == 201

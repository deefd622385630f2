"""A pickup time must carry a zone, lie ahead, respect the bakers' notice and fall in opening hours (07-18 London)."""

from datetime import datetime, timedelta, timezone

import pytest

from tests.api.checks import refused
from tests.conftest import open_pickup_time


def _order(api, product_id: int, pickup: datetime):
    return api.post("/order", json={"product_id": product_id, "pickup_at": pickup.isoformat()})


def test_a_pickup_time_without_a_zone_is_refused(api, product_ids, nothing_changes):
    naive = open_pickup_time().replace(tzinfo=None)

    with nothing_changes():
        response = _order(api, product_ids["Baguette"], naive)

    detail = refused(response, 422)
    assert "timezone" in str(detail).lower()


def test_a_pickup_in_the_past_is_refused(api, product_ids, nothing_changes):
    yesterday_noon = open_pickup_time(days_ahead=-1)

    with nothing_changes():
        response = _order(api, product_ids["Baguette"], yesterday_noon)

    assert "too soon" in refused(response, 422)


def test_a_pickup_sooner_than_the_bakers_notice_is_refused(api, product_ids, nothing_changes):
    tomorrow_noon = open_pickup_time(days_ahead=1)  # at most 36 h away; the cake needs 48 h
    cake, baguette = product_ids["Chocolate Cake"], product_ids["Baguette"]

    with nothing_changes():
        for basket in ([cake], [baguette, cake]):
            response = api.post(
                "/order",
                json={"items": [{"product_id": p} for p in basket], "pickup_at": tomorrow_noon.isoformat()},
            )
            assert "earliest possible" in refused(response, 422)

    assert _order(api, baguette, tomorrow_noon).status_code == 201, "a baguette needs no notice"
    assert _order(api, cake, open_pickup_time(days_ahead=3)).status_code == 201


@pytest.mark.parametrize("hour, minute", [(6, 59), (18, 0), (22, 30)], ids=["before-opening", "at-closing", "night"])
def test_a_pickup_while_the_bakery_is_closed_is_refused(api, product_ids, nothing_changes, hour, minute):
    closed = open_pickup_time(days_ahead=3).replace(hour=hour, minute=minute)

    with nothing_changes():
        response = _order(api, product_ids["Baguette"], closed)

    assert "closed" in refused(response, 422)


@pytest.mark.parametrize("hour, minute", [(7, 0), (17, 59)], ids=["at-opening", "last-minute"])
def test_a_pickup_inside_opening_hours_is_accepted(api, product_ids, hour, minute):
    open_then = open_pickup_time(days_ahead=3).replace(hour=hour, minute=minute)

    assert _order(api, product_ids["Baguette"], open_then).status_code == 201


def test_opening_hours_are_london_time_whatever_zone_the_client_writes(api, product_ids, nothing_changes):
    far_east = timezone(timedelta(hours=10))
    london_noon = open_pickup_time(days_ahead=3)
    assert _order(api, product_ids["Baguette"], london_noon.astimezone(far_east)).status_code == 201

    london_evening = london_noon.replace(hour=20).astimezone(far_east)  # reads as early morning out east
    assert london_evening.hour < 12
    with nothing_changes():
        assert "closed" in refused(_order(api, product_ids["Baguette"], london_evening), 422)

"""Each order gets the day's next ticket number: #1, #2, #3 ... starting again at #1 each bakery day."""

from datetime import UTC, datetime, timedelta

import pytest

from services import orders
from services.errors import Conflict
from services.schemas import OrderRequest


def test_tickets_count_up_through_the_day(place):
    numbers = [place().ticket_number for _ in range(4)]

    assert numbers == [1, 2, 3, 4]


@pytest.fixture
def clock(monkeypatch):
    """Set the time the order service sees (UTC)."""

    def set_time(moment: datetime) -> None:
        monkeypatch.setattr(orders, "utcnow", lambda: moment)

    return set_time


def test_a_new_day_starts_again_at_one(session, demo_catalogue, clock):
    baguette = OrderRequest(product_id=demo_catalogue["Baguette"].id)
    monday = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)

    clock(monday)
    mondays = [orders.place_order(session, baguette)[0].ticket_number for _ in range(3)]
    clock(monday + timedelta(days=1))
    tuesdays = [orders.place_order(session, baguette)[0].ticket_number for _ in range(2)]

    assert mondays == [1, 2, 3]
    assert tuesdays == [1, 2]


def test_the_day_turns_at_midnight_in_london_not_utc(session, demo_catalogue, clock):
    baguette = OrderRequest(product_id=demo_catalogue["Baguette"].id)
    midsummer_evening = datetime(2030, 6, 21, 22, 30, tzinfo=UTC)  # 23:30 in London (BST)

    clock(midsummer_evening)
    late = orders.place_order(session, baguette)[0]
    clock(midsummer_evening + timedelta(hours=1))  # 00:30 in London, still 21 June in UTC
    early = orders.place_order(session, baguette)[0]

    assert (late.ticket_day.isoformat(), late.ticket_number) == ("2030-06-21", 1)
    assert (early.ticket_day.isoformat(), early.ticket_number) == ("2030-06-22", 1)


def test_a_refused_order_uses_up_no_ticket(session, demo_catalogue, place):
    assert place().ticket_number == 1
    sold_out = OrderRequest(product_id=demo_catalogue["Almond Croissant"].id)

    with pytest.raises(Conflict, match="sold out"):
        orders.place_order(session, sold_out)

    assert place().ticket_number == 2

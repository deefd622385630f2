"""GET /order/{id}'s answers kept in memory: never a status older than what this process has heard."""

import json

import pytest

from services import order_cache, order_moves
from services.order_status import OrderStatus


@pytest.fixture
def hearing():
    order_cache.hearing_refreshes(True)
    yield
    order_cache.hearing_refreshes(False)


def _status(body: bytes | None) -> str | None:
    return None if body is None else json.loads(body)["status"]


def test_an_answer_is_kept_and_served_from_memory(place, hearing):
    order = place()
    assert _status(order_cache.public_json(order.public_id)) == "Order Placed"
    assert _status(order_cache.cached_public_json(order.public_id)) == "Order Placed"


def test_a_move_made_here_is_seen_at_once(place, session, hearing):
    order = place()
    order_cache.public_json(order.public_id)
    order_moves.change_status(session, order.public_id, OrderStatus.IN_PROGRESS, by="Ana")
    assert order_cache.cached_public_json(order.public_id) is None  # dropped as it committed
    assert _status(order_cache.public_json(order.public_id)) == "In Progress"


def test_a_move_heard_from_another_process_drops_the_answer(place, hearing):
    order, other = place(), place()
    order_cache.public_json(order.public_id)
    order_cache.public_json(other.public_id)
    order_cache.forget_orders([order.public_id])  # what the live feed does with another server's refresh
    assert order_cache.cached_public_json(order.public_id) is None
    assert order_cache.cached_public_json(other.public_id) is not None  # only that order's answer goes


def test_nothing_is_kept_by_a_process_that_hears_no_refreshes(place):
    order = place()
    assert _status(order_cache.public_json(order.public_id)) == "Order Placed"
    assert order_cache.cached_public_json(order.public_id) is None


def test_losing_the_live_feed_forgets_every_answer(place, hearing):
    order = place()
    order_cache.public_json(order.public_id)
    order_cache.hearing_refreshes(False)
    order_cache.hearing_refreshes(True)  # back, but events may have been missed meanwhile
    assert order_cache.cached_public_json(order.public_id) is None


def test_a_read_that_overlapped_a_change_is_not_kept(place, session, hearing, monkeypatch):
    order = place()
    read = order_cache.public_view_json

    def read_then_moved_meanwhile(public_id: str) -> bytes:
        body = read(public_id)  # the old status, read before the move committed
        order_moves.change_status(session, public_id, OrderStatus.IN_PROGRESS, by="Ana")
        return body

    monkeypatch.setattr(order_cache, "public_view_json", read_then_moved_meanwhile)
    assert _status(order_cache.public_json(order.public_id)) == "Order Placed"
    assert order_cache.cached_public_json(order.public_id) is None


def test_an_answer_goes_stale_after_its_time(place, hearing, monkeypatch):
    order = place()
    order_cache.public_json(order.public_id)
    monkeypatch.setattr(order_cache, "TTL_SECONDS", 0.0)
    assert order_cache.cached_public_json(order.public_id) is None


def test_the_oldest_answer_makes_room(place, hearing, monkeypatch):
    monkeypatch.setattr(order_cache, "MOST_ORDERS", 2)
    first, second, third = place(), place(), place()
    for order in (first, second, third):
        order_cache.public_json(order.public_id)
    assert order_cache.cached_public_json(first.public_id) is None
    assert order_cache.cached_public_json(third.public_id) is not None

"""Undo reverts an order's last move, is recorded as a move of its own, and walks back one step at a time."""

import pytest

from services import order_views, orders
from services.errors import Conflict
from services.order_status import OrderStatus as S


def _history(session, order):
    return [(h.from_status, h.status, h.undo) for h in order_views.staff_view(session, order.public_id).history]


def test_undo_reverts_the_last_move_and_records_it(session, place):
    order = place(route=(S.IN_PROGRESS, S.READY))

    undone = orders.undo_last_move(session, order.public_id, by="Maria")

    assert undone.status == S.IN_PROGRESS
    view = order_views.staff_view(session, order.public_id)
    assert view.status == S.IN_PROGRESS
    last = view.history[-1]
    assert (last.from_status, last.status, last.undo, last.by) == (S.READY, S.IN_PROGRESS, True, "Maria")
    assert last.note
    assert len(view.history) == 4


def test_repeated_undo_walks_back_to_the_start_then_stops(session, place):
    order = place(route=(S.IN_PROGRESS, S.READY, S.PICKED_UP))

    walked = [orders.undo_last_move(session, order.public_id, by="Maria").status for _ in range(3)]

    assert walked == [S.READY, S.IN_PROGRESS, S.PLACED]
    with pytest.raises(Conflict):
        orders.undo_last_move(session, order.public_id, by="Maria")
    assert orders.get_order(session, order.public_id).status == S.PLACED
    assert _history(session, order) == [
        (None, S.PLACED, False),
        (S.PLACED, S.IN_PROGRESS, False),
        (S.IN_PROGRESS, S.READY, False),
        (S.READY, S.PICKED_UP, False),
        (S.PICKED_UP, S.READY, True),
        (S.READY, S.IN_PROGRESS, True),
        (S.IN_PROGRESS, S.PLACED, True),
    ]


def test_undo_with_nothing_to_undo_is_refused_and_records_nothing(session, place):
    order = place()
    before = _history(session, order)

    with pytest.raises(Conflict):
        orders.undo_last_move(session, order.public_id, by="Maria")

    assert orders.get_order(session, order.public_id).status == S.PLACED
    assert _history(session, order) == before


def test_a_cancellation_by_mistake_can_be_undone(session, place):
    order = place(route=(S.IN_PROGRESS, S.CANCELLED))

    assert orders.undo_last_move(session, order.public_id, by="Maria").status == S.IN_PROGRESS
    assert orders.change_status(session, order.public_id, S.READY, by="Maria").status == S.READY


def test_undo_after_moving_on_again_reverts_the_newest_move(session, place):
    order = place(route=(S.IN_PROGRESS,))
    orders.undo_last_move(session, order.public_id, by="Maria")
    orders.change_status(session, order.public_id, S.IN_PROGRESS, by="Maria")
    orders.change_status(session, order.public_id, S.READY, by="Maria")

    walked = [orders.undo_last_move(session, order.public_id, by="Maria").status for _ in range(2)]

    assert walked == [S.IN_PROGRESS, S.PLACED]
    with pytest.raises(Conflict):
        orders.undo_last_move(session, order.public_id, by="Maria")

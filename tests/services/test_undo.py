"""Undo reverts an order's last move, is recorded as a move of its own, and walks back one step at a time;
one undo (however often it is clicked or sent) reverts exactly one move."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session

from services import order_moves, order_views, orders
from services.errors import Conflict
from services.order_status import OrderStatus as S

STAFF = 20


def _history(session, order):
    return [(h.from_status, h.status, h.undo) for h in order_views.staff_view(session, order.public_id).history]


def _undo_seen(session, order, by="Maria"):
    """Undo as the board does: with the version the card shows."""
    seen = orders.get_order(session, order.public_id).version
    return order_moves.undo_last_move(session, order.public_id, by=by, expected_version=seen)


def test_undo_reverts_the_last_move_and_records_it(session, place):
    order = place(route=(S.IN_PROGRESS, S.READY))

    undone = order_moves.undo_last_move(session, order.public_id, by="Maria")

    assert undone.status == S.IN_PROGRESS
    view = order_views.staff_view(session, order.public_id)
    assert view.status == S.IN_PROGRESS
    last = view.history[-1]
    assert (last.from_status, last.status, last.undo, last.by) == (S.READY, S.IN_PROGRESS, True, "Maria")
    assert last.note
    assert len(view.history) == 4


def test_repeated_undo_walks_back_to_the_start_then_stops(session, place):
    order = place(route=(S.IN_PROGRESS, S.READY, S.PICKED_UP))

    walked = [_undo_seen(session, order).status for _ in range(3)]

    assert walked == [S.READY, S.IN_PROGRESS, S.PLACED]
    with pytest.raises(Conflict):
        _undo_seen(session, order)
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
        order_moves.undo_last_move(session, order.public_id, by="Maria")

    assert orders.get_order(session, order.public_id).status == S.PLACED
    assert _history(session, order) == before


def test_a_cancellation_by_mistake_can_be_undone(session, place):
    order = place(route=(S.IN_PROGRESS, S.CANCELLED))

    assert order_moves.undo_last_move(session, order.public_id, by="Maria").status == S.IN_PROGRESS
    assert order_moves.change_status(session, order.public_id, S.READY, by="Maria").status == S.READY


def test_undo_after_moving_on_again_reverts_the_newest_move(session, place):
    order = place(route=(S.IN_PROGRESS,))
    order_moves.undo_last_move(session, order.public_id, by="Maria")
    order_moves.change_status(session, order.public_id, S.IN_PROGRESS, by="Maria")
    order_moves.change_status(session, order.public_id, S.READY, by="Maria")

    walked = [_undo_seen(session, order).status for _ in range(2)]

    assert walked == [S.IN_PROGRESS, S.PLACED]
    with pytest.raises(Conflict):
        _undo_seen(session, order)


def test_an_undo_with_a_stale_version_is_refused_and_records_nothing(session, place):
    order = place(route=(S.IN_PROGRESS, S.READY))
    shown = orders.get_order(session, order.public_id).version
    order_moves.undo_last_move(session, order.public_id, by="Sam", expected_version=shown)
    before = _history(session, order)

    with pytest.raises(Conflict):
        order_moves.undo_last_move(session, order.public_id, by="Maria", expected_version=shown)

    assert orders.get_order(session, order.public_id).status == S.IN_PROGRESS
    assert _history(session, order) == before


def test_an_undo_without_a_version_never_reverts_a_second_move(session, place):
    order = place(route=(S.IN_PROGRESS, S.READY))
    order_moves.undo_last_move(session, order.public_id, by="Maria")
    before = _history(session, order)

    with pytest.raises(Conflict, match="expected_version"):
        order_moves.undo_last_move(session, order.public_id, by="Maria")

    assert orders.get_order(session, order.public_id).status == S.IN_PROGRESS
    assert _history(session, order) == before


@pytest.mark.parametrize("with_version", [True, False], ids=["with-version", "without-version"])
def test_twenty_undos_at_once_revert_exactly_one_move(db, place, with_version):
    order = place(route=(S.IN_PROGRESS, S.READY, S.PICKED_UP))
    with Session(db) as board:  # the version the staff's board shows, read as the board would
        shown = orders.get_order(board, order.public_id).version if with_version else None
    start = threading.Barrier(STAFF)

    def click(n: int) -> str:
        with Session(db, expire_on_commit=False) as own_session:
            start.wait()
            try:
                order_moves.undo_last_move(own_session, order.public_id, by=f"staff-{n}", expected_version=shown)
            except Conflict:
                return "refused"
            return "undone"

    with ThreadPoolExecutor(max_workers=STAFF) as pool:
        outcomes = list(pool.map(click, range(STAFF)))

    assert sorted(outcomes) == ["refused"] * (STAFF - 1) + ["undone"]
    with Session(db) as fresh:
        assert orders.get_order(fresh, order.public_id).status == S.READY
        assert [undo for _, _, undo in _history(fresh, order)].count(True) == 1

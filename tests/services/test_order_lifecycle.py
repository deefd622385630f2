"""The order lifecycle as the README states it: which moves staff may make, and that every other is refused."""

from itertools import pairwise

import pytest

from services import order_moves, order_views, orders
from services.errors import Conflict
from services.order_status import OrderStatus as S

# The README: Order Placed -> In Progress -> Ready -> Picked Up, or Ready -> Shipped -> Delivered;
# Cancelled from any status that is not final.
LEGAL = {
    (S.PLACED, S.IN_PROGRESS),
    (S.IN_PROGRESS, S.READY),
    (S.READY, S.PICKED_UP),
    (S.READY, S.SHIPPED),
    (S.SHIPPED, S.DELIVERED),
    (S.PLACED, S.CANCELLED),
    (S.IN_PROGRESS, S.CANCELLED),
    (S.READY, S.CANCELLED),
    (S.SHIPPED, S.CANCELLED),
}
ROUTE_TO = {
    S.PLACED: (),
    S.IN_PROGRESS: (S.IN_PROGRESS,),
    S.READY: (S.IN_PROGRESS, S.READY),
    S.PICKED_UP: (S.IN_PROGRESS, S.READY, S.PICKED_UP),
    S.SHIPPED: (S.IN_PROGRESS, S.READY, S.SHIPPED),
    S.DELIVERED: (S.IN_PROGRESS, S.READY, S.SHIPPED, S.DELIVERED),
    S.CANCELLED: (S.CANCELLED,),
}


def _history(session, order):
    return [(h.from_status, h.status) for h in order_views.staff_view(session, order.public_id).history]


@pytest.mark.parametrize(
    "path",
    [
        (S.IN_PROGRESS, S.READY, S.PICKED_UP),
        (S.IN_PROGRESS, S.READY, S.SHIPPED, S.DELIVERED),
    ],
    ids=["picked-up-at-the-counter", "shipped-and-delivered"],
)
def test_an_order_walks_the_whole_path(session, place, path):
    order = place()

    for status in path:
        moved = order_moves.change_status(session, order.public_id, status, by="Maria")
        assert moved.status == status

    steps = [S.PLACED, *path]
    assert _history(session, order) == [(None, S.PLACED), *pairwise(steps)]
    assert orders.get_order(session, order.public_id).status == path[-1]


@pytest.mark.parametrize("current", [S.PLACED, S.IN_PROGRESS, S.READY, S.SHIPPED])
def test_an_order_can_be_cancelled_until_it_is_final(session, place, current):
    order = place(route=ROUTE_TO[current])

    order_moves.cancel_order(session, order.public_id, reason="Customer phoned", by="Maria")

    view = order_views.staff_view(session, order.public_id)
    assert view.status == S.CANCELLED
    last = view.history[-1]
    assert (last.from_status, last.status, last.by, last.note) == (current, S.CANCELLED, "Maria", "Customer phoned")


@pytest.mark.parametrize("current", list(S))
def test_every_move_the_readme_does_not_allow_is_refused(session, place, current):
    order = place(route=ROUTE_TO[current])
    history = _history(session, order)
    forbidden = [target for target in S if (current, target) not in LEGAL]

    for target in forbidden:
        with pytest.raises(Conflict):
            order_moves.change_status(session, order.public_id, target, by="Maria")

    stored = orders.get_order(session, order.public_id)
    assert stored.status == current
    assert _history(session, order) == history


@pytest.mark.parametrize("current", list(S))
def test_every_move_the_readme_allows_is_accepted(session, place, current):
    for target in [t for t in S if (current, t) in LEGAL]:
        order = place(route=ROUTE_TO[current])

        note = "Customer phoned" if target == S.CANCELLED else None  # a cancellation needs a reason
        assert order_moves.change_status(session, order.public_id, target, by="Maria", note=note).status == target


def test_one_click_on_the_board_takes_the_usual_next_step(session, place):
    order = place()

    seen = [order_moves.advance_order(session, order.public_id, by="board").status for _ in range(3)]

    assert seen == [S.IN_PROGRESS, S.READY, S.PICKED_UP]
    with pytest.raises(Conflict):
        order_moves.advance_order(session, order.public_id, by="board")


def test_a_move_based_on_a_stale_view_is_refused(session, place):
    order = place()
    seen_version = orders.get_order(session, order.public_id).version
    order_moves.change_status(session, order.public_id, S.IN_PROGRESS, by="Maria")

    with pytest.raises(Conflict):
        order_moves.cancel_order(session, order.public_id, reason=None, by="Tom", expected_version=seen_version)

    assert orders.get_order(session, order.public_id).status == S.IN_PROGRESS


def test_each_history_row_says_from_where_to_where_when_by_whom_and_why(session, place):
    order = place()

    order_moves.change_status(session, order.public_id, S.IN_PROGRESS, by="Maria", note="Oven 2")

    first, second = order_views.staff_view(session, order.public_id).history
    assert (first.from_status, first.status) == (None, S.PLACED)
    assert (second.from_status, second.status, second.by, second.note) == (S.PLACED, S.IN_PROGRESS, "Maria", "Oven 2")
    assert first.at.tzinfo is not None and second.at >= first.at

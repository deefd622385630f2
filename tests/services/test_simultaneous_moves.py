"""On PostgreSQL, twenty members of staff moving one order at the same instant: exactly one move happens per step."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session

from services import order_moves, order_views
from services.errors import Conflict
from services.order_status import OrderStatus as S

STAFF = 20


def _everyone_tries(engine, public_id: str, target: S) -> list[str]:
    start = threading.Barrier(STAFF)

    def attempt(n: int) -> str:
        with Session(engine, expire_on_commit=False) as own_session:
            start.wait()
            try:
                order_moves.change_status(own_session, public_id, target, by=f"staff-{n}")
            except Conflict:
                return "conflict"
            return "moved"

    with ThreadPoolExecutor(max_workers=STAFF) as pool:
        return list(pool.map(attempt, range(STAFF)))


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_one_move_per_step_and_a_history_without_gaps_or_twins(db, place):
    order = place()

    for step in (S.IN_PROGRESS, S.READY, S.PICKED_UP):
        outcomes = _everyone_tries(db, order.public_id, step)
        assert sorted(outcomes) == ["conflict"] * (STAFF - 1) + ["moved"], step

    with Session(db) as fresh:
        view = order_views.staff_view(fresh, order.public_id)
    assert view.status == S.PICKED_UP
    assert [(h.from_status, h.status) for h in view.history] == [
        (None, S.PLACED),
        (S.PLACED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.READY),
        (S.READY, S.PICKED_UP),
    ]

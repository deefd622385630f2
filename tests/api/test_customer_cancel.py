"""A customer cancels their own order over REST with its code: only while it is placed, with a reason, by the
same rules as staff (version check, history, the slot given back)."""

from sqlmodel import select

from services.database import session_scope
from services.models import OrderSlot
from services.order_views import staff_view
from services.orders import get_order
from tests.api.checks import refused
from tests.conftest import open_pickup_time


def _cancel(api, order_id: str, **body):
    return api.post(f"/order/{order_id}/cancel", json={"reason": "Plans changed", **body})


def test_a_customer_cancels_a_placed_order_with_its_code(anonymous_api, place):
    order_id = place(pickup_at=open_pickup_time().isoformat())
    version = anonymous_api.get(f"/order/{order_id}").json()["version"]

    answer = _cancel(anonymous_api, order_id, expected_version=version)

    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "Cancelled"
    seen = anonymous_api.get(f"/order/{order_id}").json()
    assert seen["status"] == "Cancelled"
    assert seen["cancellation"] == {"reason": "Plans changed", "by_customer": True}
    with session_scope() as session:
        last = staff_view(session, order_id).history[-1]
        assert (last.status, last.by, last.note) == ("Cancelled", "customer", "Plans changed")
        held = session.exec(select(OrderSlot).where(OrderSlot.order_id == get_order(session, order_id).id)).one()
        assert held.released, "the pickup slot got its capacity back"


def test_an_order_the_bakers_started_cannot_be_cancelled_by_the_customer(api, anonymous_api, place, nothing_changes):
    order_id = place()
    assert api.put(f"/order/{order_id}/status", json={"status": "In Progress"}).status_code == 200

    with nothing_changes():
        detail = refused(_cancel(anonymous_api, order_id), 409)

    assert "In Progress now, so it can no longer be cancelled online; please call the bakery" in detail


def test_a_cancel_of_an_order_that_changed_meanwhile_is_refused(anonymous_api, place, nothing_changes):
    order_id = place()
    version = anonymous_api.get(f"/order/{order_id}").json()["version"]

    with nothing_changes():
        refused(_cancel(anonymous_api, order_id, expected_version=version + 1), 409)


def test_a_cancel_needs_a_reason(anonymous_api, place, nothing_changes):
    order_id = place()

    with nothing_changes():
        answer = _cancel(anonymous_api, order_id, reason="   ")

    assert refused(answer, 422) == "Please tell us why you cancel (a few words are enough)"
    assert answer.json()["message"] == "Please tell us why you cancel (a few words are enough)"


def test_an_unknown_order_code_cannot_be_cancelled(anonymous_api, product_ids, nothing_changes):
    with nothing_changes():
        refused(_cancel(anonymous_api, "no-such-order"), 404)

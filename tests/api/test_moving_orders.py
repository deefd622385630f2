"""Staff and scripts move an order along its lifecycle with PUT /order/{id}/status, and undo a mistake."""

import pytest

from tests.api.checks import refused
from tests.conftest import bearer


def _move(api, order_id: str, status: str):
    reason = {"note": "Customer phoned"} if status == "Cancelled" else {}  # a cancellation needs one
    return api.put(f"/order/{order_id}/status", json={"status": status} | reason)


@pytest.mark.parametrize(
    "path",
    [
        ["In Progress", "Ready", "Picked Up"],
        ["In Progress", "Ready", "Shipped", "Delivered"],
        ["Cancelled"],
        ["In Progress", "Ready", "Shipped", "Cancelled"],
    ],
    ids=["collected", "delivered", "cancelled-at-once", "cancelled-on-the-road"],
)
def test_each_legal_step_is_accepted_and_recorded(api, place, path):
    order_id = place()

    for status in path:
        moved = _move(api, order_id, status)
        assert moved.status_code == 200, moved.text
        assert moved.json()["message"] == "Order status updated successfully"
        assert api.get(f"/order/{order_id}").json()["status"] == status

    history = api.get(f"/order/{order_id}").json()["history"]
    steps = ["Order Placed", *path]
    assert [h["status"] for h in history] == steps
    assert [h["from_status"] for h in history] == [None, *steps[:-1]]


def test_shipped_after_the_legal_path_answers_the_contract_message(api, place):
    order_id = place()
    _move(api, order_id, "In Progress")
    _move(api, order_id, "Ready")

    shipped = _move(api, order_id, "Shipped")

    assert shipped.status_code == 200
    assert shipped.json()["message"] == "Order status updated successfully"
    assert api.get(f"/order/{order_id}").json()["status"] == "Shipped"


def test_who_moved_it_and_why_is_kept_for_staff(api, place):
    order_id = place()

    api.put(f"/order/{order_id}/status", json={"status": "Cancelled", "by": "Maria", "note": "Customer phoned"})

    last = api.get(f"/orders/{order_id}").json()["history"][-1]
    # The signed-in account is on record; "by" adds whose hands it was on that account's behalf.
    assert (last["status"], last["by"], last["note"]) == ("Cancelled", "olive@bakery.test (Maria)", "Customer phoned")


def test_history_names_the_signed_in_account(anonymous_api, place, staff_accounts, settings):
    order_id = place()
    staff = bearer(staff_accounts["staff"], settings)

    anonymous_api.put(f"/order/{order_id}/status", json={"status": "In Progress"}, headers=staff)
    anonymous_api.post(f"/order/{order_id}/undo", headers=staff)

    history = anonymous_api.get(f"/orders/{order_id}", headers=staff).json()["history"]
    assert [h["by"] for h in history[1:]] == ["sam@bakery.test", "sam@bakery.test"]


def test_undo_puts_the_order_back_and_says_so_in_its_history(api, place):
    order_id = place()
    _move(api, order_id, "In Progress")
    _move(api, order_id, "Ready")

    undone = api.post(f"/order/{order_id}/undo")

    assert undone.status_code == 200
    assert undone.json()["status"] == "In Progress"
    order = api.get(f"/orders/{order_id}").json()
    assert order["status"] == "In Progress"
    assert [(h["from_status"], h["status"], h["undo"]) for h in order["history"]] == [
        (None, "Order Placed", False),
        ("Order Placed", "In Progress", False),
        ("In Progress", "Ready", False),
        ("Ready", "In Progress", True),
    ]
    assert _move(api, order_id, "Ready").status_code == 200


@pytest.mark.parametrize("note", [None, "", "   "], ids=["missing", "empty", "blank"])
def test_a_cancellation_without_a_reason_is_refused_as_on_the_board(api, place, nothing_changes, note):
    order_id = place()
    body = {"status": "Cancelled"} | ({} if note is None else {"note": note})

    with nothing_changes():
        detail = refused(api.put(f"/order/{order_id}/status", json=body), 422)

    assert "reason" in str(detail)
    assert api.get(f"/order/{order_id}").json()["status"] == "Order Placed"

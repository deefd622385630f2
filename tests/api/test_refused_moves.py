"""A move the lifecycle forbids answers 409, an unknown status 422 listing the real ones; the order stays put."""

import pytest

from tests.api.checks import refused

ALL_STATUSES = ["Order Placed", "In Progress", "Ready", "Picked Up", "Shipped", "Delivered", "Cancelled"]

# How to reach each status, and where the README says it may NOT go next.
ROUTE = {
    "Order Placed": [],
    "In Progress": ["In Progress"],
    "Ready": ["In Progress", "Ready"],
    "Shipped": ["In Progress", "Ready", "Shipped"],
    "Picked Up": ["In Progress", "Ready", "Picked Up"],
    "Delivered": ["In Progress", "Ready", "Shipped", "Delivered"],
    "Cancelled": ["Cancelled"],
}
FORBIDDEN = {
    "Order Placed": ["Order Placed", "Ready", "Picked Up", "Shipped", "Delivered"],
    "In Progress": ["Order Placed", "In Progress", "Picked Up", "Shipped", "Delivered"],
    "Ready": ["Order Placed", "In Progress", "Ready", "Delivered"],
    "Shipped": ["Order Placed", "In Progress", "Ready", "Picked Up", "Shipped"],
    "Picked Up": ALL_STATUSES,
    "Delivered": ALL_STATUSES,
    "Cancelled": ALL_STATUSES,
}


def _order_at(api, place, status: str) -> str:
    order_id = place()
    for step in ROUTE[status]:
        reason = {"note": "Customer phoned"} if step == "Cancelled" else {}  # a cancellation needs one
        assert api.put(f"/order/{order_id}/status", json={"status": step} | reason).status_code == 200
    return order_id


@pytest.mark.parametrize("current", FORBIDDEN)
def test_every_illegal_move_is_refused(api, place, nothing_changes, current):
    order_id = _order_at(api, place, current)

    with nothing_changes():
        for target in FORBIDDEN[current]:
            response = api.put(f"/order/{order_id}/status", json={"status": target})
            assert response.status_code == 409, f"{current} -> {target} answered {response.status_code}"
            assert current in refused(response, 409)

    assert api.get(f"/order/{order_id}").json()["status"] == current


def test_the_refusal_says_which_moves_are_allowed(api, place):
    order_id = place()

    detail = refused(api.put(f"/order/{order_id}/status", json={"status": "Ready"}), 409)

    assert "In Progress" in detail and "Cancelled" in detail


@pytest.mark.parametrize(
    "status", ["Baked", "ready", "", None, 3], ids=["unknown", "lower-case", "empty", "null", "number"]
)
def test_an_unknown_status_is_refused_with_the_allowed_ones(api, place, nothing_changes, status):
    order_id = place()

    with nothing_changes():
        response = api.put(f"/order/{order_id}/status", json={"status": status})

    detail = str(refused(response, 422))
    for allowed in ALL_STATUSES:
        assert allowed in detail
    assert api.get(f"/order/{order_id}").json()["status"] == "Order Placed"


@pytest.mark.parametrize(
    "body, raw",
    [
        ({}, None),
        ({"state": "Ready"}, None),
        (None, b'{"status": "In Progress"'),
        ({"status": "Ready", "by": ""}, None),
    ],
    ids=["missing-status", "misspelt-field", "cut-off-json", "empty-by"],
)
def test_a_bad_status_body_is_refused(api, place, nothing_changes, body, raw):
    order_id = place()

    with nothing_changes():
        if raw is None:
            response = api.put(f"/order/{order_id}/status", json=body)
        else:
            response = api.put(f"/order/{order_id}/status", content=raw, headers={"content-type": "application/json"})

    refused(response, 422)


def test_undo_on_a_fresh_order_is_refused(api, place, nothing_changes):
    order_id = place()

    with nothing_changes():
        response = api.post(f"/order/{order_id}/undo")

    assert "undo" in refused(response, 409).lower()
    assert api.get(f"/order/{order_id}").json()["status"] == "Order Placed"

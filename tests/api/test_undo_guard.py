"""POST /order/{id}/undo reverts exactly one move per undo: a stale `expected_version` gets 409, a body-less
undo never reverts a second move, and twenty tablets pressing undo at once revert one move between them."""

import asyncio

import httpx
import pytest

from bakeops_ui.app import create_api
from tests.api.checks import refused
from tests.conftest import bearer

TABLETS = 20


def _walked(api, order_id: str, *statuses: str) -> int:
    for status in statuses:
        assert api.put(f"/order/{order_id}/status", json={"status": status}).status_code == 200
    return api.get(f"/orders/{order_id}").json()["version"]


def test_an_undo_with_the_version_shown_walks_back_one_move_at_a_time(api, place):
    order_id = place()
    version = _walked(api, order_id, "In Progress", "Ready")

    for expected in ("In Progress", "Order Placed"):
        undone = api.post(f"/order/{order_id}/undo", json={"expected_version": version})
        assert undone.status_code == 200 and undone.json()["status"] == expected
        version += 1


def test_an_undo_with_a_stale_version_is_refused(api, place, nothing_changes):
    order_id = place()
    version = _walked(api, order_id, "In Progress", "Ready")
    assert api.post(f"/order/{order_id}/undo", json={"expected_version": version}).status_code == 200

    with nothing_changes():
        again = api.post(f"/order/{order_id}/undo", json={"expected_version": version})

    refused(again, 409)


def test_a_second_undo_without_a_version_is_refused(api, place, nothing_changes):
    order_id = place()
    _walked(api, order_id, "In Progress", "Ready")
    assert api.post(f"/order/{order_id}/undo").status_code == 200

    with nothing_changes():
        again = api.post(f"/order/{order_id}/undo")

    assert "expected_version" in refused(again, 409)
    assert api.get(f"/orders/{order_id}").json()["status"] == "In Progress"


@pytest.mark.parametrize("version", ["5", 0, 1.5, True], ids=repr)
def test_a_malformed_version_is_refused(api, place, nothing_changes, version):
    order_id = place()
    _walked(api, order_id, "In Progress")

    with nothing_changes():
        refused(api.post(f"/order/{order_id}/undo", json={"expected_version": version}), 422)


@pytest.mark.parametrize("send_version", [True, False], ids=["with-version", "without-version"])
async def test_twenty_undos_at_once_revert_one_move(db, settings, product_ids, staff_accounts, send_version):
    transport = httpx.ASGITransport(app=create_api(settings))
    staff = bearer(staff_accounts["staff"], settings)
    async with httpx.AsyncClient(transport=transport, base_url="http://bakery", headers=staff) as client:
        order_id = (await client.post("/order", json={"product_id": product_ids["Baguette"]})).json()["order_id"]
        for status in ("In Progress", "Ready", "Picked Up"):
            await client.put(f"/order/{order_id}/status", json={"status": status})
        shown = (await client.get(f"/orders/{order_id}")).json()["version"]
        body = {"json": {"expected_version": shown}} if send_version else {}

        answers = await asyncio.gather(*(client.post(f"/order/{order_id}/undo", **body) for _ in range(TABLETS)))
        order = (await client.get(f"/orders/{order_id}")).json()

    assert sorted(a.status_code for a in answers) == [200] + [409] * (TABLETS - 1)
    assert order["status"] == "Ready"
    assert [h["undo"] for h in order["history"]].count(True) == 1

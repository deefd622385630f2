"""Twenty staff tablets pressing "next" on the same order at once: one wins each step, the rest get 409."""

import asyncio

import httpx
import pytest

from bakeops_ui.app import create_api
from tests.conftest import bearer

STEPS = ["In Progress", "Ready", "Picked Up"]
TABLETS = 20


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_each_step_is_taken_exactly_once(db, settings, product_ids, staff_accounts):
    transport = httpx.ASGITransport(app=create_api(settings))
    staff = bearer(staff_accounts["staff"], settings)
    async with httpx.AsyncClient(transport=transport, base_url="http://bakery", headers=staff) as client:
        placed = await client.post("/order", json={"product_id": product_ids["Baguette"]})
        order_id = placed.json()["order_id"]

        for step in STEPS:
            answers = await asyncio.gather(
                *(client.put(f"/order/{order_id}/status", json={"status": step}) for _ in range(TABLETS))
            )
            codes = sorted(a.status_code for a in answers)
            assert codes == [200] + [409] * (TABLETS - 1), f"{step}: {codes}"
            assert all("detail" in a.json() for a in answers if a.status_code == 409)

        order = (await client.get(f"/orders/{order_id}")).json()

    assert order["status"] == "Picked Up"
    assert [(h["from_status"], h["status"]) for h in order["history"]] == [
        (None, "Order Placed"),
        ("Order Placed", "In Progress"),
        ("In Progress", "Ready"),
        ("Ready", "Picked Up"),
    ]
    assert order["version"] == 1 + len(STEPS)

"""The bakery says whether it delivers; the REST contract accepts Shipped whatever it says."""


def test_a_bakery_starts_as_a_pickup_bakery_and_an_admin_switches_delivery_on(api):
    assert api.get("/bakery").json()["delivery_enabled"] is False

    answer = api.patch("/bakery", json={"delivery_enabled": True})

    assert answer.status_code == 200, answer.text
    assert api.get("/bakery").json()["delivery_enabled"] is True


def test_shipped_is_accepted_over_rest_while_delivery_is_off(api, place):
    order_id = place()
    assert api.get("/bakery").json()["delivery_enabled"] is False
    for status in ("In Progress", "Ready", "Shipped"):
        assert api.put(f"/order/{order_id}/status", json={"status": status}).status_code == 200
    assert api.get(f"/order/{order_id}").json()["status"] == "Shipped"

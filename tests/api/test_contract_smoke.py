"""The seed's five endpoints answer as the contract says, on both databases."""


def test_the_five_contract_endpoints(api, demo_catalogue):
    products = api.get("/products")
    assert products.status_code == 200
    cake = next(p for p in products.json() if p["name"] == "Chocolate Cake")
    assert cake["price"] == 250.0 and isinstance(cake["price"], float)

    added = api.post("/products", json={"name": "Lemon Tart", "price": 150.00})
    assert added.status_code == 201
    assert added.json()["message"] == "Product added successfully"

    placed = api.post("/order", json={"product_id": added.json()["id"]})
    assert placed.status_code == 201
    assert placed.json()["status"] == "Order Placed"
    order_id = placed.json()["order_id"]

    moved = api.put(f"/order/{order_id}/status", json={"status": "In Progress"})
    assert moved.status_code == 200
    assert moved.json()["message"] == "Order status updated successfully"

    seen = api.get(f"/order/{order_id}").json()
    assert seen["status"] == "In Progress"
    assert seen["total"] == 150.0
    assert [h["status"] for h in seen["history"]] == ["Order Placed", "In Progress"]

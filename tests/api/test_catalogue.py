"""The catalogue over REST: listing, adding, reading and changing products, with prices as JSON numbers."""

from services.demo import DEMO_CATALOGUE


def test_the_catalogue_lists_every_demo_product_with_its_price_as_a_number(api, demo_catalogue):
    response = api.get("/products")

    assert response.status_code == 200
    listed = {p["name"]: p for p in response.json()}
    assert set(listed) == {entry["name"] for entry in DEMO_CATALOGUE}
    for entry in DEMO_CATALOGUE:
        price = listed[entry["name"]]["price"]
        assert isinstance(price, float), f"{entry['name']} price {price!r} is not a JSON number"
        assert price == float(entry["price"])
    assert listed["Chocolate Cake"]["price"] == 250.0


def test_a_sold_out_product_is_listed_as_unavailable(api, demo_catalogue):
    listed = {p["name"]: p for p in api.get("/products").json()}

    assert listed["Almond Croissant"]["available"] is False
    assert listed["Baguette"]["available"] is True


def test_an_added_product_appears_in_the_catalogue(api, demo_catalogue):
    before = len(api.get("/products").json())

    added = api.post("/products", json={"name": "Lemon Tart", "price": 150.00, "category": "Cakes"})

    assert added.status_code == 201
    assert added.json()["message"] == "Product added successfully"
    new_id = added.json()["id"]
    listed = api.get("/products").json()
    assert len(listed) == before + 1
    tart = next(p for p in listed if p["id"] == new_id)
    assert (tart["name"], tart["price"], tart["category"], tart["available"]) == ("Lemon Tart", 150.0, "Cakes", True)


def test_one_product_can_be_read_by_its_id(api, product_ids):
    response = api.get(f"/products/{product_ids['Sourdough Loaf']}")

    assert response.status_code == 200
    loaf = response.json()
    assert loaf["name"] == "Sourdough Loaf"
    assert loaf["price"] == 5.5
    assert loaf["lead_time_hours"] == 24


def test_staff_can_change_a_price_and_mark_a_product_sold_out(api, product_ids):
    rye = product_ids["Seeded Rye"]

    changed = api.patch(f"/products/{rye}", json={"price": 5.80, "available": False})

    assert changed.status_code == 200
    assert changed.json()["price"] == 5.8
    assert changed.json()["available"] is False
    seen = api.get(f"/products/{rye}").json()
    assert (seen["name"], seen["price"], seen["available"]) == ("Seeded Rye", 5.8, False)


def test_renaming_a_product_keeps_its_other_details(api, product_ids):
    bun = product_ids["Cinnamon Bun"]
    before = api.get(f"/products/{bun}").json()

    renamed = api.patch(f"/products/{bun}", json={"name": "Cardamom Bun"})

    assert renamed.status_code == 200
    assert renamed.json() == before | {"name": "Cardamom Bun"}


def test_a_retired_product_leaves_the_catalogue_but_can_still_be_read(api, product_ids):
    lemon = product_ids["Lemon Drizzle"]

    assert api.patch(f"/products/{lemon}", json={"active": False}).status_code == 200

    assert "Lemon Drizzle" not in {p["name"] for p in api.get("/products").json()}
    assert api.get(f"/products/{lemon}").json()["active"] is False


def test_a_daily_limit_can_be_cleared_with_null(api, product_ids):
    cake = product_ids["Chocolate Cake"]
    assert api.get(f"/products/{cake}").json()["daily_limit"] is not None

    cleared = api.patch(f"/products/{cake}", json={"daily_limit": None})

    assert cleared.status_code == 200
    assert api.get(f"/products/{cake}").json()["daily_limit"] is None

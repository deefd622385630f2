"""Two products may not share a name, whatever the letter case, whether added or renamed (409)."""

import pytest

from tests.api.checks import refused


@pytest.mark.parametrize("name", ["Baguette", "baguette", "BAGUETTE", "  Baguette  "])
def test_adding_a_product_under_a_taken_name_is_refused(api, demo_catalogue, nothing_changes, name):
    with nothing_changes():
        response = api.post("/products", json={"name": name, "price": 3.00})

    assert "already exists" in refused(response, 409)


@pytest.mark.parametrize("name", ["Baguette", "bAgUeTtE"])
def test_renaming_a_product_to_a_taken_name_is_refused(api, product_ids, nothing_changes, name):
    rye = product_ids["Seeded Rye"]

    with nothing_changes():
        response = api.patch(f"/products/{rye}", json={"name": name})

    refused(response, 409)
    assert api.get(f"/products/{rye}").json()["name"] == "Seeded Rye"


def test_a_product_may_change_the_case_of_its_own_name(api, product_ids):
    rye = product_ids["Seeded Rye"]

    renamed = api.patch(f"/products/{rye}", json={"name": "SEEDED RYE"})

    assert renamed.status_code == 200
    assert api.get(f"/products/{rye}").json()["name"] == "SEEDED RYE"

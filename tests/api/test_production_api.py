"""Recipes and the production sheet over REST: entered by the admin, read by staff, refused unchanged when broken."""

import csv
import io
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from tests.api.checks import refused
from tests.conftest import bearer
from tests.services.recipe_book import LEVAIN, STARTER, country_loaf, pickup_on

GRAMS = {"name": "Flour", "quantity": 500}


@pytest.fixture
def loaf_id(api: TestClient) -> int:
    """Starter and Levain as preparations, and the Country Loaf product with its recipe, all through the API."""
    for name, recipe in (("Starter", STARTER), ("Levain", LEVAIN)):
        assert api.put(f"/preparations/{name}", json=recipe).status_code == 200
    created = api.post("/products", json={"name": "Country Loaf", "price": 4.5, "category": "Breads"})
    product_id = created.json()["id"]
    saved = api.put(f"/products/{product_id}/recipe", json=country_loaf())
    assert saved.status_code == 200, saved.text
    return product_id


@pytest.fixture
def day_of_37(api: TestClient, loaf_id: int) -> str:
    """37 Country Loaves ordered for one day (a basket of 30 and one of 7); returns the day."""
    for quantity in (30, 7):
        placed = api.post(
            "/order",
            json={"items": [{"product_id": loaf_id, "quantity": quantity}], "pickup_at": pickup_on(3).isoformat()},
        )
        assert placed.status_code == 201, placed.text
    return pickup_on(3).date().isoformat()


def test_a_recipe_entered_in_percentages_reads_back_in_grams(api: TestClient, loaf_id: int) -> None:
    body = api.get(f"/products/{loaf_id}/recipe").json()

    assert (body["name"], body["yield_quantity"], body["entered_as"], body["flour_grams"]) == (
        "Country Loaf",
        10,
        "percentages",
        5000,
    )
    assert [(i["name"], i["percent"], i["grams"]) for i in body["ingredients"]] == [
        ("Flour", 100, 5000),
        ("Water", 75, 3750),
        ("Salt", 2, 100),
        ("Levain", 20, 1000),
    ]
    assert [p["name"] for p in api.get("/preparations").json()] == ["Levain", "Starter"]


def test_the_days_sheet_has_the_mixes_and_ingredient_totals_as_numbers(api: TestClient, day_of_37: str) -> None:
    response = api.get("/production", params={"day": day_of_37})

    assert response.status_code == 200, response.text
    sheet = response.json()
    assert sheet["products"] == [
        {"product_id": sheet["products"][0]["product_id"], "name": "Country Loaf", "quantity": 37, "has_recipe": True}
    ]
    assert [(m["recipe"], m["quantity"], m["batches"]) for m in sheet["mixes"]] == [
        ("Country Loaf", 37, 1),
        ("Levain", 3700, 1),
        ("Starter", 185, 1),
    ]
    assert {i["name"]: i["quantity"] for i in sheet["ingredients"]} == {
        "Flour": 20165,
        "Rye flour": 92.5,
        "Salt": 370,
        "Water": 15817.5,
    }


def test_the_sheet_downloads_as_csv(api: TestClient, day_of_37: str) -> None:
    response = api.get("/production/csv", params={"day": day_of_37})

    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert f"production-{day_of_37}.csv" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    totals = {r["item"]: (r["quantity"], r["unit"]) for r in rows if r["section"] == "ingredients"}
    assert totals == {
        "Flour": ("20165", "g"),
        "Rye flour": ("92.5", "g"),
        "Salt": ("370", "g"),
        "Water": ("15817.5", "g"),
    }
    assert [(r["item"], r["quantity"]) for r in rows if r["section"] == "to make"] == [("Country Loaf", "37")]


def test_the_sheet_prints_as_a_pdf_with_the_ingredient_totals(api: TestClient, day_of_37: str) -> None:
    response = api.get("/production/pdf", params={"day": day_of_37})

    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 in points
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Ingredients to weigh out today" in text
    cells = [c.strip() for c in text.split("Ingredients to weigh out today", 1)[1].splitlines() if c.strip()]
    assert cells[:2] == ["Ingredient", "Total"]
    assert dict(zip(cells[2::2], cells[3::2], strict=True)) == {
        "Flour": "20,165 g",
        "Rye flour": "92.5 g",
        "Salt": "370 g",
        "Water": "15,817.5 g",
    }


def test_staff_read_the_sheet_and_recipes_but_only_admins_change_recipes(
    anonymous_api: TestClient, settings, staff_accounts, loaf_id: int
) -> None:
    del anonymous_api.headers["Authorization"]  # the admin's, from stocking the recipes
    staff = bearer(staff_accounts["staff"], settings)
    assert anonymous_api.get("/production", headers=staff).status_code == 200
    assert anonymous_api.get(f"/products/{loaf_id}/recipe", headers=staff).status_code == 200
    refused(anonymous_api.put("/preparations/Starter", json=STARTER, headers=staff), 403)
    refused(anonymous_api.get("/production"), 401)


def _many(count: int) -> dict:
    return STARTER | {"ingredients": [{"name": f"Seed {n}", "quantity": 1} for n in range(count)]}


BROKEN: dict[str, Callable[[int, int], tuple[str, dict]]] = {
    "negative quantity": lambda loaf, plain: (
        "/preparations/Starter",
        STARTER | {"ingredients": [GRAMS | {"quantity": -5}]},
    ),
    "zero quantity": lambda loaf, plain: (
        "/preparations/Starter",
        STARTER | {"ingredients": [GRAMS | {"quantity": 0}]},
    ),
    "zero percent": lambda loaf, plain: (
        f"/products/{loaf}/recipe",
        country_loaf() | {"ingredients": [{"name": "Flour", "percent": 0}]},
    ),
    "yield of 0": lambda loaf, plain: ("/preparations/Starter", STARTER | {"yield_quantity": 0}),
    "no ingredients": lambda loaf, plain: ("/preparations/Starter", STARTER | {"ingredients": []}),
    "201 ingredients": lambda loaf, plain: ("/preparations/Starter", _many(201)),
    "percentages without flour weight": lambda loaf, plain: (
        f"/products/{loaf}/recipe",
        country_loaf() | {"flour_grams": None},
    ),
    "two kinds in one line": lambda loaf, plain: (
        "/preparations/Starter",
        STARTER | {"ingredients": [GRAMS | {"preparation": "Levain"}]},
    ),
    "a product's recipe yielding grams": lambda loaf, plain: (
        f"/products/{loaf}/recipe",
        country_loaf() | {"yield_unit": "g"},
    ),
    "product with no recipe": lambda loaf, plain: (
        "/preparations/Starter",
        STARTER | {"ingredients": [{"product_id": plain, "quantity": 1}]},
    ),
    "unknown preparation": lambda loaf, plain: (
        "/preparations/Starter",
        STARTER | {"ingredients": [{"preparation": "Poolish", "quantity": 1}]},
    ),
    "cycle": lambda loaf, plain: (
        "/preparations/Starter",
        STARTER | {"ingredients": [{"preparation": "Levain", "quantity": 1}]},
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_recipe_is_refused_with_the_reason_and_nothing_changes(
    api: TestClient, loaf_id: int, nothing_changes, case: str
) -> None:
    plain = api.post("/products", json={"name": "Plain Roll", "price": 0.8}).json()["id"]  # has no recipe
    path, body = BROKEN[case](loaf_id, plain)
    with nothing_changes():
        detail = refused(api.put(path, json=body), 422)
    expected = {
        "cycle": "Recipe cycle: Starter → Levain → Starter",
        "product with no recipe": "Ingredient Plain Roll has no recipe: give it one first",
        "unknown preparation": "No preparation named 'Poolish': save its recipe first",
    }
    if case in expected:
        assert detail == expected[case]


def test_201_ingredients_is_refused_but_200_are_kept(api: TestClient, loaf_id: int) -> None:
    assert api.put("/preparations/Seed mix", json=_many(200)).status_code == 200
    assert len(api.get("/preparations/Seed mix").json()["ingredients"]) == 200
    refused(api.put("/preparations/Seed mix", json=_many(201)), 422)


def test_unknown_products_and_preparations_are_404(api: TestClient) -> None:
    refused(api.get("/products/999999/recipe"), 404)
    refused(api.put("/products/999999/recipe", json=country_loaf()), 404)
    refused(api.get("/preparations/Poolish"), 404)


def test_a_day_that_is_not_a_date_is_422(api: TestClient) -> None:
    assert api.get("/production", params={"day": "tomorrow"}).status_code == 422


@pytest.mark.parametrize("path", ["/production", "/production/csv", "/production/pdf"])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_day_at_the_end_of_the_calendar_is_422_not_a_server_error(api: TestClient, path: str, day: str) -> None:
    assert "the day must be from" in refused(api.get(path, params={"day": day}), 422)


def test_a_nul_in_a_preparations_name_is_refused_or_not_found_never_a_server_error(api: TestClient) -> None:
    refused(api.put("/preparations/Levain%00", json=STARTER), 422)
    refused(api.get("/preparations/Levain%00"), 404)

"""Recipes: saved as entered, percentages worked out to grams, and every broken recipe refused unchanged."""

from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from services import recipes
from services.errors import Invalid, NotFound
from services.recipe_schemas import RecipeIn
from tests.api import checks
from tests.services.recipe_book import LEVAIN, STARTER, add_product, country_loaf, stock_recipe_book


def test_percentages_are_kept_as_entered_and_worked_out_in_grams(session: Session) -> None:
    loaf = stock_recipe_book(session)

    recipe = recipes.product_recipe(session, loaf.id)

    assert (recipe.name, recipe.entered_as, recipe.flour_grams) == ("Country Loaf", "percentages", Decimal("5000"))
    assert [(i.name, i.percent, i.grams) for i in recipe.ingredients] == [
        ("Flour", Decimal("100"), Decimal("5000")),
        ("Water", Decimal("75"), Decimal("3750")),
        ("Salt", Decimal("2"), Decimal("100")),
        ("Levain", Decimal("20"), Decimal("1000")),
    ]
    assert recipe.ingredients[3].preparation == "Levain"


def test_saving_again_replaces_the_recipe_and_keeps_it_linked(session: Session) -> None:
    stock_recipe_book(session)
    levain_id = recipes.preparation(session, "Levain").id

    recipes.save_preparation(session, "Levain", RecipeIn.model_validate(LEVAIN | {"yield_quantity": 4000}))

    levain = recipes.preparation(session, "Levain")
    assert (levain.id, levain.yield_quantity) == (levain_id, Decimal("4000"))
    assert [p.name for p in recipes.preparations(session)] == ["Levain", "Starter"]


def test_a_product_can_be_an_ingredient_once_it_has_a_recipe(session: Session) -> None:
    loaf = stock_recipe_book(session)
    crumbs = recipes.save_preparation(
        session,
        "Breadcrumbs",
        RecipeIn.model_validate(
            {"yield_quantity": 800, "yield_unit": "g", "ingredients": [{"product_id": loaf.id, "quantity": 2}]}
        ),
    )
    assert [(i.name, i.unit, i.product_id) for i in crumbs.ingredients] == [("Country Loaf", "pcs", loaf.id)]


def test_a_product_without_a_recipe_has_none_to_read(session: Session) -> None:
    plain = add_product(session, "Plain Roll")
    with pytest.raises(NotFound, match="Plain Roll has no recipe"):
        recipes.product_recipe(session, plain.id)


@pytest.mark.parametrize(
    ("name", "uses", "loop"),
    [
        ("Starter", {"preparation": "Levain", "quantity": 10}, "Starter → Levain → Starter"),
        ("Starter", {"product_id": "loaf", "quantity": 1}, "Starter → Country Loaf → Levain → Starter"),
        ("Levain", {"preparation": "Levain", "quantity": 10}, "Levain → Levain"),
    ],
)
def test_a_recipe_that_uses_itself_at_any_depth_is_refused_naming_the_loop(
    session: Session, db: Engine, name: str, uses: dict, loop: str
) -> None:
    loaf = stock_recipe_book(session)
    uses = uses | ({"product_id": loaf.id} if "product_id" in uses else {})
    before = stored(db, session)

    with pytest.raises(Invalid) as refused:
        recipes.save_preparation(session, name, RecipeIn.model_validate(STARTER | {"ingredients": [uses]}))

    assert refused.value.detail == f"Recipe cycle: {loop}"
    assert stored(db, session) == before


def test_a_products_own_recipe_cannot_use_the_product(session: Session) -> None:
    loaf = stock_recipe_book(session)
    own = country_loaf() | {"ingredients": [{"product_id": loaf.id, "percent": 10}]}
    with pytest.raises(Invalid, match="Recipe cycle: Country Loaf → Country Loaf"):
        recipes.save_product_recipe(session, loaf.id, RecipeIn.model_validate(own))


def test_an_ingredient_naming_a_product_without_a_recipe_is_refused(session: Session, db: Engine) -> None:
    stock_recipe_book(session)
    plain = add_product(session, "Plain Roll")
    before = stored(db, session)
    with pytest.raises(Invalid, match="Plain Roll has no recipe"):
        recipes.save_preparation(
            session,
            "Bread pudding",
            RecipeIn.model_validate(STARTER | {"ingredients": [{"product_id": plain.id, "quantity": 3}]}),
        )
    assert stored(db, session) == before


def test_an_unknown_preparation_is_refused(session: Session) -> None:
    loaf = stock_recipe_book(session)
    with pytest.raises(Invalid, match="No preparation named 'Poolish'"):
        recipes.save_product_recipe(
            session,
            loaf.id,
            RecipeIn.model_validate(country_loaf() | {"ingredients": [{"preparation": "Poolish", "percent": 30}]}),
        )


def test_a_pieces_preparation_cannot_be_a_percentage_of_flour(session: Session) -> None:
    loaf = stock_recipe_book(session)
    recipes.save_preparation(
        session,
        "Egg wash",
        RecipeIn.model_validate(
            {"yield_quantity": 2, "yield_unit": "pcs", "ingredients": [{"name": "Egg", "unit": "pcs", "quantity": 1}]}
        ),
    )
    with pytest.raises(Invalid, match="Egg wash yields pieces"):
        recipes.save_product_recipe(
            session,
            loaf.id,
            RecipeIn.model_validate(country_loaf() | {"ingredients": [{"preparation": "Egg wash", "percent": 1}]}),
        )


def stored(db: Engine, session: Session) -> dict[str, list[tuple]]:
    """Every row, read once the test's session has ended its transaction (SQLite: it holds the write lock)."""
    session.rollback()
    return checks.everything_stored(db)

"""The demo catalogue comes with recipes, so a fresh install's production sheet has something on it."""

from datetime import timedelta

from sqlmodel import Session

from services import recipes
from services.demo import load_demo_catalogue
from services.models import Product
from services.production import production_sheet
from services.recipe_schemas import Unit
from tests.services.recipe_book import order, pickup_on


def test_every_demo_product_has_a_recipe(session: Session, demo_catalogue: dict[str, Product]) -> None:
    for product in demo_catalogue.values():
        assert recipes.product_recipe(session, product.id).ingredients, product.name


def test_loading_the_demo_again_adds_no_second_recipe(session: Session, demo_catalogue: dict[str, Product]) -> None:
    before = [r.model_dump() for r in recipes.preparations(session)]
    load_demo_catalogue(session, only_if_empty=False)
    assert [r.model_dump() for r in recipes.preparations(session)] == before


def test_an_almond_croissant_goes_three_levels_down_to_the_dough_started_the_evening_before(
    session: Session, demo_catalogue: dict[str, Product]
) -> None:
    almond = demo_catalogue["Almond Croissant"]
    almond.available = True  # sold out in the demo
    session.add(almond)
    session.commit()
    order(session, (almond, 12))
    day = pickup_on(3).date()

    bake_day = production_sheet(session, day)
    evening_before = production_sheet(session, day - timedelta(days=1))

    assert {m.recipe for m in bake_day.mixes} == {"Almond Croissant", "Butter Croissant", "Frangipane"}
    assert [(m.recipe, m.quantity, m.unit) for m in evening_before.mixes] == [("Croissant dough", 960, Unit.GRAMS)]

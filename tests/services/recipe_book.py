"""A small bakery with a three-level recipe, shared by the recipe and production tests.

Country Loaf (10 loaves, baker's percentages of 5,000 g flour) uses Levain (2,000 g), which uses Starter (500 g):
scaled by hand in test_production.py.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from sqlmodel import Session

from services import catalogue, orders, recipes
from services.models import Order, Product
from services.recipe_schemas import RecipeIn
from services.schemas import OrderLine, OrderRequest, ProductCreate
from tests.conftest import TEST_RULES

STARTER = {
    "yield_quantity": 500,
    "yield_unit": "g",
    "ingredients": [{"name": "Rye flour", "quantity": 250}, {"name": "Water", "quantity": 250}],
}
LEVAIN = {
    "yield_quantity": 2000,
    "yield_unit": "g",
    "ingredients": [
        {"name": "Flour", "quantity": 900},
        {"name": "Water", "quantity": 1000},
        {"preparation": "Starter", "quantity": 100},
    ],
}


def country_loaf() -> dict:
    return {
        "yield_quantity": 10,
        "entered_as": "percentages",
        "flour_grams": 5000,
        "ingredients": [
            {"name": "Flour", "percent": 100},
            {"name": "Water", "percent": 75},
            {"name": "Salt", "percent": 2},
            {"preparation": "Levain", "percent": 20},
        ],
    }


def add_product(session: Session, name: str) -> Product:
    return catalogue.add_product(session, ProductCreate(name=name, price=Decimal("4.50"), category="Breads"))


def stock_recipe_book(session: Session, **loaf: object) -> Product:
    """Starter, Levain and the Country Loaf product with its recipe; `loaf` overrides the loaf recipe's fields."""
    recipes.save_preparation(session, "Starter", RecipeIn.model_validate(STARTER))
    recipes.save_preparation(session, "Levain", RecipeIn.model_validate(LEVAIN))
    product = add_product(session, "Country Loaf")
    recipes.save_product_recipe(session, product.id, RecipeIn.model_validate(country_loaf() | loaf))
    return product


def pickup_on(days_ahead: int, hour: int = 12) -> datetime:
    day = datetime.now(TEST_RULES.zone).date() + timedelta(days=days_ahead)
    return datetime.combine(day, TEST_RULES.opens, tzinfo=TEST_RULES.zone).replace(hour=hour)


def order(session: Session, *items: tuple[Product, int], days_ahead: int = 3) -> Order:
    request = OrderRequest(
        items=[OrderLine(product_id=p.id, quantity=q) for p, q in items], pickup_at=pickup_on(days_ahead)
    )
    placed, created = orders.place_order(session, request, placed_by="test")
    assert created
    return placed

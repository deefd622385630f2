"""Recipes for the demo catalogue, so the production sheet is useful on a fresh install.

Three levels deep where a bakery would be: an Almond Croissant is a Butter Croissant (a product) filled with
frangipane and baked again, and the croissant is made of laminated dough started the evening before.
"""

from sqlmodel import Session, select

from services import recipes
from services.models import Product
from services.recipe_models import Recipe
from services.recipe_schemas import RecipeIn


def _g(name: str, grams: int) -> dict:
    return {"name": name, "quantity": grams}


def _pct(name: str, percent: float) -> dict:
    return {"name": name, "percent": percent}


# Preparations first: product recipes use them. Lead times are hours before the bake (the bakery's opening).
DEMO_PREPARATIONS: dict[str, dict] = {
    "Levain": {
        "yield_quantity": 2000,
        "yield_unit": "g",
        "lead_time_hours": 12,
        "ingredients": [_g("Bread flour", 1000), _g("Water", 1000)],
    },
    "Rye sour": {
        "yield_quantity": 1000,
        "yield_unit": "g",
        "lead_time_hours": 14,
        "ingredients": [_g("Rye flour", 500), _g("Water", 500)],
    },
    "Croissant dough": {
        "yield_quantity": 5000,
        "yield_unit": "g",
        "lead_time_hours": 12,  # laminated, then rested overnight
        "max_batch_grams": 12000,
        "ingredients": [
            _g("Pastry flour", 2500),
            _g("Water", 600),
            _g("Milk", 600),
            _g("Sugar", 300),
            _g("Salt", 50),
            _g("Yeast", 100),
            _g("Butter", 850),
        ],
    },
    "Frangipane": {
        "yield_quantity": 1000,
        "yield_unit": "g",
        "ingredients": [_g("Butter", 250), _g("Sugar", 250), _g("Ground almonds", 250), _g("Eggs", 250)],
    },
    "Chocolate ganache": {
        "yield_quantity": 1000,
        "yield_unit": "g",
        "ingredients": [_g("Dark chocolate", 500), _g("Cream", 500)],
    },
    "Cream-cheese frosting": {
        "yield_quantity": 1000,
        "yield_unit": "g",
        "ingredients": [_g("Cream cheese", 600), _g("Butter", 150), _g("Icing sugar", 250)],
    },
    "Cinnamon butter": {
        "yield_quantity": 1000,
        "yield_unit": "g",
        "ingredients": [_g("Butter", 500), _g("Brown sugar", 400), _g("Cinnamon", 100)],
    },
}

DEMO_PRODUCT_RECIPES: dict[str, dict] = {
    "Sourdough Loaf": {
        "yield_quantity": 10,
        "entered_as": "percentages",
        "flour_grams": 5000,
        "max_batch_grams": 25000,
        "ingredients": [
            _pct("Bread flour", 100),
            _pct("Water", 75),
            _pct("Salt", 2),
            {"preparation": "Levain", "percent": 20},
        ],
    },
    "Seeded Rye": {
        "yield_quantity": 10,
        "entered_as": "percentages",
        "flour_grams": 4000,
        "ingredients": [
            _pct("Rye flour", 100),
            _pct("Water", 80),
            _pct("Salt", 2),
            _pct("Seeds", 25),
            {"preparation": "Rye sour", "percent": 30},
        ],
    },
    "Baguette": {
        "yield_quantity": 20,
        "entered_as": "percentages",
        "flour_grams": 5000,
        "max_batch_grams": 25000,
        "ingredients": [_pct("Bread flour", 100), _pct("Water", 70), _pct("Salt", 2), _pct("Yeast", 1)],
    },
    "Brioche Loaf": {
        "yield_quantity": 8,
        "max_batch_grams": 15000,
        "ingredients": [
            _g("Bread flour", 2000),
            _g("Eggs", 1000),
            _g("Butter", 1000),
            _g("Milk", 400),
            _g("Sugar", 240),
            _g("Yeast", 60),
            _g("Salt", 40),
        ],
    },
    "Chocolate Cake": {
        "yield_quantity": 1,
        "ingredients": [
            _g("Cake flour", 800),
            _g("Sugar", 1000),
            _g("Cocoa", 300),
            _g("Eggs", 600),
            _g("Butter", 600),
            _g("Milk", 700),
            {"preparation": "Chocolate ganache", "quantity": 1500},
        ],
    },
    "Carrot Cake": {
        "yield_quantity": 1,
        "ingredients": [
            _g("Cake flour", 500),
            _g("Sugar", 450),
            _g("Carrots", 600),
            _g("Eggs", 300),
            _g("Sunflower oil", 350),
            _g("Walnuts", 150),
            _g("Cinnamon", 10),
            {"preparation": "Cream-cheese frosting", "quantity": 800},
        ],
    },
    "Lemon Drizzle": {
        "yield_quantity": 1,
        "ingredients": [
            _g("Cake flour", 225),
            _g("Butter", 225),
            _g("Sugar", 225),
            _g("Eggs", 200),
            _g("Icing sugar", 100),
            {"name": "Lemons", "unit": "pcs", "quantity": 2},
        ],
    },
    "Butter Croissant": {
        "yield_quantity": 60,
        "ingredients": [{"preparation": "Croissant dough", "quantity": 4800}],  # 80 g each
    },
    "Pain au Chocolat": {
        "yield_quantity": 60,
        "ingredients": [
            {"preparation": "Croissant dough", "quantity": 4500},
            {"name": "Chocolate batons", "unit": "pcs", "quantity": 120},
        ],
    },
    "Cinnamon Bun": {
        "yield_quantity": 24,
        "ingredients": [
            _g("Bread flour", 1000),
            _g("Milk", 550),
            _g("Butter", 150),
            _g("Sugar", 120),
            _g("Yeast", 30),
            _g("Salt", 15),
            _g("Cardamom", 15),
            _g("Pearl sugar", 100),
            {"preparation": "Cinnamon butter", "quantity": 500},
        ],
    },
}


def load_demo_recipes(session: Session) -> int:
    """Add the demo preparations, and recipes for demo products that have none; returns how many were added."""
    added = 0
    for name, recipe in DEMO_PREPARATIONS.items():
        if session.exec(select(Recipe.id).where(Recipe.name == name)).first() is None:
            recipes.save_preparation(session, name, RecipeIn.model_validate(recipe), commit=False)
            added += 1
    products = {p.name: p.id for p in session.exec(select(Product))}
    with_recipes = set(session.exec(select(Recipe.product_id)))
    wanted = DEMO_PRODUCT_RECIPES | {"Almond Croissant": _almond_croissant(products.get("Butter Croissant"))}
    for name, recipe in wanted.items():
        if name in products and products[name] not in with_recipes and recipe is not None:
            recipes.save_product_recipe(session, products[name], RecipeIn.model_validate(recipe), commit=False)
            added += 1
    session.commit()  # one transaction for them all: a fresh install starts quickly
    return added


def _almond_croissant(butter_croissant_id: int | None) -> dict | None:
    """Twice-baked: a Butter Croissant (a product used as an ingredient) filled with frangipane."""
    if butter_croissant_id is None:
        return None
    return {
        "yield_quantity": 12,
        "ingredients": [
            {"product_id": butter_croissant_id, "quantity": 12},
            {"preparation": "Frangipane", "quantity": 600},
            _g("Flaked almonds", 120),
        ],
    }

"""Tables for production: recipes (a product's, or a preparation such as levain) and their ingredients.

A recipe belongs to a product, or has a name of its own and no product (a preparation used by other recipes).
An ingredient is raw (a name and a unit) or another recipe. Quantities are exact decimals, as the admin entered
them: weights, or baker's percentages of the recipe's flour weight (services/recipes.py turns them into grams).
"""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Numeric
from sqlmodel import Field, SQLModel

from services.clock import utcnow
from services.sqltypes import AwareDateTime

AMOUNT = Numeric(14, 3)  # grams or pieces, to the milligram
PERCENT = Numeric(9, 3)


class Recipe(SQLModel, table=True):
    __tablename__ = "recipes"

    id: int | None = Field(default=None, primary_key=True)
    product_id: int | None = Field(
        default=None, foreign_key="products.id", unique=True, description="Empty for a preparation"
    )
    name: str | None = Field(default=None, max_length=80, unique=True, description="A preparation's name")
    yield_quantity: Decimal = Field(sa_type=AMOUNT, nullable=False, description="How much one recipe makes")
    yield_unit: str = Field(max_length=10, nullable=False, description="pcs for a product; g or pcs for a preparation")
    entered_as: str = Field(max_length=12, nullable=False, description="weights or percentages")
    flour_grams: Decimal | None = Field(default=None, sa_type=AMOUNT, description="Flour for one yield (percentages)")
    max_batch_grams: Decimal | None = Field(default=None, sa_type=AMOUNT, description="Mixer or oven capacity")
    lead_time_hours: int | None = Field(default=None, description="Hours it must start before what uses it")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=AwareDateTime, nullable=False)


class RecipeIngredient(SQLModel, table=True):
    __tablename__ = "recipe_ingredients"

    id: int | None = Field(default=None, primary_key=True)
    recipe_id: int = Field(foreign_key="recipes.id", index=True, nullable=False)
    position: int = Field(nullable=False)
    name: str | None = Field(default=None, max_length=80, description="A raw ingredient's name")
    unit: str = Field(max_length=10, nullable=False)
    uses_recipe_id: int | None = Field(default=None, foreign_key="recipes.id", index=True)
    quantity: Decimal | None = Field(default=None, sa_type=AMOUNT, description="Entered as a weight or count")
    percent: Decimal | None = Field(default=None, sa_type=PERCENT, description="Entered as a baker's percentage")

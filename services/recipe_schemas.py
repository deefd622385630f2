"""Shapes of recipes and production sheets on the wire: what the admin sends, what scripts and pages read."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, Field, PlainSerializer, StringConstraints, model_validator

from services.schemas import Incoming, ProductId

MAX_INGREDIENTS = 200
# Decimal inside, a JSON number on the wire.
Amount = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]
Positive = Annotated[Decimal, Field(gt=0, le=1_000_000_000, max_digits=13, decimal_places=3)]
Percent = Annotated[Decimal, Field(gt=0, le=10_000, max_digits=8, decimal_places=3)]
RecipeName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class Unit(StrEnum):
    GRAMS = "g"  # bakers weigh liquids too
    PIECES = "pcs"  # eggs, or a product used whole


class EnteredAs(StrEnum):
    WEIGHTS = "weights"
    PERCENTAGES = "percentages"  # of the recipe's flour weight


class IngredientIn(Incoming):
    """One line: a raw ingredient (`name`, `unit`), a preparation by name, or a product that has a recipe."""

    name: RecipeName | None = None
    unit: Unit = Unit.GRAMS
    preparation: RecipeName | None = None
    product_id: ProductId | None = None
    quantity: Positive | None = Field(default=None, description="In the unit, or in the sub-recipe's yield unit")
    percent: Percent | None = Field(default=None, description="Of the flour weight, for a recipe in percentages")

    @model_validator(mode="after")
    def _one_kind_of_ingredient(self) -> Self:
        given = [kind for kind in ("name", "preparation", "product_id") if getattr(self, kind) is not None]
        if len(given) != 1:
            raise ValueError("An ingredient needs exactly one of name, preparation or product_id")
        if (self.quantity is None) == (self.percent is None):
            raise ValueError("An ingredient needs exactly one of quantity or percent")
        return self


class RecipeIn(Incoming):
    yield_quantity: Positive = Field(description="How much one recipe makes: loaves for a product, g for levain")
    yield_unit: Unit = Unit.PIECES
    entered_as: EnteredAs = EnteredAs.WEIGHTS
    flour_grams: Positive | None = Field(default=None, description="Flour in one yield; needed for percentages")
    max_batch_grams: Positive | None = Field(default=None, description="Most dough one mix (mixer or oven) takes")
    lead_time_hours: Annotated[int, Field(ge=0, le=72)] | None = Field(
        default=None, description="Hours it must start before the bake that uses it (levain: 12)"
    )
    ingredients: list[IngredientIn] = Field(min_length=1, max_length=MAX_INGREDIENTS)

    @model_validator(mode="after")
    def _amounts_match_how_it_was_entered(self) -> Self:
        if self.entered_as == EnteredAs.PERCENTAGES:
            if self.flour_grams is None:
                raise ValueError("A recipe in baker's percentages needs flour_grams")
            if any(i.percent is None for i in self.ingredients):
                raise ValueError("A recipe in baker's percentages gives every ingredient as a percent")
            if any(i.unit != Unit.GRAMS for i in self.ingredients if i.name is not None):
                raise ValueError("Baker's percentages are of weights: every raw ingredient must be in g")
        elif any(i.quantity is None for i in self.ingredients):
            raise ValueError("A recipe in weights gives every ingredient as a quantity")
        return self


class IngredientPublic(BaseModel):
    name: str
    unit: Unit
    preparation: str | None = None
    product_id: int | None = None
    quantity: Amount | None = None
    percent: Amount | None = None
    grams: Amount = Field(description="What one yield takes, in the unit (percentages worked out)")


class RecipePublic(BaseModel):
    id: int
    name: str
    product_id: int | None
    yield_quantity: Amount
    yield_unit: Unit
    entered_as: EnteredAs
    flour_grams: Amount | None
    max_batch_grams: Amount | None
    lead_time_hours: int | None
    ingredients: list[IngredientPublic]


# --- The production sheet --------------------------------------------------------------------------------------


class ProductToMake(BaseModel):
    product_id: int
    name: str
    quantity: int
    has_recipe: bool


class Line(BaseModel):
    name: str
    quantity: Amount
    unit: Unit
    sub_recipe: bool = Field(default=False, description="Made by a mix of its own, not weighed out raw")
    prepared_earlier: bool = Field(default=False, description="A sub-recipe made on an earlier day's sheet")


class Mix(BaseModel):
    """One recipe to mix today, for `for_day`: how much, in how many equal batches, with what."""

    recipe: str
    for_day: date
    start_by: datetime
    quantity: Amount
    unit: Unit
    dough_grams: Amount
    batches: int
    per_batch: list[Line]
    ingredients: list[Line]


class ProductionSheet(BaseModel):
    day: date
    products: list[ProductToMake]
    mixes: list[Mix] = Field(description="The day's bakes, then preparations for later days, by start time")
    ingredients: list[Line] = Field(description="Every raw ingredient weighed today, totalled")

"""Recipes: what each product (and each preparation, such as levain) is made of, for a given yield.

Saving checks every bakery rule before anything is written (a refused recipe changes nothing): ingredients
must name a preparation or a product that has a recipe, and no recipe may use itself, however deeply.
`cookbook` reads every recipe at once, with baker's percentages already turned into grams.
"""

from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, col, delete, select

from services.catalogue import get_product
from services.clock import utcnow
from services.errors import Invalid, NotFound
from services.models import Product
from services.recipe_models import Recipe, RecipeIngredient
from services.recipe_schemas import EnteredAs, IngredientIn, IngredientPublic, RecipeIn, RecipePublic, Unit

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Part:
    """One ingredient line of a recipe, in its unit per one yield; `uses` is the sub-recipe's id."""

    name: str
    unit: Unit
    amount: Decimal
    uses: int | None


@dataclass(frozen=True)
class Formula:
    """A recipe as production needs it."""

    id: int
    name: str
    product_id: int | None
    yield_quantity: Decimal
    yield_unit: Unit
    max_batch_grams: Decimal | None
    lead_time_hours: int
    parts: tuple[Part, ...]


# --- Reading ---------------------------------------------------------------------------------------------------


def product_recipe(session: Session, product_id: int) -> RecipePublic:
    product = get_product(session, product_id)
    recipe = session.exec(select(Recipe).where(Recipe.product_id == product.id)).first()
    if recipe is None:
        raise NotFound(f"{product.name} has no recipe yet")
    return _public(session, recipe)


def preparation(session: Session, name: str) -> RecipePublic:
    return _public(session, _preparation_named(session, name))


def preparations(session: Session) -> list[RecipePublic]:
    found = session.exec(select(Recipe).where(col(Recipe.product_id).is_(None)).order_by(Recipe.name))
    return [_public(session, recipe) for recipe in found]


def cookbook(session: Session) -> dict[int, Formula]:
    """Every recipe by id, in three plain queries (rows, not ORM objects: the sheet reads it on every order)."""
    names = dict(session.exec(select(Product.id, Product.name)).all())
    recipes = session.exec(
        select(
            Recipe.id,
            Recipe.name,
            Recipe.product_id,
            Recipe.yield_quantity,
            Recipe.yield_unit,
            Recipe.flour_grams,
            Recipe.max_batch_grams,
            Recipe.lead_time_hours,
        )
    ).all()
    titles = {r.id: r.name or names.get(r.product_id, f"Product {r.product_id}") for r in recipes}
    flour = {r.id: r.flour_grams for r in recipes}
    parts: dict[int, list[Part]] = {}
    lines = session.exec(
        select(
            RecipeIngredient.recipe_id,
            RecipeIngredient.name,
            RecipeIngredient.unit,
            RecipeIngredient.uses_recipe_id,
            RecipeIngredient.quantity,
            RecipeIngredient.percent,
        ).order_by(RecipeIngredient.recipe_id, RecipeIngredient.position)
    )
    for rid, name, unit, uses, quantity, percent in lines:
        amount = _grams(flour[rid], quantity, percent)
        parts.setdefault(rid, []).append(Part(titles.get(uses) or name, Unit(unit), amount, uses))
    return {
        r.id: Formula(
            id=r.id,
            name=titles[r.id],
            product_id=r.product_id,
            yield_quantity=r.yield_quantity,
            yield_unit=Unit(r.yield_unit),
            max_batch_grams=r.max_batch_grams,
            lead_time_hours=r.lead_time_hours or 0,
            parts=tuple(parts.get(r.id, ())),
        )
        for r in recipes
    }


# --- Saving ----------------------------------------------------------------------------------------------------


def save_product_recipe(session: Session, product_id: int, new: RecipeIn, *, commit: bool = True) -> RecipePublic:
    """Create or replace the product's recipe (it keeps its id, so recipes using it stay linked)."""
    product = get_product(session, product_id)
    if new.yield_unit != Unit.PIECES:
        raise Invalid(f"A product's recipe yields pieces of {product.name}: yield_unit must be pcs")
    recipe = session.exec(select(Recipe).where(Recipe.product_id == product.id)).first()
    recipe = recipe or Recipe(product_id=product.id, yield_quantity=new.yield_quantity, yield_unit="", entered_as="")
    return _save(session, recipe, product.name, new, commit)


def save_preparation(session: Session, name: str, new: RecipeIn, *, commit: bool = True) -> RecipePublic:
    """Create or replace the preparation called `name` (levain, frangipane, pastry cream).

    `commit=False` leaves the commit to the caller, who saves several recipes in one transaction.
    """
    name = name.strip()
    if not 1 <= len(name) <= 80 or "\x00" in name:
        raise Invalid("A preparation's name is 1 to 80 characters, without NUL")
    recipe = session.exec(select(Recipe).where(Recipe.name == name)).first()
    recipe = recipe or Recipe(name=name, yield_quantity=new.yield_quantity, yield_unit="", entered_as="")
    return _save(session, recipe, name, new, commit)


def _save(session: Session, recipe: Recipe, title: str, new: RecipeIn, commit: bool) -> RecipePublic:
    try:
        uses = [_resolve(session, line, recipe, title, new.entered_as) for line in new.ingredients]
        _refuse_cycle(session, recipe.id, title, [u for u in uses if u is not None])
    except Invalid:
        session.rollback()  # refused before anything was written; end the transaction so no lock lingers
        raise
    for field in ("yield_quantity", "yield_unit", "entered_as", "flour_grams", "max_batch_grams", "lead_time_hours"):
        setattr(recipe, field, getattr(new, field))
    recipe.updated_at = utcnow()
    session.add(recipe)
    session.flush()
    session.exec(delete(RecipeIngredient).where(col(RecipeIngredient.recipe_id) == recipe.id))
    for position, (line, used) in enumerate(zip(new.ingredients, uses, strict=True)):
        unit = used.yield_unit if used else line.unit  # a sub-recipe is measured in what it yields
        session.add(
            RecipeIngredient(
                recipe_id=recipe.id,
                position=position,
                name=line.name,
                unit=unit,
                uses_recipe_id=used.id if used else None,
                quantity=line.quantity,
                percent=line.percent,
            )
        )
    session.flush()
    public = _public(session, recipe)  # read before the commit, so saving leaves no transaction open
    if commit:
        session.commit()
    return public


def _resolve(session: Session, line: IngredientIn, saving: Recipe, title: str, entered_as: EnteredAs) -> Recipe | None:
    """The recipe an ingredient line uses (None for a raw ingredient); Invalid when it names none."""
    uses_itself = (line.preparation is not None and line.preparation == saving.name) or (
        line.product_id is not None and line.product_id == saving.product_id
    )
    if uses_itself:
        raise Invalid(f"Recipe cycle: {title} → {title}")
    if line.preparation is not None:
        used = session.exec(select(Recipe).where(Recipe.name == line.preparation)).first()
        if used is None:
            raise Invalid(f"No preparation named {line.preparation!r}: save its recipe first")
    elif line.product_id is not None:
        product = session.get(Product, line.product_id) if line.product_id < 2**31 else None
        if product is None:
            raise Invalid(f"Ingredient product {line.product_id} does not exist")
        used = session.exec(select(Recipe).where(Recipe.product_id == product.id)).first()
        if used is None:
            raise Invalid(f"Ingredient {product.name} has no recipe: give it one first")
    else:
        return None
    if entered_as == EnteredAs.PERCENTAGES and used.yield_unit != Unit.GRAMS:
        raise Invalid(f"{_name_of(session, used)} yields pieces, so it cannot be a baker's percentage of flour")
    return used


def _refuse_cycle(session: Session, recipe_id: int | None, title: str, uses: list[Recipe]) -> None:
    """Invalid, naming the loop, when a used recipe leads back (at any depth) to the one being saved."""
    if recipe_id is None:
        return  # a new recipe is used by nothing yet, so nothing it uses can lead back to it
    edges: dict[int, list[int]] = {}
    for parent, child in session.exec(select(RecipeIngredient.recipe_id, RecipeIngredient.uses_recipe_id)):
        if child is not None and parent != recipe_id:
            edges.setdefault(parent, []).append(child)
    edges[recipe_id] = [u.id for u in uses]
    path = _path_back(edges, recipe_id, recipe_id, [recipe_id], set())
    if path is not None:
        names = [title if step == recipe_id else _name_of(session, session.get(Recipe, step)) for step in path]
        raise Invalid("Recipe cycle: " + " → ".join(names))


def _path_back(edges: dict[int, list[int]], start: int, at: int, path: list[int], seen: set[int]) -> list[int] | None:
    for child in edges.get(at, []):
        if child == start:
            return [*path, child]
        if child not in seen:
            seen.add(child)
            if found := _path_back(edges, start, child, [*path, child], seen):
                return found
    return None


# --- Helpers ---------------------------------------------------------------------------------------------------


def _preparation_named(session: Session, name: str) -> Recipe:
    # PostgreSQL refuses a NUL in text outright; no stored name has one.
    recipe = None if "\x00" in name else session.exec(select(Recipe).where(Recipe.name == name.strip())).first()
    if recipe is None:
        raise NotFound(f"No preparation named {name!r}")
    return recipe


def _public(session: Session, recipe: Recipe) -> RecipePublic:
    lines = session.exec(
        select(RecipeIngredient).where(RecipeIngredient.recipe_id == recipe.id).order_by(RecipeIngredient.position)
    )
    ingredients = []
    for line in lines:
        used = session.get(Recipe, line.uses_recipe_id) if line.uses_recipe_id else None
        ingredients.append(
            IngredientPublic(
                name=_name_of(session, used) if used else line.name,
                unit=Unit(line.unit),
                preparation=used.name if used and used.product_id is None else None,
                product_id=used.product_id if used else None,
                quantity=line.quantity,
                percent=line.percent,
                grams=_grams(recipe.flour_grams, line.quantity, line.percent),
            )
        )
    return RecipePublic(
        id=recipe.id,
        name=_name_of(session, recipe),
        product_id=recipe.product_id,
        yield_quantity=recipe.yield_quantity,
        yield_unit=Unit(recipe.yield_unit),
        entered_as=EnteredAs(recipe.entered_as),
        flour_grams=recipe.flour_grams,
        max_batch_grams=recipe.max_batch_grams,
        lead_time_hours=recipe.lead_time_hours,
        ingredients=ingredients,
    )


def _grams(flour_grams: Decimal | None, quantity: Decimal | None, percent: Decimal | None) -> Decimal:
    """A line's quantity for one yield: as entered, or its percentage of the recipe's flour weight."""
    if percent is not None and flour_grams is not None:
        return flour_grams * percent / HUNDRED
    return quantity or Decimal(0)


def _name_of(session: Session, recipe: Recipe) -> str:
    if recipe.product_id is None:
        return recipe.name or "?"
    product = session.get(Product, recipe.product_id)
    return product.name if product else f"Product {recipe.product_id}"

"""The recipes page: the admin reads and changes a recipe, adds a preparation, and sees why a broken one is refused."""

from decimal import Decimal

from nicegui import ui
from nicegui.testing import User

from services import recipes
from services.database import session_scope
from services.errors import NotFound
from services.recipe_schemas import RecipePublic
from tests.pages.helpers import eventually, only, set_value


def saved(kind: str, ref) -> RecipePublic:
    with session_scope() as session:
        return recipes.product_recipe(session, ref) if kind == "product" else recipes.preparation(session, ref)


async def open_recipe(user: User, key: str) -> None:
    await user.open(f"/admin/recipes?choice={key}")
    await user.should_see(marker="save-recipe")


async def test_a_demo_recipe_opens_as_entered_and_a_change_is_saved(user: User, products) -> None:
    sourdough = products["Sourdough Loaf"].id
    await open_recipe(user, f"product:{sourdough}")
    assert only(user, "yield").value == 10  # type: ignore[attr-defined]
    assert only(user, "entered-as").value == "percentages"  # type: ignore[attr-defined]
    assert only(user, "flour").value == 5000  # type: ignore[attr-defined]
    assert only(user, "name-2").value == "Salt" and only(user, "amount-2").value == 2  # type: ignore[attr-defined]
    assert only(user, "preparation-3").value == "Levain"  # type: ignore[attr-defined]

    set_value(user, "amount-2", 2.2)
    user.find(marker="save-recipe").click()

    await eventually(lambda: saved("product", sourdough).ingredients[2].percent == Decimal("2.2"))
    assert saved("product", sourdough).ingredients[2].grams == Decimal("110")


async def test_a_new_preparation_is_added_from_the_page(user: User, products) -> None:
    await open_recipe(user, "new")
    set_value(user, "preparation-name", "Poolish")
    set_value(user, "yield", 2000)
    set_value(user, "name-0", "Bread flour")
    set_value(user, "amount-0", 1000)
    user.find(marker="add-ingredient").click()
    set_value(user, "name-1", "Water")
    set_value(user, "amount-1", 1000)
    user.find(marker="save-recipe").click()

    await eventually(
        lambda: (
            [(i.name, i.quantity) for i in _poolish().ingredients]
            == [
                ("Bread flour", Decimal("1000")),
                ("Water", Decimal("1000")),
            ]
        )
    )
    await eventually(lambda: only(user, "recipe-choice").value == "preparation:Poolish")  # type: ignore[attr-defined]


async def test_a_cycle_is_refused_with_its_reason_and_nothing_changes(user: User, products) -> None:
    before = saved("preparation", "Levain")
    await open_recipe(user, "preparation:Levain")
    set_value(user, "kind-1", "product")
    set_value(user, "product-1", products["Sourdough Loaf"].id)
    set_value(user, "amount-1", 100)
    user.find(marker="save-recipe").click()

    await user.should_see("Recipe cycle: Levain → Sourdough Loaf → Levain")
    assert saved("preparation", "Levain") == before


async def test_a_zero_amount_is_refused_naming_the_line(user: User, products) -> None:
    baguette = products["Baguette"].id
    before = saved("product", baguette)
    await open_recipe(user, f"product:{baguette}")
    set_value(user, "amount-1", 0)
    user.find(marker="save-recipe").click()

    await user.should_see("Ingredient 2, percent: Input should be greater than 0")
    assert saved("product", baguette) == before
    assert isinstance(only(user, "recipe-error"), ui.label)


def _poolish():
    try:
        return saved("preparation", "Poolish")
    except NotFound:  # not saved yet
        return RecipePublic.model_construct(ingredients=[])

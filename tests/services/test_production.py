"""The production sheet: scaling, nesting, batches and preparations that start the day before, to the gram."""

from datetime import datetime, timedelta
from decimal import Decimal

from sqlmodel import Session

from services import order_moves, recipes
from services.order_status import OrderStatus
from services.production import production_sheet
from services.recipe_schemas import RecipeIn
from tests.conftest import TEST_RULES
from tests.services.recipe_book import LEVAIN, STARTER, add_product, order, pickup_on, stock_recipe_book

D = 3  # days ahead the orders are due


def due_day(days_ahead: int = D):
    return pickup_on(days_ahead).date()


def lines(entries) -> dict[str, Decimal]:
    return {line.name: line.quantity for line in entries}


def mix_of(sheet, recipe: str):
    found = [m for m in sheet.mixes if m.recipe == recipe]
    assert len(found) == 1, [m.recipe for m in sheet.mixes]
    return found[0]


def test_a_nested_recipe_scaled_to_37_loaves_matches_the_hand_computed_sheet(session: Session) -> None:
    loaf = stock_recipe_book(session)
    order(session, (loaf, 30))
    order(session, (loaf, 7))

    sheet = production_sheet(session, due_day())

    assert [(p.name, p.quantity, p.has_recipe) for p in sheet.products] == [("Country Loaf", 37, True)]
    # By hand: 37 loaves = 3.7 x the 10-loaf recipe on 5,000 g flour.
    assert lines(mix_of(sheet, "Country Loaf").ingredients) == {
        "Flour": Decimal("18500"),  # 100 %
        "Water": Decimal("13875"),  # 75 %
        "Salt": Decimal("370"),  # 2 %
        "Levain": Decimal("3700"),  # 20 %
    }
    levain = mix_of(sheet, "Levain")  # 3,700 g of a 2,000 g recipe: x 1.85
    assert (levain.quantity, levain.unit) == (Decimal("3700"), "g")
    assert lines(levain.ingredients) == {"Flour": Decimal("1665"), "Water": Decimal("1850"), "Starter": Decimal("185")}
    starter = mix_of(sheet, "Starter")  # 185 g of a 500 g recipe: x 0.37
    assert lines(starter.ingredients) == {"Rye flour": Decimal("92.5"), "Water": Decimal("92.5")}
    assert lines(sheet.ingredients) == {
        "Flour": Decimal("20165"),  # 18,500 + 1,665
        "Rye flour": Decimal("92.5"),
        "Salt": Decimal("370"),
        "Water": Decimal("15817.5"),  # 13,875 + 1,850 + 92.5
    }


def test_cancelled_orders_and_other_days_are_not_made(session: Session) -> None:
    loaf = stock_recipe_book(session)
    order(session, (loaf, 10))
    cancelled = order(session, (loaf, 20))
    order_moves.change_status(session, cancelled.public_id, OrderStatus.CANCELLED, by="test", note="Ordered twice")
    order(session, (loaf, 40), days_ahead=D + 2)

    sheet = production_sheet(session, due_day())

    assert [(p.name, p.quantity) for p in sheet.products] == [("Country Loaf", 10)]
    assert lines(sheet.ingredients)["Salt"] == Decimal("100")


def test_a_mix_over_the_mixer_capacity_is_split_into_equal_batches(session: Session) -> None:
    loaf = stock_recipe_book(session, max_batch_grams=25000)
    order(session, (loaf, 37))

    mix = mix_of(production_sheet(session, due_day()), "Country Loaf")

    assert mix.dough_grams == Decimal("36445")  # 18,500 + 13,875 + 370 + 3,700 g
    assert mix.batches == 2  # 36.4 kg in a 25 kg mixer
    assert lines(mix.per_batch) == {
        "Flour": Decimal("9250"),
        "Water": Decimal("6937.5"),
        "Salt": Decimal("185"),
        "Levain": Decimal("1850"),
    }


def test_a_mix_within_capacity_is_one_batch(session: Session) -> None:
    loaf = stock_recipe_book(session, max_batch_grams=25000)
    order(session, (loaf, 20))  # 19.7 kg

    mix = mix_of(production_sheet(session, due_day()), "Country Loaf")

    assert (mix.batches, lines(mix.per_batch)) == (1, lines(mix.ingredients))


def test_a_preparation_with_a_lead_time_is_on_the_day_befores_sheet(session: Session) -> None:
    loaf = stock_recipe_book(session)
    recipes.save_preparation(session, "Levain", RecipeIn.model_validate(LEVAIN | {"lead_time_hours": 12}))
    order(session, (loaf, 37))

    bake_day = production_sheet(session, due_day())
    day_before = production_sheet(session, due_day() - timedelta(days=1))

    assert [m.recipe for m in bake_day.mixes] == ["Country Loaf"]
    levain_line = next(line for line in mix_of(bake_day, "Country Loaf").ingredients if line.name == "Levain")
    assert levain_line.prepared_earlier
    # Only the loaf's own flour, water and salt are weighed on the bake day; the levain's were yesterday.
    assert lines(bake_day.ingredients) == {"Flour": Decimal("18500"), "Salt": Decimal("370"), "Water": Decimal("13875")}

    # 12 h before the 07:00 bake; the starter it uses starts with it.
    evening = datetime.combine(due_day() - timedelta(days=1), TEST_RULES.opens, tzinfo=TEST_RULES.zone).replace(hour=19)
    assert [(m.recipe, m.for_day, m.start_by, m.quantity) for m in day_before.mixes] == [
        ("Levain", due_day(), evening, Decimal("3700")),
        ("Starter", due_day(), evening, Decimal("185")),
    ]
    assert day_before.products == []
    assert lines(day_before.ingredients) == {
        "Flour": Decimal("1665"),
        "Rye flour": Decimal("92.5"),
        "Water": Decimal("1942.5"),
    }


def test_lead_times_add_up_through_the_levels(session: Session) -> None:
    loaf = stock_recipe_book(session)
    recipes.save_preparation(session, "Levain", RecipeIn.model_validate(LEVAIN | {"lead_time_hours": 12}))
    recipes.save_preparation(session, "Starter", RecipeIn.model_validate(STARTER | {"lead_time_hours": 6}))
    order(session, (loaf, 10))

    day_before = production_sheet(session, due_day() - timedelta(days=1))

    starts = {m.recipe: m.start_by.astimezone(TEST_RULES.zone).hour for m in day_before.mixes}
    assert starts == {"Starter": 13, "Levain": 19}  # 07:00 - 12 h - 6 h, and 07:00 - 12 h
    assert [m.recipe for m in day_before.mixes] == ["Starter", "Levain"]  # by start time


def test_the_same_preparation_for_two_products_is_one_mix(session: Session) -> None:
    loaf = stock_recipe_book(session)
    rye = add_product(session, "Rye Loaf")
    recipes.save_product_recipe(
        session,
        rye.id,
        RecipeIn.model_validate(
            {
                "yield_quantity": 1,
                "ingredients": [{"name": "Rye flour", "quantity": 400}, {"preparation": "Levain", "quantity": 300}],
            }
        ),
    )
    order(session, (loaf, 10), (rye, 2))

    sheet = production_sheet(session, due_day())

    assert mix_of(sheet, "Levain").quantity == Decimal("1600")  # 1,000 for the loaves + 2 x 300
    assert [p.name for p in sheet.products] == ["Country Loaf", "Rye Loaf"]


def test_a_product_without_a_recipe_is_listed_but_not_mixed(session: Session) -> None:
    stock_recipe_book(session)
    scone = add_product(session, "Scone")
    order(session, (scone, 12))

    sheet = production_sheet(session, due_day())

    assert [(p.name, p.quantity, p.has_recipe) for p in sheet.products] == [("Scone", 12, False)]
    assert sheet.mixes == [] and sheet.ingredients == []

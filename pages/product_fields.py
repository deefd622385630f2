"""The products form's catalogue fields: allergens, traces, ingredients, quantity rules and position."""

from collections.abc import Callable

from nicegui import ui

from services.allergens import Allergen
from services.models import Longest, Product

LISTS = ("allergens", "may_contain")  # multiple choice: their values are lists, not text
_RULES = ("min_quantity", "max_quantity", "quantity_step", "position")


def catalogue_inputs(p: Product | None) -> dict[str, ui.element]:
    names = [a.value for a in Allergen]
    return {
        "allergens": ui.select(names, multiple=True, label="Allergens", value=list(p.allergens) if p else []),
        "may_contain": ui.select(names, multiple=True, label="May contain", value=list(p.may_contain) if p else []),
        "ingredients": ui.textarea("Ingredients", value=p.ingredients if p else "").props(
            f"maxlength={Longest.INGREDIENTS}"
        ),
        "min_quantity": ui.input("Least per order", value=str(p.min_quantity if p else 1)),
        "max_quantity": ui.input("Most per order (empty = no limit)", value=_text(p.max_quantity if p else None)),
        "quantity_step": ui.input("Sold in multiples of", value=str(p.quantity_step if p else 1)),
        "position": ui.input("Position in its category (lowest first)", value=str(p.position if p else 0)),
    }


def catalogue_values(inputs: dict, raw: dict[str, str], errors: dict[str, str], whole: Callable) -> dict:
    values: dict = {name: list(inputs[name].value or []) for name in LISTS}
    values["ingredients"] = raw["ingredients"]
    for name in _RULES:
        number = whole(name, raw[name], errors)
        if number is not None or name == "max_quantity":
            values[name] = number
    return values


def _text(value: int | None) -> str:
    return "" if value is None else str(value)

"""The products form's catalogue fields: allergens, traces, ingredients, quantity rules and position."""

from collections.abc import Callable

from nicegui import ui

from services.allergens import Allergen
from services.models import Longest, Product

LISTS = ("allergens", "may_contain")  # multiple choice: their values are lists, not text
OPTIONS_HELP = "One group a line: 'Size*: 6 inch, 8 inch +12' (* = required) or 'Inscription: text 40'"
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
        "options": ui.textarea("Options", value=options_text(p.options if p else [])).props(f'hint="{OPTIONS_HELP}"'),
    }


def catalogue_values(inputs: dict, raw: dict[str, str], errors: dict[str, str], whole: Callable) -> dict:
    values: dict = {name: list(inputs[name].value or []) for name in LISTS}
    values["ingredients"] = raw["ingredients"]
    values["options"] = option_groups(raw["options"])
    for name in _RULES:
        number = whole(name, raw[name], errors)
        if number is not None or name == "max_quantity":
            values[name] = number
    return values


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


def options_text(groups: list[dict]) -> str:
    """The product's option groups as the form writes them, one a line."""
    lines = []
    for group in groups:
        name = group["name"] + ("*" if group.get("required") else "")
        if group.get("kind") == "text":
            lines.append(f"{name}: text {group.get('max_length', 40)}")
        else:
            choices = [c["name"] + (f" +{c['price']}" if float(c.get("price") or 0) else "") for c in group["choices"]]
            lines.append(f"{name}: {', '.join(choices)}")
    return "\n".join(lines)


def option_groups(text: str) -> list[dict]:
    """The form's lines as option groups; services.schemas checks them (a bad one is shown beside the field)."""
    groups = []
    for line in filter(None, (raw.strip() for raw in text.splitlines())):
        name, _, rest = line.partition(":")
        group: dict = {"name": name.strip().rstrip("*").strip(), "required": name.strip().endswith("*")}
        words = rest.split()
        if len(words) in (1, 2) and words[0].lower() == "text":
            group |= {"kind": "text", "max_length": int(words[1]) if len(words) == 2 and words[1].isdigit() else 40}
        else:
            group["choices"] = [_choice(part) for part in rest.split(",") if part.strip()]
        groups.append(group)
    return groups


def _choice(part: str) -> dict:
    name, plus, price = part.strip().rpartition(" +")
    return {"name": name.strip(), "price": price.strip()} if plus else {"name": part.strip()}

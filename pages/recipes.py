"""Recipes `/admin/recipes` (admins): enter or change a product's recipe or a preparation, as weights or as
baker's percentages. The rules (no cycle, known ingredients, positive amounts) are the service's; the page
shows their reason and keeps what was typed."""

from decimal import Decimal
from typing import TypeVar

from nicegui import ui
from pydantic import ValidationError

from pages.guard import staff_page
from pages.in_thread import in_thread
from pages.layout import frame
from services import catalogue, recipes
from services.accounts import Role
from services.database import session_scope
from services.errors import BakeryError
from services.recipe_schemas import MAX_INGREDIENTS, RecipeIn, RecipePublic

Field = TypeVar("Field", bound=ui.element)
NEW = "new"
KINDS = {"raw": "Ingredient", "preparation": "Preparation", "product": "Product"}


def register() -> None:
    @staff_page("/admin/recipes", role=Role.ADMIN)
    async def recipes_page(choice: str | None = None) -> None:
        editor = RecipeEditor()
        await editor.build(choice)


class RecipeEditor:
    def __init__(self) -> None:
        self.choices: dict[str, str] = {}
        self.preparations: list[str] = []
        self.products: dict[int, str] = {}
        self.form: dict = _empty()

    async def build(self, choice: str | None) -> None:
        with frame("Recipes", staff=True):
            ui.label("Recipes").classes("text-3xl font-semibold")
            await self.load_choices()
            with ui.row().classes("w-full items-center gap-4"):
                self.choice = ui.select(self.choices, label="Recipe", with_input=True).classes("w-80")
                self.choice.props("outlined dense").mark("recipe-choice")
                self.new_name = ui.input("Preparation name").props("outlined dense").mark("preparation-name")
                self.new_name.bind_visibility_from(self.choice, "value", value=NEW)
            self.error = ui.label().classes("text-negative").mark("recipe-error")
            self.editor = ui.column().classes("w-full gap-2")
            self.choice.on_value_change(lambda e: self.pick(e.value))
            if choice in self.choices:
                self.choice.value = choice

    async def load_choices(self) -> None:
        self.choices, self.preparations, self.products = await in_thread(_choices)
        if hasattr(self, "choice"):
            self.choice.set_options(self.choices, value=self.choice.value)

    async def pick(self, key: str | None) -> None:
        self.error.text = ""
        self.form = _empty(product=key is not None and key.startswith("product:"))
        if key and key != NEW and (saved := await in_thread(_saved, key)) is not None:
            self.form = _form_of(saved)
        self.draw()

    def draw(self) -> None:
        self.editor.clear()
        if self.choice.value is None:
            return
        form = self.form
        with self.editor:
            with ui.row().classes("items-center gap-4"):
                ui.number("Makes", min=0).bind_value(form, "yield_quantity").props("outlined dense").mark("yield")
                unit = ui.select({"pcs": "pieces", "g": "grams"}, label="of").bind_value(form, "yield_unit")
                unit.props("outlined dense").mark("yield-unit").set_enabled(not form["for_product"])
                entered = ui.toggle({"weights": "Weights", "percentages": "Baker's %"}).bind_value(form, "entered_as")
                entered.mark("entered-as").on_value_change(lambda _: self.draw())
                if form["entered_as"] == "percentages":
                    ui.number("Flour (g)", min=0).bind_value(form, "flour_grams").props("outlined dense").mark("flour")
            with ui.row().classes("items-center gap-4"):
                ui.number("Most per mix (g)", min=0).bind_value(form, "max_batch_grams").props("outlined dense")
                ui.number("Start hours ahead", min=0, max=72).bind_value(form, "lead_time_hours").props(
                    "outlined dense"
                ).classes("w-44")
            for n, line in enumerate(form["ingredients"]):
                self.ingredient_row(n, line)
            with ui.row().classes("gap-2"):
                add = ui.button("Add ingredient", icon="add", on_click=self.add_line).props("outline")
                add.mark("add-ingredient").set_enabled(len(form["ingredients"]) < MAX_INGREDIENTS)
                ui.button("Save recipe", icon="save", on_click=self.save).props("color=primary").mark("save-recipe")

    def ingredient_row(self, n: int, line: dict) -> None:
        percent = self.form["entered_as"] == "percentages"
        with ui.row().classes("items-center gap-2 w-full"):
            kind = _field(ui.select(KINDS).bind_value(line, "kind"), "w-36", f"kind-{n}")
            kind.on_value_change(lambda _: self.draw())
            if line["kind"] == "raw":
                _field(ui.input("Name").bind_value(line, "name"), "w-48", f"name-{n}")
                _field(ui.select(["g", "pcs"]).bind_value(line, "unit"), "w-20", f"unit-{n}")
            elif line["kind"] == "preparation":  # as wide as a name and its unit
                _field(ui.select(self.preparations).bind_value(line, "preparation"), "w-[17.5rem]", f"preparation-{n}")
            else:
                _field(ui.select(self.products).bind_value(line, "product_id"), "w-[17.5rem]", f"product-{n}")
            _field(ui.number("%" if percent else "Amount", min=0).bind_value(line, "amount"), "w-32", f"amount-{n}")
            ui.button(icon="delete", on_click=lambda: self.remove_line(n)).props("flat dense").mark(f"remove-{n}")

    def add_line(self) -> None:
        self.form["ingredients"].append(_line())
        self.draw()

    def remove_line(self, n: int) -> None:
        del self.form["ingredients"][n]
        self.draw()

    async def save(self) -> None:
        key = self.choice.value
        try:
            recipe = RecipeIn.model_validate(_body(self.form))
            saved = await in_thread(_save, key, self.new_name.value or "", recipe)
        except ValidationError as error:
            self.refuse("; ".join(_reason(e) for e in error.errors()))
            return
        except BakeryError as error:
            self.refuse(error.detail)
            return
        self.error.text = ""
        ui.notify(f"Saved the recipe for {saved.name}", type="positive")
        await self.load_choices()
        key = f"product:{saved.product_id}" if saved.product_id else f"preparation:{saved.name}"
        if self.choice.value != key:
            self.choice.value = key  # a new preparation: from now on it is edited under its name
        else:
            self.form = _form_of(saved)
            self.draw()

    def refuse(self, reason: str) -> None:
        self.error.text = reason
        ui.notify(reason, type="negative")


def _field(element: Field, width: str, marker: str) -> Field:
    return element.props("outlined dense").classes(width).mark(marker)


def _choices() -> tuple[dict[str, str], list[str], dict[int, str]]:
    with session_scope() as session:
        preparations = [p.name for p in recipes.preparations(session)]
        with_recipe = {f.product_id for f in recipes.cookbook(session).values() if f.product_id}
        products = catalogue.list_products(session, include_retired=True)
    choices = {f"product:{p.id}": p.name + ("" if p.id in with_recipe else " (no recipe yet)") for p in products}
    choices |= {f"preparation:{name}": f"{name} (preparation)" for name in preparations}
    choices[NEW] = "New preparation…"
    return choices, preparations, {p.id: p.name for p in products if p.id in with_recipe}


def _saved(key: str) -> RecipePublic | None:
    kind, _, ref = key.partition(":")
    with session_scope() as session:
        try:
            return recipes.product_recipe(session, int(ref)) if kind == "product" else recipes.preparation(session, ref)
        except BakeryError:
            return None  # a product without a recipe yet: start from an empty form


def _save(key: str, new_name: str, recipe: RecipeIn) -> RecipePublic:
    kind, _, ref = key.partition(":")
    with session_scope() as session:
        if kind == "product":
            return recipes.save_product_recipe(session, int(ref), recipe)
        return recipes.save_preparation(session, new_name if key == NEW else ref, recipe)


def _empty(*, product: bool = True) -> dict:
    return {
        "for_product": product,
        "yield_quantity": None,
        "yield_unit": "pcs" if product else "g",
        "entered_as": "weights",
        "flour_grams": None,
        "max_batch_grams": None,
        "lead_time_hours": None,
        "ingredients": [_line()],
    }


def _line(**given) -> dict:
    return {"kind": "raw", "name": "", "unit": "g", "preparation": None, "product_id": None, "amount": None} | given


def _form_of(saved: RecipePublic) -> dict:
    percent = saved.entered_as == "percentages"
    lines = []
    for i in saved.ingredients:
        kind = "preparation" if i.preparation else "product" if i.product_id else "raw"
        amount = i.percent if percent else i.quantity
        lines.append(
            _line(
                kind=kind,
                name=i.name,
                unit=i.unit.value,
                preparation=i.preparation,
                product_id=i.product_id,
                amount=float(amount) if amount is not None else None,
            )
        )
    return _empty(product=saved.product_id is not None) | {
        "yield_quantity": float(saved.yield_quantity),
        "yield_unit": saved.yield_unit.value,
        "entered_as": saved.entered_as.value,
        "flour_grams": float(saved.flour_grams) if saved.flour_grams is not None else None,
        "max_batch_grams": float(saved.max_batch_grams) if saved.max_batch_grams is not None else None,
        "lead_time_hours": saved.lead_time_hours,
        "ingredients": lines,
    }


def _body(form: dict) -> dict:
    """What the admin typed, as the REST API would receive it (numbers as exact decimals of what was shown)."""
    percent = form["entered_as"] == "percentages"
    lines = []
    for line in form["ingredients"]:
        body = {"name": line["name"], "unit": line["unit"]} if line["kind"] == "raw" else {}
        if line["kind"] == "preparation":
            body["preparation"] = line["preparation"]
        if line["kind"] == "product":
            body["product_id"] = line["product_id"]
        body["percent" if percent else "quantity"] = _decimal(line["amount"])
        lines.append(body)
    return {
        "yield_quantity": _decimal(form["yield_quantity"]),
        "yield_unit": form["yield_unit"],
        "entered_as": form["entered_as"],
        "flour_grams": _decimal(form["flour_grams"]) if percent else None,
        "max_batch_grams": _decimal(form["max_batch_grams"]),
        "lead_time_hours": int(form["lead_time_hours"]) if form["lead_time_hours"] is not None else None,
        "ingredients": lines,
    }


def _decimal(value: float | None) -> Decimal | None:
    # str() first: the number field's 0.1 is the float nearest 0.1; its shortest text is what was typed.
    return None if value is None else Decimal(str(value))


def _reason(error: dict) -> str:
    """`Ingredient 2, quantity: Input should be greater than 0`, from one of pydantic's errors."""
    loc = list(error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    if len(loc) >= 2 and loc[0] == "ingredients" and isinstance(loc[1], int):
        loc = [f"Ingredient {loc[1] + 1}", *loc[2:]]
    where = ", ".join(str(part).replace("_", " ") for part in loc)
    return f"{where}: {message}" if where else message

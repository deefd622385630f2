"""Products `/admin/products`: the whole catalogue by category, add and edit with errors beside the field,
sold-out switch; admins move categories and products up and down in the storefront's order.

Staff see the sold-out switch and the daily limit (services/stock.py says so); admins see everything.
"""

from decimal import Decimal, InvalidOperation
from itertools import groupby

from nicegui import ui
from pydantic import ValidationError

from pages.access import signed_in
from pages.guard import staff_page
from pages.in_thread import in_thread
from pages.layout import frame, money
from pages.product_fields import LISTS, catalogue_inputs, catalogue_values
from pages.product_photo import photo_box
from pages.product_stock import DailyLimitForm
from services import catalogue, catalogue_order, stock
from services.accounts import Role, may
from services.database import session_scope
from services.errors import BakeryError, Forbidden
from services.models import Product
from services.schemas import ProductCreate, ProductUpdate


def register() -> None:
    @staff_page("/admin/products", role=Role.STAFF)
    async def products_page() -> None:
        admin = may(signed_in().role, Role.ADMIN)
        with frame("Products", staff=True):
            with ui.row().classes("w-full items-center justify-between"):
                ui.label("Products").classes("text-3xl font-semibold")
                if admin:
                    ui.button("Add product", icon="add", on_click=lambda: ProductForm(None, reload).open()).props(
                        "color=primary"
                    ).mark("add-product")

            @ui.refreshable
            def listing(products: list[Product]) -> None:
                shelves = [(c, list(group)) for c, group in groupby(products, key=lambda p: p.category)]
                with ui.column().classes("w-full gap-1"):
                    for at, (category, shelf) in enumerate(shelves):
                        _category_heading(category, reload, admin=admin, first=at == 0, last=at == len(shelves) - 1)
                        for place, product in enumerate(shelf):
                            _row(product, reload, admin=admin, first=place == 0, last=place == len(shelf) - 1)

            async def reload() -> None:
                listing.refresh(await in_thread(_all_products))

            listing(await in_thread(_all_products))


def _all_products() -> list[Product]:
    with session_scope() as session:
        return catalogue.list_products(session, include_retired=True)


def _category_heading(category: str, reload, *, admin: bool, first: bool, last: bool) -> None:
    with ui.row().classes("w-full items-center gap-2 mt-3").mark(f"category-{category}"):
        ui.label(category).classes("text-xl font-medium")
        if admin:
            _move_buttons(
                f"category-{category}", category, category, first, last, catalogue_order.move_category, reload
            )


def _row(product: Product, reload, *, admin: bool, first: bool, last: bool) -> None:
    with ui.row().classes("w-full items-center gap-4 border-b py-1").mark(f"row-{product.name}"):
        if admin:
            _move_buttons(product.name, product.name, product.id, first, last, catalogue_order.move_product, reload)
        ui.label(product.name).classes("w-48 font-medium")
        ui.label(money(product.price)).classes("w-24 text-right").mark(f"price-{product.name}")
        ui.label(f"limit {product.daily_limit}/day" if product.daily_limit else "no limit").classes("w-28 text-sm")
        ui.label(f"{product.lead_time_hours} h notice" if product.lead_time_hours else "same day").classes(
            "w-28 text-sm"
        )

        async def toggle(e, product_id=product.id) -> None:
            await _save(product_id, ProductUpdate(available=not e.value))
            await reload()

        ui.switch("Sold out", value=not product.available, on_change=toggle).mark(f"sold-out-{product.name}")
        if admin:

            async def retire(e, product_id=product.id) -> None:
                await _save(product_id, ProductUpdate(active=not e.value))
                await reload()

            # Retired: gone from the storefront and new orders, still in every earlier order and the analytics.
            ui.switch("Retired", value=not product.active, on_change=retire).mark(f"retired-{product.name}")
        elif not product.active:
            ui.badge("retired", color="grey")
        ui.button(
            icon="production_quantity_limits", on_click=lambda: DailyLimitForm(product, _save, reload).open()
        ).props('flat dense aria-label="Daily limit"').tooltip("Daily limit").mark(f"limit-{product.name}")
        if admin:
            ui.button(icon="edit", on_click=lambda: ProductForm(product, reload).open()).props("flat dense").mark(
                f"edit-{product.name}"
            )


def _move_buttons(marker: str, name: str, subject, first: bool, last: bool, move, reload) -> None:
    """Up and down arrows (the storefront shows the same order); an end's arrow is off, it has nowhere to go."""
    for step, icon, label, at_end in ((-1, "arrow_upward", "up", first), (1, "arrow_downward", "down", last)):

        async def click(step=step) -> None:
            try:
                await _move(move, subject, step)
            except BakeryError as error:  # e.g. another admin renamed the category meanwhile
                ui.notify(error.detail, type="negative")
            await reload()

        button = ui.button(icon=icon, on_click=click).props("flat dense round size=sm").mark(f"{label}-{marker}")
        button.props["aria-label"] = f"Move {name} {label}"  # set, not parsed: a name may hold quotes
        button.set_enabled(not at_end)


async def _move(move, subject: str | int, step: int) -> None:
    role = signed_in().role  # the service lets only admins move anything

    def call() -> None:
        with session_scope() as session:
            move(session, subject, step, role=role)

    await in_thread(call)


async def _save(product_id: int | None, change: ProductCreate | ProductUpdate) -> Product:
    role = signed_in().role  # checked again by the service: a staff page must not change what only admins may

    def call() -> Product:
        with session_scope() as session:
            if product_id is None:
                if not may(role, Role.ADMIN):
                    raise Forbidden("Only an admin may add products")
                return catalogue.add_product(session, change)
            return stock.change_product(session, product_id, change, role=role)

    return await in_thread(call)


class ProductForm:
    """Add (product=None) or edit dialog. Validation errors appear under the field they belong to."""

    def __init__(self, product: Product | None, on_saved) -> None:
        self.product = product
        self.on_saved = on_saved

    def open(self) -> None:
        p = self.product
        with ui.dialog() as self.dialog, ui.card().classes("w-96").mark("product-form"):
            ui.label(f"Edit {p.name}" if p else "New product").classes("text-lg font-semibold")
            self.inputs = {
                "name": ui.input("Name", value=p.name if p else ""),
                "price": ui.input("Price", value=f"{p.price:.2f}" if p else ""),
                "category": ui.input("Category", value=p.category if p else "Breads"),
                "description": ui.textarea("Description", value=p.description if p else ""),
                "daily_limit": ui.input("Daily limit (empty = none)", value=_text(p.daily_limit if p else None)),
                "lead_time_hours": ui.input(
                    "Lead time in hours (empty = same day)", value=_text(p.lead_time_hours if p else None)
                ),
                **catalogue_inputs(p),
            }
            for name, element in self.inputs.items():
                element.props("outlined dense").classes("w-full").mark(f"field-{name}")
            if p is not None:
                photo_box(p)
            self.problem = ui.label("").classes("text-red-700 text-sm").mark("form-error")
            with ui.row():
                ui.button("Close", on_click=self.dialog.close).props("flat")
                ui.button("Save", on_click=self.save).props("color=primary").mark("save-product")
        self.dialog.open()

    async def save(self) -> None:
        for element in self.inputs.values():
            element.props(remove="error error-message")
        self.problem.text = ""
        raw = {name: (element.value or "").strip() for name, element in self.inputs.items() if name not in LISTS}
        data: dict = {"name": raw["name"], "category": raw["category"], "description": raw["description"]}
        errors: dict[str, str] = {}
        data["price"] = _decimal(raw["price"], errors)
        for name in ("daily_limit", "lead_time_hours"):
            data[name] = _whole_number(name, raw[name], errors)
        data |= catalogue_values(self.inputs, raw, errors, _whole_number)
        if not errors:
            try:
                change = ProductUpdate(**data) if self.product else ProductCreate(**data)
            except ValidationError as error:
                for problem in error.errors():
                    errors.setdefault(str(problem["loc"][0]), problem["msg"])
        if errors:
            for name, message in errors.items():
                self.inputs[name].props(f'error error-message="{message.replace(chr(34), chr(39))}"')
            return
        try:
            await _save(self.product.id if self.product else None, change)
        except BakeryError as error:
            if error.field in self.inputs:
                self.inputs[error.field].props(f'error error-message="{error.detail.replace(chr(34), chr(39))}"')
            else:
                self.problem.text = error.detail
            return
        self.dialog.close()
        ui.notify(f"Saved {data['name']}", type="positive")
        await self.on_saved()


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


def _decimal(text: str, errors: dict[str, str]) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        errors["price"] = "Enter a price such as 4.50"
        return None


def _whole_number(name: str, text: str, errors: dict[str, str]) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        errors[name] = "Enter a whole number, or leave it empty"
        return None
    return int(text)

"""The daily-limit dialog of the products page: what staff may set at the counter besides "sold out"."""

from collections.abc import Awaitable, Callable

from nicegui import ui
from pydantic import ValidationError

from services.errors import BakeryError
from services.models import Product
from services.schemas import ProductUpdate


class DailyLimitForm:
    """How many of a product the bakery takes orders for per day; empty means no limit."""

    def __init__(self, product: Product, save: Callable, on_saved: Callable[[], Awaitable[None]]) -> None:
        self.product, self.save_change, self.on_saved = product, save, on_saved

    def open(self) -> None:
        with ui.dialog() as self.dialog, ui.card().classes("w-80").mark("limit-form"):
            ui.label(f"Daily limit of {self.product.name}").classes("text-lg font-semibold")
            limit = self.product.daily_limit
            self.field = (
                ui.input("Per day (empty = no limit)", value="" if limit is None else str(limit))
                .props("outlined dense autofocus")
                .classes("w-full")
                .mark("field-limit")
            )
            with ui.row():
                ui.button("Close", on_click=self.dialog.close).props("flat")
                ui.button("Save", on_click=self.save).props("color=primary").mark("save-limit")
        self.dialog.open()

    async def save(self) -> None:
        text = (self.field.value or "").strip()
        if text and not text.isdigit():
            self._show("Enter a whole number, or leave it empty")
            return
        try:
            change = ProductUpdate(daily_limit=int(text) if text else None)
            await self.save_change(self.product.id, change)
        except ValidationError as error:
            self._show(error.errors()[0]["msg"])
            return
        except BakeryError as error:
            self._show(error.detail)
            return
        self.dialog.close()
        ui.notify(f"{self.product.name}: {'limit ' + text + ' a day' if text else 'no daily limit'}", type="positive")
        await self.on_saved()

    def _show(self, message: str) -> None:
        self.field.props(f'error error-message="{message.replace(chr(34), chr(39))}"')

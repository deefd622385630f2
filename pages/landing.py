"""The landing page: today's catalogue by category (the storefront issue makes it orderable)."""

from itertools import groupby

from nicegui import run, ui

from pages.layout import frame
from services import catalogue
from services.database import session_scope
from services.models import Product


def register(bakery_name: str) -> None:
    @ui.page("/")
    async def landing() -> None:
        with frame(bakery_name, "Welcome"):
            ui.label(f"Welcome to {bakery_name}").classes("text-3xl font-semibold")
            products = await run.io_bound(_catalogue)
            for category, group in groupby(products, key=lambda p: p.category):
                ui.label(category).classes("text-xl font-medium mt-4")
                with ui.grid(columns=3).classes("w-full gap-2"):
                    for product in group:
                        _product_card(product)


def _catalogue() -> list[Product]:
    with session_scope() as session:
        return catalogue.list_products(session)


def _product_card(product: Product) -> None:
    with ui.card().classes("w-full"):
        ui.label(product.name).classes("font-semibold")
        ui.label(f"£{product.price:.2f}")
        ui.label(product.description).classes("text-sm text-gray-600")
        if not product.available:
            ui.badge("Sold out", color="red")

"""The production sheet `/admin/production`: what to mix on a day, in what batches, with how much of each
ingredient, and what to start for the days after. Live as orders arrive, printable on A4, downloadable."""

from datetime import date, timedelta

from nicegui import ui

from bakeops_ui import live
from pages.days import day_picker, parse_day
from pages.guard import staff_page
from pages.in_thread import in_thread
from pages.layout import frame
from pages.newest import Newest
from pages.shop import shop
from services import bakery
from services.database import session_scope
from services.events import Refresh
from services.production import production_sheet
from services.production_export import (
    batches_text,
    csv_filename,
    ingredient_text,
    mix_title,
    pdf_filename,
    sheet_csv,
    sheet_pdf,
    show,
)
from services.recipe_schemas import Mix, ProductionSheet

# Orders due this many days after the shown one can still change it (a preparation started days ahead).
LOOK_AHEAD_DAYS = 7

PRINT_A4 = """
@page { size: A4; margin: 12mm; }
@media print { .production-mix { break-inside: avoid; box-shadow: none !important; } }
.production-mix td:first-child { white-space: normal; }  /* "Croissant dough (made earlier)" wraps on a phone */
"""


def register() -> None:
    @staff_page("/admin/production")
    async def production(day: str | None = None) -> None:
        await ProductionPage(parse_day(day) or bakery.rules().today()).build()


class ProductionPage:
    def __init__(self, day: date) -> None:
        self.day = day
        self.sheet: ProductionSheet | None = None
        self.loads = Newest()

    async def build(self) -> None:
        ui.add_css(PRINT_A4)
        with frame("Production", staff=True):
            with ui.row().classes("w-full items-center justify-between"):
                self.title = ui.label().classes("text-3xl font-semibold").mark("production-title")
                with ui.row().classes("items-center gap-2 no-print"):
                    day_picker(self.day, "production-day").on_value_change(lambda e: self.pick(e.value))
                    ui.button("Print", icon="print", on_click=lambda: ui.run_javascript("window.print()")).props(
                        "outline"
                    ).mark("print")
                    ui.button("CSV", icon="download", on_click=self.download_csv).props("outline").mark("csv")
                    ui.button("PDF", icon="picture_as_pdf", on_click=self.download_pdf).props("outline").mark("pdf")
            self.body = ui.column().classes("w-full gap-4")
            self.show(await in_thread(_load, self.day))
            live.order_changed.subscribe(self.on_order_changed)

    def show(self, sheet: ProductionSheet) -> None:
        self.sheet = sheet
        self.title.text = f"Production for {sheet.day:%A %d %B %Y}"
        self.body.clear()
        with self.body:
            _draw(sheet)

    async def reload(self) -> None:
        sheet, newest = await self.loads.load(lambda: in_thread(_load, self.day))
        if newest:  # an older day's (or an older event's) answer must not replace a newer one
            self.show(sheet)

    async def pick(self, value: str) -> None:
        if (picked := parse_day(value)) is not None and picked != self.day:
            self.day = picked
            await self.reload()

    async def on_order_changed(self, refresh: Refresh) -> None:
        order = refresh.order
        if order is None or self.day <= order.due_day <= self.day + timedelta(days=LOOK_AHEAD_DAYS):
            await self.reload()

    def download_csv(self) -> None:
        if self.sheet is not None:
            body = sheet_csv(self.sheet, bakery.rules().zone).encode()
            ui.download.content(body, csv_filename(self.sheet), "text/csv")

    async def download_pdf(self) -> None:
        if self.sheet is not None:
            sheet, name = self.sheet, shop().name  # read on the loop: app.state is not for worker threads
            pdf = await in_thread(sheet_pdf, sheet, bakery.rules().zone, name)
            ui.download.content(pdf, pdf_filename(sheet), "application/pdf")


def _load(day: date) -> ProductionSheet:
    with session_scope() as session:
        return production_sheet(session, day)


# --- Drawing ---------------------------------------------------------------------------------------------------


def _draw(sheet: ProductionSheet) -> None:
    if not sheet.products and not sheet.mixes:
        ui.label("Nothing to make or prepare on this day yet.").classes("opacity-70").mark("production-empty")
        return
    # The mixes are what the baker works from; the totals sit beside them (below them on a phone).
    with ui.row().classes("w-full gap-4 items-start"):
        with ui.column().classes("flex-1 min-w-[300px] gap-4"):
            with ui.card().classes("w-full"):
                ui.label("To make").classes("text-xl font-semibold")
                _table(
                    [("name", "Product", "left"), ("quantity", "Quantity", "right")],
                    [
                        {"name": p.name + ("" if p.has_recipe else " (no recipe)"), "quantity": p.quantity}
                        for p in sheet.products
                    ],
                    "production-products",
                )
            if sheet.mixes:
                ui.label("Mixes").classes("text-2xl font-semibold")
            with ui.element("div").classes("w-full grid grid-cols-1 lg:grid-cols-2 gap-4"):
                for mix in sheet.mixes:
                    _mix_card(mix, sheet.day)
        with ui.card().classes("w-full md:w-80"):
            ui.label("Ingredients to weigh out").classes("text-xl font-semibold")
            _table(
                [("name", "Ingredient", "left"), ("quantity", "Total", "right")],
                [{"name": line.name, "quantity": show(line.quantity, line.unit)} for line in sheet.ingredients],
                "production-ingredients",
            )


def _mix_card(mix: Mix, day: date) -> None:
    later = mix.for_day != day
    with ui.card().classes("production-mix w-full").mark("production-mix"):
        with ui.row().classes("items-center gap-2"):
            ui.label(mix_title(mix, day, bakery.rules().zone)).classes("text-lg font-semibold")
            if later:
                ui.badge("for a later day", color="amber-9", text_color="black").mark("prepare-ahead")
        ui.label(batches_text(mix)).classes("opacity-80")
        columns = [("name", "Ingredient", "left"), ("total", "Total", "right")]
        if mix.batches > 1:  # one batch is the total; a phone has no room for the same numbers twice
            columns.append(("batch", "Per batch", "right"))
        _table(
            columns,
            [
                {"name": ingredient_text(a), "total": show(a.quantity, a.unit), "batch": show(b.quantity, b.unit)}
                for a, b in zip(mix.ingredients, mix.per_batch, strict=True)
            ],
            "mix-" + "-".join(mix.recipe.lower().split()),  # one marker word: "mix-sourdough-loaf"
        )


def _table(columns: list[tuple[str, str, str]], rows: list[dict], marker: str) -> None:
    spec = [{"name": name, "label": label, "field": name, "align": align} for name, label, align in columns]
    for n, row in enumerate(rows):
        row["key"] = n
    # pagination=0: every row on one page; a sheet on the wall has no "next page" button.
    table = ui.table(columns=spec, rows=rows, row_key="key", pagination=0)
    table.classes("w-full").props("flat dense hide-bottom").mark(marker)

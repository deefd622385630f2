"""The bake list `/admin/bake-list`: what to bake for a chosen day, made and remaining, live and printable."""

from datetime import date

from nicegui import ui

from bakeops_ui import live
from pages.days import day_picker, parse_day
from pages.guard import staff_page
from pages.in_thread import in_thread
from pages.layout import frame
from pages.newest import Newest
from services import bakery
from services.bake_list import BakeLine, bake_list_for
from services.database import session_scope
from services.events import Refresh


def register() -> None:
    @staff_page("/admin/bake-list")
    async def bake_list(day: str | None = None) -> None:
        state = {"day": parse_day(day) or bakery.rules().today()}
        loads = Newest()
        with frame("Bake list", staff=True):
            with ui.row().classes("w-full items-center justify-between"):
                title = ui.label().classes("text-3xl font-semibold").mark("bake-list-title")
                with ui.row().classes("items-center no-print"):
                    day_input = day_picker(state["day"], "bake-day")
                    ui.button("Print", icon="print", on_click=lambda: ui.run_javascript("window.print()")).props(
                        "outline"
                    ).mark("print")

            @ui.refreshable
            def table(lines: list[BakeLine]) -> None:
                title.text = f"Bake list for {state['day']:%A %d %B %Y}"
                _table(lines)

            async def reload() -> None:
                lines, newest = await loads.load(lambda: in_thread(_load, state["day"]))
                if newest:  # an older day's (or an older event's) answer must not replace a newer one
                    table.refresh(lines)

            async def pick(value: str) -> None:
                if (picked := parse_day(value)) is not None and picked != state["day"]:
                    state["day"] = picked
                    await reload()

            async def on_change(refresh: Refresh) -> None:
                # Only orders due on the shown day change its counts.
                if refresh.order is not None and refresh.order.due_day == state["day"]:
                    await reload()

            day_input.on_value_change(lambda e: pick(e.value))
            table(await in_thread(_load, state["day"]))
            live.order_changed.subscribe(on_change)


def _load(day: date) -> list[BakeLine]:
    with session_scope() as session:
        return bake_list_for(session, day)


def _table(lines: list[BakeLine]) -> None:
    if not lines:
        ui.label("Nothing ordered for this day yet.").classes("opacity-70").mark("bake-list-empty")
        return
    columns = [
        {"name": "name", "label": "Product", "field": "name", "align": "left"},
        {"name": "ordered", "label": "To bake", "field": "ordered"},
        {"name": "made", "label": "Made", "field": "made"},
        {"name": "remaining", "label": "Remaining", "field": "remaining"},
    ]
    rows = [
        {"name": line.title, "ordered": line.ordered, "made": line.made, "remaining": line.remaining} for line in lines
    ]
    rows.append(
        {
            "name": "All products",
            "ordered": sum(line.ordered for line in lines),
            "made": sum(line.made for line in lines),
            "remaining": sum(line.remaining for line in lines),
        }
    )
    ui.table(columns=columns, rows=rows, row_key="name").classes("w-full text-lg").props("flat bordered dense").mark(
        "bake-table"
    )

"""Days as a page's address or date box gives them: ISO text, where anything unreadable means "none"."""

from datetime import date

from nicegui import ui


def parse_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def day_picker(day: date, marker: str) -> ui.input:
    """A day box for staff pages: the ISO day in the field, a calendar on its icon."""
    day_input = ui.input("Day", value=day.isoformat()).props("outlined dense").mark(marker)
    with day_input:
        with ui.menu() as menu, ui.date(on_change=lambda: menu.close()).bind_value(day_input):
            pass
        with day_input.add_slot("append"):
            ui.icon("event").on("click", menu.open).classes("cursor-pointer")
    return day_input

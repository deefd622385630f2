"""The shared frame of every page: header with the bakery's name and navigation."""

from collections.abc import Iterator
from contextlib import contextmanager

from nicegui import ui


@contextmanager
def frame(bakery_name: str, title: str) -> Iterator[None]:
    ui.page_title(f"{title} · {bakery_name}")
    with ui.header().classes("items-center justify-between bg-amber-800"):
        ui.link(bakery_name, "/").classes("text-xl font-bold text-white no-underline")
        with ui.row().classes("items-center gap-4"):
            ui.link("API docs", "/docs").classes("text-white")
    with ui.column().classes("w-full max-w-5xl mx-auto p-4 gap-4"):
        yield

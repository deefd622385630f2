"""NiceGUI pages, one module per area; register_pages wires them all."""

from pages import landing


def register_pages(bakery_name: str) -> None:
    landing.register(bakery_name)  # serves /

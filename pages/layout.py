"""The shared frame of every page: header with the bakery's name, navigation, dark mode, live indicator."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from nicegui import app, ui

from bakeops_ui import live
from pages.access import sign_out, signed_in
from pages.connection import free_unless_it_connects, watch_the_socket
from pages.shop import shop
from services import bakery
from services.accounts import Role

STAFF_NAV = [
    ("Board", "/admin"),
    ("Products", "/admin/products"),
    ("Bake list", "/admin/bake-list"),
    ("Production", "/admin/production"),
]
ADMIN_NAV = [
    ("Recipes", "/admin/recipes"),
    ("Analytics", "/admin/analytics"),
    ("Accounts", "/admin/users"),
    ("Settings", "/admin/settings"),
]

# The header's brown (Tailwind amber-800): white text on it passes WCAG AA (7:1), where Quasar's default blue
# primary (3:1) and amber-9 buttons (2.3:1) did not. Buttons, tabs and toggles use it as `primary`.
BRAND = "#92400e"


# Links: NiceGUI's blue-500 is 3.7:1 on white; blue-800 (light) and blue-300 (dark) pass 4.5:1. In the
# `components` layer, so a link's own colour class (the header's text-white, a utility) still wins.
# Focus: a keyboard user must see where they are. Quasar marks a focused button only by a faint tint and removes
# its outline with an `!important` in its own layer; an important rule in the earlier `overrides` layer wins.
# Dark blue ring on a white halo: visible on the white page, the brown header and in dark mode alike.
# Text fields keep Quasar's own focus (their outline turns primary and thick).
ACCESSIBLE_CSS = """
@layer components {
  .nicegui-link { color: #1e40af; }
  body.body--dark .nicegui-link { color: #93c5fd; }
}
@layer overrides {
  :focus-visible:not(.q-field__native) {
    outline: 3px solid #1e40af !important;
    outline-offset: 2px !important;
    box-shadow: 0 0 0 2px #ffffff !important;
  }
}
"""


def theme_every_page() -> None:
    """App-wide settings every page needs for keyboards, screen readers and contrast (call once, before ui.run)."""
    app.config.quasar_config["brand"]["primary"] = BRAND
    # Quasar's page-load bar is a progressbar with no name; screen readers would announce it as nothing.
    app.config.quasar_config["loadingBar"]["aria-label"] = "Loading"
    ui.add_css(ACCESSIBLE_CSS, shared=True)


PRINT_CSS = """
@media print {
  .q-header, .no-print { display: none !important; }
  .q-page-container { padding-top: 0 !important; }
  body { background: white !important; color: black !important; }
}
"""


@contextmanager
def frame(title: str, *, staff: bool = False) -> Iterator[None]:
    ui.page_title(f"{title} · {shop().name}")
    ui.add_css(PRINT_CSS)
    watch_the_socket()
    dark = ui.dark_mode(app.storage.user.get("dark", False))
    with ui.header().classes("items-center justify-between bg-amber-800 text-white"):
        with ui.row().classes("items-center gap-4"):
            ui.link(shop().name, "/").classes("text-xl font-bold text-white no-underline")
            who = signed_in() if staff else None
            if who is not None:
                for label, target in STAFF_NAV:
                    ui.link(label, target).classes("text-white")
                if who.role == Role.ADMIN:
                    for label, target in ADMIN_NAV:
                        ui.link(label, target).classes("text-white")
        with ui.row().classes("items-center gap-2"):
            _live_indicator()
            # The browser's own tooltip (title), not a Quasar one: one element fewer on every page built and held.
            ui.button(icon="dark_mode", on_click=lambda: _toggle_dark(dark)).props(
                'flat round color=white aria-label="Dark mode" title="Dark mode"'
            ).mark("dark-mode")
            if who is not None:
                ui.label(who.email).classes("text-sm opacity-80").mark("signed-in-as")
                ui.button(icon="logout", on_click=_sign_out).props(
                    'flat round color=white aria-label="Sign out" title="Sign out"'
                ).mark("sign-out")
            elif not staff:
                ui.link("Staff", "/admin").classes("text-white text-sm")
    try:
        with ui.column().classes("w-full max-w-6xl mx-auto p-4 gap-4"):
            yield
    finally:
        free_unless_it_connects()  # counted from here: the page is built, its browser can start loading it


def _sign_out() -> None:
    sign_out()
    ui.navigate.to("/login")


def _toggle_dark(dark: ui.dark_mode) -> None:
    dark.toggle()
    app.storage.user["dark"] = dark.value


def _live_indicator() -> None:
    # "live-indicator": pages/connection.py turns it red in the browser when the page loses its own socket.
    # role="img" with a name: the icon's state is said in words, not only in its colour and shape.
    icon = ui.icon("sensors").classes("text-lg live-indicator").props('role="img"').mark("live-indicator")

    def show(connected: bool) -> None:
        icon.name = "sensors" if connected else "sensors_off"
        icon.classes(replace="text-lg live-indicator " + ("text-green-300" if connected else "text-red-300"))
        said = "Live updates on" if connected else "Live updates interrupted; reconnecting"
        icon.props.update({"aria-label": said, "title": said})  # title: the browser's tooltip, as the buttons'

    show(live.connection["live"])
    live.connection_changed.subscribe(show)


def money(amount: Decimal | float) -> str:
    return f"{shop().currency}{Decimal(amount):,.2f}"


def local_time(moment: datetime | None, fmt: str = "%a %d %b, %H:%M") -> str:
    if moment is None:
        return "—"
    return moment.astimezone(ZoneInfo(bakery.rules().timezone)).strftime(fmt)


def ago(moment: datetime, now: datetime) -> str:
    minutes = int((now - moment).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min ago" if hours < 24 else f"{hours // 24} d ago"

"""Bakery settings `/admin/settings` (admins): contact, opening hours, closures and the pickup-slot rules.

The page only turns its fields into a BakerySettingsUpdate; every rule is checked by the services, and a
refusal shows beside the field it is about.
"""

from datetime import date

from nicegui import ui
from pydantic import ValidationError

from pages.guard import staff_page
from pages.in_thread import in_thread
from pages.layout import frame
from services.accounts import Role
from services.bakery_schemas import BakeryInfo, BakerySettingsUpdate
from services.bakery_settings import SettingRefused, bakery_info, update_settings
from services.calendar import WEEKDAYS
from services.database import session_scope
from services.errors import BakeryError

HOURS_HINT = "e.g. 07:00-12:00, 13:00-18:00; empty = closed"


def register() -> None:
    @staff_page("/admin/settings", role=Role.ADMIN)
    async def settings_page() -> None:
        with frame("Settings", staff=True):
            ui.label("Bakery settings").classes("text-3xl font-semibold")
            SettingsForm(await in_thread(bakery_info)).build()


class SettingsForm:
    def __init__(self, info: BakeryInfo) -> None:
        self.info = info
        self.fields: dict[str, ui.element] = {}

    def build(self) -> None:
        info, f = self.info, self.fields
        with ui.card().classes("w-full max-w-3xl gap-2"):
            ui.label("The shop").classes("text-lg font-semibold")
            f["name"] = (
                ui.input("Name", value=info.name).props("outlined dense").classes("w-full").mark("settings-name")
            )
            f["address"] = ui.input("Address", value=info.address).props("outlined dense").classes("w-full")
            f["address"].mark("settings-address")
            f["phone"] = ui.input("Phone", value=info.phone).props("outlined dense").mark("settings-phone")
            ui.label("Opening hours (local time)").classes("text-lg font-semibold mt-2")
            for day in WEEKDAYS:
                text = ", ".join(f"{r.opens}-{r.closes}" for r in info.hours.get(day, []))
                f[f"hours.{day}"] = (
                    ui.input(day, value=text).props(f'outlined dense hint="{HOURS_HINT}"').classes("w-full")
                ).mark(f"settings-hours-{day}")
            f["closures"] = (
                ui.textarea("Closures: one a line, date and message", value=_closures_text(info))
                .props('outlined dense hint="2026-12-25 Closed for Christmas"')
                .classes("w-full")
                .mark("settings-closures")
            )
            ui.label("Pickup slots").classes("text-lg font-semibold mt-2")
            with ui.row().classes("gap-4"):
                f["same_day_cutoff"] = ui.input("Same-day orders until", value=info.same_day_cutoff or "")
                f["same_day_cutoff"].props('outlined dense hint="e.g. 10:00; empty = no cut-off"').mark(
                    "settings-cutoff"
                )
                f["prep_buffer_minutes"] = ui.number("Preparation buffer (min)", value=info.prep_buffer_minutes)
                f["prep_buffer_minutes"].props("outlined dense").mark("settings-buffer")
                f["slot_minutes"] = ui.number("Slot length (min)", value=info.slot_minutes)
                f["slot_minutes"].props("outlined dense").mark("settings-slot-minutes")
                f["slot_capacity"] = ui.number("Items per slot", value=info.slot_capacity)
                f["slot_capacity"].props('outlined dense hint="empty = no limit"').mark("settings-capacity")
            f["category_capacity"] = (
                ui.input("Items per slot by category", value=_capacity_text(info))
                .props('outlined dense hint="e.g. Cakes: 4, Breads: 30"')
                .classes("w-full")
                .mark("settings-category-capacity")
            )
            f["delivery_enabled"] = ui.switch(
                "We deliver (Ready orders can be shipped)", value=info.delivery_enabled
            ).mark("settings-delivery")
            self.error = ui.label("").classes("text-red-700 text-sm").mark("settings-error")
            ui.button("Save", icon="save", on_click=self.save).props("color=primary").mark("settings-save")

    async def save(self) -> None:
        self._clear_errors()
        try:
            changes = BakerySettingsUpdate(**self._read())
        except _Unreadable as problem:
            self._field_error(problem.field, problem.message)
            return
        except ValidationError as error:
            for field, message in _messages(error).items():
                self._field_error(field, message)
            return
        try:
            self.info = await in_thread(_save, changes)
        except SettingRefused as error:
            self._field_error(error.field, error.detail)
            return
        except BakeryError as error:
            self.error.text = error.detail
            return
        ui.notify("Settings saved; every open page follows at once", type="positive")

    def _read(self) -> dict:
        f = self.fields
        hours = {day: _ranges(f"hours.{day}", f[f"hours.{day}"].value) for day in WEEKDAYS}
        return {
            "name": (f["name"].value or "").strip(),
            "address": (f["address"].value or "").strip(),
            "phone": (f["phone"].value or "").strip(),
            "hours": hours,
            "closures": _closures(f["closures"].value or ""),
            "same_day_cutoff": (f["same_day_cutoff"].value or "").strip() or None,
            "prep_buffer_minutes": _whole(f["prep_buffer_minutes"].value, 0),
            "slot_minutes": _whole(f["slot_minutes"].value, 15),
            "slot_capacity": None if f["slot_capacity"].value in (None, "") else _whole(f["slot_capacity"].value, 0),
            "category_capacity": _capacities(f["category_capacity"].value or ""),
            "delivery_enabled": bool(f["delivery_enabled"].value),
        }

    def _field_error(self, field: str, message: str) -> None:
        element = self.fields.get(field)
        if element is None:
            self.error.text = message
            return
        element.props(f'error error-message="{message.replace(chr(34), chr(39))}"')

    def _clear_errors(self) -> None:
        self.error.text = ""
        for element in self.fields.values():
            element.props(remove="error error-message")


def _save(changes: BakerySettingsUpdate) -> BakeryInfo:
    with session_scope() as session:
        return update_settings(session, changes, by="settings page")


class _Unreadable(Exception):
    def __init__(self, field: str, message: str) -> None:
        self.field, self.message = field, message


def _ranges(field: str, text: str | None) -> list[dict]:
    ranges = []
    for part in (text or "").replace(";", ",").split(","):
        if not part.strip():
            continue
        opens, dash, closes = part.strip().partition("-")
        if not dash:
            raise _Unreadable(field, f"Write each range as opening-closing, like 07:00-12:00 (not {part.strip()!r})")
        ranges.append({"opens": opens.strip(), "closes": closes.strip()})
    return ranges


def _closures(text: str) -> list[dict]:
    closures = []
    for line in text.splitlines():
        if not line.strip():
            continue
        day, _, message = line.strip().partition(" ")
        try:
            date.fromisoformat(day)
        except ValueError:
            raise _Unreadable("closures", f"Start each line with a date like 2026-12-25 (not {day!r})") from None
        closures.append({"day": day, "message": message.strip() or "Closed"})
    return closures


def _capacities(text: str) -> dict[str, int]:
    capacities = {}
    for part in text.split(","):
        if not part.strip():
            continue
        category, colon, items = part.partition(":")
        if not colon or not items.strip().lstrip("-").isdigit():
            raise _Unreadable("category_capacity", f"Write each limit as Category: number (not {part.strip()!r})")
        capacities[category.strip()] = int(items)
    return capacities


def _whole(value: float | None, default: int) -> int:
    return default if value is None else int(value)


def _messages(error: ValidationError) -> dict[str, str]:
    """Field (hours by day) -> the first thing wrong with it."""
    messages: dict[str, str] = {}
    for problem in error.errors():
        loc = [str(part) for part in problem["loc"]]
        message = problem["msg"].removeprefix("Value error, ")
        field = loc[0] if loc else ""
        if field == "hours":  # a bad range names its day in the location, an overlap in the message
            day = loc[1] if len(loc) > 1 else message[:3]
            field = f"hours.{day}"
        messages.setdefault(field, message)
    return messages


def _closures_text(info: BakeryInfo) -> str:
    return "\n".join(f"{c.day.isoformat()} {c.message}" for c in info.closures)


def _capacity_text(info: BakeryInfo) -> str:
    return ", ".join(f"{category}: {items}" for category, items in info.category_capacity.items())

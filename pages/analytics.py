"""Analytics `/admin/analytics`: revenue, products, rush hours and service quality for a period, kept live.

Pages never query per event: order events only mark one process-wide cache stale, and one debounced
recompute per period on show (at most every REFRESH_SECONDS) feeds every open page showing that period.
"""

import asyncio
import math
from collections import Counter
from datetime import date

from nicegui import Event, background_tasks, ui

from pages import live
from pages.guard import staff_page
from pages.layout import SHOP, frame, money
from pages.shared_query import SharedQuery
from services import bakery
from services.accounts import Role
from services.analytics import Period, summary
from services.analytics_csv import csv_filename, csv_text
from services.database import session_scope
from services.errors import Invalid
from services.report_schemas import ProductFigures, Rush, Summary

REFRESH_SECONDS = 2.0
CHOICES = {"today": "Today", "7": "Last 7 days", "30": "Last 30 days", "custom": "Custom range"}


def register() -> None:
    summaries.reset()
    live.order_changed.subscribe(summaries.order_changed)  # one subscriber for the process, not one per page

    @staff_page("/admin/analytics", role=Role.ADMIN)
    async def analytics(period: str = "7", first: str | None = None, last: str | None = None) -> None:
        choice = period if period in CHOICES else "7"
        try:
            shown = _period(choice, first, last)
        except Invalid as error:
            shown = None
            ui.notify(error.detail, type="warning")
        if shown is None:
            choice, shown = "7", _period("7")
        state: dict = {"choice": choice, "period": shown, "report": None}
        with frame("Analytics", staff=True):
            with ui.row().classes("w-full items-center justify-between"):
                ui.label("Analytics").classes("text-3xl font-semibold")
                with ui.row().classes("items-center gap-2"):
                    toggle = ui.toggle(CHOICES, value=choice).props("no-caps").mark("period")
                    with ui.row().classes("items-center gap-2").bind_visibility_from(toggle, "value", value="custom"):
                        first_input = ui.input("From", value=state["period"].first_day.isoformat()).props(
                            "type=date outlined dense"
                        )
                        last_input = ui.input("To", value=state["period"].last_day.isoformat()).props(
                            "type=date outlined dense"
                        )
            caption = ui.label().classes("opacity-70").mark("period-caption")

            @ui.refreshable
            def figures(report: Summary | None) -> None:
                if report is None:
                    ui.spinner(size="lg")
                    return
                first_day, last_day = report.first_day, report.last_day
                caption.text = (
                    f"Orders placed {first_day:%a %d %b %Y} – {last_day:%a %d %b %Y}, times in {report.timezone}"
                )
                _draw(report, lambda figure: _download(state["report"], figure))

            def show(report: Summary) -> None:
                state["report"] = report
                figures.refresh(report)

            async def switch(new: Period | None) -> None:
                if new is None or new == state["period"]:
                    return
                summaries.unwatch(state["period"])
                state["period"] = new
                summaries.watch(new)
                show(await summaries.get(new))

            async def choose(value: str) -> None:
                state["choice"] = value
                if value != "custom":
                    await switch(_period(value))
                else:
                    await pick_range()

            async def pick_range() -> None:
                try:
                    await switch(_period("custom", first_input.value, last_input.value))
                except Invalid as error:
                    ui.notify(error.detail, type="warning")

            def on_updated(updated: Period, report: Summary) -> None:
                if updated == state["period"]:
                    show(report)

            async def roll_over() -> None:
                # "Today" and "last N days" move on at midnight even on a page left open.
                if state["choice"] != "custom":
                    await switch(_period(state["choice"]))

            figures(None)
            toggle.on_value_change(lambda e: choose(e.value))
            first_input.on_value_change(pick_range)
            last_input.on_value_change(pick_range)
            summaries.watch(state["period"])
            ui.context.client.on_delete(lambda: summaries.unwatch(state["period"]))
            summaries.updated.subscribe(on_updated)
            live.minute_tick.subscribe(roll_over)

            async def fill() -> None:
                show(await summaries.get(state["period"]))

            # Filled once the page is out: a builder must stay fast whatever the database's size.
            ui.timer(0, fill, once=True)


class SharedSummaries:
    """One summary per period for the whole process, recomputed at most every `interval` seconds on changes."""

    def __init__(self, interval: float = REFRESH_SECONDS) -> None:
        self.interval = interval
        self.updated: Event[[Period, Summary]] = Event()  # a fresher summary for a period that some page shows
        self.query: SharedQuery[Period, Summary] = SharedQuery(_compute)  # concurrent callers share one query
        self.reset()

    def reset(self) -> None:
        self.updated.callbacks.clear()
        self.query.reset()
        self._watchers: Counter[Period] = Counter()
        self._push_due = False
        self._last_push = -math.inf

    @property
    def loads(self) -> int:
        """Queries run, for tests and curiosity."""
        return self.query.loads

    def watch(self, period: Period) -> None:
        self._watchers[period] += 1

    def unwatch(self, period: Period) -> None:
        self._watchers[period] -= 1
        if self._watchers[period] <= 0:
            del self._watchers[period]

    async def get(self, period: Period) -> Summary:
        """The cached summary unless an order changed since."""
        return await self.query.get(period)

    def order_changed(self) -> None:
        """Called once per order event: mark everything stale and push fresh figures, debounced."""
        self.query.changed()
        if self._push_due:
            return
        self._push_due = True
        loop = asyncio.get_running_loop()
        background_tasks.create(self._push(max(0.0, self._last_push + self.interval - loop.time())), name="analytics")

    async def _push(self, delay: float) -> None:
        await asyncio.sleep(delay)
        self._push_due = False
        self._last_push = asyncio.get_running_loop().time()
        for period in list(self._watchers):
            self.updated.emit(period, await self.get(period))


def _compute(period: Period) -> Summary:
    with session_scope() as session:
        return summary(session, period)


summaries = SharedSummaries()


def _period(choice: str, first: str | None = None, last: str | None = None) -> Period | None:
    today = bakery.rules().today()
    if choice == "today":
        return Period(today, today)
    if choice in ("7", "30"):
        return Period.ending(today, int(choice))
    first_day, last_day = _parse_day(first), _parse_day(last)
    return Period(first_day, last_day) if first_day and last_day else None


def _parse_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _download(report: Summary | None, figure: str) -> None:
    if report is not None:
        # Bytes, not str: the test user would take a str for a URL.
        ui.download.content(csv_text(report, figure).encode(), csv_filename(report, figure), "text/csv")


# --- Drawing ----------------------------------------------------------------------------------------------


def _draw(report: Summary, download) -> None:
    service = report.service
    with ui.row().classes("w-full gap-4"):
        _figure("Revenue", money(report.revenue), "revenue")
        _figure("Orders", f"{report.orders:,}", "orders")
        _figure(
            "Average order",
            money(report.average_order_value) if report.average_order_value else "—",
            "average-order-value",
        )
        _figure("Cancelled", f"{report.cancelled:,}", "cancelled")
    with _card("Revenue and orders per day", "daily", download):
        ui.echart(_daily_chart(report)).classes("w-full h-72").mark("daily-chart")
    with ui.row().classes("w-full gap-4 items-start"):
        for title, products, marker in [
            ("Top products by quantity", report.top_by_quantity, "top-by-quantity"),
            ("Top products by revenue", report.top_by_revenue, "top-by-revenue"),
        ]:
            with _card(title, "products", download, grow=True):
                _product_table(products, marker)
        with _card("Never ordered", "never-ordered", download, grow=True):
            names = ", ".join(p.name for p in report.never_ordered) or "Every product sold at least once."
            ui.label(names).mark("never-ordered")
    with ui.row().classes("w-full gap-4 items-start"):
        with _card("Orders by hour of day", "hours", download, grow=True):
            hours = [f"{h:02d}" for h in range(24)]
            ui.echart(_rush_chart(hours, report.placement_rush, report.pickup_rush, "by_hour")).classes("w-full h-64")
            ui.label(f"{report.without_pickup_time:,} orders without a pickup time").classes("text-sm opacity-70")
        with _card("Orders by weekday", "weekdays", download, grow=True):
            weekdays = [w.weekday for w in report.placement_rush.by_weekday]
            chart = _rush_chart(weekdays, report.placement_rush, report.pickup_rush, "by_weekday")
            ui.echart(chart).classes("w-full h-64")
    with ui.row().classes("w-full gap-4 items-start"):
        with _card("Service: placed to Ready", "service", download, grow=True), ui.row().classes("gap-4"):
            _figure("Median", _minutes(service.median_minutes_to_ready), "median-ready")
            _figure("90th percentile", _minutes(service.p90_minutes_to_ready), "p90-ready")
            late = f"{service.late_share:.1%}" if service.late_share is not None else "—"
            note = f"{service.late_orders:,} of {service.promised_orders:,} pickups"
            _figure("Ready late", late, "late-share", note)
        with _card("Cancellations", "cancellations", download, grow=True):
            if not report.cancellations:
                ui.label("No cancellations.").classes("opacity-70")
            for reason in report.cancellations:
                with ui.row().classes("w-full justify-between"):
                    ui.label(reason.reason)
                    ui.label(str(reason.orders)).classes("font-semibold")


def _figure(label: str, value: str, marker: str, note: str = "") -> None:
    with ui.card().classes("min-w-36"):
        ui.label(label).classes("text-sm opacity-70")
        ui.label(value).classes("text-2xl font-semibold").mark(marker)
        if note:
            ui.label(note).classes("text-xs opacity-70")


def _card(title: str, figure: str, download, *, grow: bool = False) -> ui.card:
    card = ui.card().classes("grow basis-72" if grow else "w-full")
    with card, ui.row().classes("w-full items-center justify-between"):
        ui.label(title).classes("text-lg font-semibold")
        ui.button("CSV", icon="download", on_click=lambda: download(figure)).props("flat dense no-caps").classes(
            "no-print"
        ).mark(f"csv-{figure}")
    return card


def _minutes(value: float | None) -> str:
    return "—" if value is None else f"{value:g} min"


def _product_table(products: list[ProductFigures], marker: str) -> None:
    columns = [
        {"name": "name", "label": "Product", "field": "name", "align": "left"},
        {"name": "quantity", "label": "Units", "field": "quantity"},
        {"name": "revenue", "label": "Revenue", "field": "revenue"},
    ]
    rows = [{"name": p.name, "quantity": p.quantity, "revenue": money(p.revenue)} for p in products]
    ui.table(columns=columns, rows=rows, row_key="name").classes("w-full").props("flat dense").mark(marker)


def _daily_chart(report: Summary) -> dict:
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": ["Revenue", "Orders"]},
        "xAxis": {"type": "category", "data": [f"{d.day:%d %b}" for d in report.days]},
        "yAxis": [{"type": "value", "name": SHOP["currency"]}, {"type": "value", "name": "Orders", "minInterval": 1}],
        "series": [
            {"name": "Revenue", "type": "bar", "data": [float(d.revenue) for d in report.days]},
            {"name": "Orders", "type": "line", "yAxisIndex": 1, "data": [d.orders for d in report.days]},
        ],
        "animation": False,
    }


def _rush_chart(labels: list[str], placed: Rush, pickup: Rush, field: str) -> dict:
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": ["Placed", "Pickup"]},
        "xAxis": {"type": "category", "data": labels},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": "Placed", "type": "bar", "data": [c.orders for c in getattr(placed, field)]},
            {"name": "Pickup", "type": "bar", "data": [c.orders for c in getattr(pickup, field)]},
        ],
        "animation": False,
    }

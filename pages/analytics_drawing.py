"""How the analytics page draws one summary: headline figures, charts and tables, each with its CSV button."""

from collections.abc import Callable

from nicegui import ui

from pages.layout import money
from pages.shop import shop
from services.report_schemas import ProductFigures, Rush, Summary


def draw(report: Summary, download: Callable[[str], None]) -> None:
    """The whole report; `download(figure)` serves that figure's CSV."""
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


def _card(title: str, figure: str, download: Callable[[str], None], *, grow: bool = False) -> ui.card:
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
        "yAxis": [{"type": "value", "name": shop().currency}, {"type": "value", "name": "Orders", "minInterval": 1}],
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

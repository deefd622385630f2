"""Every figure of an analytics summary as CSV, for the page's download buttons and for spreadsheets."""

import csv
import io
from typing import Any

from services.errors import Invalid
from services.report_schemas import Summary

CSV_FIGURES = ("daily", "products", "never-ordered", "hours", "weekdays", "service", "cancellations")


def csv_table(report: Summary, figure: str) -> tuple[list[str], list[list[Any]]]:
    """One figure of the summary as a header and rows."""
    if figure == "daily":
        return ["day", "orders", "revenue", "cancelled"], [
            [d.day, d.orders, d.revenue, d.cancelled] for d in report.days
        ]
    if figure == "products":
        return ["product_id", "product", "quantity", "revenue"], [
            [p.product_id, p.name, p.quantity, p.revenue] for p in report.products
        ]
    if figure == "never-ordered":
        return ["product_id", "product"], [[p.product_id, p.name] for p in report.never_ordered]
    if figure == "hours":
        placed, pickup = report.placement_rush.by_hour, report.pickup_rush.by_hour
        return ["hour", "placed", "pickup"], [[a.hour, a.orders, b.orders] for a, b in zip(placed, pickup, strict=True)]
    if figure == "weekdays":
        placed, pickup = report.placement_rush.by_weekday, report.pickup_rush.by_weekday
        return ["weekday", "placed", "pickup"], [
            [a.weekday, a.orders, b.orders] for a, b in zip(placed, pickup, strict=True)
        ]
    if figure == "service":
        return ["figure", "value"], [[name, value] for name, value in report.service.model_dump().items()]
    if figure == "cancellations":
        return ["reason", "orders"], [[c.reason, c.orders] for c in report.cancellations]
    raise Invalid(f"Unknown figure {figure!r}; choose one of {', '.join(CSV_FIGURES)}")


def csv_text(report: Summary, figure: str) -> str:
    header, rows = csv_table(report, figure)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return out.getvalue()


def csv_filename(report: Summary, figure: str) -> str:
    return f"bakeops-{figure}-{report.first_day}-to-{report.last_day}.csv"

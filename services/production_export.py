"""The production sheet for the bakehouse wall: rounded for reading, as CSV for spreadsheets and as an A4 PDF.

Quantities stay exact in the sheet; here they are rounded once, to a tenth of a gram (or a hundredth of a piece).
"""

import csv
import io
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from services.recipe_schemas import Line, Mix, ProductionSheet, Unit

_STEP = {Unit.GRAMS: Decimal("0.1"), Unit.PIECES: Decimal("0.01")}


def rounded(quantity: Decimal, unit: Unit) -> Decimal:
    """The quantity as shown: to 0.1 g or 0.01 pcs, trailing zeros dropped."""
    shown = quantity.quantize(_STEP[unit], rounding=ROUND_HALF_UP)
    return shown.to_integral_value() if shown == shown.to_integral_value() else shown.normalize()


def show(quantity: Decimal, unit: Unit) -> str:
    """`20,165 g`, `92.5 g`, `3 pcs`."""
    return f"{rounded(quantity, unit):,} {unit.value}"


def mix_title(mix: Mix, day: date, zone: ZoneInfo) -> str:
    """`Levain: 3,700 g for Fri 04 Dec, start by 19:00` (the day is named only for a later day's preparation)."""
    start = mix.start_by.astimezone(zone)
    later = f" for {mix.for_day:%a %d %b}" if mix.for_day != day else ""
    return f"{mix.recipe}: {show(mix.quantity, mix.unit)}{later}, start by {start:%H:%M}"


def batches_text(mix: Mix) -> str:
    if mix.batches == 1:
        return "1 batch"
    return f"{mix.batches} batches of {show(mix.dough_grams / mix.batches, Unit.GRAMS)}"


def ingredient_text(line: Line) -> str:
    return f"{line.name} (made earlier)" if line.prepared_earlier else line.name


# --- CSV -------------------------------------------------------------------------------------------------------

CSV_HEADER = ["section", "recipe", "for_day", "start_by", "batches", "item", "quantity", "per_batch", "unit"]


def sheet_csv(sheet: ProductionSheet, zone: ZoneInfo) -> str:
    """One row per product to make, per ingredient of every mix, and per raw ingredient total."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for product in sheet.products:
        writer.writerow(["to make", "", sheet.day, "", "", product.name, product.quantity, "", Unit.PIECES.value])
    for mix in sheet.mixes:
        start = mix.start_by.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        for line, part in zip(mix.ingredients, mix.per_batch, strict=True):
            writer.writerow(
                [
                    "mix",
                    mix.recipe,
                    mix.for_day,
                    start,
                    mix.batches,
                    ingredient_text(line),
                    rounded(line.quantity, line.unit),
                    rounded(part.quantity, part.unit),
                    line.unit.value,
                ]
            )
    for line in sheet.ingredients:
        total = rounded(line.quantity, line.unit)
        writer.writerow(["ingredients", "", "", "", "", line.name, total, "", line.unit.value])
    return out.getvalue()


def csv_filename(sheet: ProductionSheet) -> str:
    return f"production-{sheet.day.isoformat()}.csv"


def pdf_filename(sheet: ProductionSheet) -> str:
    return f"production-{sheet.day.isoformat()}.pdf"


# --- PDF -------------------------------------------------------------------------------------------------------


def sheet_pdf(sheet: ProductionSheet, zone: ZoneInfo, bakery_name: str = "") -> bytes:
    """The sheet on A4 pages: what to make, each mix with its batches, then the ingredients to weigh out."""
    styles = getSampleStyleSheet()
    story: list = [Paragraph(f"Production sheet for {sheet.day:%A %d %B %Y}", styles["Title"])]
    if bakery_name:
        story.append(Paragraph(_escape(bakery_name), styles["Normal"]))
    story.append(Spacer(1, 4 * mm))
    if not sheet.products and not sheet.mixes:
        story.append(Paragraph("Nothing to make or prepare on this day yet.", styles["Normal"]))
    if sheet.products:
        story += [Paragraph("To make", styles["Heading2"])]
        rows = [["Product", "Quantity"]] + [
            [p.name + ("" if p.has_recipe else " (no recipe)"), str(p.quantity)] for p in sheet.products
        ]
        story.append(_table(rows, [120 * mm, 40 * mm]))
    if sheet.mixes:
        story.append(Paragraph("Mixes", styles["Heading2"]))
    for mix in sheet.mixes:
        rows = [["Ingredient", "Total", "Per batch"]] + [
            [ingredient_text(line), show(line.quantity, line.unit), show(part.quantity, part.unit)]
            for line, part in zip(mix.ingredients, mix.per_batch, strict=True)
        ]
        block = [
            Paragraph(_escape(mix_title(mix, sheet.day, zone)), styles["Heading3"]),
            Paragraph(batches_text(mix), styles["Normal"]),
            _table(rows, [90 * mm, 35 * mm, 35 * mm]),
        ]
        story.append(KeepTogether(block))
    if sheet.ingredients:
        story.append(Paragraph("Ingredients to weigh out today", styles["Heading2"]))
        rows = [["Ingredient", "Total"]] + [[line.name, show(line.quantity, line.unit)] for line in sheet.ingredients]
        story.append(_table(rows, [120 * mm, 40 * mm]))
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        title=f"Production sheet {sheet.day.isoformat()}",
        author=bakery_name,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    document.build(story)
    return out.getvalue()


def _table(rows: list[list[str]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)  # plain cells: drawn as typed, no markup
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("FONTSIZE", (0, 0), (-1, -1), 10),
            ]
        )
    )
    return table


def _escape(text: str) -> str:
    # Paragraphs read a little markup; a product called "Tom & Jerry <3" must print as typed.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

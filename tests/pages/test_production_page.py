"""The production page: the day's mixes and ingredient totals from the demo recipes, live as orders arrive."""

import io

import pytest
from nicegui import ui
from nicegui.testing import User
from pypdf import PdfReader

from tests.pages.helpers import LIVE, eventually, only, pickup, place, set_value

DAY = 3  # days ahead: far enough for every lead time in the demo


def rows(user: User, marker: str) -> dict[str, object]:
    table = only(user, marker)
    assert isinstance(table, ui.table)
    return {row["name"]: row["quantity"] for row in table.rows}


async def test_the_sheet_shows_what_to_make_and_every_ingredient_to_weigh(user: User, products) -> None:
    place(products, {"Sourdough Loaf": 10, "Baguette": 20}, pickup_at=pickup(DAY))
    day = pickup(DAY).date()

    await user.open(f"/admin/production?day={day.isoformat()}")

    await user.should_see(f"Production for {day:%A %d %B %Y}")
    assert rows(user, "production-products") == {"Baguette": 20, "Sourdough Loaf": 10}
    # Sourdough: 5,000 g flour at 75 % water, 2 % salt; Baguette: 5,000 g at 70 %, 2 %, 1 % yeast.
    # The sourdough's levain was mixed the evening before, so its flour and water are not weighed today.
    assert rows(user, "production-ingredients") == {
        "Bread flour": "10,000 g",
        "Salt": "200 g",
        "Water": "7,250 g",
        "Yeast": "50 g",
    }
    sourdough = only(user, "mix-sourdough-loaf")
    assert [(r["name"], r["total"]) for r in sourdough.rows] == [  # type: ignore[attr-defined]
        ("Bread flour", "5,000 g"),
        ("Water", "3,750 g"),
        ("Salt", "100 g"),
        ("Levain (made earlier)", "1,000 g"),
    ]


async def test_the_open_sheet_follows_a_new_order(user: User, products) -> None:
    place(products, {"Baguette": 20}, pickup_at=pickup(DAY))
    await user.open(f"/admin/production?day={pickup(DAY).date().isoformat()}")
    await user.should_see(marker="production-ingredients")
    assert rows(user, "production-ingredients")["Bread flour"] == "5,000 g"

    place(products, {"Baguette": 40}, pickup_at=pickup(DAY, 15))

    await eventually(lambda: rows(user, "production-ingredients")["Bread flour"] == "15,000 g")
    assert rows(user, "production-products") == {"Baguette": 60}


async def test_the_day_befores_sheet_starts_tomorrows_levain_as_orders_arrive(user: User, products) -> None:
    await user.open(f"/admin/production?day={pickup(DAY - 1).date().isoformat()}")
    await user.should_see(marker="production-empty")

    place(products, {"Sourdough Loaf": 10}, pickup_at=pickup(DAY))

    await user.should_see(marker="prepare-ahead", retries=LIVE)
    await user.should_see("Levain: 1,000 g for ")
    assert rows(user, "production-ingredients") == {"Bread flour": "500 g", "Water": "500 g"}


async def test_picking_another_day_switches_the_sheet(user: User, products) -> None:
    place(products, {"Baguette": 20}, pickup_at=pickup(DAY))
    await user.open(f"/admin/production?day={pickup(DAY).date().isoformat()}")
    await user.should_see(marker="production-products")

    set_value(user, "production-day", pickup(DAY + 1).date().isoformat())

    await user.should_see(marker="production-empty", retries=LIVE)


async def test_the_sheet_downloads_as_csv_and_pdf(user: User, products) -> None:
    place(products, {"Baguette": 20}, pickup_at=pickup(DAY))
    day = pickup(DAY).date().isoformat()
    await user.open(f"/admin/production?day={day}")
    await user.should_see(marker="production-products")

    user.find(marker="csv").click()
    csv = await user.download.next()
    assert "ingredients,,,,,Bread flour,5000,,g" in csv.text

    user.find(marker="pdf").click()
    pdf = await user.download.next()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert f"Production sheet for {pickup(DAY).date():%A %d %B %Y}" in text
    assert "Bread flour\n5,000 g" in text


@pytest.mark.signed_out
async def test_a_stranger_is_sent_to_the_sign_in(user: User) -> None:
    await user.open("/admin/production")
    await user.should_see(marker="login-form")
    await user.should_not_see(marker="production-title")


async def test_a_mix_over_the_mixer_capacity_shows_its_batches(user: User, products) -> None:
    place(products, {"Baguette": 60}, pickup_at=pickup(DAY))  # 25,950 g of dough; the mixer takes 25 kg
    await user.open(f"/admin/production?day={pickup(DAY).date().isoformat()}")

    await user.should_see("2 batches of 12,975 g")
    baguette = only(user, "mix-baguette")
    assert [(r["name"], r["total"], r["batch"]) for r in baguette.rows] == [  # type: ignore[attr-defined]
        ("Bread flour", "15,000 g", "7,500 g"),
        ("Water", "10,500 g", "5,250 g"),
        ("Salt", "300 g", "150 g"),
        ("Yeast", "150 g", "75 g"),
    ]
    assert [c["label"] for c in baguette.columns] == ["Ingredient", "Total", "Per batch"]  # type: ignore[attr-defined]

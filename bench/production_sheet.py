"""How long the production sheet for one day takes: 2,000 orders over 40 products with 3-level recipes, PostgreSQL.

Creates a throwaway database, migrates it, stocks 40 products whose recipes use preparations that use
preparations of their own (some with lead times and mixer capacities), inserts the day's orders, then times
`services.production.production_sheet` after a warm-up and drops the database again.

    .venv/bin/python -m bench.production_sheet                 # 2,000 orders, writes bench/results/
    .venv/bin/python -m bench.production_sheet --orders 50     # smoke run
"""

import argparse
import os
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, insert

from bench.analytics_summary import throwaway_database
from services import bakery, recipes
from services.bakery import BakeryRules
from services.clock import utcnow
from services.database import make_engine, session_scope, use_engine
from services.models import Order, OrderItem, Product
from services.production import production_sheet
from services.recipe_schemas import RecipeIn

RESULTS = Path(__file__).parent / "results" / "production_sheet.md"
TARGET_MS = 200
RAW = [f"Ingredient {n:02d}" for n in range(30)]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--products", type=int, default=40)
    parser.add_argument("--runs", type=int, default=15, help="timed runs after the warm-up")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    bakery.configure(BakeryRules(timezone="Europe/London"))
    rng = random.Random(20261201)
    day = bakery.rules().today() + timedelta(days=2)
    with throwaway_database() as url:
        engine = make_engine(url)
        use_engine(engine)
        product_ids, recipe_count = stock_recipes(args.products, rng)
        items = place_orders(engine, product_ids, args.orders, day, rng)
        timings, sheet = time_sheet(day, args.runs)
        engine.dispose()
    result = {
        "orders": args.orders,
        "items": items,
        "products": args.products,
        "recipes": recipe_count,
        "mixes": len(sheet.mixes),
        "ingredients": len(sheet.ingredients),
        "runs": args.runs,
        "median_ms": statistics.median(timings),
        "min_ms": min(timings),
        "max_ms": max(timings),
        "database": url.rsplit("/", 1)[1],
    }
    table = render(result)
    print(table)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(table + "\n")
    return result


def time_sheet(day, runs: int) -> tuple[list[float], object]:
    """Milliseconds per sheet (a fresh session each time, as a request would have), after two warm-ups."""
    timings = []
    for n in range(runs + 2):
        started = time.perf_counter()
        with session_scope() as session:
            sheet = production_sheet(session, day)
        if n >= 2:
            timings.append((time.perf_counter() - started) * 1000)
    return timings, sheet


def stock_recipes(products: int, rng: random.Random) -> tuple[list[int], int]:
    """`products` products, each with a recipe using one or two doughs, each dough using a starter: 3 levels."""
    starters = [f"Starter {n}" for n in range(4)]
    doughs = [f"Dough {n}" for n in range(10)]
    with session_scope() as session:
        for name in starters:
            recipe = _recipe(rng, 1000, "g", lead=rng.choice([8, 12, 16]))
            recipes.save_preparation(session, name, recipe, commit=False)
        for name in doughs:
            uses = [{"preparation": rng.choice(starters), "quantity": rng.randrange(200, 800)}]
            recipes.save_preparation(session, name, _recipe(rng, 10_000, "g", uses, batch=25_000), commit=False)
        ids = []
        for n in range(products):
            product = Product(name=f"Product {n:02d}", price=Decimal("3.50"), category="Bench")
            session.add(product)
            session.flush()
            ids.append(product.id)
            uses = [
                {"preparation": d, "quantity": rng.randrange(300, 900)} for d in rng.sample(doughs, rng.choice([1, 2]))
            ]
            recipes.save_product_recipe(session, product.id, _recipe(rng, 10, "pcs", uses), commit=False)
        session.commit()
    return ids, len(starters) + len(doughs) + products


def _recipe(rng: random.Random, yields: int, unit: str, uses: list | None = None, **extra) -> RecipeIn:
    raw = [{"name": name, "quantity": rng.randrange(5, 2000)} for name in rng.sample(RAW, rng.randrange(4, 9))]
    return RecipeIn.model_validate(
        {
            "yield_quantity": yields,
            "yield_unit": unit,
            "lead_time_hours": extra.get("lead"),
            "max_batch_grams": extra.get("batch"),
            "ingredients": raw + (uses or []),
        }
    )


def place_orders(engine: Engine, product_ids: list[int], count: int, day, rng: random.Random) -> int:
    """`count` orders due on `day` (one in twenty cancelled), one to four products each; returns the items."""
    now = utcnow()
    orders, items = [], []
    for n in range(1, count + 1):
        status = "Cancelled" if rng.random() < 0.05 else rng.choice(["Order Placed", "In Progress", "Ready"])
        orders.append(
            {
                "id": n,
                "public_id": f"bench{n}",
                "ticket_day": now.date(),
                "ticket_number": n,
                "due_day": day,
                "status": status,
                "total": Decimal("10.00"),
                "version": 1,
                "placed_by": "bench",
                "created_at": now,
                "updated_at": now,
            }
        )
        for product_id in rng.sample(product_ids, rng.randrange(1, 5)):
            quantity = rng.choice([1, 1, 2, 3, 6, 12])
            items.append(
                {
                    "order_id": n,
                    "product_id": product_id,
                    "product_name": f"#{product_id}",
                    "quantity": quantity,
                    "unit_price": Decimal("3.50"),
                }
            )
    with engine.begin() as connection:
        connection.execute(insert(Order), orders)
        connection.execute(insert(OrderItem), items)
        connection.exec_driver_sql("ANALYZE")
    return len(items)


def render(result: dict) -> str:
    verdict = "within" if result["median_ms"] < TARGET_MS else "OVER"
    return "\n".join(
        [
            f"Production sheet on PostgreSQL ({datetime.now(UTC):%Y-%m-%d}, {os.cpu_count()} cores, "
            f"everything on one machine)",
            "",
            f"{result['orders']:,} orders due on one day ({result['items']:,} items) over {result['products']} "
            f"products; {result['recipes']} recipes three levels deep; the sheet has {result['mixes']} mixes and "
            f"{result['ingredients']} raw ingredients.",
            "",
            "| orders | products | runs | median ms | min ms | max ms | target |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | --- |",
            f"| {result['orders']} | {result['products']} | {result['runs']} | {result['median_ms']:.1f} "
            f"| {result['min_ms']:.1f} | {result['max_ms']:.1f} | {verdict} {TARGET_MS} ms |",
        ]
    )


if __name__ == "__main__":
    main()

"""How long the analytics summary of the last 30 days takes with 100,000 orders in PostgreSQL.

Creates a throwaway database, migrates it, COPYs in orders spread over 90 days (with their items and
status history, as the app would have written them), then times `services.analytics.summary` after a
warm-up and drops the database again.

    .venv/bin/python -m bench.analytics_summary                  # 100,000 orders, writes bench/results/
    .venv/bin/python -m bench.analytics_summary --orders 2000    # smoke run
"""

import argparse
import csv
import io
import os
import random
import statistics
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlmodel import select

from services import bakery
from services.analytics import Period, summary
from services.bakery import BakeryRules
from services.clock import utcnow
from services.database import make_engine, session_scope, upgrade, use_engine
from services.demo import load_demo_catalogue
from services.models import Product
from services.order_status import OrderStatus as S

SERVER = os.environ.get("BAKEOPS_BENCH_POSTGRES", "postgresql+psycopg2://postgres@127.0.0.1:5432")
RESULTS = Path(__file__).parent / "results" / "analytics_summary.md"
TARGET_MS = 300
ZONE = "Europe/London"
REASONS = ["Customer changed mind", "Ordered twice", "Out of stock", "Wrong pickup day", None]
# Orders come in around breakfast and lunch (bakery-local hours, 07:00-18:00).
HOUR_WEIGHTS = {7: 8, 8: 12, 9: 10, 10: 7, 11: 8, 12: 11, 13: 9, 14: 6, 15: 6, 16: 7, 17: 5}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=90, help="orders are spread over this many days up to now")
    parser.add_argument("--period", type=int, default=30, help="days the timed summary covers")
    parser.add_argument("--runs", type=int, default=15, help="timed runs after the warm-up")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    bakery.configure(BakeryRules(timezone=ZONE))
    with throwaway_database() as url:
        engine = make_engine(url)
        use_engine(engine)
        started = time.perf_counter()
        rows = load_orders(engine, args.orders, args.days, random.Random(20261125))
        load_seconds = time.perf_counter() - started
        period = Period.ending(bakery.rules().today(), args.period)
        timings, report = time_summary(period, args.runs)
        engine.dispose()
    result = {
        "orders": args.orders,
        "days": args.days,
        "period": args.period,
        "rows": rows,
        "load_seconds": load_seconds,
        "median_ms": statistics.median(timings),
        "min_ms": min(timings),
        "max_ms": max(timings),
        "runs": args.runs,
        "orders_in_period": report.orders + report.cancelled,
        "database": url.rsplit("/", 1)[1],
    }
    table = render(result)
    print(table)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(table + "\n")
    return result


@contextmanager
def throwaway_database() -> Iterator[str]:
    name = f"bakeops_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = f"{SERVER}/{name}"
        upgrade(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def time_summary(period: Period, runs: int) -> tuple[list[float], object]:
    """Milliseconds per summary (a fresh session each time, as a request would have), after two warm-ups."""
    timings = []
    for n in range(runs + 2):
        started = time.perf_counter()
        with session_scope() as session:
            report = summary(session, period)
        if n >= 2:
            timings.append((time.perf_counter() - started) * 1000)
    return timings, report


# --- Data ----------------------------------------------------------------------------------------------


def load_orders(engine: Engine, count: int, days: int, rng: random.Random) -> dict[str, int]:
    """COPY `count` orders placed over the last `days` days, with items and history; returns rows per table."""
    with session_scope() as session:
        load_demo_catalogue(session)
        catalogue = [(p.id, p.name, p.price) for p in session.exec(select(Product).order_by(Product.id))]
    weights = [1 / float(price) for _, _, price in catalogue]
    tables: dict[str, io.StringIO] = {name: io.StringIO() for name in ("orders", "order_items", "order_status_changes")}
    writers = {name: csv.writer(buffer) for name, buffer in tables.items()}
    counts = dict.fromkeys(tables, 0)
    now = utcnow()
    zone = bakery.rules().zone
    item_id = change_id = 0

    def add(table: str, row: list) -> None:
        writers[table].writerow(row)
        counts[table] += 1

    for order_id in range(1, count + 1):
        placed = _placement_time(rng, now, days, zone)
        pickup = None if rng.random() < 0.2 else _pickup_time(rng, placed, zone)
        # Cheap bread sells far more often than a 250.00 cake.
        lines = {p[0]: p for p in rng.choices(catalogue, weights, k=rng.choice([1, 1, 2, 2, 3, 4]))}.values()
        total = Decimal("0.00")
        for product_id, name, price in lines:
            quantity = rng.choice([1, 1, 1, 2, 2, 3, 6])
            total += price * quantity
            item_id += 1
            add("order_items", [item_id, order_id, product_id, name, quantity, price])
        history = _history(rng, placed, pickup, now)
        status = history[-1][1]
        for from_status, to_status, at, note in history:
            change_id += 1
            add("order_status_changes", [change_id, order_id, from_status, to_status, _ts(at), "bench", note, None])
        ready = next((at for _, to, at, _ in history if to == S.READY), now)
        late = _ts(pickup) if pickup and status != S.CANCELLED and ready > pickup else None
        add(
            "orders",
            [
                order_id,
                f"bench{order_id}",
                placed.astimezone(zone).date(),
                order_id,
                (pickup or placed).astimezone(zone).date(),
                f"Customer {order_id % 997}",
                None,
                None,
                _ts(pickup),
                None,
                status.value,
                total,
                len(history),
                None,
                "bench",
                late,
                _ts(placed),
                _ts(history[-1][2]),
            ],
        )

    columns = {
        "orders": "id, public_id, ticket_day, ticket_number, due_day, customer_name, phone, email, pickup_at, notes, "
        "status, total, version, idempotency_key, placed_by, late_since, created_at, updated_at",
        "order_items": "id, order_id, product_id, product_name, quantity, unit_price",
        "order_status_changes": "id, order_id, from_status, to_status, at, by, note, undoes_id",
    }
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        for table in ("orders", "order_items", "order_status_changes"):
            tables[table].seek(0)
            cursor.copy_expert(f"COPY {table} ({columns[table]}) FROM STDIN WITH (FORMAT csv)", tables[table])
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        connection.commit()
        cursor.execute("ANALYZE")
        connection.commit()
    finally:
        connection.close()
    return counts


def _placement_time(rng: random.Random, now: datetime, days: int, zone) -> datetime:
    """A moment in opening hours on one of the last `days` days, never later than now."""
    while True:
        day = (now - timedelta(days=rng.randrange(days))).astimezone(zone).date()
        hour = rng.choices(list(HOUR_WEIGHTS), weights=list(HOUR_WEIGHTS.values()))[0]
        local = datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60), tzinfo=zone)
        if local.astimezone(UTC) < now:
            return local.astimezone(UTC)


def _pickup_time(rng: random.Random, placed: datetime, zone) -> datetime:
    """A quarter-hour slot in opening hours, at least two hours after placing, within the next two days."""
    day = (placed + timedelta(hours=rng.uniform(2, 48))).astimezone(zone).date()
    hour = rng.choices(list(HOUR_WEIGHTS), weights=list(HOUR_WEIGHTS.values()))[0]
    slot = datetime(day.year, day.month, day.day, hour, rng.choice([0, 15, 30, 45]), tzinfo=zone).astimezone(UTC)
    return slot if slot >= placed + timedelta(hours=2) else slot + timedelta(days=1)


def _history(rng: random.Random, placed: datetime, pickup: datetime | None, now: datetime) -> list[tuple]:
    """(from, to, at, note) for every move, stopping at `now`: most orders are collected, a few cancelled."""
    moves = [(None, S.PLACED, placed, None)]
    if rng.random() < 0.06:
        return [*moves, (S.PLACED, S.CANCELLED, placed + timedelta(minutes=rng.uniform(1, 600)), rng.choice(REASONS))]
    started = placed + timedelta(minutes=rng.uniform(2, 45))
    ready = started + timedelta(minutes=rng.uniform(10, 120) + (rng.uniform(60, 600) if rng.random() < 0.05 else 0))
    collected = max(ready, pickup or ready) + timedelta(minutes=rng.uniform(0, 120))
    for before, after, at in [(S.PLACED, S.IN_PROGRESS, started), (S.IN_PROGRESS, S.READY, ready)]:
        if at > now:
            return moves
        moves.append((before, after, at, None))
    if collected <= now:
        moves.append((S.READY, S.PICKED_UP, collected, None))
    return moves


def _ts(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


# --- Output --------------------------------------------------------------------------------------------


def render(result: dict) -> str:
    verdict = "within" if result["median_ms"] < TARGET_MS else "OVER"
    rows = result["rows"]
    return "\n".join(
        [
            f"Analytics summary on PostgreSQL ({datetime.now(UTC):%Y-%m-%d}, {os.cpu_count()} cores, "
            f"everything on one machine)",
            "",
            f"{result['orders']:,} orders over {result['days']} days ({rows['order_items']:,} items, "
            f"{rows['order_status_changes']:,} status changes; COPY took {result['load_seconds']:.1f} s); "
            f"the summary covers the last {result['period']} days ({result['orders_in_period']:,} orders).",
            "",
            "| runs | median ms | min ms | max ms | target |",
            "| ---: | ---: | ---: | ---: | --- |",
            f"| {result['runs']} | {result['median_ms']:.1f} | {result['min_ms']:.1f} | {result['max_ms']:.1f} "
            f"| {verdict} {TARGET_MS} ms |",
        ]
    )


if __name__ == "__main__":
    main()

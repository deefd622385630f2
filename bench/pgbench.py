"""The database's own ceiling for a durable order: pgbench running the SQL of one order's whole path.

One pgbench transaction script does, per order, what BakeOps asks PostgreSQL to do for it: the order's
transaction (the product and slot reads, then services/order_rows.py's two statements, the second also writing
the outbox row), the relay marking the event sent and the worker's deduplicating transaction with its
notification. BakeOps' relay marks events sent once per batch, where the script marks each order's own (a
commit per order more than BakeOps makes when batches are large), so the ratio errs in BakeOps' favour by that
much. It runs on a throwaway database migrated like the real one, holding the demo catalogue.

    .venv/bin/python -m bench.pgbench --clients 16 --seconds 10
"""

import argparse
import contextlib
import re
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, text

from services.database import make_engine, session_scope, upgrade, use_engine
from services.demo import load_demo_catalogue
from services.order_rows import _CLAIM, _PLACE

PG = "postgresql+psycopg2://postgres@127.0.0.1:5432"
SLOT = "(date_trunc('day', now()) + interval '3 days 9 hours')"  # every order takes the same slot, as in bench.rest
ORDER_CODE = "'pgb' || :client_id || '_' || :n"  # unique per order: the client and a random number
# A sample order for the statement's parameters: two lines (Baguette x2, Butter Croissant x4), as bench.rest posts.
SAMPLE = {
    "public_id": ORDER_CODE,
    "ticket_day": "current_date",
    "sequence": "'ticket_pgbench'",
    "due_day": "current_date + 3",
    "customer_name": "NULL",
    "phone": "NULL",
    "email": "NULL",
    "pickup_at": SLOT,
    "notes": "NULL",
    "status": "'Order Placed'",
    "total": "13.60",
    "idempotency_key": "NULL",
    "placed_by": "'api'",
    "now": "now()",
    "product_ids": "ARRAY[3, 8]",
    "product_names": "ARRAY['Baguette', 'Butter Croissant']",
    "quantities": "ARRAY[2, 4]",
    "unit_prices": "ARRAY[2.40, 2.20]",
    "options": "ARRAY['[]', '[]']",
    "options_labels": "ARRAY['', '']",
    "categories": "ARRAY['*', 'Breads', 'Pastries']",
    "item_counts": "ARRAY[6, 2, 4]",
    "capacities": "ARRAY[NULL, NULL, NULL]",
    "slot_start": SLOT,
    "held": """'{"*": 6, "Breads": 2, "Pastries": 4}'""",
    "order_id": ":id",  # from the order's statement (\\gset)
    # The order's outbox event, written by the claim's statement.
    "event_id": "gen_random_uuid()::text",
    "kind": "'order.placed'",
    "subject": ORDER_CODE,
    "payload": (
        """'{"order_id": "x", "ticket_number": 1, "from_status": null, "status": "Order Placed","""
        """ "due_day": "2030-01-01", "version": 1, "by": "api", "at": "2030-01-01T00:00:00+00:00"}'"""
    ),
    "created_at": "now()",
    "attempts": "0",
}


def script() -> str:
    """The pgbench script: order_rows' statements with the sample order's values in place of their parameters."""
    place, claim = (_sample_sql(statement.text) for statement in (_PLACE, _CLAIM))
    return "\n".join(
        [
            "\\set n random(1, 2000000000)",
            "BEGIN;",
            "SELECT id, name, price, category, active, available, daily_limit, lead_time_hours, options"
            " FROM products WHERE id IN (3, 8);",
            f"SELECT slot_start, category, booked FROM slot_bookings WHERE slot_start >= {SLOT} - interval '9 hours'"
            f" AND slot_start < {SLOT} + interval '15 hours';",
            place.removesuffix(";") + " \\gset",
            claim.removesuffix(";") + " \\gset",  # the event's seq and id, for the relay and the worker below
            "COMMIT;",
            # The relay: mark the event sent (BakeOps does this once per batch).
            "BEGIN;",
            "UPDATE outbox_events SET published_at = now(), attempts = attempts + 1 WHERE seq = :seq;",
            "COMMIT;",
            # The worker: dedupe by event id, read the order, record the notification, all in one transaction.
            "BEGIN;",
            "SELECT event_id, handled_at FROM processed_events WHERE event_id = :event_id;",
            "INSERT INTO processed_events (event_id, handled_at) VALUES (:event_id, now());",
            f"SELECT id, public_id, email, phone FROM orders WHERE public_id = {ORDER_CODE};",
            "INSERT INTO notifications (event_id, order_public_id, channel, recipient, subject, body, created_at)"
            f" VALUES (:event_id, {ORDER_CODE}, 'log', '', 'Order confirmed', 'Thank you!', now());",
            "COMMIT;",
        ]
    )


def _sample_sql(statement: str) -> str:
    sql = re.sub(r"(?<!:):(\w+)", lambda m: SAMPLE[m.group(1)], statement)
    return " ".join(line.split("--")[0].strip() for line in sql.strip().splitlines()) + ";"  # pgbench: one line


@contextlib.contextmanager
def reference_database() -> Iterator[str]:
    """A throwaway database with BakeOps' tables (migrated), the demo catalogue and the script's ticket sequence."""
    name = f"bakeops_pgbench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{PG}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = f"{PG}/{name}"
        upgrade(url)
        engine = make_engine(url)
        use_engine(engine)
        with session_scope() as session:
            load_demo_catalogue(session)
            session.execute(text("CREATE SEQUENCE ticket_pgbench"))
            session.commit()
        engine.dispose()
        yield name
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(database: str, clients: int, seconds: float) -> dict:
    """pgbench at `clients` for `seconds`: transactions (orders) per second and latency percentiles in ms."""
    with tempfile.TemporaryDirectory(prefix="bakeops-pgbench-") as scratch:
        path = Path(scratch) / "order_path.sql"
        path.write_text(script() + "\n")
        command = ["pgbench", "-h", "127.0.0.1", "-U", "postgres", "-n", "-M", "extended", "-f", str(path)]
        command += ["-c", str(clients), "-j", str(min(2, clients)), "-T", str(max(1, round(seconds)))]
        command += ["-l", "--log-prefix", str(Path(scratch) / "log"), database]
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, cwd=scratch)
        if done.returncode != 0:
            raise RuntimeError(f"pgbench failed:\n{done.stdout}\n{done.stderr}")
        tps = float(re.search(r"tps = ([\d.]+)", done.stdout).group(1))
        failed = int(m.group(1)) if (m := re.search(r"number of failed transactions: (\d+)", done.stdout)) else 0
        latencies = sorted(
            int(line.split()[2]) / 1000 for log in Path(scratch).glob("log.*") for line in log.read_text().splitlines()
        )
    return {"rps": tps, "errors": failed, **{f"p{q}": _percentile(latencies, q / 100) for q in (50, 95, 99)}}


def _percentile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--script", action="store_true", help="print the pgbench script and stop")
    args = parser.parse_args()
    if args.script:
        print(script())
        return
    with reference_database() as database:
        result = run(database, args.clients, args.seconds)
    print(
        f"pgbench, one durable order's SQL, {args.clients} clients: {result['rps']:,.0f} orders/s, "
        f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, {result['errors']} failed"
    )


if __name__ == "__main__":
    main()

"""REST throughput and latency at 1, 16 and 64 concurrent clients, measured with wrk.

Starts its own stack on loopback: a throwaway PostgreSQL database, unique RabbitMQ exchanges, one
`bakeops serve` (UI + REST, one process as NiceGUI requires), one `bakeops worker`, and a bare FastAPI
app under uvicorn as the framework's ceiling; every figure is also given as a ratio to that ceiling.
Durable orders are also measured whole (placed until the worker has handled every one) beside pgbench
running the same SQL on a database of its own (bench/pgbench.py), in the same run, as a ratio.

    .venv/bin/python -m bench.rest              # 10 s per cell
    .venv/bin/python -m bench.rest --smoke      # 1 s per cell, 16 clients only
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from bench import pgbench
from devtools.processes import Process, Server, free_port, wait_until

PG = "postgresql+psycopg2://postgres@127.0.0.1:5432"
AMQP = "amqp://guest:guest@127.0.0.1:5672/%2F"
HERE = Path(__file__).parent
RESULTS = HERE / "results"
CHECKED_LIMITS = {"slot_capacity": 10**8, "category_capacity": {"Breads": 10**8, "Pastries": 10**8}}
NO_LIMITS = {"slot_capacity": None, "category_capacity": {}}
ORDER_BODY = '{"items": [{"product_id": 3, "quantity": 2}, {"product_id": 8, "quantity": 4}]}'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each wrk run")
    parser.add_argument("--clients", default="1,16,64")
    parser.add_argument("--smoke", action="store_true", help="1 s per cell at 16 clients: proves the harness runs")
    args = parser.parse_args()
    if args.smoke:
        args.seconds, args.clients = 1.0, "16"
    clients = [int(c) for c in args.clients.split(",")]
    rows = run(clients, args.seconds)
    table = render(rows, args.seconds)
    print(table)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / ("rest-smoke.md" if args.smoke else "rest.md")).write_text(table + "\n")


def run(clients: list[int], seconds: float) -> list[dict]:
    workdir = Path(tempfile.mkdtemp(prefix="bakeops-rest-"))
    name = f"bakeops_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{PG}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    env = {
        "BAKEOPS_DATABASE_URL": f"{PG}/{name}",
        "BAKEOPS_AMQP_URL": AMQP,
        "BAKEOPS_EXCHANGE_PREFIX": prefix,
        "BAKEOPS_RATE_LIMIT_ORDERS": "0",
        "BAKEOPS_LOG_FORMAT": "json",
        "BAKEOPS_WORKER_METRICS_PORT": "0",
    }
    processes: list[Process] = []
    ceiling = None
    reference_database = pgbench.reference_database()  # pgbench's own database, made before serve starts
    reference = reference_database.__enter__()
    try:
        server = Server(env, workdir / "serve.log", workdir)
        processes.append(server)
        processes.append(Process(["worker"], env, workdir / "worker.log", workdir))
        ceiling_port = free_port()
        ceiling = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "bench.ceiling:app",
                "--port",
                str(ceiling_port),
                "--log-level",
                "warning",
            ],
            cwd=HERE.parent,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        ceiling_url = f"http://127.0.0.1:{ceiling_port}"
        wait_until(lambda: _answers(ceiling_url + "/products"), message="the ceiling app")
        token = server.client.headers["Authorization"]
        rows = []
        for n in clients:
            rows.append(_cell("bare FastAPI GET /products (ceiling)", n, seconds, ceiling_url + "/products"))
            rows.append(_cell("GET /products", n, seconds, server.url + "/products"))
            if n <= PGBENCH_MOST_CLIENTS:
                rows.append(pgbench.run(reference, n, seconds) | {"endpoint": PGBENCH, "clients": n})
            # Not counted: the first orders at n clients open the pool's connections and the slot's rows.
            _cell(
                "POST /order (warm-up)",
                n,
                1,
                server.url + "/order",
                script="post.lua",
                env={"BAKEOPS_BODY": ORDER_BODY},
            )
            _wait_until_handled(env["BAKEOPS_DATABASE_URL"])
            placed_before, started = _count(env["BAKEOPS_DATABASE_URL"], PLACED), time.monotonic()
            posted = _cell(
                "POST /order",
                n,
                seconds,
                server.url + "/order",
                script="post.lua",
                env={"BAKEOPS_BODY": ORDER_BODY},
            )
            rows.append(posted)
            rows.append(_whole_path(posted, env["BAKEOPS_DATABASE_URL"], placed_before, started))
            # The same orders with every slot limit checked (limits too high to refuse any): the check's cost.
            _slot_limits(server, CHECKED_LIMITS)
            rows.append(
                _cell(
                    "POST /order, slot capacity checked",
                    n,
                    seconds,
                    server.url + "/order",
                    script="post.lua",
                    env={"BAKEOPS_BODY": ORDER_BODY},
                )
            )
            _slot_limits(server, NO_LIMITS)
            ids = _placed_orders(env["BAKEOPS_DATABASE_URL"], workdir, seconds)
            rows += _order_reads(server.url, n, seconds, ids, token)
            rows.append(
                _cell(
                    "PUT /order/{id}/status",
                    n,
                    seconds,
                    server.url,
                    script="ids.lua",
                    env={
                        "BAKEOPS_IDS": str(ids),
                        "BAKEOPS_METHOD": "PUT",
                        "BAKEOPS_SUFFIX": "/status",
                        "BAKEOPS_BODY": '{"status": "In Progress"}',
                        "BAKEOPS_TOKEN": token,
                    },
                )
            )
        backlog = _wait_for_outbox(env["BAKEOPS_DATABASE_URL"])
        for row in rows:
            row["outbox_drained_s"] = backlog
        return rows
    finally:
        if ceiling is not None:
            ceiling.terminate()
        for process in processes:
            process.stop()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        reference_database.__exit__(None, None, None)
        _delete_topology(prefix)


PGBENCH = "pgbench, the same SQL per order (reference)"
POLLED_ORDERS = 500  # a busy day's orders
POLLED = f"GET /order/{{id}}, {POLLED_ORDERS} orders polled again and again"
# PostgreSQL here takes 100 connections, shared with serve's and the worker's pools (and anyone else's tests):
# 64 pgbench clients beside them are refused, so the reference runs up to 16 clients (where the target is).
PGBENCH_MOST_CLIENTS = 16
DURABLE = "POST /order, durable: placed until the worker handled it"
PLACED = "SELECT COUNT(*) FROM orders WHERE placed_by = 'api'"
UNHANDLED = (
    "SELECT COUNT(*) FROM outbox_events o"
    " WHERE NOT EXISTS (SELECT 1 FROM processed_events p WHERE p.event_id = o.event_id)"
)


def _order_reads(url: str, clients: int, seconds: float, ids: Path, token: str) -> list[dict]:
    """GET /order/{id} where every read is the order's first, then polling: the same orders read again and
    again (a customer's app, a script waiting for Ready)."""
    polled = ids.with_name("polled-ids.txt")
    polled.write_text("".join(ids.read_text().splitlines(keepends=True)[:POLLED_ORDERS]))
    return [
        _cell(
            label,
            clients,
            seconds,
            url,
            script="ids.lua",
            env={"BAKEOPS_IDS": str(path), "BAKEOPS_METHOD": "GET", "BAKEOPS_TOKEN": token},
        )
        for label, path in (("GET /order/{id}", ids), (POLLED, polled))
    ]


def _whole_path(posted: dict, database: str, placed_before: int, started: float) -> dict:
    """The orders of the POST /order run per second from its start until the worker had handled every event.

    Latencies are the run's own (what a client waited for its 201); the rate counts only orders that went all
    the way: committed, published with a confirm, handled once by the worker and acknowledged.
    """
    _wait_until_handled(database)
    placed = _count(database, PLACED) - placed_before
    return posted | {"endpoint": DURABLE, "rps": placed / (time.monotonic() - started)}


def _wait_until_handled(database: str) -> None:
    engine = create_engine(database)
    try:
        with engine.connect() as connection:

            def all_handled() -> bool:
                unhandled = connection.execute(text(UNHANDLED)).scalar()
                connection.commit()  # the next look needs a fresh snapshot
                return unhandled == 0

            wait_until(all_handled, timeout=120, message="the worker to handle every order")
    finally:
        engine.dispose()


def _count(database: str, query: str) -> int:
    engine = create_engine(database)
    try:
        with engine.connect() as connection:
            return connection.execute(text(query)).scalar()
    finally:
        engine.dispose()


def _slot_limits(server: Server, limits: dict) -> None:
    answer = server.client.patch("/bakery", json=limits)
    answer.raise_for_status()  # serve made the change itself, so it forgot its cached settings at the commit


def _cell(
    label: str, clients: int, seconds: float, url: str, script: str | None = None, env: dict[str, str] | None = None
) -> dict:
    threads = min(2, clients)
    lua = HERE / "lua" / script if script else None
    # Every script also reports through report.lua's done().
    combined = _combined(lua) if lua else HERE / "lua" / "report.lua"
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{clients}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "5s",
        "-s",
        str(combined),
        url,
    ]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        env=os.environ | (env or {}) | {"BAKEOPS_THREADS": str(threads)},
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("BAKEOPS ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no figures for {label}:\n{result.stdout}\n{result.stderr}")
    requests, duration, p50, p95, p99, socket_errors, bad_status, _max = (float(x) for x in line.split()[1:])
    return {
        "endpoint": label,
        "clients": clients,
        "rps": requests / duration,
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": int(socket_errors + bad_status),
    }


def _combined(script: Path) -> Path:
    combined = Path(tempfile.gettempdir()) / f"bakeops-{script.stem}-report.lua"
    combined.write_text(script.read_text() + "\n" + (HERE / "lua" / "report.lua").read_text())
    return combined


def _placed_orders(database: str, workdir: Path, seconds: float) -> Path:
    """Enough fresh orders that every PUT in the next run moves one that has not moved (bulk SQL, not REST)."""
    count = int(max(2000, 4000 * seconds))
    engine = create_engine(database)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        start = connection.execute(text("SELECT COALESCE(MAX(id), 0) FROM orders")).scalar_one()
        # Their own ticket day far in the past: no clash with tickets the server is still handing out.
        ticket_day = date(2000, 1, 1) + timedelta(days=start % 3650)
        rows = [
            {
                "public_id": f"bench{start + n:09d}",
                "day": now.date(),
                "ticket_day": ticket_day,
                "ticket": n + 1,
                "now": now,
            }
            for n in range(count)
        ]
        connection.execute(
            text(
                "INSERT INTO orders (public_id, ticket_day, ticket_number, due_day, status, total, version,"
                " placed_by, created_at, updated_at) VALUES (:public_id, :ticket_day, :ticket, :day, 'Order Placed',"
                " 5.00, 1, 'bench', :now, :now)"
            ),
            rows,
        )
        connection.execute(
            text(
                "INSERT INTO order_status_changes (order_id, to_status, at, by) SELECT id, 'Order Placed', created_at,"
                " 'bench' FROM orders WHERE id > :start"
            ),
            {"start": start},
        )
    engine.dispose()
    path = workdir / f"ids-{start}.txt"
    path.write_text("\n".join(r["public_id"] for r in rows) + "\n")
    return path


def _wait_for_outbox(database: str) -> float:
    """Seconds after the last run until every outbox event was published (the relay keeping up)."""
    started = time.monotonic()
    engine = create_engine(database)
    try:
        with engine.connect() as connection:
            while connection.execute(text("SELECT COUNT(*) FROM outbox_events WHERE published_at IS NULL")).scalar():
                time.sleep(0.2)
                connection.commit()
    finally:
        engine.dispose()
    return round(time.monotonic() - started, 1)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.TransportError:
        return False


def _delete_topology(prefix: str) -> None:
    from bench.live_latency import _delete_topology as delete

    delete(prefix)


def render(rows: list[dict], seconds: float) -> str:
    ceilings = {r["clients"]: r["rps"] for r in rows if "ceiling" in r["endpoint"]}
    references = {r["clients"]: r["rps"] for r in rows if r["endpoint"] == PGBENCH}
    lines = [
        f"REST with wrk, {seconds:g} s per cell ({datetime.now(UTC):%Y-%m-%d}, 2 cores / 24 GiB; wrk, PostgreSQL, "
        "RabbitMQ, `bakeops serve` and `bakeops worker` all on this machine). Outbox drained "
        f"{rows[-1]['outbox_drained_s']} s after the last run. × ceiling: req/s over the bare FastAPI row of the "
        "same client count; × pgbench: orders/s over pgbench's orders/s on the same SQL (bench/pgbench.py).",
        "",
        "| endpoint | clients | req/s | × ceiling | × pgbench | p50 ms | p95 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        database_row = r["endpoint"] in (PGBENCH, DURABLE)
        ceiling = _ratio(r["rps"], ceilings.get(r["clients"])) if r["endpoint"] != PGBENCH else "—"
        reference = _ratio(r["rps"], references.get(r["clients"])) if database_row else "—"
        lines.append(
            f"| {r['endpoint']} | {r['clients']} | {r['rps']:,.0f} | {ceiling} | {reference} | {r['p50']:.1f} | "
            f"{r['p95']:.1f} | {r['p99']:.1f} | {r['errors']} |"
        )
    return "\n".join(lines)


def _ratio(rate: float, reference: float | None) -> str:
    return f"{rate / reference:.2f}" if reference else "—"


if __name__ == "__main__":
    main()

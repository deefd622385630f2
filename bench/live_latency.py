"""Commit -> subscriber latency inside `bakeops serve`, through RabbitMQ + worker and in-process.

Starts its own servers on loopback (PostgreSQL + RabbitMQ + a separate worker; then the embedded
default on SQLite), changes orders through REST at a steady rate and reads the latency that the
serve process's own subscriber measured (commit timestamp -> refresh emitted on NiceGUI's loop).

    .venv/bin/python -m bench.live_latency            # 1,000 events per mode
    .venv/bin/python -m bench.live_latency --events 20  # smoke run
"""

import argparse
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pika
from sqlalchemy import create_engine, text

from devtools.processes import Process, Server, wait_until

PG = "postgresql+psycopg2://postgres@127.0.0.1:5432"
AMQP = "amqp://guest:guest@127.0.0.1:5672/%2F"
RESULTS = Path(__file__).parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=100.0, help="events per second sent through REST")
    args = parser.parse_args()
    rows = [run_mode("RabbitMQ + worker (PostgreSQL)", True, args), run_mode("in-process (SQLite)", False, args)]
    table = render(rows, args)
    print(table)
    RESULTS.mkdir(exist_ok=True)
    # A short run (the smoke test) must not overwrite the real figures.
    (RESULTS / ("live_latency.md" if args.events >= 1000 else "live_latency-smoke.md")).write_text(table + "\n")


def run_mode(label: str, broker: bool, args: argparse.Namespace) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="bakeops-bench-"))
    database, drop = _database(broker, workdir)
    env = {"BAKEOPS_DATABASE_URL": database, "BAKEOPS_RELAY_SWEEP_SECONDS": "0.5", "BAKEOPS_RATE_LIMIT_ORDERS": "0"}
    if broker:
        env |= {"BAKEOPS_AMQP_URL": AMQP, "BAKEOPS_EXCHANGE_PREFIX": f"bench-{uuid.uuid4().hex[:8]}"}
    processes: list[Process] = []
    try:
        server = Server(env, workdir / "serve.log", workdir)
        processes.append(server)
        if broker:
            processes.append(Process(["worker"], env, workdir / "worker.log", workdir))
        _warm_up(server)
        before = server.live_stats()["received"]
        _send_events(server.client, args.events, args.rate)
        wait_until(
            lambda: server.live_stats()["received"] >= before + args.events, timeout=120, message="every refresh"
        )
        stats = server.live_stats()
        return {"mode": label, "events": args.events, **stats["latency_ms"]}
    finally:
        for process in processes:
            process.stop()
        if broker:
            _delete_topology(env["BAKEOPS_EXCHANGE_PREFIX"])
        drop()


def _warm_up(server: Server) -> None:
    order_id = server.client.post("/order", json={"product_id": 2}).json()["order_id"]
    wait_until(lambda: server.live_stats()["received"] >= 1, message="the first refresh")
    server.client.put(f"/order/{order_id}/status", json={"status": "Cancelled", "note": "Bench"})
    wait_until(lambda: server.live_stats()["received"] >= 2, message="the warm-up")
    server.client.post("/live/stats/reset")


def _send_events(client: httpx.Client, events: int, rate: float) -> None:
    """Alternate placing and advancing orders, paced so latency is measured under steady traffic."""
    start = time.perf_counter()
    order_id = None
    for n in range(events):
        time.sleep(max(0.0, start + n / rate - time.perf_counter()))
        if order_id is None:
            order_id = client.post("/order", json={"product_id": 2}).json()["order_id"]
        else:
            client.put(f"/order/{order_id}/status", json={"status": "In Progress"}).raise_for_status()
            order_id = None


def _database(broker: bool, workdir: Path):
    if not broker:
        return f"sqlite:///{workdir / 'bench.db'}", lambda: None
    name = f"bakeops_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{PG}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return f"{PG}/{name}", drop


def _delete_topology(prefix: str) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(AMQP))
    channel = connection.channel()
    for queue in (f"{prefix}.worker", f"{prefix}.worker.dead"):
        channel.queue_delete(queue)
    for exchange in (f"{prefix}.events", f"{prefix}.dead", f"{prefix}.refresh"):
        channel.exchange_delete(exchange)
    connection.close()


def render(rows: list[dict], args: argparse.Namespace) -> str:
    lines = [
        f"Commit -> subscriber latency in `bakeops serve`, {args.events} events at {args.rate:g}/s "
        f"({datetime.now(UTC):%Y-%m-%d}, 2 cores, everything on one machine)",
        "",
        "| mode | events | p50 ms | p95 ms | p99 ms | mean ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [f"| {r['mode']} | {r['events']} | {r['p50']} | {r['p95']} | {r['p99']} | {r['mean']} |" for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    main()

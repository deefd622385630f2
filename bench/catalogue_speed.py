"""GET /products before and after the catalogue work, side by side in one run, with wrk.

Issue #14 asks that GET /products keep within 10 % of its throughput from before the catalogue work
(allergens, photos, options) while every demo product has a photo and allergens. This serves an older
checkout of the project (`--before`, a `git worktree` of the commit before `0008_catalogue`) and this
tree, each as one `bakeops serve` on its own throwaway PostgreSQL database, and drives them in turn
(before, after, after, before, ... so drift on a shared machine falls on both alike).

    git worktree add /tmp/before "$(git log --format=%H -1 -- services/migrations/versions/0008_catalogue.py)~1"
    .venv/bin/python -m bench.catalogue_speed --before /tmp/before
    git worktree remove /tmp/before
"""

import argparse
import os
import statistics
import tempfile
import uuid
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from bench.rest import PG, RESULTS, _cell
from devtools.processes import Server

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> dict[str, dict]:
    """Runs the comparison, prints and writes its table; returns what each build's catalogue carried."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="a checkout of the commit before the catalogue")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each wrk run")
    parser.add_argument("--clients", default="1,16,64")
    parser.add_argument("--rounds", type=int, default=2, help="before/after pairs per client count (ABBA order)")
    parser.add_argument("--output", type=Path, default=RESULTS / "catalogue-speed.md")
    args = parser.parse_args(argv)
    clients = [int(c) for c in args.clients.split(",")]
    rows, shapes = run(args.before.resolve(), clients, args.seconds, args.rounds)
    table = render(rows, shapes, args.seconds)
    print(table)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(table + "\n")
    return shapes


def run(before: Path, clients: list[int], seconds: float, rounds: int) -> tuple[list[dict], dict[str, dict]]:
    workdir = Path(tempfile.mkdtemp(prefix="bakeops-catalogue-speed-"))
    with ExitStack() as stack:
        servers = {
            "before": stack.enter_context(_serve(before, workdir / "before")),
            "after": stack.enter_context(_serve(ROOT, workdir / "after")),
        }
        shapes = {build: _catalogue_shape(server.url) for build, server in servers.items()}
        rows = []
        for n in clients:
            for r in range(rounds):
                order = ("before", "after") if r % 2 == 0 else ("after", "before")
                for build in order:
                    server = servers[build]
                    cpu = _cpu_seconds(server.popen.pid)
                    cell = _cell(f"GET /products ({build})", n, seconds, server.url + "/products")
                    # CPU per request is what a busy shared machine disturbs least: it is the server's own cost.
                    served = cell["rps"] * max(1, round(seconds))  # wrk runs whole seconds
                    cell["cpu_us"] = (_cpu_seconds(server.popen.pid) - cpu) / served * 1e6
                    rows.append(cell | {"build": build, "round": r})
        return rows, shapes


@contextmanager
def _serve(tree: Path, workdir: Path):
    """`bakeops serve` running the code of `tree` (first on PYTHONPATH) on its own throwaway database."""
    workdir.mkdir(parents=True)
    name = f"bakeops_speed_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{PG}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    env = {
        "PYTHONPATH": str(tree),
        "BAKEOPS_DATABASE_URL": f"{PG}/{name}",
        "BAKEOPS_LOG_FORMAT": "json",
        "BAKEOPS_WORKER_METRICS_PORT": "0",
    }
    server = None
    try:
        server = Server(env, workdir / "serve.log", workdir)
        yield server
    finally:
        if server is not None:
            server.stop()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _catalogue_shape(url: str) -> dict:
    """What each build's GET /products carries: products, how many with a photo and allergens, body size."""
    answer = httpx.get(url + "/products", timeout=10)
    answer.raise_for_status()
    products = answer.json()
    return {
        "products": len(products),
        "with_photo": sum(1 for p in products if p.get("photo_url")),
        "with_allergens": sum(1 for p in products if p.get("allergens")),
        "bytes": len(answer.content),
    }


def render(rows: list[dict], shapes: dict[str, dict], seconds: float) -> str:
    lines = [
        f"GET /products before and after the catalogue work, wrk {seconds:g} s per cell, alternated "
        f"({datetime.now(UTC):%Y-%m-%d}, 2 cores; wrk, PostgreSQL and both `bakeops serve` on this machine).",
        "",
        "Medians over the runs; after ÷ before is the median of each round's ratio (its two runs back to back).",
        "",
        "| build | products | with a photo | with allergens | body bytes |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for build, shape in shapes.items():
        lines.append(
            f"| {build} | {shape['products']} | {shape['with_photo']} | {shape['with_allergens']} | "
            f"{shape['bytes']:,} |"
        )
    lines += [
        "",
        "| clients | runs each | before req/s | after req/s | after ÷ before | before p99 ms | after p99 ms "
        "| before CPU µs/req | after CPU µs/req | errors |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in dict.fromkeys(r["clients"] for r in rows):
        cells = {b: [r for r in rows if r["clients"] == n and r["build"] == b] for b in ("before", "after")}
        rps = {b: statistics.median(r["rps"] for r in cells[b]) for b in cells}
        p99 = {b: statistics.median(r["p99"] for r in cells[b]) for b in cells}
        cpu = {b: statistics.median(r["cpu_us"] for r in cells[b]) for b in cells}
        # Each round's two runs were back to back: their ratio is what the machine's other load disturbs least.
        ratio = statistics.median(a["rps"] / b["rps"] for a, b in zip(cells["after"], cells["before"], strict=True))
        errors = sum(r["errors"] for b in cells for r in cells[b])
        lines.append(
            f"| {n} | {len(cells['after'])} | {rps['before']:,.0f} | {rps['after']:,.0f} | {ratio:.2f} | "
            f"{p99['before']:.1f} | {p99['after']:.1f} | {cpu['before']:.0f} | {cpu['after']:.0f} | {errors} |"
        )
    lines += ["", "Each run (req/s): " + ", ".join(f"{r['build']} {r['clients']}c {r['rps']:,.0f}" for r in rows)]
    return "\n".join(lines)


if __name__ == "__main__":
    main()

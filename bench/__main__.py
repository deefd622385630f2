"""Every benchmark in one command, and one table of the speed targets they measure.

    .venv/bin/python -m bench            # the full run (about 10 minutes on 2 cores), report in bench/results/
    .venv/bin/python -m bench --smoke    # each benchmark at a tiny size: proves they all still run
    .venv/bin/python -m bench --only rest live_board

Each benchmark runs as its own `python -m bench.<name>` (it starts and removes its own servers), one after the
other so none disturbs another's figures. The report is the targets table followed by every benchmark's own table.
"""

import argparse
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
FULL = {
    "rest": [],
    "live_latency": [],
    "live_board": [],
    "memory": [],
    "analytics_summary": [],
    "first_paint": [],
    "production_sheet": [],
    "storefront": [],
}


# (row, ratio column, least ratio, p99 limit in ms, target): issue #18, ratios from the same run.
RATIO_TARGETS = (
    (
        "POST /order, durable: placed until the worker handled it",
        "× pgbench",
        0.25,
        60,
        "POST /order durable, placed until handled, ≥ 0.25 × pgbench on the same SQL, p99 ≤ 60 ms at 16 clients",
    ),
    ("GET /order/{id}", "× ceiling", 0.50, 20, "GET /order/{id} ≥ 0.50 × bare FastAPI, p99 ≤ 20 ms at 16 clients"),
    (  # the same target where each order is read again and again, as polling clients do (bench/rest.py)
        "GET /order/{id}, 500 orders polled again and again",
        "× ceiling",
        0.50,
        20,
        "GET /order/{id} polled (500 orders) ≥ 0.50 × bare FastAPI, p99 ≤ 20 ms at 16 clients",
    ),
)


def smoke_args(name: str, scratch: Path) -> list[str]:
    """Tiny sizes; tables go to `scratch` so a smoke run never overwrites real figures."""
    return {
        "rest": ["--smoke"],
        "live_latency": ["--events", "20", "--rate", "50"],
        "live_board": ["--smoke", "--output", str(scratch / "live_board.md")],
        "memory": ["--smoke", "--output", str(scratch / "memory.md")],
        "analytics_summary": ["--orders", "2000", "--runs", "2", "--output", str(scratch / "analytics_summary.md")],
        "first_paint": ["--smoke", "--output", str(scratch / "first_paint.md")],
        "production_sheet": ["--orders", "50", "--runs", "2", "--output", str(scratch / "production_sheet.md")],
        "storefront": ["--smoke", "--output", str(scratch / "storefront.md")],
    }[name]


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny runs, no targets judged")
    parser.add_argument("--only", nargs="+", choices=list(FULL), default=list(FULL))
    parser.add_argument("--output", type=Path, default=None, help="report file (default bench/results/report.md)")
    args = parser.parse_args(argv)
    tables: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="bakeops-bench-smoke-") as scratch:
        for name in args.only:
            extra = smoke_args(name, Path(scratch)) if args.smoke else FULL[name]
            load = settle() if not args.smoke else os.getloadavg()[0]
            started = time.monotonic()
            print(f"== bench.{name} {' '.join(extra)} (load average {load:.1f})", file=sys.stderr, flush=True)
            run = subprocess.run([sys.executable, "-m", f"bench.{name}", *extra], capture_output=True, text=True)
            if run.returncode != 0:
                sys.stderr.write(run.stdout[-3000:] + run.stderr[-5000:])
                raise SystemExit(f"bench.{name} failed (exit {run.returncode})")
            tables[name] = run.stdout.strip()
            print(f"   done in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    report = render(tables, smoke=args.smoke)
    print(report)
    output = args.output or RESULTS / ("report-smoke.md" if args.smoke else "report.md")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report + "\n")
    return report


def settle(quiet: float = 1.5, longest: float = 90) -> float:
    """Waits (at most `longest` s) until the 1-minute load average is under `quiet`; returns it.

    One benchmark's tail must not be the next one's load: 500 board pages closing after bench.memory kept the
    load average at 5 through the first-paint run that followed it, and its p95 read 1,436 ms against 869 ms
    on its own a few minutes earlier.
    """
    deadline = time.monotonic() + longest
    while (load := os.getloadavg()[0]) >= quiet and time.monotonic() < deadline:
        time.sleep(5)
    return load


def render(tables: dict[str, str], *, smoke: bool) -> str:
    lines = [
        f"BakeOps benchmarks, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
        + (" (smoke sizes: figures mean nothing, targets not judged)" if smoke else ""),
        "",
        "| target | measured | verdict |",
        "| --- | --- | --- |",
    ]
    for target, measured, met in targets(tables):
        verdict = "—" if smoke or met is None else ("met" if met else "not met")
        lines.append(f"| {target} | {measured} | {verdict} |")
    for name, table in tables.items():
        lines += ["", f"## bench.{name}", "", table]
    return "\n".join(lines)


def targets(tables: dict[str, str]) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for each target whose benchmark ran."""
    found = []
    for endpoint, floor, p99_limit in (("GET /products", 3000, 20), ("POST /order", 1000, 60)):
        for row in rows_of(tables.get("rest", "")):
            if row["endpoint"] == endpoint and row["clients"] == "16":
                rps, p99 = number(row["req/s"]), number(row["p99 ms"])
                target = f"{endpoint} ≥ {floor:,} req/s, p99 ≤ {p99_limit} ms at 16 clients"
                found.append((target, f"{rps:,.0f} req/s, p99 {p99} ms", rps >= floor and p99 <= p99_limit))
    found += ratio_targets(rows_of(tables.get("rest", "")))
    for row in rows_of(tables.get("live_board", "")):
        if row["open pages"] == "200":
            p95 = number(row["browser p95 ms"])
            found.append(("status change visible on 200 boards, p95 ≤ 150 ms", f"{p95} ms", p95 <= 150))
    per_page = [number(r["KiB per page fresh"]) for r in rows_of(tables.get("memory", ""))]
    if per_page := [kib for kib in per_page if not math.isnan(kib)]:  # rows without pages read "—"
        worst = max(per_page)
        found.append(("≤ 200 KiB RSS per connected page", f"{worst:.0f} KiB", worst <= 200))
    for row in rows_of(tables.get("analytics_summary", ""))[:1]:
        median = number(row["median ms"])
        found.append(("30-day summary over 100,000 orders < 300 ms", f"{median} ms", median < 300))
    for row in rows_of(tables.get("first_paint", ""))[:1]:  # the first row is the fresh browser
        p95 = number(row["catalogue visible p95 ms"])
        found.append(("storefront catalogue visible on a fresh load, p95 ≤ 1 s", f"{p95:,.0f} ms", p95 <= 1000))
    for row in rows_of(tables.get("production_sheet", ""))[:1]:
        median = number(row["median ms"])
        target = "production sheet for a day of 2,000 orders over 40 products, 3-level recipes < 200 ms"
        found.append((target, f"{median} ms", median < 200))
    found += storefront_targets(tables.get("storefront", ""))
    return found


# Issue #18 asks for 10x the storefront's page builds per second when it was filed. Absolute rates move with the
# machine, so "then" is the ratio to the bare NiceGUI page measured in the same run before any of the issue's
# changes: 0.06 (11 against 184 builds/s, 2026-12-02 14:18, README "Storefront"). Ten times that is the floor.
STOREFRONT_BUILDS_BEFORE = 0.06
STOREFRONT_BUILDS = "storefront GET / page builds at 16 clients ≥ 10 × before the issue: ≥ 0.60 × a bare NiceGUI page"


def storefront_targets(table: str) -> list[tuple[str, str, bool | None]]:
    """Issue #18's storefront rows; builds per second are judged as a ratio to the bare NiceGUI page of the same
    run."""
    found: list[tuple[str, str, bool | None]] = []
    rows = all_rows_of(table)
    for row in rows:
        if row.get("page") == "storefront GET /" and row.get("clients") == "16":
            ratio = number(row["× ceiling"])
            measured = f"{ratio:.2f} ({row['builds/s']} builds/s), p99 {row['p99 ms']} ms"
            found.append((STOREFRONT_BUILDS, measured, ratio >= 10 * STOREFRONT_BUILDS_BEFORE - 1e-9))
    per_page = [number(r["KiB per connected page"]) for r in rows if "KiB per connected page" in r]
    if per_page := [kib for kib in per_page if not math.isnan(kib)]:
        worst = max(per_page)
        found.append(("≤ 150 KiB RSS per connected storefront page", f"{worst:.0f} KiB", worst <= 150))
    bare = [number(r["KiB per connected bare page"]) for r in rows if "KiB per connected bare page" in r]
    if bare := [kib for kib in bare if not math.isnan(kib)]:  # what bounds the row above: shown, not judged
        target = "NiceGUI's bare page, RSS per connected page (bounds the row above)"
        found.append((target, f"{max(bare):.0f} KiB", None))
    for row in rows:
        if "s until pages held were back" in row:
            freed = row["s until pages held were back"]
            target = "a storefront page whose browser never connects is freed within 3 s (reconnect timeout) + 2 s"
            if freed.startswith("not"):  # still held when the bench gave up waiting
                found.append((target, freed, False))
            else:
                found.append((target, f"{number(freed):.1f} s", number(freed) <= 5.0))
    return found


def ratio_targets(rest_rows: list[dict[str, str]]) -> list[tuple[str, str, bool]]:
    found = []
    for endpoint, reference, floor, p99_limit, target in RATIO_TARGETS:
        for row in rest_rows:
            if row["endpoint"] == endpoint and row["clients"] == "16":
                ratio, p99 = number(row[reference]), number(row["p99 ms"])
                measured = f"{ratio:.2f} ({row['req/s']} req/s), p99 {p99} ms"
                found.append((target, measured, ratio >= floor and p99 <= p99_limit))
    return found


def rows_of(table: str) -> list[dict[str, str]]:
    """The body rows of the first Markdown table in `table`, keyed by its header cells."""
    lines = [line for line in table.splitlines() if line.startswith("|")]
    if len(lines) < 3:
        return []
    header = cells(lines[0])
    return [dict(zip(header, cells(line), strict=False)) for line in lines[2:]]


def all_rows_of(text: str) -> list[dict[str, str]]:
    """The body rows of every Markdown table in `text`, each keyed by its own table's header cells."""
    rows: list[dict[str, str]] = []
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            rows += rows_of("\n".join(block))
            block = []
    return rows


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def number(text: str) -> float:
    return float(re.sub(r"[^\d.]", "", text) or "nan")


if __name__ == "__main__":
    main()

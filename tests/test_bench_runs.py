"""The one-command harness runs the REST and live-latency benchmarks end to end (smoke size) and judges targets."""

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bench.__main__ import targets
from bench.harness import midday_zone

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.rabbitmq
def test_one_command_runs_the_benchmarks_and_prints_one_report(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--only", "rest", "live_latency", "--output", str(report)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert report.read_text().strip() == run.stdout.strip()
    text = run.stdout
    assert "| GET /products ≥ 3,000 req/s, p99 ≤ 20 ms at 16 clients |" in text
    assert "| POST /order ≥ 1,000 req/s, p99 ≤ 60 ms at 16 clients |" in text
    assert "| POST /order durable, placed until handled, ≥ 0.25 × pgbench on the same SQL" in text
    assert "| GET /order/{id} ≥ 0.50 × bare FastAPI, p99 ≤ 20 ms at 16 clients |" in text
    assert "| GET /order/{id} polled (500 orders) ≥ 0.50 × bare FastAPI, p99 ≤ 20 ms at 16 clients |" in text
    assert "met" not in text.split("## bench.rest")[0]  # smoke sizes are never judged
    for endpoint in ("GET /products", "POST /order", "GET /order/{id}", "PUT /order/{id}/status", "ceiling", "pgbench"):
        assert endpoint in text.split("## bench.rest")[1]
    assert "| POST /order, slot capacity checked | 16 |" in text  # the capacity check's cost, beside the row without
    assert "| RabbitMQ + worker (PostgreSQL) | 20 |" in text
    assert "| in-process (SQLite) | 20 |" in text


def test_targets_are_judged_from_the_tables() -> None:
    rest = """REST
| endpoint | clients | req/s | × ceiling | p50 ms | p95 ms | p99 ms | errors |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| GET /products | 1 | 9,999 | 2.0 | 0.1 | 0.2 | 0.5 | 0 |
| GET /products | 16 | 6,034 | 1.44 | 2.5 | 4.0 | 6.8 | 0 |
| POST /order | 16 | 1,124 | 0.03 | 17.8 | 64.9 | 68.7 | 0 |"""
    memory = """Memory
| connected pages | bakeops_ui_clients | KiB per page fresh |
| ---: | ---: | ---: |
| 0 | 0 | — |
| 100 | 100 | 191 |
| 500 | 500 | 207 |"""
    board = """Board
| open pages | connected (metrics) | browser p95 ms |
| ---: | ---: | ---: |
| 50 | 50 | 300.0 |
| 200 | 200 | 149.9 |"""

    judged = {
        target.split(" ")[0] + target.split(" ")[1]: (measured, met)
        for target, measured, met in targets({"rest": rest, "memory": memory, "live_board": board})
    }

    assert judged["GET/products"] == ("6,034 req/s, p99 6.8 ms", True)
    assert judged["POST/order"] == ("1,124 req/s, p99 68.7 ms", False)  # fast enough, but its p99 is over 60 ms
    assert judged["statuschange"] == ("149.9 ms", True)  # the 200-board row, not the 50-board one
    assert judged["≤200"] == ("207 KiB", False)  # the worst page count decides


def test_order_targets_are_ratios_to_their_reference_in_the_same_run() -> None:
    rest = """REST
| endpoint | clients | req/s | × ceiling | × pgbench | p50 ms | p95 ms | p99 ms | errors |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| bare FastAPI GET /products (ceiling) | 16 | 4,000 | 1.00 | — | 3.0 | 9.0 | 12.0 | 0 |
| pgbench, the same SQL per order (reference) | 16 | 2,000 | — | 1.00 | 7.0 | 9.0 | 11.0 | 0 |
| POST /order, durable: placed until the worker handled it | 16 | 600 | 0.15 | 0.30 | 20.0 | 40.0 | 61.0 | 0 |
| GET /order/{id} | 1 | 900 | 0.20 | — | 1.0 | 1.0 | 2.0 | 0 |
| GET /order/{id} | 16 | 2,100 | 0.52 | — | 6.0 | 11.0 | 19.5 | 0 |
| GET /order/{id}, 500 orders polled again and again | 16 | 1,900 | 0.48 | — | 5.0 | 9.0 | 12.0 | 0 |"""

    judged = {target.split(",")[0]: (measured, met) for target, measured, met in targets({"rest": rest})}

    assert judged["POST /order durable"] == ("0.30 (600 req/s), p99 61.0 ms", False)  # enough orders, p99 over 60
    assert judged["GET /order/{id} ≥ 0.50 × bare FastAPI"] == ("0.52 (2,100 req/s), p99 19.5 ms", True)  # 16 clients
    polled = judged["GET /order/{id} polled (500 orders) ≥ 0.50 × bare FastAPI"]
    assert polled == ("0.48 (1,900 req/s), p99 12.0 ms", False)  # its own row, its own verdict


def test_first_paint_is_judged_on_the_fresh_browser_row() -> None:
    paint = """Storefront first paint
| load | runs | catalogue visible p50 ms | catalogue visible p95 ms |
| --- | ---: | ---: | ---: |
| fresh browser (empty cache) | 20 | 700 | 1012 |
| repeat visit (browser cache) | 20 | 400 | 480 |"""

    [(target, measured, met)] = targets({"first_paint": paint})

    assert target == "storefront catalogue visible on a fresh load, p95 ≤ 1 s"
    assert (measured, met) == ("1,012 ms", False)  # the cached revisit's 480 ms does not count


@pytest.mark.parametrize(("median", "met"), [("49.2", True), ("200.0", False)])
def test_the_production_sheet_target_is_judged_from_its_table(median: str, met: bool) -> None:
    table = f"""Production sheet
| orders | products | runs | median ms | min ms | max ms | target |
| ---: | ---: | ---: | ---: | ---: | ---: | --- |
| 2000 | 40 | 15 | {median} | 42.8 | 224.1 | within 200 ms |"""

    [(target, measured, verdict)] = targets({"production_sheet": table})

    assert target.startswith("production sheet for a day of 2,000 orders over 40 products")
    assert (measured, verdict) == (f"{median} ms", met)


def test_the_storefront_targets_are_judged_from_its_four_tables() -> None:
    storefront = """Storefront

| page | clients | builds/s | × ceiling | p50 ms | p99 ms | server CPU ms per build | errors |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| bare NiceGUI page, one card (ceiling) | 16 | 900 | 1.00 | 15.0 | 30.0 | 1.0 | 0 |
| storefront GET / | 16 | 90 | 0.10 | 150.0 | 300.0 | 11.0 | 0 |

Connected

| connected storefront pages | bakeops_ui_clients | elements per page | RSS MiB | KiB per connected page |
| ---: | ---: | ---: | ---: | ---: |
| 0 | 0 | — | 120.0 | — |
| 100 | 100 | 450 | 160.0 | 410 |

Bare

| connected bare pages | elements per page | RSS MiB | KiB per connected bare page |
| ---: | ---: | ---: | ---: |
| 0 | — | 100.0 | — |
| 100 | 6 | 110.0 | 102 |

Unconnected

| unconnected GETs | pages held before | pages held after the GETs | s until pages held were back | errors |
| ---: | ---: | ---: | ---: | ---: |
| 200 | 0 | 200 | not within 90 s | 0 |"""

    judged = {target: (measured, met) for target, measured, met in targets({"storefront": storefront})}

    builds = "storefront GET / page builds at 16 clients ≥ 10 × before the issue: ≥ 0.60 × a bare NiceGUI page"
    assert judged[builds] == ("0.10 (90 builds/s), p99 300.0 ms", False)  # 10x the 0.06 before the issue is 0.60
    enough = storefront.replace("| 90 | 0.10 |", "| 540 | 0.60 |")
    assert {t: met for t, _, met in targets({"storefront": enough})}[builds] is True
    assert judged["≤ 150 KiB RSS per connected storefront page"] == ("410 KiB", False)
    assert judged["NiceGUI's bare page, RSS per connected page (bounds the row above)"] == ("102 KiB", None)
    freed = "a storefront page whose browser never connects is freed within 3 s (reconnect timeout) + 2 s"
    assert judged[freed] == ("not within 90 s", False)
    quick = storefront.replace("not within 90 s", "3.4")
    assert {t: m for t, m, _ in targets({"storefront": quick})}[freed] == "3.4 s"


@pytest.mark.parametrize("hour", range(24))
def test_the_bench_stack_runs_the_bakery_at_about_noon_whatever_the_hour(hour: int) -> None:
    # An evening CI run once booked every bench order for tomorrow, off the board the benchmark watched.
    now = datetime(2026, 12, 2, hour, 30, tzinfo=UTC)

    local = now.astimezone(ZoneInfo(midday_zone(now)))

    assert 11 <= local.hour <= 12

"""The benchmarks still run: each one end to end at a tiny size (the real figures come from running them in full)."""

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bench import analytics_summary, production_sheet
from bench.__main__ import all_rows_of


@pytest.mark.postgres
def test_analytics_summary_benchmark_runs(tmp_path: Path) -> None:
    output = tmp_path / "analytics_summary.md"

    result = analytics_summary.main(["--orders", "2000", "--runs", "2", "--output", str(output)])

    assert result["rows"]["orders"] == 2000
    assert result["rows"]["order_items"] >= 2000 and result["rows"]["order_status_changes"] >= 2000
    assert 0 < result["orders_in_period"] < 2000  # 30 of the 90 days
    assert "| runs | median ms |" in output.read_text()
    assert not _database_exists(result["database"]), "the benchmark left its database behind"


@pytest.mark.postgres
def test_production_sheet_benchmark_runs(tmp_path: Path) -> None:
    output = tmp_path / "production_sheet.md"

    result = production_sheet.main(["--orders", "50", "--runs", "2", "--output", str(output)])

    assert (result["orders"], result["products"], result["recipes"]) == (50, 40, 54)
    assert result["mixes"] > 0 and result["ingredients"] > 0
    assert "| orders | products | runs | median ms |" in output.read_text()
    assert not _database_exists(result["database"]), "the benchmark left its database behind"


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.rabbitmq
@pytest.mark.browser
def test_live_board_benchmark_runs(tmp_path: Path) -> None:
    output = tmp_path / "live_board.md"

    run = _run_benchmark("bench.live_board", output)

    assert "| open pages | connected (metrics) |" in run.stdout
    rows = _table_rows(run.stdout)
    assert [row[:3] for row in rows] == [["1", "1", "3"], ["5", "5", "3"]]  # pages, connected, changes
    assert output.read_text().strip() in run.stdout


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.rabbitmq
def test_memory_benchmark_runs(tmp_path: Path) -> None:
    output = tmp_path / "memory.md"

    run = _run_benchmark("bench.memory", output)

    assert "| connected pages | bakeops_ui_clients |" in run.stdout
    rows = _table_rows(run.stdout)
    assert [row[:2] for row in rows] == [["0", "0"], ["5", "5"], ["20", "20"], ["0 (all closed)", "0"]]
    assert output.read_text().strip() in run.stdout


def _run_benchmark(module: str, output: Path) -> subprocess.CompletedProcess:
    """`python -m <module> --smoke` as a user runs it; its table goes to `output`, not to bench/results."""
    run = subprocess.run(
        [sys.executable, "-m", module, "--smoke", "--output", str(output)],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, f"{module} --smoke failed:\n{run.stdout[-2000:]}\n{run.stderr[-4000:]}"
    return run


def _table_rows(text: str) -> list[list[str]]:
    """The body rows of the Markdown table in `text`, as lists of cell texts."""
    lines = [line for line in text.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def _database_exists(name: str) -> bool:
    engine = create_engine(f"{analytics_summary.SERVER}/postgres")
    with engine.connect() as connection:
        found = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).first()
    engine.dispose()
    return found is not None


@pytest.mark.slow
@pytest.mark.browser
def test_first_paint_benchmark_runs(tmp_path: Path) -> None:
    output = tmp_path / "first_paint.md"

    run = _run_benchmark("bench.first_paint", output)

    assert "| load | runs | catalogue visible p50 ms | catalogue visible p95 ms |" in run.stdout
    rows = _table_rows(run.stdout)
    floor = "bare NiceGUI page, one card (floor): "
    assert [row[:2] for row in rows] == [
        ["fresh browser (empty cache)", "2"],
        ["repeat visit (browser cache)", "2"],
        [floor + "fresh browser (empty cache)", "2"],
        [floor + "repeat visit (browser cache)", "2"],
    ]
    fresh_requests, cached_requests, floor_requests, _ = (int(row[7]) for row in rows)
    assert cached_requests < fresh_requests  # the revisit came from the browser's cache
    assert floor_requests < fresh_requests  # the floor is NiceGUI alone: none of the storefront's own modules
    assert "p95 ≤ 1,000 ms: — (smoke size)" in run.stdout
    assert "Over NiceGUI's own floor in the same run: p50 +" in run.stdout
    assert output.read_text().strip() in run.stdout


@pytest.mark.slow
def test_storefront_benchmark_runs(tmp_path: Path) -> None:
    output = tmp_path / "storefront.md"

    run = _run_benchmark("bench.storefront", output)

    ceiling, storefront, empty, connected, bare_empty, bare, unconnected = all_rows_of(run.stdout)  # its 4 tables
    assert [(row["page"], row["clients"]) for row in (ceiling, storefront)] == [
        ("bare NiceGUI page, one card (ceiling)", "16"),
        ("storefront GET /", "16"),
    ]
    assert ceiling["errors"] == storefront["errors"] == "0"
    assert (empty["connected storefront pages"], empty["bakeops_ui_clients"]) == ("0", "0")
    assert (connected["connected storefront pages"], connected["bakeops_ui_clients"]) == ("5", "5")
    assert int(connected["elements per page"]) > 0
    assert (bare_empty["connected bare pages"], bare["connected bare pages"]) == ("0", "5")
    assert 0 < int(bare["elements per page"]) < int(connected["elements per page"])  # NiceGUI's page alone
    assert (unconnected["unconnected GETs"], unconnected["errors"]) == ("10", "0")
    assert "Smoke sizes" in run.stdout
    assert output.read_text().strip() in run.stdout

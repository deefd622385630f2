"""bench.catalogue_speed still runs: this tree against itself, at a tiny size (the real run names an older checkout)."""

from pathlib import Path

import pytest

from bench import catalogue_speed

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.postgres
def test_the_side_by_side_catalogue_benchmark_runs_on_demo_products_with_photos_and_allergens(tmp_path: Path) -> None:
    output = tmp_path / "catalogue-speed.md"

    shapes = catalogue_speed.main(
        ["--before", str(ROOT), "--seconds", "1", "--clients", "4", "--rounds", "2", "--output", str(output)]
    )

    after = shapes["after"]
    assert after["products"] > 0
    assert after["with_photo"] == after["with_allergens"] == after["products"]  # what the issue measures with
    rows = [line for line in output.read_text().splitlines() if line.startswith("| 4 |")]
    assert len(rows) == 1 and rows[0].count("|") == 11  # one row: req/s, the ratio, p99 and CPU of both

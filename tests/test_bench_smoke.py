"""The benchmarks still run: each one end to end at a tiny size (the real figures come from running them in full)."""

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bench import analytics_summary


@pytest.mark.postgres
def test_analytics_summary_benchmark_runs(tmp_path: Path) -> None:
    output = tmp_path / "analytics_summary.md"

    result = analytics_summary.main(["--orders", "2000", "--runs", "2", "--output", str(output)])

    assert result["rows"]["orders"] == 2000
    assert result["rows"]["order_items"] >= 2000 and result["rows"]["order_status_changes"] >= 2000
    assert 0 < result["orders_in_period"] < 2000  # 30 of the 90 days
    assert "| runs | median ms |" in output.read_text()
    assert not _database_exists(result["database"]), "the benchmark left its database behind"


def _database_exists(name: str) -> bool:
    engine = create_engine(f"{analytics_summary.SERVER}/postgres")
    with engine.connect() as connection:
        found = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).first()
    engine.dispose()
    return found is not None

"""The REST and live-latency benchmarks still run end to end (smoke size; no targets asserted)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.rabbitmq]


def _run(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def test_the_rest_benchmark_runs():
    table = _run("bench.rest", "--smoke")
    for endpoint in ("GET /products", "POST /order", "GET /order/{id}", "PUT /order/{id}/status", "ceiling"):
        assert f"| {endpoint}" in table or endpoint in table
    assert "| 16 |" in table


def test_the_live_latency_benchmark_runs():
    table = _run("bench.live_latency", "--events", "20", "--rate", "50")
    assert "| RabbitMQ + worker (PostgreSQL) | 20 |" in table
    assert "| in-process (SQLite) | 20 |" in table

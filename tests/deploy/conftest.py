"""Deployment tests reuse the live-loop fixtures: real bakeops processes, unique broker names."""

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from devtools.processes import Process, free_port, wait_until
from tests.events.conftest import amqp_url, launch, pg_url, topology  # noqa: F401 (fixtures)


@pytest.fixture
def api_workers(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], str]]:
    """api_workers(env) starts `bakeops api --workers 2` on a spare port and returns its URL once it answers."""
    started: list[Process] = []

    def start(env: dict[str, str]) -> str:
        port = free_port()
        started.append(Process(["api", "--port", str(port), "--workers", "2"], env, tmp_path / "api.log", tmp_path))
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: _ok(url + "/health"), timeout=40, message="bakeops api to answer")
        return url

    yield start
    for process in started:
        process.stop()


def _ok(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.TransportError:
        return False

"""A new user's first minutes: `bakeops db upgrade`, `bakeops serve`, and the shop answers on its port."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

BAKEOPS = str(Path(sys.executable).with_name("bakeops"))
STARTUP_SECONDS = 40


def _fresh_environment(workdir: Path) -> dict[str, str]:
    # A new user's shell: none of our settings, and not inside pytest (NiceGUI would switch to its test mode).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BAKEOPS_", "PYTEST_", "NICEGUI_"))}
    env["BAKEOPS_DATABASE_URL"] = f"sqlite:///{workdir / 'bakery.db'}"
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_help_lists_the_commands_a_new_user_needs(tmp_path):
    shown = subprocess.run(
        [BAKEOPS, "--help"], cwd=tmp_path, env=_fresh_environment(tmp_path), capture_output=True, text=True, timeout=30
    )

    assert shown.returncode == 0, shown.stderr
    for command in ("serve", "db", "demo-data"):
        assert command in shown.stdout


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """`bakeops db upgrade` then `bakeops serve` in an empty directory, as the README tells a new user."""
    workdir = tmp_path_factory.mktemp("new-user")
    env = _fresh_environment(workdir)
    upgraded = subprocess.run(
        [BAKEOPS, "db", "upgrade"], cwd=workdir, env=env, capture_output=True, text=True, timeout=60
    )
    assert upgraded.returncode == 0, upgraded.stderr
    assert "up to date" in upgraded.stdout
    assert (workdir / "bakery.db").exists()

    port = _free_port()
    log = (workdir / "serve.log").open("w")
    server = subprocess.Popen(
        [BAKEOPS, "serve", "--port", str(port)], cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            _wait_until_it_answers(client, server, workdir / "serve.log")
            yield client
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _wait_until_it_answers(client: httpx.Client, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"bakeops serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            if client.get("/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"bakeops serve did not answer within {STARTUP_SECONDS} s:\n{log.read_text()}")


def test_the_served_catalogue_is_the_demo_one(shop):
    response = shop.get("/products")

    assert response.status_code == 200
    by_name = {p["name"]: p for p in response.json()}
    assert "Sourdough Loaf" in by_name
    assert by_name["Chocolate Cake"]["price"] == 250.0


def test_the_landing_page_shows_the_catalogue(shop):
    names = [p["name"] for p in shop.get("/products").json()]

    page = shop.get("/")

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert any(name in page.text for name in names)


def test_an_order_can_be_placed_and_read_back(shop):
    loaf = next(p for p in shop.get("/products").json() if p["name"] == "Sourdough Loaf")

    placed = shop.post("/order", json={"product_id": loaf["id"]})

    assert placed.status_code == 201
    assert placed.json()["status"] == "Order Placed"
    seen = shop.get(f"/order/{placed.json()['order_id']}").json()
    assert seen["total"] == loaf["price"]

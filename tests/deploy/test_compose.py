"""compose.yaml is valid, runs real bakeops commands, and those commands work outside Docker here."""

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bakeops_ui.cli import cli
from devtools.processes import BAKEOPS, Process, Server, free_port, wait_until
from tests.deploy.test_shared_state import REDIS_URL

ROOT = Path(__file__).resolve().parents[2]
LONG_RUNNING = ("postgres", "rabbitmq", "redis", "web", "worker")


@pytest.fixture(scope="module")
def compose() -> dict:
    """compose.yaml as a compose client resolves it (anchors merged, ${...} filled with defaults)."""
    # BAKEOPS_COMPOSE names another client (GitHub's runners have `docker compose` and no docker-compose);
    # scripts/system-deps installs Debian's docker-compose only when it is unset.
    program, *words = shlex.split(os.environ.get("BAKEOPS_COMPOSE") or "docker-compose")
    client = shutil.which(program)
    assert client, f"{program} is needed to check compose.yaml; scripts/system-deps installs Debian's docker-compose"
    result = subprocess.run(
        [client, *words, "-f", str(ROOT / "compose.yaml"), "config"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/")},  # none of our variables: the defaults
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_compose_publishes_the_documented_ports_and_credentials(compose):
    services = compose["services"]
    assert set(services) == {"postgres", "rabbitmq", "redis", "migrate", "web", "worker"}
    published = {
        name: {(str(p["published"]), p["target"]) for p in svc.get("ports", [])} for name, svc in services.items()
    }
    assert published["postgres"] == {("5433", 5432)}
    assert published["rabbitmq"] == {("5672", 5672), ("15672", 15672)}
    assert published["web"] == {("3000", 3000), ("5000", 3000)}
    assert not published["worker"], "a worker with published ports could not be scaled"
    environment = services["postgres"]["environment"]
    assert (environment["POSTGRES_USER"], environment["POSTGRES_PASSWORD"], environment["POSTGRES_DB"]) == (
        "bakery_user",
        "bakery_pass",
        "bakery_db",
    )
    volumes = [v if isinstance(v, str) else f"{v['source']}:{v['target']}" for v in services["postgres"]["volumes"]]
    assert any(v.startswith("bakery-db:/var/lib/postgresql/data") for v in volumes)
    assert "bakery-db" in compose["volumes"]
    assert "management" in services["rabbitmq"]["image"]


def test_every_long_running_service_has_a_healthcheck_and_waits_for_what_it_needs(compose):
    services = compose["services"]
    for name in LONG_RUNNING:
        assert services[name].get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
    for name in ("web", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert services[name]["depends_on"]["rabbitmq"]["condition"] == "service_healthy"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["web"]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert services["web"]["environment"]["BAKEOPS_REDIS_URL"] == "redis://redis:6379/0"


@pytest.mark.parametrize("service", ["migrate", "web", "worker"])
def test_each_service_runs_a_real_bakeops_command(compose, service):
    command = compose["services"][service]["command"]
    assert command[0] == "bakeops"
    result = CliRunner().invoke(cli, [*command[1:], "--help"])
    assert result.exit_code == 0, result.output


@pytest.mark.postgres
@pytest.mark.rabbitmq
def test_the_compose_commands_run_against_the_local_servers(compose, pg_url, amqp_url, topology, tmp_path):
    """The same commands and settings compose gives each service, with the hosts pointed at this machine."""
    services = compose["services"]

    def env_of(service: str) -> dict[str, str]:
        env = {k: str(v) for k, v in services[service]["environment"].items()}
        local = {"BAKEOPS_DATABASE_URL": pg_url, "BAKEOPS_AMQP_URL": amqp_url}
        local["BAKEOPS_EXCHANGE_PREFIX"] = topology.prefix
        if "BAKEOPS_REDIS_URL" in env:
            local |= {"BAKEOPS_REDIS_URL": REDIS_URL, "BAKEOPS_REDIS_PREFIX": topology.prefix}
        return env | local

    migrate = subprocess.run(
        [BAKEOPS, *services["migrate"]["command"][1:]],
        env=env_of("migrate"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr

    web_command = services["web"]["command"]
    assert web_command[1:] == ["serve", "--host", "0.0.0.0", "--port", "3000"]
    web = Server(env_of("web"), tmp_path / "web.log", tmp_path)  # serve on a free loopback port instead of 3000
    metrics_port = free_port()
    worker = Process(
        services["worker"]["command"][1:],
        env_of("worker") | {"BAKEOPS_WORKER_METRICS_PORT": str(metrics_port)},
        tmp_path / "worker.log",
        tmp_path,
    )
    try:
        wait_until(lambda: web.client.get("/ready").status_code == 200, message="web to be ready")
        order_id = web.client.post("/order", json={"product_id": 1}).json()["order_id"]
        worker.wait_for_log(f"handled order.placed {order_id}")
        # The worker's own healthcheck, as compose would run it, against this worker's metrics port.
        check = services["worker"]["healthcheck"]["test"]
        assert check[:3] == ["CMD", "python", "-c"]
        probe = subprocess.run(
            [sys.executable, "-c", check[3].replace("9100", str(metrics_port))], capture_output=True, timeout=10
        )
        assert probe.returncode == 0, probe.stderr
    finally:
        web.stop()
        worker.stop()

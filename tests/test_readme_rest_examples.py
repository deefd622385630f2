"""The README's REST examples work as printed, whatever the day they are run: pasted into bash against a real
`bakeops serve`, the full-basket order is placed, and running it again is the same order (its Idempotency-Key)."""

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from devtools.processes import Server

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("readme")
    server = Server({"BAKEOPS_DATABASE_URL": f"sqlite:///{workdir / 'shop.db'}"}, workdir / "serve.log", workdir)
    yield server
    server.stop()


def full_basket_example() -> str:
    """The README's lines from "# A full basket" to the blank line after it."""
    rest_block = re.search(r"## REST API\n.*?```bash\n(.*?)```", README.read_text(), re.S).group(1)
    return re.search(r"^# A full basket.*?\n\n", rest_block, re.S | re.M).group(0)


def run_in_bash(script: str, base_url: str) -> dict:
    # -s and -f make curl print only the answer, and fail on an error status with the status in stderr.
    script = f"B={base_url}\n" + script.replace("curl -X POST", "curl -sS -f -X POST")
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, f"the README's example failed:\n{script}\n{done.stderr}{done.stdout}"
    return json.loads(done.stdout)


def test_the_full_basket_example_places_the_order_and_a_retry_is_the_same_order(shop: Server) -> None:
    assert shutil.which("curl"), "the README's examples use curl: apt-get install -y curl"
    example = full_basket_example()

    placed = run_in_bash(example, shop.url)
    again = run_in_bash(example, shop.url)

    assert placed["status"] == "Order Placed" and again["order_id"] == placed["order_id"]
    order = shop.client.get(f"/order/{placed['order_id']}").json()
    assert [line["quantity"] for line in order["items"]] == [2, 6]
    assert datetime.fromisoformat(order["pickup_at"]).date() == datetime.now(UTC).date() + timedelta(days=2)

"""Two UI servers on one PostgreSQL, RabbitMQ and Redis share what a client spends and who is signed in."""

import os
import uuid
from collections.abc import Iterator

import pytest
import redis
from playwright.sync_api import expect, sync_playwright

from devtools.processes import Server
from tests.deploy.switchable_proxy import SwitchableProxy
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, LIVE_MS, sign_in_as_staff
from tests.events.conftest import broker_env

pytestmark = [pytest.mark.postgres, pytest.mark.rabbitmq, pytest.mark.redis, pytest.mark.slow]

REDIS_URL = os.environ.get("BAKEOPS_TEST_REDIS", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_env() -> Iterator[dict[str, str]]:
    """The machine's Redis under a key prefix no other run uses; its keys are deleted afterwards."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis is not reachable at {REDIS_URL}: {error!r}", pytrace=False)
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    yield {"BAKEOPS_REDIS_URL": REDIS_URL, "BAKEOPS_REDIS_PREFIX": prefix}
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()


def test_the_order_limit_holds_across_both_servers(launch, pg_url, amqp_url, topology, redis_env):
    env = broker_env(pg_url, amqp_url, topology, BAKEOPS_RATE_LIMIT_ORDERS="4/minute") | redis_env
    north, south = launch("serve", env), launch("serve", env)
    answers = [server.client.post("/order", json={"product_id": 2}) for server in (north, south) * 3]
    assert [a.status_code for a in answers] == [201, 201, 201, 201, 429, 429]


def test_a_signed_in_board_whose_server_dies_reconnects_to_the_other_still_signed_in(
    pg_url, amqp_url, topology, redis_env, tmp_path
):
    env = broker_env(pg_url, amqp_url, topology) | redis_env
    servers = []
    try:
        # Separate working directories, as on separate machines: NiceGUI's own storage files are not shared.
        for name in ("north", "south"):
            (tmp_path / name).mkdir()
            servers.append(Server(env, tmp_path / f"{name}.log", tmp_path / name))
        north, south = servers
        proxy = SwitchableProxy(north.port)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            sign_in_as_staff(page, proxy.url)
            expect(page.get_by_text("olive@bakery.test")).to_be_visible()
            page.evaluate("window.servedByNorth = true")
            proxy.switch_to(south.port)
            north.kill()
            # No navigation by the test: the page's own reconnect reaches the other server through the proxy,
            # which does not know the page and has it load afresh (the mark above is gone then).
            page.wait_for_function("window.servedByNorth === undefined", timeout=LIVE_MS)
            expect(page.get_by_text("Order board", exact=True)).to_be_visible(timeout=LIVE_MS)
            assert page.url == f"{proxy.url}/admin"
            expect(page.get_by_text("olive@bakery.test")).to_be_visible()
            browser.close()
        proxy.close()
    finally:
        for server in servers:
            server.stop()

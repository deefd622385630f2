"""A page whose browser never opens its socket is freed one reconnect timeout after it was built; a connected
page is kept. (NiceGUI alone would keep the unconnected one for a minute.)"""

import asyncio
import re

import pytest
from nicegui import Client, app
from nicegui.testing import User

RECONNECT_S = 0.5


@pytest.fixture
def short_reconnect_timeout(user: User, monkeypatch) -> None:
    """After the app started (ui.run sets the timeout), so the test need not wait NiceGUI's 3 s."""
    monkeypatch.setattr(app.config, "reconnect_timeout", RECONNECT_S)


async def test_a_storefront_whose_browser_never_connects_is_deleted(user: User, short_reconnect_timeout) -> None:
    answer = await user.http_client.get("/")  # a crawler or a link preview: the page, never its socket
    client_id = re.search(r"'client_id': '([^']+)'", answer.text).group(1)
    client = Client.instances[client_id]
    assert not client.is_deleted

    await asyncio.sleep(RECONNECT_S + 0.5)

    assert client.is_deleted and client_id not in Client.instances


async def test_a_storefront_whose_browser_connected_is_kept(user: User, short_reconnect_timeout) -> None:
    client = await user.open("/")  # the test user handshakes like a browser

    await asyncio.sleep(RECONNECT_S + 0.5)

    assert not client.is_deleted and client.id in Client.instances
    await user.should_see(marker="cart")


async def test_a_page_connecting_within_the_timeout_is_kept(user: User, short_reconnect_timeout) -> None:
    answer = await user.http_client.get("/track/no-such-order")
    client_id = re.search(r"'client_id': '([^']+)'", answer.text).group(1)
    client = Client.instances[client_id]
    await asyncio.sleep(RECONNECT_S / 2)

    await client.handle_handshake("test-late", "late-tab", None, "late-document", None)  # a slow browser, in time
    await asyncio.sleep(RECONNECT_S)

    assert not client.is_deleted

"""Page tests with NiceGUI's `user` fixture: the real app (bakeops_ui/main.py) in-process, no browser.

Each test gets its own SQLite database stocked with the demo catalogue, and the embedded event loop.
"""

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator

import pytest
from sqlmodel import select

from bakeops_ui.settings import get_settings
from pages import live
from services.database import make_engine, session_scope, use_engine
from services.models import Product


@pytest.fixture(autouse=True)
def page_database(tmp_path, monkeypatch, sqlite_template) -> Iterator[str]:
    path = tmp_path / "pages.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("BAKEOPS_DATABASE_URL", url)
    monkeypatch.setenv("BAKEOPS_DEMO_DATA", "true")
    monkeypatch.delenv("BAKEOPS_AMQP_URL", raising=False)
    get_settings.cache_clear()
    live.forget_subscribers()
    yield url
    get_settings.cache_clear()
    use_engine(make_engine(url))  # drop the app's engine so the file can go


@pytest.fixture
def products(user) -> dict[str, Product]:
    """The demo catalogue by name (needs the app started by `user`)."""
    with session_scope() as session:
        return {p.name: p for p in session.exec(select(Product))}


@pytest.fixture(autouse=True)
async def settled_outbox(user) -> AsyncIterator[None]:
    """Let the page's last updates go out before the app stops.

    An update still queued when the `user` fixture shuts the app down holds up NiceGUI's task teardown
    for its full 2 s timeout; waiting for the (in-process, instant) outbox here keeps every test fast.
    """
    yield
    client = user.client
    if client is None:
        return
    for _ in range(100):
        if not client.outbox.updates and not client.outbox.messages:
            break
        await asyncio.sleep(0.01)

"""Page tests with NiceGUI's `user` fixture: the real app (bakeops_ui/main.py) in-process, no browser.

Each test gets its own SQLite database stocked with the demo catalogue, and the embedded event loop.
"""

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator

import pytest
from nicegui.testing import User
from sqlmodel import select

from bakeops_ui import live
from bakeops_ui.settings import get_settings
from services.bakery_schemas import BakerySettingsUpdate
from services.bakery_settings import update_settings
from services.database import make_engine, session_scope, use_engine
from services.models import Product
from tests.conftest import PASSWORD
from tests.pages.midday import bakery_at_late_morning

ADMIN_EMAIL = "olive@bakery.test"


@pytest.fixture(autouse=True)
def bakery_clock(monkeypatch) -> None:
    """Every page test runs at 11:00 bakery time, whatever the hour: before the app starts, so it sees it too."""
    bakery_at_late_morning(monkeypatch)


@pytest.fixture(autouse=True)
def page_database(tmp_path, monkeypatch, sqlite_template) -> Iterator[str]:
    path = tmp_path / "pages.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("BAKEOPS_DATABASE_URL", url)
    monkeypatch.setenv("BAKEOPS_DEMO_DATA", "true")
    monkeypatch.delenv("BAKEOPS_AMQP_URL", raising=False)
    monkeypatch.setenv("BAKEOPS_ADMIN_EMAIL", ADMIN_EMAIL)  # the app's first start makes this admin
    monkeypatch.setenv("BAKEOPS_ADMIN_PASSWORD", PASSWORD)
    # Freezing survivors would keep the whole test run's garbage until a deep sweep.
    monkeypatch.setenv("BAKEOPS_GC_FREEZE", "false")
    get_settings.cache_clear()
    live.forget_subscribers()
    yield url
    get_settings.cache_clear()
    use_engine(make_engine(url))  # drop the app's engine so the file can go


async def sign_in(user: User, email: str = ADMIN_EMAIL, password: str = PASSWORD, *, succeeds: bool = True) -> None:
    """Through the real /login form, as a member of staff would; waits until it has worked (or failed)."""
    # Land on a page with no live parts (an unknown tracking code), so nothing open competes with the test's.
    await user.open("/login?redirect_to=/track/signed-in")
    user.find(marker="login-email").type(email)
    user.find(marker="login-password").type(password)
    user.find(marker="login-submit").click()
    # Checking a password takes real work (Argon2) on a worker thread: give it time on a busy machine.
    if succeeds:
        await user.should_see(marker="unknown-order", retries=50)
    else:
        await user.should_see("Email or password is wrong", retries=50)


@pytest.fixture(autouse=True)
async def signed_in_admin(request, user) -> None:
    """Staff pages need a signed-in account: every page test starts signed in as the admin,
    except those marked `signed_out` (they test the sign-in itself)."""
    if request.node.get_closest_marker("signed_out") is None:
        await sign_in(user)


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


ALL_DAY = {day: [{"opens": "00:00", "closes": "24:00"}] for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


@pytest.fixture
def bakery_open_all_day(user) -> None:
    """Open around the clock with no preparation buffer, so an order without a pickup time is due today
    whenever the test runs (its earliest slot starts within 15 minutes)."""
    with session_scope() as session:
        update_settings(session, BakerySettingsUpdate(hours=ALL_DAY, prep_buffer_minutes=0), by="test")

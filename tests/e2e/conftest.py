"""Browser fixtures: Debian's chromium driven by Playwright against real `bakeops serve` (and worker) processes.

The process fixtures (`launch`, `topology`, `pg_url`, `amqp_url`) are the live-loop ones from tests/events.
"""

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from devtools.processes import TEST_ADMIN, Process, Server, wait_until
from tests.events.conftest import amqp_url, broker_env, launch, pg_url, topology  # noqa: F401 (fixtures)

CHROMIUM = Path(os.environ.get("BAKEOPS_CHROMIUM", "/usr/bin/chromium"))  # Debian's; CI elsewhere may point it
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}
# Toasts fade in and out on their own schedule: keep them out of the pictures in the README.
SCREENSHOT_CSS = ".q-notifications { display: none !important; }"

STEP_MS = 10_000  # a click answered by this server
LIVE_MS = 20_000  # a change that travels outbox -> (worker ->) refresh -> another browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless chromium per test module (sync Playwright must not outlive the module: later tests are async)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/system-deps (never `playwright install`)", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Tab:
    """A page in its own browser context (its own cookies: a different person), with what went wrong in it."""

    page: Page
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def new_tab(browser: Browser) -> Iterator[Callable[[], Tab]]:
    """new_tab() opens a fresh context at 1280x800. Uncaught JavaScript errors fail the test."""
    contexts = []
    tabs: list[Tab] = []

    def open_tab() -> Tab:
        context = browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="Europe/London")
        context.set_default_timeout(STEP_MS)
        contexts.append(context)
        tab = Tab(context.new_page())
        tab.page.on("pageerror", lambda error: tab.errors.append(str(error)))

        def on_dialog(dialog) -> None:
            tab.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        tab.page.on("dialog", on_dialog)
        tabs.append(tab)
        return tab

    yield open_tab
    for context in contexts:
        context.close()
    errors = [error for tab in tabs for error in tab.errors]
    assert not errors, f"JavaScript errors in the browser: {errors}"


@dataclass
class Stack:
    kind: str
    server: Server
    worker: Process | None = None


ALL_DAY = {day: [{"opens": "00:00", "closes": "24:00"}] for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def open_all_day(server: Server) -> Server:
    """Open around the clock, no preparation buffer: an order without a pickup time is due today whenever
    the test runs, so it shows on today's board."""
    answer = server.client.patch("/bakery", json={"hours": ALL_DAY, "prep_buffer_minutes": 0})
    assert answer.status_code == 200, answer.text
    return server


def due_today() -> str:
    """A pickup time a minute from now, for orders that must show on the board's Today at any hour.

    Left without one, an order takes the earliest free slot: after 23:45 that is tomorrow's first, even in a
    bakery open all day. (The servers run on the real clock, so only the day's last minute is left out.)
    """
    return (datetime.now(UTC) + timedelta(minutes=1)).isoformat()


def start_embedded(start: Callable[..., Process], tmp_path: Path) -> Stack:
    """The default install: `bakeops serve` alone on SQLite with in-process events and the demo catalogue."""
    return Stack("embedded", open_all_day(start("serve", {"BAKEOPS_DATABASE_URL": f"sqlite:///{tmp_path / 'e2e.db'}"})))


@pytest.fixture(params=["embedded", pytest.param("broker", marks=[pytest.mark.postgres, pytest.mark.rabbitmq])])
def stack(request: pytest.FixtureRequest, launch, tmp_path: Path) -> Stack:  # noqa: F811 (the fixture)
    """The app as users run it: embedded (SQLite, no broker), or PostgreSQL + RabbitMQ + a separate worker."""
    if request.param == "embedded":
        return start_embedded(launch, tmp_path)
    env = broker_env(
        request.getfixturevalue("pg_url"), request.getfixturevalue("amqp_url"), request.getfixturevalue("topology")
    )
    server = open_all_day(launch("serve", env))
    worker = launch("worker", env)
    worker.wait_for_log("worker consuming")
    wait_until(lambda: server.live_stats()["live"], message="the serve process to join the refresh fanout")
    return Stack("broker", server, worker)


@pytest.fixture
def embedded(launch, tmp_path: Path) -> Stack:  # noqa: F811 (the fixture)
    """Only the embedded default, for tests that do not depend on the event path."""
    return start_embedded(launch, tmp_path)


def screenshot(page: Page, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path, style=SCREENSHOT_CSS, animations="disabled")


def sign_in_as_staff(page: Page, url: str) -> None:
    """Through the real /login form; the board opens afterwards (the browser context keeps the session)."""
    page.goto(url + "/login?redirect_to=/admin")
    page.get_by_label("Email").fill(TEST_ADMIN["BAKEOPS_ADMIN_EMAIL"])
    page.get_by_label("Password", exact=True).fill(TEST_ADMIN["BAKEOPS_ADMIN_PASSWORD"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Order board", exact=True)).to_be_visible()

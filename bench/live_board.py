"""Status change -> update visible on the staff board, with 1, 50 and 200 board pages open on one `bakeops serve`.

Starts its own `bakeops serve` + `bakeops worker` on loopback (a throwaway PostgreSQL database, a RabbitMQ
exchange prefix of its own), places `--orders` open orders for today's board, then for each page count N:

- opens N-1 board pages as light NiceGUI clients (bench.harness.LightPage: the real page GET + socket.io
  handshake, signed in as staff, `--sessions` browser sessions shared round-robin), then ONE real headless
  Chromium page (Debian's /usr/bin/chromium through Playwright, signed in through the /login form). Being opened
  last, the Chromium page is the last subscriber of the board's live event: the slowest position in the fan-out;
- checks through GET /metrics (`bakeops_ui_clients`) that serve holds N connected pages;
- moves orders along through REST (`PUT /order/{id}/status`: Order Placed -> In Progress -> Ready ->
  Picked Up, then a new order replaces the finished one, unmeasured) and times each status change:
  - browser: a MutationObserver in the Chromium page records Date.now() when the order's card shows the change
    (its "→ <next status>" button, or the card gone after Picked Up), minus time.time() taken in Python just before
    the REST call was sent (same machine clock); "next frame" is the requestAnimationFrame after that mutation;
  - all pages: when the last of the N pages (Chromium and every light page's element tree) showed the change;
  - subscriber: serve's own commit -> refresh-on-NiceGUI's-loop latency from GET /live/stats (every order event
    of the run, placements included);
  - serve CPU: user+system CPU time of the serve process per status change (/proc/<pid>/stat).
- one change at a time: the next change is sent only after every page showed the previous one, and the measured
  changes of a row are spread over `--span` seconds (65 by default), so the boards' clocks tick among them: serve's
  minute tick (which recolours the cards turning due or late on every open board) runs at least once, and in the
  browser every card's "Placed N min ago" and "In Progress for 2 min" move on. The Chromium page counts the
  latter two, and the row reports them: a row without them measured a board whose clocks stood still.

Why light clients for the other pages: one board tab in its own Chromium context costs ~96 MiB (measured here,
20 tabs took 1.9 GiB) and re-renders every change on the same 2 cores as the server; 200 of them would not fit
the machine without distorting the server's numbers. The light clients make the server do all it does for a browser
(build the page, keep the Client, subscribe, refresh, send the updates, prune acked messages).

    .venv/bin/python -m bench.live_board              # 1, 50, 200 pages; 30 changes each over 65 s after 3 warm-up ones
    .venv/bin/python -m bench.live_board --smoke      # 1 and 5 pages, 3 changes: checks that it runs
"""

import argparse
import asyncio
import contextlib
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from playwright.async_api import Browser, Page, async_playwright
from playwright.async_api import Error as PlaywrightError

from bench.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LightPage,
    Order,
    Stack,
    ack_forever,
    all_shown,
    broker_losses,
    card_shows,
    close_pages,
    open_pages,
    place_orders,
    sign_in,
    stack,
    summary,
    ui_clients,
    write_result,
)
from devtools.processes import TEST_ADMIN, wait_until

TARGET_P95_MS = 150
TIMEOUT_S = 180  # a saturated serve took up to ~45 s per change with 200 boards
# The moves measured for each order, with what its card shows afterwards (None: the card leaves the board).
MOVES = [("In Progress", "→ Ready"), ("Ready", "→ Picked Up"), ("Picked Up", None)]

# Arms the probe: window.__seen = Date.now() at the first DOM mutation after which the card shows `label`.
SHOWS_JS = """([ticket, label]) => {
  if (!document.querySelector(".q-card")) return false; // not the board yet (the page is loading)
  const link = [...document.querySelectorAll("a")].find((a) => a.textContent.trim() === "#" + ticket);
  if (label === null) return !link;
  const card = link && link.closest(".q-card");
  return !!card && [...card.querySelectorAll("button")].some((b) => b.textContent.includes(label));
}"""
ARM_JS = f"""([ticket, label]) => {{
  window.__armed = true;
  window.__seen = null;
  window.__frame = null;
  const shows = () => ({SHOWS_JS})([ticket, label]);
  const seen = () => {{
    window.__seen = Date.now();
    requestAnimationFrame(() => (window.__frame = Date.now()));
  }};
  if (shows()) return seen();
  const observer = new MutationObserver(() => {{
    if (shows()) {{
      observer.disconnect();
      seen();
    }}
  }});
  observer.observe(document.body, {{ childList: true, subtree: true, characterData: true, attributes: true }});
}}"""


# Counts, in the Chromium page, the cards' clocks moving on: a card whose "Placed N min ago" changed, and a card
# whose "<status> for N min" went up without the order moving. Polled: a MutationObserver would also fire for every
# change the benchmark makes.
TICKS_JS = """() => {
  const placed = new Map(), timers = new Map();
  window.__ticks = { ageings: 0, timers: 0 };
  let lastAgeing = 0;
  const read = () => {
    let aged = false;
    document.querySelectorAll(".q-card").forEach((card) => {
      const link = card.querySelector("a");
      if (!link) return;
      const ticket = link.textContent.trim();
      const since = card.querySelector("[data-placed]");
      const timer = card.querySelector('[data-timer="status"]');
      if (since) {
        const before = placed.get(ticket);
        if (before !== undefined && before !== since.textContent) aged = true;
        placed.set(ticket, since.textContent);
      }
      if (timer) {
        const [status, counted] = timer.textContent.trim().split(" for ");
        const before = timers.get(ticket);
        if (before && before[0] === status && before[1] !== counted) window.__ticks.timers++;
        timers.set(ticket, [status, counted]);
      }
    });
    // One ageing per turn of the minute, not one per card (the cards were placed within a few seconds).
    if (aged && Date.now() - lastAgeing > 5000) {
      window.__ticks.ageings++;
      lastAgeing = Date.now();
    }
  };
  read();
  setInterval(read, 250);
}"""


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1, 50, 200], help="open board pages per run")
    parser.add_argument("--samples", type=int, default=30, help="measured status changes per page count")
    parser.add_argument("--warm-up", type=int, default=3, help="unmeasured status changes first")
    parser.add_argument("--span", type=float, default=65, help="seconds the measured changes of a row spread over")
    parser.add_argument("--orders", type=int, default=20, help="open orders on the board")
    parser.add_argument("--sessions", type=int, default=10, help="signed-in browser sessions the light pages share")
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--smoke", action="store_true", help="tiny run (1 and 5 pages, 3 changes)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.pages, args.samples, args.warm_up, args.orders, args.sessions, args.span = [1, 5], 3, 1, 5, 2, 0
    with stack() as running:
        rows = asyncio.run(measure(running, args))
    table = render(rows, args)
    print(table)
    write_result("live_board", table, args.output)
    return table


async def measure(running: Stack, args: argparse.Namespace) -> list[dict]:
    server = running.server
    orders = await asyncio.to_thread(place_orders, server.client, args.orders)
    async with (
        httpx.AsyncClient(base_url=server.url, headers=dict(server.client.headers), timeout=30) as rest,
        async_playwright() as playwright,
    ):
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            sessions = [await sign_in(server.url) for _ in range(args.sessions)]
            board = Board(rest, orders)
            return [await measure_pages(running, browser, sessions, board, n, args) for n in args.pages]
        finally:
            await browser.close()


class BrowserBoard:
    """The Chromium tab on /admin, with the socket reconnections and page reloads it went through."""

    def __init__(self, tab: Page) -> None:
        self.tab = tab
        self.sockets = 0  # socket.io connections the page opened (1 + reconnects)
        self.loads = 0  # page loads (1 + reloads)
        self.error_pages = 0  # loads that showed an error instead of the board
        self.sign_outs = 0  # loads that were sent to /login
        tab.on("websocket", lambda _: self._count("sockets"))
        tab.on("load", lambda _: self._count("loads"))

    def _count(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)

    @classmethod
    async def open(cls, browser: Browser, url: str) -> "BrowserBoard":
        """A fresh browser context signed in through the real /login form, left on the board."""
        context = await browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
        tab = await context.new_page()
        await tab.goto(url + "/login?redirect_to=/admin")
        await sign_in_through_form(tab)
        board = cls(tab)
        board.sockets, board.loads = 1, 1
        return board

    async def count_ticks(self) -> None:
        await self.tab.evaluate(TICKS_JS)

    async def ticks(self) -> dict[str, int]:
        """The ageings and timer ticks counted since count_ticks (zeros if the page was reloaded meanwhile)."""
        return await self.tab.evaluate("window.__ticks || { ageings: 0, timers: 0 }")

    async def arm(self, ticket: int, label: str | None) -> None:
        await self.tab.evaluate(ARM_JS, [ticket, label])

    async def seen(self, ticket: int, label: str | None) -> tuple[float, float]:
        """Wall-clock ms at which the armed change reached the DOM, and the frame after it."""
        # Resolves when the probe fired, or when the page was reloaded (a new document has no armed probe).
        done = "window.__armed !== true || (typeof window.__seen === 'number' && typeof window.__frame === 'number')"
        try:
            await self.tab.wait_for_function(done, timeout=TIMEOUT_S * 1000)
            times = await self.tab.evaluate("window.__armed === true ? [window.__seen, window.__frame] : null")
        except PlaywrightError:  # the page navigated while we asked
            times = None
        if times is not None:
            return times[0], times[1]
        # The page reloaded and the observer went with it: wait for the new page to show the change. An error page
        # instead of the board (NiceGUI's 500 when building the page took over 3 s) gets reloaded, as a person would.
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            try:
                await self.tab.wait_for_function(SHOWS_JS, arg=[ticket, label], timeout=3000)
                now = time.time() * 1000
                return now, now
            except PlaywrightError:
                if time.monotonic() > deadline:
                    raise
                with contextlib.suppress(PlaywrightError):
                    if "/login" in self.tab.url:  # the session was signed out: sign in again
                        self.sign_outs += 1
                        await sign_in_through_form(self.tab)
                    elif not await self.tab.get_by_text("Order board", exact=True).count():
                        self.error_pages += 1
                        await self.tab.reload()

    async def close(self) -> None:
        await self.tab.context.close()


async def sign_in_through_form(tab: Page) -> None:
    """On /login: type the test admin's details and sign in; waits for the board."""
    await tab.get_by_label("Email").fill(TEST_ADMIN["BAKEOPS_ADMIN_EMAIL"])
    await tab.get_by_label("Password", exact=True).fill(TEST_ADMIN["BAKEOPS_ADMIN_PASSWORD"])
    await tab.get_by_role("button", name="Sign in").click()
    await tab.get_by_text("Order board", exact=True).wait_for(timeout=TIMEOUT_S * 1000)


class Board:
    """Where the measured orders stand: the first open order is moved along; a finished one is replaced."""

    def __init__(self, rest: httpx.AsyncClient, orders: list[Order]) -> None:
        self.rest = rest
        self.orders = list(orders)
        self.step = 0  # index into MOVES for self.orders[0]

    async def recover(self) -> None:
        """After an interrupted run: learn where the measured order really stands."""
        answer = await self.rest.get(f"/order/{self.orders[0].order_id}")
        answer.raise_for_status()
        status = answer.json()["status"]
        self.step = {"Order Placed": 0, "In Progress": 1, "Ready": 2}.get(status, 0)
        if status not in ("Order Placed", "In Progress", "Ready"):
            placed = await self.rest.post("/order", json={"product_id": 2, "customer_name": "Bench walk-in"})
            placed.raise_for_status()
            self.orders = [*self.orders[1:], Order(placed.json()["order_id"], placed.json()["ticket_number"])]

    async def replace_finished(self, pages: list[LightPage], browser: BrowserBoard) -> None:
        answer = await self.rest.post("/order", json={"product_id": 2, "customer_name": "Bench walk-in"})
        answer.raise_for_status()
        order = Order(answer.json()["order_id"], answer.json()["ticket_number"])
        self.orders = [*self.orders[1:], order]
        watches = [page.watch(card_shows(order.ticket, "→ In Progress")) for page in pages]
        await browser.arm(order.ticket, "→ In Progress")
        await browser.seen(order.ticket, "→ In Progress")
        await all_shown(pages, watches, TIMEOUT_S)

    async def change(self, pages: list[LightPage], browser: BrowserBoard) -> dict[str, float]:
        """One measured status change; returns the browser's and the slowest page's latency in ms."""
        order = self.orders[0]
        status, label = MOVES[self.step]
        watches = [page.watch(card_shows(order.ticket, label)) for page in pages]
        await browser.arm(order.ticket, label)
        sent = time.time() * 1000
        answer = await self.rest.put(f"/order/{order.order_id}/status", json={"status": status})
        answer.raise_for_status()
        seen, frame = await browser.seen(order.ticket, label)
        shown = await all_shown(pages, watches, TIMEOUT_S)
        self.step += 1
        if self.step == len(MOVES):
            self.step = 0
            await self.replace_finished(pages, browser)
        return {"browser": seen - sent, "frame": frame - sent, "all": max([seen, *shown]) - sent}


async def measure_pages(
    running: Stack, browser: Browser, sessions: list[dict[str, str]], board: Board, n: int, args: argparse.Namespace
) -> dict:
    """One row; run again if RabbitMQ went away meanwhile (other people's fault tests share this broker)."""
    for _ in range(3):
        losses = broker_losses(running)
        try:
            row = await measure_pages_once(running, browser, sessions, board, n, args)
        except TimeoutError:
            if broker_losses(running) == losses:
                raise
            row = None
        if row is not None and broker_losses(running) == losses:
            print(f"{n} pages: {row}", file=sys.stderr, flush=True)
            return row
        print(f"RabbitMQ connection lost during the {n}-page run: running it again", file=sys.stderr)
        await wait_for_live(running)
        await board.recover()
    raise RuntimeError(f"the {n}-page run kept losing RabbitMQ")


async def measure_pages_once(
    running: Stack, browser: Browser, sessions: list[dict[str, str]], board: Board, n: int, args: argparse.Namespace
) -> dict:
    server = running.server
    pages = await open_pages(server.url, sessions, n - 1)
    opening_errors = sum(p.error_pages + p.sign_outs for p in pages)
    acks = asyncio.create_task(ack_forever(pages))
    tab = await BrowserBoard.open(browser, server.url)
    try:
        connected = await asyncio.to_thread(
            wait_until, lambda: ui_clients(server) == n and n, 60, 0.2, f"{n} connected pages"
        )
        for _ in range(args.warm_up):
            await board.change(pages, tab)
        await asyncio.to_thread(server.client.post, "/live/stats/reset")
        cpu_before = cpu_seconds(running.pid)
        drops_before = counters(pages, tab)
        samples: list[dict[str, float]] = []
        discarded = 0
        await tab.count_ticks()
        started = time.monotonic()
        while len(samples) < args.samples:
            # Evenly over the span: the clocks tick among the changes, not before or after them.
            await asyncio.sleep(max(0, started + len(samples) * args.span / args.samples - time.monotonic()))
            losses = broker_losses(running)
            sample = await board.change(pages, tab)
            if broker_losses(running) == losses:
                samples.append(sample)
            else:  # RabbitMQ went away meanwhile (someone's fault test on the shared broker): not our latency
                discarded += 1
                print(f"{n} pages: RabbitMQ connection lost during a change; sample discarded", file=sys.stderr)
                await wait_for_live(running)
                if discarded > args.samples:
                    raise RuntimeError("RabbitMQ keeps going away; try again later")
        cpu_ms = (cpu_seconds(running.pid) - cpu_before) * 1000 / (len(samples) + discarded)
        drops_after = counters(pages, tab)
        ticks = await tab.ticks()
        subscriber = (await asyncio.to_thread(server.live_stats))["latency_ms"]
    finally:
        acks.cancel()
        await tab.close()
        await close_pages(pages)
    # Closed pages stay subscribed until NiceGUI deletes them (reconnect_timeout, 3 s): let them go first.
    await asyncio.to_thread(wait_until, lambda: ui_clients(server) == 0, 30, 0.2, "every page to disconnect")
    await asyncio.sleep(4)
    light_drops, light_reloads, errors, sign_outs, sockets, loads = (
        after - before for after, before in zip(drops_after, drops_before, strict=True)
    )
    return {
        "pages": n,
        "connected": connected,
        "samples": len(samples),
        "browser": summary([s["browser"] for s in samples]),
        "frame": summary([s["frame"] for s in samples]),
        "all": summary([s["all"] for s in samples]),
        "subscriber": subscriber,
        "cpu_ms": round(cpu_ms, 1),
        "ageings": ticks["ageings"],
        "timer_ticks": ticks["timers"],
        "drops": light_drops + sockets,  # every socket the browser opened again is one it lost
        "reloads": light_reloads + loads,
        "errors": errors,
        "sign_outs": sign_outs,
        "opening_errors": opening_errors,
        "discarded": discarded,
    }


def counters(pages: list[LightPage], tab: BrowserBoard) -> tuple[int, ...]:
    return (
        sum(p.drops for p in pages),
        sum(p.reloads for p in pages),
        sum(p.error_pages for p in pages) + tab.error_pages,
        sum(p.sign_outs for p in pages) + tab.sign_outs,
        tab.sockets,
        tab.loads,
    )


async def wait_for_live(running: Stack) -> None:
    """Until serve is connected to RabbitMQ again (a saturated serve may not answer at once)."""

    def live() -> bool:
        try:
            return running.server.live_stats()["live"]
        except httpx.HTTPError:
            return False

    await asyncio.to_thread(wait_until, live, 600, 1, "serve to reconnect to RabbitMQ")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def render(rows: list[dict], args: argparse.Namespace) -> str:
    lines = [
        f"Status change (REST) -> change visible on the staff board, {args.samples} changes per row after "
        f"{args.warm_up} warm-up, {args.orders} open orders on the board ({datetime.now(UTC):%Y-%m-%d}, "
        f"{os.cpu_count()} cores, PostgreSQL + RabbitMQ + serve + worker + browser all on one machine). "
        f"The measured changes of a row are spread over {args.span:g} s, so the boards' clocks tick among them. "
        f"Pages: 1 headless Chromium tab (opened last: the last subscriber) + N-1 light NiceGUI clients "
        f"(real page GET + socket.io handshake, {args.sessions} signed-in sessions). Target: browser p95 "
        f"<= {TARGET_P95_MS} ms with 200 boards.",
        "",
        "| open pages | connected (metrics) | changes | browser p50 ms | browser p95 ms | browser max ms "
        "| next frame p95 ms | all pages p50 ms | all pages p95 ms | subscriber p50 ms | subscriber p95 ms "
        "| serve CPU ms / change | cards aged (minutes) | card timer ticks | socket drops | page reloads "
        "| error pages | sent to /login |",
        "|" + " ---: |" * 18,
    ]
    for r in rows:
        b, f, a, s = r["browser"], r["frame"], r["all"], r["subscriber"]
        lines.append(
            f"| {r['pages']} | {r['connected']} | {r['samples']} | {b['p50']} | {b['p95']} | {b['max']} | {f['p95']} "
            f"| {a['p50']} | {a['p95']} | {s['p50']} | {s['p95']} | {r['cpu_ms']} | {r['ageings']} "
            f"| {r['timer_ticks']} | {r['drops']} | {r['reloads']} | {r['errors']} | {r['sign_outs']} |"
        )
    for r in rows:
        if r["discarded"]:
            lines.append(
                f"\n{r['pages']} pages: {r['discarded']} more changes were made and discarded because RabbitMQ was "
                "stopped meanwhile (fault tests of others on the shared broker)."
            )
        if r["opening_errors"]:
            lines.append(
                f"\nOpening the {r['pages']} pages (before any change) already got {r['opening_errors']} error pages "
                "or redirects to /login (retried after 1 s, as a person would)."
            )
    return "\n".join(lines)


if __name__ == "__main__":
    main()

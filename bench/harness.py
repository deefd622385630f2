"""Shared parts of the page benchmarks (bench.live_board, bench.memory, bench.storefront): throwaway servers and
light NiceGUI pages.

`stack()` starts `bakeops serve` + `bakeops worker` on loopback against a fresh PostgreSQL database and a
RabbitMQ exchange prefix of its own, and removes all of it afterwards. `embedded_server()` starts `bakeops serve`
alone on its embedded default (a fresh SQLite shop).

`LightPage` is a real NiceGUI client without a browser: it GETs the page with the session cookie (so the
server builds the page and keeps its Client), then opens the page's socket.io connection exactly as
nicegui.js does (implicit handshake: client_id, next_message_id, document_id and tab_id in the query),
keeps the element tree up to date from the `update` messages, answers `run_javascript` requests and acks
the message ids every 3 s like the browser (so the server can prune the page's message history).
`sign_in()` signs a new browser session in through the real /login page with the same machinery
(typing into the inputs and clicking "Sign in" are socket.io events, as from the browser).
"""

import asyncio
import contextlib
import json
import os
import re
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pika
import socketio
from sqlalchemy import create_engine, text

from devtools.processes import TEST_ADMIN, Process, Server, wait_until

PG = "postgresql+psycopg2://postgres@127.0.0.1:5432"
AMQP = "amqp://guest:guest@127.0.0.1:5672/%2F"
RESULTS = Path(__file__).parent / "results"
CHROMIUM = os.environ.get("BAKEOPS_CHROMIUM", "/usr/bin/chromium")  # Debian's; as in tests/e2e
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# --- the stack ------------------------------------------------------------------------------------------------


@dataclass
class Stack:
    server: Server
    worker: Process
    workdir: Path

    @property
    def pid(self) -> int:
        return self.server.popen.pid


def midday_zone(now: datetime | None = None) -> str:
    """A time zone where it is about noon now. The benchmarks watch today's board: in the bakery's own zone an
    evening run (after the default 18:00 closing) would book every order for tomorrow, off the board it watches,
    and wait for a change that never shows there."""
    hour = (now or datetime.now(UTC)).hour
    offset = 12 - hour  # -11 .. +12 hours from UTC
    return f"Etc/GMT{-offset:+d}"  # the tz database's Etc zones count the other way: Etc/GMT-5 is UTC+5


@contextlib.contextmanager
def stack(**extra_env: str) -> Iterator[Stack]:
    """serve + worker on PostgreSQL and RabbitMQ, each run with its own database and exchange prefix."""
    workdir = Path(tempfile.mkdtemp(prefix="bakeops-bench-"))
    name = f"bakeops_bench_{uuid.uuid4().hex[:8]}"
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{PG}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    env = {
        "BAKEOPS_DATABASE_URL": f"{PG}/{name}",
        "BAKEOPS_AMQP_URL": AMQP,
        "BAKEOPS_EXCHANGE_PREFIX": prefix,
        "BAKEOPS_RELAY_SWEEP_SECONDS": "0.5",
        # Hundreds of sign-ins and orders from one loopback address are the benchmark, not an attack.
        "BAKEOPS_RATE_LIMIT_LOGINS": "0",
        "BAKEOPS_RATE_LIMIT_ORDERS": "0",
        "BAKEOPS_WORKER_METRICS_PORT": "0",  # no clash with a worker someone else runs on this machine
        "BAKEOPS_TIMEZONE": midday_zone(),
    } | extra_env
    processes: list[Process] = []
    try:
        server = Server(env, workdir / "serve.log", workdir)
        processes.append(server)
        worker = Process(["worker"], env, workdir / "worker.log", workdir)
        processes.append(worker)
        worker.wait_for_log("worker consuming")
        wait_until(lambda: server.live_stats()["live"], message="serve to join the refresh fanout")
        yield Stack(server, worker, workdir)
    finally:
        for process in processes:
            process.stop()
        with contextlib.suppress(Exception):
            _delete_topology(prefix)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def embedded_server(workdir: Path, tree: Path | None = None) -> Server:
    """`bakeops serve` on its embedded default (a fresh SQLite shop with the demo catalogue, in-process events);
    from the source tree `tree` when given (first on its path)."""
    workdir.mkdir()
    env = {"BAKEOPS_DATABASE_URL": f"sqlite:///{workdir / 'shop.db'}"} | ({"PYTHONPATH": str(tree)} if tree else {})
    return Server(env, workdir / "serve.log", workdir)


def _delete_topology(prefix: str) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(AMQP))
    channel = connection.channel()
    for queue in (f"{prefix}.worker", f"{prefix}.worker.dead"):
        channel.queue_delete(queue)
    for exchange in (f"{prefix}.events", f"{prefix}.dead", f"{prefix}.refresh"):
        channel.exchange_delete(exchange)
    connection.close()


# --- orders and measurements through the server ----------------------------------------------------------------


@dataclass(frozen=True)
class Order:
    order_id: str
    ticket: int


def place_orders(client: httpx.Client, count: int) -> list[Order]:
    """Open orders for today's board, 1-3 lines each, from products without daily limits or lead times."""
    products = [
        p["id"]
        for p in client.get("/products").json()
        if p["available"] and p["active"] and p["daily_limit"] is None and not p["lead_time_hours"]
    ]
    placed = []
    for n in range(count):
        items = [{"product_id": products[(n + k) % len(products)], "quantity": 1 + k} for k in range(1 + n % 3)]
        answer = client.post("/order", json={"items": items, "customer_name": f"Bench customer {n}"})
        answer.raise_for_status()
        placed.append(Order(answer.json()["order_id"], answer.json()["ticket_number"]))
    return placed


def broker_losses(running: Stack) -> int:
    """How often serve lost RabbitMQ so far (someone's fault test may stop the shared broker)."""
    return running.server.output().count("broker connection lost")


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def ui_clients(server: Server) -> int:
    """`bakeops_ui_clients` from GET /metrics: pages with a live socket connection in that serve process."""
    answer = server.client.get("/metrics")
    answer.raise_for_status()
    found = re.search(r"^bakeops_ui_clients (\S+)$", answer.text, re.M)
    return int(float(found.group(1))) if found else -1


def ui_pages(server: Server) -> int:
    """`bakeops_ui_pages` from GET /metrics: pages (NiceGUI clients) that serve process holds, connected or not."""
    answer = server.client.get("/metrics")
    answer.raise_for_status()
    found = re.search(r"^bakeops_ui_pages (\S+)$", answer.text, re.M)
    return int(float(found.group(1))) if found else -1


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "p50": round(percentile(samples, 0.5), 1),
        "p95": round(percentile(samples, 0.95), 1),
        "max": round(max(samples), 1),
        "mean": round(statistics.fmean(samples), 1),
    }


def write_result(name: str, table: str, output: Path | None = None) -> Path:
    path = output or RESULTS / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(table + "\n")
    return path


# --- light pages ---------------------------------------------------------------------------------------------

_HTML_UNESCAPE = [("&#36;", "$"), ("&#96;", "`"), ("&gt;", ">"), ("&lt;", "<"), ("&amp;", "&")]


class PageError(RuntimeError):
    pass


class SignedOut(PageError):
    """The page answered with a redirect to /login: this browser session is no longer signed in."""


class LightPage:
    """One open NiceGUI page, held by a socket.io client instead of a browser tab (see the module docstring).

    Like nicegui.js it reconnects after a dropped socket (socket.io-client's delays: 1 s doubling to 5 s, ±0.5 s)
    with the next message id it expects, and reloads the page (a new GET) when the server asks for that or refuses
    the handshake because the page was deleted. `drops` and `reloads` count those; `error_pages` counts reloads
    that got an error page instead of the page (then it reloads again after 1 s, as a person would), `sign_outs`
    reloads that were sent to /login (then it signs in again first).
    """

    def __init__(self, base_url: str, cookies: dict[str, str], path: str) -> None:
        self.base_url = base_url
        self.cookies = cookies
        self.path = path
        self.client_id = ""
        self.elements: dict[str, dict] = {}
        self.live: dict[str, tuple[int, dict | None]] = {}  # board cards' broadcast changes, as board_columns.js keeps
        self.next_message_id = 0
        self.acked_message_id = -1
        self.messages = 0
        self.drops = 0
        self.reloads = 0
        self.error_pages = 0
        self.sign_outs = 0
        self.opened: list[str] = []  # paths the server navigated this page to
        self.sio: socketio.AsyncClient | None = None
        self._query: dict[str, str | int] = {}
        self._closing = False
        self._reloading: asyncio.Task | None = None
        self._watch: tuple[Callable[[dict[str, dict]], bool], asyncio.Future] | None = None

    async def open(self, http: httpx.AsyncClient) -> None:
        # The cookie goes in by hand and the client's jar stays empty: each page is one of several browsers.
        answer = await http.get(self.base_url + self.path, headers={"Cookie": self._cookie_header()})
        http.cookies.clear()
        for name, value in answer.cookies.items():  # a new visitor keeps the session cookie its first page set
            self.cookies.setdefault(name, value)
        if answer.status_code == 303 and answer.headers.get("location", "").startswith("/login"):
            raise SignedOut(f"GET {self.path} sent us to {answer.headers['location']}")
        if answer.status_code != 200 or "client_id" not in answer.text:
            raise PageError(f"GET {self.path} answered {answer.status_code}: {answer.text[:200]}")
        html = answer.text
        self.client_id = re.search(r"'client_id': '([^']+)'", html).group(1)
        self.next_message_id = int(re.search(r"'next_message_id': (\d+)", html).group(1))
        self.acked_message_id = -1
        raw = re.search(r"parseElements\(String\.raw`(.*?)`\)", html, re.S).group(1)
        for escaped, plain in _HTML_UNESCAPE:
            raw = raw.replace(escaped, plain)
        self.elements = json.loads(raw)
        self.live = {}  # a new page: a new browser store
        self._check_watch()
        self._query = {
            "client_id": self.client_id,
            "implicit_handshake": "true",
            "document_id": str(uuid.uuid4()),
            "tab_id": str(uuid.uuid4()),
        }
        self.sio = socketio.AsyncClient(
            reconnection=True, reconnection_delay=1, reconnection_delay_max=5, randomization_factor=0.5
        )
        self.sio.on("*", self._on_message)
        self.sio.on("disconnect", self._on_disconnect)
        self.sio.on("connect_error", self._on_connect_error)
        await self.sio.connect(
            self._url,  # a callable: a reconnect asks with the message id it expects next, as nicegui.js does
            socketio_path="/_nicegui_ws/socket.io",
            transports=["websocket"],
            headers={"Cookie": self._cookie_header()},
            wait_timeout=30,
        )

    async def open_persistently(self, http: httpx.AsyncClient, attempts: int = 10) -> None:
        """open(), and what a person does when the page does not come: reload, or sign in again first."""
        signed_out = False
        for attempt in range(attempts):
            try:
                if signed_out:
                    await sign_in(self.base_url, self.cookies)
                    signed_out = False
                await self.open(http)
                return
            except SignedOut:
                self.sign_outs += 1
                signed_out = True
            except (PageError, httpx.TransportError, socketio.exceptions.ConnectionError):
                # e.g. NiceGUI's 500 page when building it took over 3 s, or the page deleted before its socket came
                self.error_pages += 1
                if self.sio is not None:
                    with contextlib.suppress(Exception):
                        await self.sio.disconnect()
                    self.sio = None
                if attempt == attempts - 1:
                    raise
                await asyncio.sleep(1)

    def _url(self) -> str:
        return f"{self.base_url}?{urlencode(self._query | {'next_message_id': self.next_message_id})}"

    def _cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def state(self) -> dict:
        """For error messages."""
        reloading = self._reloading
        return {
            "client_id": self.client_id,
            "connected": self.connected,
            "engineio": self.sio.eio.state if self.sio is not None else None,
            "drops": self.drops,
            "reloads": self.reloads,
            "error_pages": self.error_pages,
            "sign_outs": self.sign_outs,
            "messages": self.messages,
            "reload_error": repr(reloading.exception())
            if reloading and reloading.done() and not reloading.cancelled() and reloading.exception()
            else None,
        }

    @property
    def connected(self) -> bool:
        return self.sio is not None and self.sio.connected

    async def close(self) -> None:
        self._closing = True
        if self._reloading is not None:
            self._reloading.cancel()
        if self.sio is not None:
            await self.sio.disconnect()
            await self.sio.shutdown()

    async def _on_disconnect(self, reason: object = None) -> None:
        if not self._closing:
            self.drops += 1

    async def _on_connect_error(self, data: object = None) -> None:
        if "Implicit handshake failed" in str(data):
            self._reload()

    def _reload(self) -> None:
        if self._closing or (self._reloading is not None and not self._reloading.done()):
            return

        async def reload() -> None:
            self.reloads += 1
            old = self.sio
            self.sio = None
            if old is not None:
                await old.disconnect()
                await old.shutdown()
            async with httpx.AsyncClient(timeout=60) as http:
                await self.open_persistently(http)

        self._reloading = asyncio.create_task(reload())

    async def _on_message(self, event: str, message: dict | None = None) -> None:
        if isinstance(message, dict) and "_id" in message:
            message_id = message.pop("_id")
            if message_id < self.next_message_id:
                return
            self.next_message_id = message_id + 1
        self.messages += 1
        if event in ("update", "board_cards") and isinstance(message, dict):
            self._draw(event, message)
        elif event == "run_javascript" and isinstance(message, dict):
            if "location.reload()" in message.get("code", ""):
                self._reload()
            elif message.get("request_id"):
                answer = {"request_id": message["request_id"], "client_id": self.client_id, "result": None}
                await self.emit("javascript_response", answer)
        elif event == "try_reconnect":
            self._reload()
        elif event == "open" and isinstance(message, dict):
            self.opened.append(message.get("path", ""))

    def _draw(self, event: str, message: dict) -> None:
        if event == "update":
            for key, element in message.items():
                if element is None:
                    self.elements.pop(key, None)
                else:
                    self.elements[key] = element
        else:  # a board's broadcast card changes
            for order_id, props in message["cards"].items():
                self.live[order_id] = (message["serial"], props)
        self._check_watch()

    def _check_watch(self) -> None:
        if self._watch is not None:
            condition, future = self._watch
            if not future.done() and condition(self.shown()):
                future.set_result(time.time() * 1000)

    def shown(self) -> dict[str, dict]:
        """The elements as the browser draws them: a board card takes a broadcast change newer than its own props,
        and is not drawn when that change says it left the board (pages/board_columns.js)."""
        if not self.live:
            return self.elements
        shown = dict(self.elements)
        for key, element in self.elements.items():
            props = element.get("props", {})
            change = self.live.get(props["orderId"]) if "orderId" in props else None
            if change is not None and change[0] > props.get("serial", 0):
                if change[1] is None:
                    del shown[key]
                else:
                    shown[key] = {**element, "props": change[1]}
        return shown

    async def emit(self, event: str, data: dict) -> None:
        if self.sio is not None and self.sio.connected:
            await self.sio.emit(event, data)

    async def ack(self) -> None:
        """What nicegui.js does every 3 s: tell the server which messages arrived."""
        if self.connected and self.acked_message_id < self.next_message_id:
            await self.emit("ack", {"client_id": self.client_id, "next_message_id": self.next_message_id})
            self.acked_message_id = self.next_message_id

    def watch(self, condition: Callable[[dict[str, dict]], bool]) -> asyncio.Future:
        """A future that gets the wall-clock time (ms) of the first update after which `condition` holds (now if it
        already does)."""
        self._watch = (condition, asyncio.get_running_loop().create_future())
        self._check_watch()
        return self._watch[1]

    async def fire(self, element_id: str, event_type: str, *args: object) -> None:
        """A DOM event on an element, sent the way nicegui.js sends it."""
        listener = next(e for e in self.elements[element_id]["events"] if e["type"] == event_type)
        await self.emit(
            "event",
            {
                "id": int(element_id),
                "client_id": self.client_id,
                "listener_id": listener["listener_id"],
                "args": [json.dumps(arg) for arg in args],
            },
        )

    def find(self, predicate: Callable[[dict], bool]) -> str:
        return next(key for key, element in self.elements.items() if predicate(element))


def card_shows(ticket: int, button: str | None) -> Callable[[dict[str, dict]], bool]:
    """Whether the board card of `ticket` offers a button labelled `button` (e.g. "→ Ready"); with `button` None,
    whether the card is gone. A card is one element (pages/order_card.js) whose props say what it shows. Only
    elements reachable from the root count, as only those are rendered."""

    def condition(elements: dict[str, dict]) -> bool:
        stack = ["0"]
        while stack:
            element = elements.get(stack.pop())
            if element is None:
                continue
            props = element.get("props", {})
            if props.get("ticket") == ticket:
                labels = [props.get("advance"), *(f"→ {other}" for other in props.get("others", ()))]
                return button is not None and button in labels
            stack.extend(_children(element))
        return button is None and "0" in elements

    return condition


def _children(element: dict) -> list[str]:
    ids = [str(child) for child in element.get("children", ())]
    for slot in element.get("slots", {}).values():
        ids += [str(child) for child in slot.get("ids", ())]
    return ids


async def sign_in(base_url: str, cookies: dict[str, str] | None = None) -> dict[str, str]:
    """Sign a browser session in as the test admin through /login (a new session unless `cookies` are given)."""
    async with httpx.AsyncClient(timeout=60) as http:
        if cookies is None:
            answer = await http.get(base_url + "/login?redirect_to=/admin")
            cookies = {"session": answer.cookies["session"]}
        page = LightPage(base_url, cookies, "/login?redirect_to=/admin")
        await page.open(http)
    try:
        if not any(e.get("props", {}).get("label") == "Email" for e in page.elements.values()):
            await _navigated_to_board(page)  # signed in already (say, by another tab of this browser): /login forwards
            return cookies
        email = page.find(lambda e: e.get("props", {}).get("label") == "Email")
        password = page.find(lambda e: e.get("props", {}).get("label") == "Password")
        button = page.find(lambda e: e.get("props", {}).get("label") == "Sign in")
        await page.fire(email, "update:value", TEST_ADMIN["BAKEOPS_ADMIN_EMAIL"])
        await page.fire(password, "update:value", TEST_ADMIN["BAKEOPS_ADMIN_PASSWORD"])
        await page.fire(button, "click", {})
        await _navigated_to_board(page)
    finally:
        await page.close()
    return cookies


async def _navigated_to_board(page: LightPage, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while "/admin" not in page.opened:
        if time.monotonic() > deadline:
            raise PageError("signing in through /login did not lead to /admin")
        await asyncio.sleep(0.02)


async def sign_in_many(base_url: str, count: int, concurrency: int = 4) -> list[dict[str, str]]:
    """`count` new browser sessions, each signed in through /login."""
    gate = asyncio.Semaphore(concurrency)

    async def one() -> dict[str, str]:
        async with gate:
            return await sign_in(base_url)

    return list(await asyncio.gather(*(one() for _ in range(count))))


async def all_shown(pages: list[LightPage], watches: list[asyncio.Future], timeout: float) -> list[float]:
    """When each page showed the change (wall-clock ms, see LightPage.watch); fails after `timeout` seconds."""
    if watches:
        await asyncio.wait(watches, timeout=timeout)
    behind = [page.state() for page, watch in zip(pages, watches, strict=True) if not watch.done()]
    if behind:
        raise TimeoutError(f"{len(behind)} light pages never showed the change: {behind[:3]}")
    return [watch.result() for watch in watches]


async def ack_forever(pages: list[LightPage], every: float = 3.0) -> None:
    """One loop for all pages instead of a timer per page; cancel it when done."""
    while True:
        await asyncio.sleep(every)
        await asyncio.gather(*(page.ack() for page in list(pages)), return_exceptions=True)


async def open_pages(
    base_url: str, cookies: list[dict[str, str]], count: int, path: str = "/admin", concurrency: int = 8
) -> list[LightPage]:
    """`count` pages, spread round-robin over the signed-in sessions, opened a few at a time."""
    pages = [LightPage(base_url, cookies[n % len(cookies)], path) for n in range(count)]
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=60) as http:

        async def one(page: LightPage) -> None:
            async with gate:
                await page.open_persistently(http)

        await asyncio.gather(*(one(page) for page in pages))
    return pages


async def close_pages(pages: list[LightPage]) -> None:
    await asyncio.gather(*(page.close() for page in pages), return_exceptions=True)

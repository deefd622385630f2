"""Memory of one `bakeops serve` process per connected staff board page: RSS with 0, 100 and 500 pages open.

Starts its own `bakeops serve` + `bakeops worker` on loopback (a throwaway PostgreSQL database, a RabbitMQ exchange
prefix of its own) and places `--orders` open orders for today's board. After a warm-up (one page opened, refreshed
and closed again, so first-use costs are not counted per page) it reads serve's VmRSS from /proc/<pid>/status with no
page open, then opens board pages up to each count (cumulatively: 100, then 400 more for 500) and reads it again.

Every page is a real NiceGUI client that the server builds and keeps (bench.harness.LightPage: the page GET with
the session cookie, then socket.io with NiceGUI's handshake, acking messages every 3 s like nicegui.js) and, by
default, a browser session of its own, signed in through the real /login page: so RSS_n includes each browser's
user storage and tab storage, the conservative case (`--pages-per-session` shares sessions). serve's GET /metrics
(`bakeops_ui_clients`) must report exactly n connected pages before RSS is read.

Two readings per count: "fresh" (pages just built) and "after a change" (one status change through REST, waited for
until every page shows it: the board rebuilds its cards, which is where a long-lived page ends up). Per page:
(RSS_n - RSS_0) / n. RSS is the median of 5 readings 0.5 s apart, taken 5 s after the pages settled (--smoke: one
reading). A last row closes every page and waits for NiceGUI to delete them: RSS that stays was not given back.

    .venv/bin/python -m bench.memory            # 0, 100, 500 pages
    .venv/bin/python -m bench.memory --smoke    # 0, 5, 20 pages: checks that it runs
"""

import argparse
import asyncio
import os
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bench.harness import (
    LightPage,
    Order,
    Stack,
    ack_forever,
    all_shown,
    card_shows,
    close_pages,
    open_pages,
    place_orders,
    rss_kib,
    sign_in_many,
    stack,
    ui_clients,
    write_result,
)
from devtools.processes import wait_until

TARGET_KIB = 200
TIMEOUT_S = 600  # one change reaches 500 boards slowly (see bench.live_board)
RECONNECT_TIMEOUT_S = 3  # NiceGUI's default: closed pages are deleted this long after they disconnect


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 500], help="connected pages (cumulative)")
    parser.add_argument("--orders", type=int, default=20, help="open orders on the board")
    parser.add_argument("--pages-per-session", type=int, default=1, help="pages sharing one signed-in browser")
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--smoke", action="store_true", help="tiny run (5 and 20 pages)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.pages, args.orders = [5, 20], 5
        SETTLE.update(seconds=RECONNECT_TIMEOUT_S + 0.5, readings=1)
    with stack() as running:
        rows = asyncio.run(measure(running, args))
    table = render(rows, args)
    print(table)
    write_result("memory", table, args.output)
    return table


async def measure(running: Stack, args: argparse.Namespace) -> list[dict]:
    server = running.server
    orders = await asyncio.to_thread(place_orders, server.client, args.orders)
    async with httpx.AsyncClient(base_url=server.url, headers=dict(server.client.headers), timeout=60) as rest:
        mover = Mover(rest, orders)
        await warm_up(running, mover)
        rows = [{"pages": 0, "clients": await clients(running), "sessions": 0, "fresh": await settled_rss(running)}]
        pages: list[LightPage] = []
        sessions: list[dict[str, str]] = []
        acks = asyncio.create_task(ack_forever(pages))
        try:
            for n in args.pages:
                wanted_sessions = -(-n // args.pages_per_session)
                sessions += await sign_in_many(server.url, wanted_sessions - len(sessions))
                added = await open_pages(server.url, sessions[len(pages) // args.pages_per_session :], n - len(pages))
                pages += added
                row = {"pages": n, "sessions": len(sessions)}
                await wait_for_clients(running, n)
                row["clients"] = n
                row["fresh"] = await settled_rss(running)
                drops = sum(p.drops for p in pages), sum(p.reloads for p in pages)
                row["change_s"] = await mover.change(pages)
                await wait_for_clients(running, n)
                row["after_change"] = await settled_rss(running)
                row["drops"] = sum(p.drops for p in pages) - drops[0]
                row["reloads"] = sum(p.reloads for p in pages) - drops[1]
                rows.append(row)
        finally:
            acks.cancel()
            await close_pages(pages)
        await asyncio.to_thread(wait_until, lambda: ui_clients(server) == 0, 60, 0.2, "every page to disconnect")
        rows.append({"pages": "0 (all closed)", "clients": 0, "sessions": len(sessions)})
        rows[-1]["fresh"] = await settled_rss(running)
    return rows


class Mover:
    """Moves the open orders along, one status change at a time, and waits until every page shows it."""

    def __init__(self, rest: httpx.AsyncClient, orders: list[Order]) -> None:
        self.rest = rest
        self.waiting = list(orders)  # still "Order Placed"

    async def change(self, pages: list[LightPage]) -> float:
        """Seconds until every page showed the change."""
        order = self.waiting.pop(0)
        watches = [page.watch(card_shows(order.ticket, "→ Ready")) for page in pages]
        started = time.monotonic()
        answer = await self.rest.put(f"/order/{order.order_id}/status", json={"status": "In Progress"})
        answer.raise_for_status()
        await all_shown(pages, watches, TIMEOUT_S)
        return round(time.monotonic() - started, 1)


async def warm_up(running: Stack, mover: Mover) -> None:
    """Open one signed-in page, refresh it once, close it: first-use costs are then part of RSS_0."""
    sessions = await sign_in_many(running.server.url, 1)
    pages = await open_pages(running.server.url, sessions, 1)
    await wait_for_clients(running, 1)
    await mover.change(pages)
    await close_pages(pages)
    await asyncio.to_thread(wait_until, lambda: ui_clients(running.server) == 0, 60, 0.2, "the page to disconnect")


async def clients(running: Stack) -> int:
    return await asyncio.to_thread(ui_clients, running.server)


async def wait_for_clients(running: Stack, n: int) -> None:
    await asyncio.to_thread(
        wait_until, lambda: ui_clients(running.server) == n, TIMEOUT_S, 0.5, f"{n} connected pages in /metrics"
    )


SETTLE = {"seconds": RECONNECT_TIMEOUT_S + 2.0, "readings": 5}


async def settled_rss(running: Stack) -> int:
    """Median VmRSS (KiB) of a few readings 0.5 s apart, after closed or replaced pages had time to be deleted."""
    await asyncio.sleep(SETTLE["seconds"])
    readings = []
    for _ in range(SETTLE["readings"]):
        readings.append(rss_kib(running.pid))
        await asyncio.sleep(0.5)
    return int(statistics.median(readings))


def render(rows: list[dict], args: argparse.Namespace) -> str:
    base = rows[0]["fresh"]

    def per_page(rss: int | None, n: object) -> str:
        return f"{(rss - base) / n:.0f}" if isinstance(n, int) and n and rss is not None else "—"

    def mib(rss: int | None) -> str:
        return f"{rss / 1024:.1f}" if rss is not None else "—"

    sharing = (
        "each page its own browser session"
        if args.pages_per_session == 1
        else f"{args.pages_per_session} pages per browser session"
    )
    lines = [
        f"RSS of one `bakeops serve` (VmRSS) per connected staff board page, {args.orders} open orders on the board "
        f"({datetime.now(UTC):%Y-%m-%d}, {os.cpu_count()} cores, PostgreSQL + RabbitMQ + worker on the same machine). "
        f"Pages: light NiceGUI clients (real page GET + socket.io handshake, signed in through /login, {sharing}), "
        f"count checked with `bakeops_ui_clients` from /metrics. Per page = (RSS_n - RSS_0) / n. "
        f"Target: <= {TARGET_KIB} KiB per page.",
        "",
        "| connected pages | bakeops_ui_clients | browser sessions | RSS fresh MiB | KiB per page fresh "
        "| s until all pages showed a change | RSS after the change MiB | KiB per page after the change "
        "| socket drops | page reloads |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        n, fresh, after = r["pages"], r["fresh"], r.get("after_change")
        lines.append(
            f"| {n} | {r['clients']} | {r['sessions']} | {mib(fresh)} | {per_page(fresh, n)} "
            f"| {r.get('change_s', '—')} | {mib(after)} | {per_page(after, n)} "
            f"| {r.get('drops', '—')} | {r.get('reloads', '—')} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()

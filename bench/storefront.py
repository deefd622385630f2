"""Storefront speed and memory: page builds per second of `GET /`, RSS per connected storefront page, and what a
page whose browser never connects costs until it is freed.

Starts `bakeops serve` on its embedded default (a fresh SQLite shop with the demo catalogue, in-process events) and,
as the ceiling, a bare NiceGUI page (one card, one label) in a tiny server of its own (bench/nicegui_ceiling.py), and
measures, in this order (the last one leaves the most pages behind):

1. Connected pages: after a warm-up page, serve's VmRSS with no page open, then with `--pages` storefront pages
   open, each a new visitor (its own session cookie) held by a light NiceGUI client (bench.harness.LightPage: the
   page GET, then socket.io with NiceGUI's handshake, acking like nicegui.js); `bakeops_ui_clients` from /metrics
   must report all of them first. Per page = (RSS_n - RSS_0) / n.
2. Pages whose browser never connects (`--unconnected` plain GETs of `/`, no socket; a crawler, a link preview, a
   browser closed before the page came): how many pages serve holds (`bakeops_ui_pages` from /metrics) and its RSS,
   before and right after, then the seconds from the last GET until the count is back where it was.
3. Page builds per second: wrk at `--clients` for `--seconds` against the bare NiceGUI page, then against `GET /`,
   p50/p99; the storefront's figure is also given as a ratio to the ceiling, which moves with the machine as it does.

The load average is printed: other work on this machine moves every absolute figure here.

    .venv/bin/python -m bench.storefront            # 100 connected pages, 200 unconnected, wrk 10 s at 16 clients
    .venv/bin/python -m bench.storefront --smoke    # tiny sizes: checks that it runs
"""

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bench.harness import (
    ack_forever,
    close_pages,
    embedded_server,
    open_pages,
    rss_kib,
    ui_clients,
    ui_pages,
    write_result,
)
from bench.nicegui_ceiling import BarePage
from bench.rest import _cell
from devtools.processes import Server, wait_until

TARGET_KIB = 150
RECONNECT_TIMEOUT_S = 3.0  # NiceGUI's default; a page whose browser never connects should be gone this long after
FREED_TARGET_S = RECONNECT_TIMEOUT_S + 2.0  # "+ a little": the wait itself and a loaded machine
GIVE_UP_S = 90.0  # NiceGUI alone prunes an unconnected page after 60 s, checking every 10 s
CEILING = "bare NiceGUI page, one card (ceiling)"
STOREFRONT = "storefront GET /"


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100, help="connected storefront pages")
    parser.add_argument("--unconnected", type=int, default=200, help="plain GETs of / that never connect")
    parser.add_argument("--seconds", type=float, default=10.0, help="each wrk run")
    parser.add_argument("--clients", type=int, default=16, help="wrk connections")
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, no verdict")
    args = parser.parse_args(argv)
    if args.smoke:
        args.pages, args.unconnected, args.seconds = 5, 10, 1.0
        SETTLE.update(readings=1)
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="bakeops-bench-storefront-") as scratch:
        server = embedded_server(Path(scratch) / "serve")
        ceiling = None
        try:
            ceiling = BarePage()
            connected = asyncio.run(measure_connected(server, args.pages))
            connected_bare = asyncio.run(measure_connected_bare(ceiling, args.pages))
            unconnected = asyncio.run(measure_unconnected(server, args.unconnected))
            load.append(os.getloadavg()[0])
            builds = [
                _builds(CEILING, ceiling.url, ceiling.popen.pid, args),
                _builds(STOREFRONT, server.url, server.popen.pid, args),
            ]
        finally:
            if ceiling is not None:
                ceiling.stop()
            server.stop()
    load.append(os.getloadavg()[0])
    table = render(builds, connected, connected_bare, unconnected, args, load)
    print(table)
    write_result("storefront", table, args.output)
    return table


# --- 1. connected pages -----------------------------------------------------------------------------------------


async def measure_connected(server: Server, count: int) -> list[dict]:
    await _open_and_close(server, 1)  # first-use costs (the first build, imports, caches) belong to RSS_0
    rows = [{"pages": 0, "clients": await _clients(server), "rss": await settled_rss(server)}]
    pages = await open_pages(server.url, [{} for _ in range(count)], count, path="/")
    acks = asyncio.create_task(ack_forever(pages))
    try:
        await asyncio.to_thread(
            wait_until, lambda: ui_clients(server) == count, 120, 0.5, f"{count} connected storefront pages"
        )
        elements = statistics.median(len(page.elements) for page in pages)
        rows.append({"pages": count, "clients": count, "rss": await settled_rss(server), "elements": elements})
    finally:
        acks.cancel()
        await close_pages(pages)
    await _until_no_page_is_held(server)
    return rows


async def measure_connected_bare(ceiling: BarePage, count: int) -> list[dict]:
    """The same for NiceGUI's bare page, what any page of NiceGUI's costs to hold (it has no /metrics: the
    pages are connected when open_pages returns)."""
    await close_pages(await open_pages(ceiling.url, [{}], 1, path="/"))  # first-use costs belong to RSS_0
    rows = [{"pages": 0, "rss": await settled_rss(ceiling)}]
    pages = await open_pages(ceiling.url, [{} for _ in range(count)], count, path="/")
    acks = asyncio.create_task(ack_forever(pages))
    try:
        elements = statistics.median(len(page.elements) for page in pages)
        rows.append({"pages": count, "rss": await settled_rss(ceiling), "elements": elements})
    finally:
        acks.cancel()
        await close_pages(pages)
    return rows


async def _open_and_close(server: Server, count: int) -> None:
    pages = await open_pages(server.url, [{} for _ in range(count)], count, path="/")
    await asyncio.to_thread(wait_until, lambda: ui_clients(server) == count, 60, 0.2, "the warm-up page")
    await close_pages(pages)
    await _until_no_page_is_held(server)


async def _until_no_page_is_held(server: Server) -> None:
    await asyncio.to_thread(wait_until, lambda: ui_pages(server) == 0, GIVE_UP_S, 0.2, "closed pages to be deleted")


async def _clients(server: Server) -> int:
    return await asyncio.to_thread(ui_clients, server)


SETTLE = {"seconds": RECONNECT_TIMEOUT_S + 2.0, "readings": 5}


async def settled_rss(server: Server | BarePage) -> int:
    """Median VmRSS (KiB) of a few readings 0.5 s apart, once closed pages had time to be deleted."""
    await asyncio.sleep(SETTLE["seconds"])
    readings = []
    for _ in range(SETTLE["readings"]):
        readings.append(rss_kib(server.popen.pid))
        await asyncio.sleep(0.5)
    return int(statistics.median(readings))


# --- 2. pages whose browser never connects ----------------------------------------------------------------------


async def measure_unconnected(server: Server, count: int) -> dict:
    row = {"gets": count, "held_before": await _held(server), "rss_before": await settled_rss(server)}
    gate = asyncio.Semaphore(8)
    async with httpx.AsyncClient(timeout=60) as http:

        async def one() -> int:
            async with gate:
                answer = await http.get(server.url + "/")  # a new visitor each time: no cookie kept
                http.cookies.clear()
                return answer.status_code

        statuses = await asyncio.gather(*(one() for _ in range(count)))
    last_get = time.monotonic()
    row["errors"] = sum(1 for status in statuses if status != 200)
    row["held_after"] = await _held(server)
    row["rss_after"] = rss_kib(server.popen.pid)
    while (held := await _held(server)) > row["held_before"] and time.monotonic() - last_get < GIVE_UP_S:
        await asyncio.sleep(0.1)
    row["freed_s"] = time.monotonic() - last_get if held <= row["held_before"] else None
    row["held_then"] = held
    row["rss_then"] = rss_kib(server.popen.pid)
    return row


async def _held(server: Server) -> int:
    return await asyncio.to_thread(ui_pages, server)


# --- 3. page builds per second ----------------------------------------------------------------------------------


def _builds(label: str, url: str, pid: int, args: argparse.Namespace) -> dict:
    cpu_before = _cpu_seconds(pid)
    row = _cell(label, args.clients, args.seconds, url + "/")
    requests = row["rps"] * max(1, round(args.seconds))
    row["cpu_ms"] = (_cpu_seconds(pid) - cpu_before) * 1000 / requests if requests else float("nan")
    return row


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- the report -------------------------------------------------------------------------------------------------


def render(
    builds: list[dict], connected: list[dict], bare: list[dict], unconnected: dict, args, load: list[float]
) -> str:
    ceiling = builds[0]["rps"]
    smoke = args.smoke
    lines = [
        f"Storefront `/` on `bakeops serve` (embedded default: SQLite, demo catalogue, in-process events), "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores; load average {load[0]:.1f} at the start, "
        f"{load[1]:.1f} before wrk, {load[2]:.1f} at the end.",
        "",
        f"Page builds, wrk {args.seconds:g} s at {args.clients} clients, each request a new visitor (no cookie):",
        "",
        "| page | clients | builds/s | × ceiling | p50 ms | p99 ms | server CPU ms per build | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in builds:
        lines.append(
            f"| {row['endpoint']} | {row['clients']} | {row['rps']:,.0f} | {row['rps'] / ceiling:.2f} "
            f"| {row['p50']:.1f} | {row['p99']:.1f} | {row['cpu_ms']:.1f} | {row['errors']} |"
        )
    base = connected[0]["rss"]
    lines += [
        "",
        "Connected storefront pages (light NiceGUI clients, one new visitor each), RSS of serve read "
        f"{SETTLE['seconds']:g} s after they settled. Per page = (RSS_n - RSS_0) / n; target ≤ {TARGET_KIB} KiB:",
        "",
        "| connected storefront pages | bakeops_ui_clients | elements per page | RSS MiB | KiB per connected page |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in connected:
        n, elements, rss, per_page = _memory_cells(row, base)
        lines.append(f"| {n} | {row['clients']} | {elements} | {rss} | {per_page} |")
    lines += [
        "",
        "The same for the bare NiceGUI page of the ceiling row, in its own server: what NiceGUI itself holds for "
        "a connected page (its client, outbox and socket):",
        "",
        "| connected bare pages | elements per page | RSS MiB | KiB per connected bare page |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for row in bare:
        lines.append("| " + " | ".join(map(str, _memory_cells(row, bare[0]["rss"]))) + " |")
    u = unconnected
    freed = f"{u['freed_s']:.1f}" if u["freed_s"] is not None else f"not within {GIVE_UP_S:.0f} s"
    per_held = (u["rss_after"] - u["rss_before"]) / max(1, u["held_after"] - u["held_before"])
    lines += [
        "",
        "Pages whose browser never connects (plain GETs of `/`, 8 at a time, no socket). Pages held: "
        f"`bakeops_ui_pages` from /metrics. Target: back where it was within NiceGUI's reconnect timeout "
        f"({RECONNECT_TIMEOUT_S:g} s) + 2 s after the last GET:",
        "",
        "| unconnected GETs | pages held before | pages held after the GETs | RSS before MiB | RSS after the GETs MiB "
        "| KiB per page held | s until pages held were back | pages held then | RSS then MiB | errors |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {u['gets']} | {u['held_before']} | {u['held_after']} | {u['rss_before'] / 1024:.1f} "
        f"| {u['rss_after'] / 1024:.1f} | {per_held:.0f} | {freed} | {u['held_then']} | {u['rss_then'] / 1024:.1f} "
        f"| {u['errors']} |",
    ]
    if smoke:
        lines += ["", "Smoke sizes: the figures mean nothing and no target is judged."]
    return "\n".join(lines)


def _memory_cells(row: dict, base: int) -> tuple[int, str, str, str]:
    """One row of held pages: how many, elements per page, RSS MiB, KiB per page over `base` (RSS_0)."""
    n = row["pages"]
    per_page = f"{(row['rss'] - base) / n:.0f}" if n else "—"
    elements = f"{row['elements']:.0f}" if "elements" in row else "—"
    return n, elements, f"{row['rss'] / 1024:.1f}", per_page


if __name__ == "__main__":
    main()

"""First paint of the storefront: how long a fresh browser waits until the catalogue is on screen.

Starts `bakeops serve` on the embedded default (SQLite, in-process events, the demo catalogue) in a temp dir,
loads `/` once to warm the server up (its first page build, the first answer for each asset), then opens the
storefront `--runs` times, each in a fresh headless Chromium context (empty cache, no cookies, as a new customer),
and times from the start of navigation until the first product card is visible. A second row revisits the page in
the same contexts, from the browser's cache. Per row: p50/p95/max of "catalogue visible", the browser's own
first-contentful-paint and HTML response end (Navigation Timing, median), what went over the wire (requests
and transferred KiB, Resource Timing, median) and how long the page's main thread worked until the card showed
(Chromium's TaskDuration, median). The load average is printed too: other work on this machine slows
the browser and the server alike, so much that two runs a minute apart can differ by half. `--compare DIR` serves
a second storefront from another source tree (say a `git worktree` of main) beside this one and alternates every
load between the two, so both see the same moment's load; its rows follow this tree's. The last two rows are
the floor, loaded in turn with the storefront: a bare NiceGUI page with one card (bench/nicegui_ceiling.py), which
shows what Vue, Quasar and NiceGUI cost a fresh browser on this machine at this moment before BakeOps draws anything.

    .venv/bin/python -m bench.first_paint                      # 20 fresh loads; target: catalogue visible p95 <= 1 s
    .venv/bin/python -m bench.first_paint --compare ../main    # the same, interleaved with main's storefront
    .venv/bin/python -m bench.first_paint --smoke              # 2 loads: checks that it runs
"""

import argparse
import math
import os
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import BrowserContext, sync_playwright

from bench.harness import CHROMIUM, CHROMIUM_ARGS, embedded_server, percentile, write_result
from bench.nicegui_ceiling import CARD, BarePage
from devtools.processes import Server

TARGET_MS = 1000
PRODUCT_CARD = CARD  # every product on the storefront is a card; nothing else there is one
FLOOR = "bare NiceGUI page, one card (floor): "
VIEWPORT = {"width": 1280, "height": 800}
# What the browser itself saw, read after the card showed: navigation timing, first paint and every transfer.
# The paint entry may be queued a frame after the card became visible, so it is awaited (for at most 5 s).
PAGE_TIMINGS = """async () => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = await new Promise((resolve) => {
    setTimeout(() => resolve(undefined), 5000);
    new PerformanceObserver((list) => {
      const found = list.getEntriesByName("first-contentful-paint")[0];
      if (found) resolve(found);
    }).observe({ type: "paint", buffered: true });
  });
  const loaded = [nav, ...performance.getEntriesByType("resource")];
  return {
    html_ms: nav.responseEnd,
    first_paint_ms: paint ? paint.startTime : NaN,
    requests: loaded.filter((entry) => entry.transferSize > 0).length,
    transferred: loaded.reduce((sum, entry) => sum + entry.transferSize, 0),
  };
}"""


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="fresh browser loads")
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--smoke", action="store_true", help="2 loads, no verdict")
    parser.add_argument("--compare", type=Path, default=None, help="another source tree to alternate loads with")
    args = parser.parse_args(argv)
    if args.smoke:
        args.runs = 2
    trees = {"": None} | ({f"{args.compare}: ": args.compare.resolve()} if args.compare else {})
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bakeops-bench-paint-") as scratch:
        servers: dict[str, Server | BarePage] = {}
        try:
            for index, (label, tree) in enumerate(trees.items()):
                servers[label] = embedded_server(Path(scratch) / str(index), tree)
            servers[FLOOR] = BarePage()
            rows = measure({label: server.url for label, server in servers.items()}, args.runs)
        finally:
            for server in servers.values():
                server.stop()
    table = render(rows, args, (load_before, os.getloadavg()[0]))
    print(table)
    write_result("first_paint", table, args.output)
    return table


def measure(urls: dict[str, str], runs: int) -> list[dict]:
    """Per storefront (label -> URL): `runs` fresh loads, then the same browsers again, alternating storefronts."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for url in urls.values():
                warm_up = browser.new_context(viewport=VIEWPORT)
                load(warm_up, url)
                warm_up.close()
            contexts = {label: [browser.new_context(viewport=VIEWPORT) for _ in range(runs)] for label in urls}
            fresh = _alternating(urls, contexts)
            cached = _alternating(urls, contexts)
            for context in (context for each in contexts.values() for context in each):
                context.close()
        finally:
            browser.close()
    return [
        row
        for label in urls
        for row in (
            summarise(f"{label}fresh browser (empty cache)", fresh[label]),
            summarise(f"{label}repeat visit (browser cache)", cached[label]),
        )
    ]


def _alternating(urls: dict[str, str], contexts: dict[str, list[BrowserContext]]) -> dict[str, list[dict]]:
    """One load in each context; storefronts take turns, in reversed order every other round."""
    loads: dict[str, list[dict]] = {label: [] for label in urls}
    for index in range(len(next(iter(contexts.values())))):
        for label in list(urls)[:: 1 if index % 2 == 0 else -1]:
            loads[label].append(load(contexts[label][index], urls[label]))
    return loads


def load(context: BrowserContext, url: str) -> dict:
    """One storefront load in a new tab of `context`: ms until a product card is visible, and the page's timings."""
    page = context.new_page()
    try:
        devtools = context.new_cdp_session(page)
        devtools.send("Performance.enable")
        started = time.perf_counter()
        page.goto(url + "/", wait_until="commit")
        page.locator(PRODUCT_CARD).first.wait_for(state="visible", timeout=30_000)
        visible_ms = (time.perf_counter() - started) * 1000
        # The page's main thread time until then: steadier than wall time when other work shares the cores.
        metrics = {metric["name"]: metric["value"] for metric in devtools.send("Performance.getMetrics")["metrics"]}
        busy_ms = metrics["TaskDuration"] * 1000
        return {"visible_ms": visible_ms, "busy_ms": busy_ms, **page.evaluate(PAGE_TIMINGS)}
    finally:
        page.close()


def summarise(label: str, loads: list[dict]) -> dict:
    visible = [entry["visible_ms"] for entry in loads]
    return {
        "load": label,
        "runs": len(loads),
        "p50": percentile(visible, 0.5),
        "p95": percentile(visible, 0.95),
        "max": max(visible),
        "first_paint": _median([entry["first_paint_ms"] for entry in loads]),
        "html": statistics.median(entry["html_ms"] for entry in loads),
        "requests": statistics.median(entry["requests"] for entry in loads),
        "kib": statistics.median(entry["transferred"] for entry in loads) / 1024,
        "busy": statistics.median(entry["busy_ms"] for entry in loads),
    }


def _median(values: list[float]) -> float:
    known = [value for value in values if not math.isnan(value)]  # a load whose paint entry never came
    return statistics.median(known) if known else math.nan


def render(rows: list[dict], args: argparse.Namespace, load_average: tuple[float, float]) -> str:
    compared = f" and {args.compare}'s storefront" if args.compare else ""
    lines = [
        f"Storefront first paint (bench.first_paint): `bakeops serve`, embedded default, {args.runs} fresh Chromium "
        f"contexts after one warm-up load, loads alternating with the floor{compared}; "
        f"load average {load_average[0]:.1f} before, {load_average[1]:.1f} after",
        "",
        "| load | runs | catalogue visible p50 ms | catalogue visible p95 ms | max ms | first paint p50 ms "
        "| HTML p50 ms | requests | KiB transferred | browser main thread p50 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['load']} | {row['runs']} | {row['p50']:.0f} | {row['p95']:.0f} | {row['max']:.0f} "
            f"| {row['first_paint']:.0f} | {row['html']:.0f} | {row['requests']:.0f} | {row['kib']:.0f} "
            f"| {row['busy']:.0f} |"
        )
    fresh_p95 = rows[0]["p95"]
    verdict = "— (smoke size)" if args.smoke else ("met" if fresh_p95 <= TARGET_MS else "not met")
    [floor] = [row for row in rows if row["load"].startswith(FLOOR) and "fresh" in row["load"]]
    lines += [
        "",
        f"Target: catalogue visible on a fresh load, p95 ≤ {TARGET_MS:,} ms: {verdict} ({fresh_p95:.0f} ms)",
        f"Over NiceGUI's own floor in the same run: p50 +{rows[0]['p50'] - floor['p50']:.0f} ms, "
        f"p95 +{fresh_p95 - floor['p95']:.0f} ms, main thread +{rows[0]['busy'] - floor['busy']:.0f} ms",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()

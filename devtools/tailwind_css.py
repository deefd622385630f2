"""Builds bakeops_ui/static/tailwind.css: every Tailwind rule the pages can need, compiled once instead of per visitor.

NiceGUI normally ships Tailwind's in-browser compiler, which every fresh browser downloads, starts and runs over
the page's DOM before the first paint. This script runs that same compiler (NiceGUI's own tailwindcss.min.js, so
the same Tailwind version and the same input stylesheet) once, in headless Chromium, over every class name that
could reach the DOM: the words in BakeOps' pages, in NiceGUI's elements and in Quasar's components (which add
classes such as `text-white` from a `color` prop), and writes what it outputs, plus NiceGUI's Tailwind fixes
(headwind.css), which NiceGUI only inlines while its compiler is on.

    .venv/bin/python -m devtools.tailwind_css          # rewrite the stylesheet after changing a page's classes
    .venv/bin/python -m devtools.tailwind_css --check  # exit 1 when the file is not what a build writes now

tests/test_static_assets.py fails when a page uses a class name this build has not seen.
"""

import argparse
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import nicegui
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
STYLESHEET = ROOT / "bakeops_ui" / "static" / "tailwind.css"
NICEGUI = Path(nicegui.__file__).parent
COMPILER = NICEGUI / "static" / "tailwindcss.min.js"
HEADWIND = NICEGUI / "static" / "headwind.css"
CHROMIUM = os.environ.get("BAKEOPS_CHROMIUM", "/usr/bin/chromium")  # Debian's; as in tests/e2e
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

# NiceGUI's input to its in-browser compiler (templates/index.html): dark: variants follow Quasar's body class.
TAILWIND_INPUT = "@custom-variant dark (&:where(body.body--dark, body.body--dark *));"
# Everything a class name may contain; the rest of a source file separates words. Tailwind itself drops the
# words that are no utility, so a generous split costs build time, not correctness.
WORD = re.compile(r"[A-Za-z0-9_\-:/.\[\]%#!@&*+>~]+")
# Quasar turns a colour prop into classes at run time: color=white -> bg-white / text-white (also text_color=).
COLOUR_PROP = re.compile(r"""\b(?:text[-_])?color\s*=\s*["']?([a-z][\w-]*)""")
# ...and an `align` (table columns, cards' actions) into text-<align>: no source file spells these out.
QUASAR_ALIGNMENT = {f"text-{side}" for side in ("left", "right", "center", "justify")}


def project_sources() -> list[Path]:
    """BakeOps' own files that put class names on elements."""
    found = [*ROOT.glob("pages/**/*.py"), *ROOT.glob("pages/**/*.js"), *ROOT.glob("bakeops_ui/**/*.py")]
    return sorted(found)


def framework_sources() -> list[Path]:
    """NiceGUI's elements and Quasar's components: the classes they render for us."""
    static = NICEGUI / "static"
    elements = [p for p in NICEGUI.rglob("*") if p.suffix in {".py", ".js", ".vue"} and static not in p.parents]
    return sorted([*elements, static / "nicegui.js", static / "quasar.umd.prod.js"])


def candidates(paths: Iterable[Path]) -> set[str]:
    words: set[str] = set()
    for path in paths:
        text = path.read_text(errors="replace")
        words.update(WORD.findall(text))
        for colour in COLOUR_PROP.findall(text):
            words.update((f"text-{colour}", f"bg-{colour}"))
    return words


def compile_css(words: set[str], browser: Browser | None = None) -> str:
    """What NiceGUI's compiler generates for a page whose elements carry all of `words` (in `browser`, or a new one)."""
    if browser is None:
        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return compile_css(words, own)
            finally:
                own.close()
    tab = browser.new_page()
    try:
        tab.set_content(f'<!doctype html><html><head><style type="text/tailwindcss">{TAILWIND_INPUT}</style></head>')
        tab.evaluate("(words) => { document.body.className = words; }", " ".join(sorted(words)))
        tab.add_script_tag(content=COMPILER.read_text())
        # The compiler appends its <style> to <head> and fills it once the (asynchronous) build is done.
        tab.wait_for_function("() => document.head.lastElementChild.textContent.includes('@layer utilities')")
        return tab.evaluate("() => document.head.lastElementChild.textContent")
    finally:
        tab.close()


def utility_rules(words: set[str], browser: Browser | None = None) -> set[str]:
    """The selectors of the utility rules Tailwind makes of `words` (empty when none of them is a utility)."""
    css = compile_css(words, browser)
    utilities = css[css.find("@layer utilities") :]
    return set(re.findall(r"^  (\.[^{]+?) \{", utilities, re.MULTILINE))


def build_words() -> set[str]:
    """Every word the stylesheet is built from."""
    return candidates([*project_sources(), *framework_sources()]) | QUASAR_ALIGNMENT


def build(browser: Browser | None = None) -> str:
    words = build_words()
    header = (
        "/* Generated by `python -m devtools.tailwind_css`; do not edit. "
        f"Tailwind {_compiler_version()} (NiceGUI {nicegui.__version__}). */\n"
    )
    fixes = "@layer overrides {\n" + HEADWIND.read_text().strip() + "\n}\n"
    return header + compile_css(words, browser).strip() + "\n" + fixes


def _compiler_version() -> str:
    found = re.search(r'var \w+="(\d+\.\d+\.\d+)"', COMPILER.read_text()[:200])
    return found.group(1) if found else "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the file instead of writing it")
    args = parser.parse_args(argv)
    css = build()
    if args.check:
        current = STYLESHEET.read_text() if STYLESHEET.exists() else ""
        if current != css:
            print(f"{STYLESHEET.relative_to(ROOT)} is out of date: run python -m devtools.tailwind_css")
            return 1
        return 0
    STYLESHEET.parent.mkdir(parents=True, exist_ok=True)
    STYLESHEET.write_text(css)
    print(f"wrote {STYLESHEET.relative_to(ROOT)} ({len(css.encode()) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

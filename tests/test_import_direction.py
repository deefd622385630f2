"""Imports point one way (docs/ARCHITECTURE.md): read every module's imports with `ast`, without running anything.

`services` knows nothing of pages, the web app or the worker; the pages import each other without a cycle
(function-level imports count too: they only hide a cycle); of the composition root they use only the live
events; benchmarks do not reach into the tests. One check does run something: the REST-only `bakeops api`,
imported in a fresh interpreter, must load no page and no NiceGUI.
"""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("services", "pages", "bakeops_ui", "worker", "bench")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: str, root: Path = ROOT) -> dict[str, Path]:
    """Every module of `package` by dotted name."""
    return {module_name(path, root): path for path in sorted((root / package).rglob("*.py"))}


def imports_of(path: Path, root: Path = ROOT) -> set[str]:
    """The dotted names a module imports, anywhere in it; `from pages import live` counts as `pages.live`."""
    here = module_name(path, root)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                is_module = (root / Path(*submodule.split("."))).with_suffix(".py").exists()
                found.add(submodule if is_module else base)
    return found


def forbidden_imports(package: str, forbidden: tuple[str, ...], root: Path = ROOT) -> list[str]:
    """'module imports name' for every import of `package` that reaches into one of `forbidden`."""
    return [
        f"{name} imports {target}"
        for name, path in modules(package, root).items()
        for target in sorted(imports_of(path, root))
        if target.split(".")[0] in forbidden
    ]


def import_cycle(package: str, root: Path = ROOT) -> list[str] | None:
    """One chain of modules inside `package` that leads back to its start, or None."""
    known = modules(package, root)
    graph = {
        name: sorted(t for t in imports_of(path, root) if t in known and t != name) for name, path in known.items()
    }
    done: set[str] = set()

    def visit(name: str, chain: list[str]) -> list[str] | None:
        if name in chain:
            return [*chain[chain.index(name) :], name]
        if name in done:
            return None
        for target in graph[name]:
            if cycle := visit(target, [*chain, name]):
                return cycle
        done.add(name)
        return None

    for start in graph:
        if cycle := visit(start, []):
            return cycle
    return None


def test_the_packages_this_test_reads_are_all_there() -> None:
    for package in PACKAGES:
        assert modules(package), f"no modules found under {package}/"


def test_services_import_nothing_from_pages_the_web_app_or_the_worker() -> None:
    assert forbidden_imports("services", ("pages", "bakeops_ui", "worker")) == []


def test_the_pages_import_each_other_without_a_cycle() -> None:
    cycle = import_cycle("pages")
    assert cycle is None, "pages import each other in a circle: " + " -> ".join(cycle or [])


def test_the_pages_use_only_the_live_events_of_the_composition_root() -> None:
    from_root = [line for line in forbidden_imports("pages", ("bakeops_ui",)) if not line.endswith(" bakeops_ui.live")]
    assert from_root == []
    hub = ROOT / "bakeops_ui" / "live.py"
    assert hub.exists() and not any(target.split(".")[0] == "pages" for target in imports_of(hub))


def test_benchmarks_do_not_import_the_tests() -> None:
    assert forbidden_imports("bench", ("tests",)) == []


# The checks themselves must see what they are for: a small tree with each mistake planted in it.


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    files = {
        "services/__init__.py": "",
        "services/orders.py": "def place(): from pages.board import refresh\n",
        "pages/__init__.py": "from pages import board\n",
        "pages/board.py": "from pages.layout import frame\n",
        "pages/layout.py": "from . import access\n",
        "pages/access.py": "def refuse():\n    from pages import board\n",
        "bench/__init__.py": "",
        "bench/rest.py": "import tests.processes\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_the_checks_find_each_planted_mistake(planted: Path) -> None:
    assert forbidden_imports("services", ("pages",), planted) == ["services.orders imports pages.board"]
    assert import_cycle("pages", planted) == ["pages.board", "pages.layout", "pages.access", "pages.board"]
    assert forbidden_imports("bench", ("tests",), planted) == ["bench.rest imports tests.processes"]


# What `bakeops api` and each of its uvicorn workers import (bakeops_ui/cli.py, bakeops_ui/asgi.py), on a
# migrated database of its own; prints the page and NiceGUI modules that came with them.
REST_ONLY = """
import json, sys
from services.database import upgrade
upgrade(sys.argv[1])
import bakeops_ui.cli, bakeops_ui.asgi
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("pages", "nicegui"))))
"""


def test_the_rest_only_api_loads_no_page_and_no_nicegui(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'api.db'}"
    # None of our settings, and not inside pytest: the process starts as `bakeops api` would.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BAKEOPS_", "PYTEST_", "NICEGUI_"))}
    env |= {"BAKEOPS_DATABASE_URL": url, "BAKEOPS_DEMO_DATA": "false", "PYTHONPATH": str(ROOT)}
    started = subprocess.run(
        [sys.executable, "-c", REST_ONLY, url], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert started.returncode == 0, started.stderr
    assert json.loads(started.stdout.splitlines()[-1]) == []

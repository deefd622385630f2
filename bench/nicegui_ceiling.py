"""The page ceiling for bench.storefront and bench.first_paint: a bare NiceGUI page, one card holding one label,
served the way `bakeops serve` serves its pages (one process, `ui.run` with the same storage, Tailwind and reload
options), so the storefront's page builds per second and its first paint can be set beside what NiceGUI itself
manages on this machine at this moment.

    .venv/bin/python -m bench.nicegui_ceiling --port 8123
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

from bench.rest import _answers
from devtools.processes import free_port, wait_until

CARD = ".q-card"  # what bench.first_paint waits for, on this page as on the storefront


class BarePage:
    """This module's server in a process of its own, for as long as a benchmark needs it."""

    def __init__(self) -> None:
        port = free_port()
        # NiceGUI behaves differently under pytest (it looks for PYTEST_CURRENT_TEST): hide a test run, as serve's does.
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "NICEGUI_"))}
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "bench.nicegui_ceiling", "--port", str(port)],
            cwd=Path(__file__).parent.parent,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{port}"
        try:
            wait_until(lambda: _answers(self.url + "/"), timeout=40, message="the bare NiceGUI page")
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        self.popen.terminate()
        self.popen.wait(10)


def main() -> None:
    from nicegui import ui  # here, not at the top: a benchmark that only starts this server need not import NiceGUI

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()

    @ui.page("/")
    def bare() -> None:
        with ui.card():
            ui.label("Bread")

    ui.run(
        host="127.0.0.1",
        port=args.port,
        storage_secret="bench-ceiling",
        reload=False,
        show=False,
        tailwind=False,
        show_welcome_message=False,
    )


if __name__ in {"__main__", "__mp_main__"}:
    main()

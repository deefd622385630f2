"""The page ceiling for bench.storefront: a bare NiceGUI page with a single label, served the way `bakeops serve`
serves its pages (one process, `ui.run` with the same storage, Tailwind and reload options), so the storefront's
page builds per second can be given as a ratio to what NiceGUI itself manages on this machine at this moment.

    .venv/bin/python -m bench.nicegui_ceiling --port 8123
"""

import argparse

from nicegui import ui


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()

    @ui.page("/")
    def bare() -> None:
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

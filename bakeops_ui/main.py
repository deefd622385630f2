"""Entry for NiceGUI's test `user` fixture (pyproject's main_file): builds the app like `bakeops serve`."""

from bakeops_ui.web import start

if __name__ in {"__main__", "__mp_main__"}:
    start()

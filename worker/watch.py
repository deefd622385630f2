"""Periodic jobs: spotting orders that went past their pickup time."""

import logging
import threading

from services.database import session_scope
from services.lateness import mark_late_orders

log = logging.getLogger("bakeops.worker")


class LatenessWatch:
    def __init__(self, every_seconds: float) -> None:
        self.every_seconds = every_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lateness-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.every_seconds):
            try:
                with session_scope() as session:
                    if late := mark_late_orders(session):
                        log.info("orders now late: %s", ", ".join(late))
            except Exception:
                log.exception("lateness check failed; trying again later")

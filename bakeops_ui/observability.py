"""Operational view: one JSON log line per request, Prometheus metrics, /metrics."""

import json
import logging
import time
from datetime import UTC, datetime

from fastapi import Depends, FastAPI, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bakeops_ui.api.deps import require
from services import metrics
from services.accounts import Role

REQUESTS = Counter("bakeops_http_requests", "HTTP requests by route and status", ["method", "route", "status"])
LATENCY = Histogram("bakeops_http_request_seconds", "HTTP request duration by route", ["method", "route"])
UI_CLIENTS = Gauge("bakeops_ui_clients", "Browser pages connected to this UI server")
UI_PAGES = Gauge("bakeops_ui_pages", "Pages this UI server holds in memory, connected or not (NiceGUI clients)")

log = logging.getLogger("bakeops.http")
QUIET_PREFIXES = ("/_nicegui", "/metrics", "/health", "/ready", "/favicon")


class RequestLog:
    """Times every request; logs and counts it by its route template (not the raw path, to keep labels few)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}

        async def remember_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, remember_status)
        finally:
            self._record(scope, status["code"], time.perf_counter() - started)

    def _record(self, scope: Scope, status: int, seconds: float) -> None:
        route = getattr(scope.get("route"), "path", None) or "unmatched"
        method = scope["method"]
        REQUESTS.labels(method, route, str(status)).inc()
        LATENCY.labels(method, route).observe(seconds)
        path = scope["path"]
        if not path.startswith(QUIET_PREFIXES):
            order_id = (scope.get("path_params") or {}).get("order_id")
            log.info(
                "%s %s %s",
                method,
                path,
                status,
                extra={
                    "fields": {
                        "method": method,
                        "path": path,
                        "route": route,
                        "status": status,
                        "ms": round(seconds * 1000, 2),
                        **({"order_id": order_id} if order_id else {}),
                    }
                },
            )


def install_metrics(app: FastAPI, *, count_ui_clients: bool) -> None:
    metrics.watch_outbox()
    if count_ui_clients:
        from nicegui import Client

        UI_CLIENTS.set_function(lambda: sum(1 for c in Client.instances.values() if c.has_socket_connection))
        UI_PAGES.set_function(lambda: len(Client.instances))

    @app.get("/metrics", include_in_schema=False, dependencies=[Depends(require(Role.STAFF))])
    def read_metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    app.add_middleware(RequestLog)


class JsonLines(logging.Formatter):
    """One JSON object per line: easy to grep, easy to ship. Fields passed as extra={"fields": {...}} join in."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            # UTC with its offset and milliseconds: lines from several servers sort and compare as they are
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        line |= getattr(record, "fields", {})
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def configure_logging(json_lines: bool) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonLines() if json_lines else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    # No line shows the caller's file and line, so skip looking them up: the logging HOWTO's own optimisation
    # ("Optimization": logging._srcfile = None). The stack walk was 10 % of serve's samples under GET /order/{id}.
    logging._srcfile = None
    for noisy in ("alembic", "pika", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

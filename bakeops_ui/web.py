"""`bakeops serve`: one process serving the NiceGUI pages and the REST API on the same port."""

from fastapi import Depends, FastAPI
from nicegui import app, helpers, ui

from bakeops_ui.api.limits import BodySizeLimit, SecurityHeaders
from bakeops_ui.app import create_api, prepare
from bakeops_ui.auth import require
from bakeops_ui.fast_lane import put_rest_in_front
from bakeops_ui.gc_pauses import keep_collections_short
from bakeops_ui.observability import RequestLog, install_metrics
from bakeops_ui.pipeline import EventPipeline
from bakeops_ui.settings import Settings, get_settings
from pages import register_pages
from services.accounts import Role


def start(host: str = "127.0.0.1", port: int = 3000, settings: Settings | None = None) -> None:
    settings = settings or get_settings()
    prepare(settings)
    pipeline = EventPipeline(settings)
    rest = create_api(settings)
    install_metrics(rest, count_ui_clients=True)
    _add_live_routes(rest, pipeline)
    rest.state.broker_ready = pipeline.broker_ready
    put_rest_in_front(app, rest)
    # Pages get the same request log, security headers and body limit as the REST API.
    for middleware, options in (
        (RequestLog, {}),
        (SecurityHeaders, {}),
        (BodySizeLimit, {"max_bytes": settings.max_body_bytes}),
    ):
        app.add_middleware(middleware, **options)
    app.on_startup(pipeline.start)
    app.on_shutdown(pipeline.stop)
    register_pages(settings.bakery_name, settings.currency, settings.rate_limit_logins)
    if not helpers.is_pytest():  # freezing would keep the whole test run's garbage until a deep sweep
        app.on_startup(keep_collections_short)
    ui.run(
        host=host,
        port=port,
        title=settings.bakery_name,
        storage_secret=settings.secret_key,
        reload=False,
        show=False,
        favicon="🥐",
        show_welcome_message=False,
    )


def _add_live_routes(rest: FastAPI, pipeline: EventPipeline) -> None:
    staff = Depends(require(Role.STAFF))
    rest.add_api_route(
        "/live/stats",
        pipeline.stats.summary,
        tags=["health"],
        dependencies=[staff],
        summary="What this UI server's live subscribers received, and how fast",
    )
    rest.add_api_route(
        "/live/stats/reset",
        pipeline.stats.reset_latencies,
        methods=["POST"],
        tags=["health"],
        dependencies=[staff],
        summary="Forget the latency samples (benchmarks start afresh)",
    )

"""`bakeops serve`: one process serving the NiceGUI pages with the REST router on the same port."""

from fastapi import Depends
from nicegui import app, ui

from bakeops_ui.api import install_api
from bakeops_ui.app import prepare
from bakeops_ui.auth import require
from bakeops_ui.observability import install_metrics
from bakeops_ui.pipeline import EventPipeline
from bakeops_ui.settings import Settings, get_settings
from pages import register_pages
from services.accounts import Role


def start(host: str = "127.0.0.1", port: int = 3000, settings: Settings | None = None) -> None:
    settings = settings or get_settings()
    prepare(settings)
    # REST routes go on NiceGUI's own FastAPI app, before the pages, so both share one port.
    install_api(app, settings)
    install_metrics(app, count_ui_clients=True)
    pipeline = EventPipeline(settings)
    staff = Depends(require(Role.STAFF))
    app.state.broker_ready = pipeline.broker_ready
    app.on_startup(pipeline.start)
    app.on_shutdown(pipeline.stop)
    app.add_api_route(
        "/live/stats",
        pipeline.stats.summary,
        tags=["health"],
        dependencies=[staff],
        summary="What this UI server's live subscribers received, and how fast",
    )
    app.add_api_route(
        "/live/stats/reset",
        pipeline.stats.reset_latencies,
        methods=["POST"],
        tags=["health"],
        dependencies=[staff],
        summary="Forget the latency samples (benchmarks start afresh)",
    )
    register_pages(settings.bakery_name, settings.currency, settings.rate_limit_logins)
    ui.run(
        host=host,
        port=port,
        title=settings.bakery_name,
        storage_secret=settings.secret_key,
        reload=False,
        show=False,
        favicon="🥐",
        show_welcome_message=False,
        fastapi_docs={
            "title": f"{settings.bakery_name} API",
            "version": "1.0",
            "description": "Orders, catalogue and staff operations. Sign in with POST /auth/token.",
        },
    )

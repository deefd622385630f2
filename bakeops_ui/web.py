"""`bakeops serve`: one process serving the NiceGUI pages and the REST API on the same port."""

from fastapi import Depends, FastAPI
from nicegui import app, ui
from nicegui.storage import Storage

from bakeops_ui.api.deps import require
from bakeops_ui.api.limits import BodySizeLimit, SecurityHeaders, trust_proxies
from bakeops_ui.app import create_api, prepare
from bakeops_ui.fast_lane import put_rest_in_front
from bakeops_ui.gc_pauses import keep_collections_short
from bakeops_ui.handler_signatures import check_handlers_once
from bakeops_ui.live_bridge import LiveBridge, LiveStats
from bakeops_ui.observability import RequestLog, install_metrics
from bakeops_ui.page_cycles import free_pages_as_they_close
from bakeops_ui.page_escape import escape_pages_quickly
from bakeops_ui.pipeline import EventPipeline
from bakeops_ui.settings import Settings, get_settings
from bakeops_ui.socket_packets import send_quick_packets
from bakeops_ui.static_assets import add_shared_head
from pages import register_pages
from pages.layout import theme_every_page
from pages.shop import Shop
from services.accounts import Role
from services.limits import RateLimits


def start(host: str = "127.0.0.1", port: int = 3000, settings: Settings | None = None) -> None:
    settings = settings or get_settings()
    prepare(settings)
    bridge = LiveBridge()
    pipeline = EventPipeline(settings, bridge=bridge)
    # One set of counters for REST and pages: /login and POST /auth/token spend the same sign-in budget.
    rate_limits = RateLimits(settings.redis_url, settings.redis_prefix)
    rest = create_api(settings, rate_limits=rate_limits)
    install_metrics(rest, count_ui_clients=True)
    _add_live_routes(rest, bridge.stats)
    rest.state.broker_ready = pipeline.broker_ready
    put_rest_in_front(app, rest)
    # Pages get the same request log, security headers, body limit and client address rule as the REST API.
    for middleware, options in (
        (RequestLog, {}),
        (SecurityHeaders, {}),
        (BodySizeLimit, {"max_bytes": settings.max_body_bytes}),
    ):
        app.add_middleware(middleware, **options)
    trust_proxies(app, settings.trusted_proxies)
    share_user_storage(settings)
    app.on_startup(pipeline.start)
    app.on_shutdown(pipeline.stop)
    register_pages(
        Shop(
            name=settings.bakery_name,
            currency=settings.currency,
            sign_in_rate=settings.rate_limit_logins,
            rate_limits=rate_limits,
        ),
        public_url=settings.public_url,
    )
    send_quick_packets()
    check_handlers_once()
    free_pages_as_they_close()
    escape_pages_quickly()
    if settings.gc_freeze:
        app.on_startup(keep_collections_short)
    theme_every_page()
    add_shared_head()
    ui.run(
        host=host,
        port=port,
        title=settings.bakery_name,
        storage_secret=settings.secret_key,
        # In production the sign-in cookie never travels over plain HTTP (the proxy in front speaks TLS).
        session_middleware_kwargs={"https_only": settings.env == "production"},
        reload=False,
        show=False,
        favicon="🥐",
        language="en-GB",  # <html lang>: screen readers pick their voice by it
        # The pages' Tailwind rules come prebuilt (add_shared_head links them): a fresh browser would otherwise
        # download and run Tailwind's compiler before the storefront could paint.
        tailwind=False,
        show_welcome_message=False,
        proxy_headers=False,  # uvicorn would believe X-Forwarded-For from any loopback peer; see trust_proxies
    )


def share_user_storage(settings: Settings) -> None:
    """With Redis, a staff sign-in (NiceGUI's app.storage.user) lives there, so every UI server knows it.

    NiceGUI reads NICEGUI_REDIS_URL into these class attributes at import; setting them before the first
    request has the same effect and keeps BakeOps' one way of configuring (tests/deploy/test_shared_state.py
    pins that it works). Without Redis, NiceGUI keeps its files in .nicegui/ of the working directory.
    """
    if settings.redis_url:
        Storage.redis_url = settings.redis_url
        Storage.redis_key_prefix = f"{settings.redis_prefix}:nicegui:"


def _add_live_routes(rest: FastAPI, stats: LiveStats) -> None:
    staff = Depends(require(Role.STAFF))
    rest.add_api_route(
        "/live/stats",
        stats.summary,
        tags=["health"],
        dependencies=[staff],
        summary="What this UI server's live subscribers received, and how fast",
    )
    rest.add_api_route(
        "/live/stats/reset",
        stats.reset_latencies,
        methods=["POST"],
        tags=["health"],
        dependencies=[staff],
        summary="Forget the latency samples (benchmarks start afresh)",
    )

"""App factory: points the services at the database, then builds the REST-only or the full web app."""

import logging
from typing import Any

from fastapi import FastAPI

from bakeops_ui.api import install_api
from bakeops_ui.api_docs import install_docs
from bakeops_ui.settings import Settings
from services import accounts, bakery, bakery_settings
from services.database import make_engine, session_scope, upgrade, use_engine
from services.demo import load_demo_catalogue
from services.errors import Conflict
from services.limits import RateLimits

log = logging.getLogger("bakeops")


def prepare(settings: Settings, *, migrate: bool = True, first_admin: bool = True) -> None:
    """Migrate, connect and, on an empty database, stock the demo catalogue."""
    if migrate:
        upgrade(settings.database_url)
    use_engine(make_engine(settings.database_url))
    bakery.configure(settings.bakery_rules())
    bakery_settings.configure_defaults(settings.bakery_name)
    with session_scope() as session:
        bakery_settings.ensure_settings(session)  # the environment's hours become the first settings row
    if settings.demo_data:
        with session_scope() as session:
            if added := load_demo_catalogue(session, photos=True):
                log.info("Empty catalogue: added %d demo products", added)
    if first_admin:
        _ensure_first_admin(settings)


def _ensure_first_admin(settings: Settings) -> None:
    if settings.env == "production" and not (settings.admin_email and settings.admin_password):
        with session_scope() as session:
            if accounts.list_users(session):
                return
        raise SystemExit("No admin yet: set BAKEOPS_ADMIN_EMAIL and BAKEOPS_ADMIN_PASSWORD for the first start")
    try:
        with session_scope() as session:
            generated = accounts.ensure_first_admin(session, settings.admin_email, settings.admin_password)
    except Conflict:
        return  # another server starting at the same moment made it
    if generated:
        # Printed once, plainly, so the one-command run can open the staff pages; it is never stored in clear.
        banner = "=" * 64
        print(
            f"\n{banner}\n First admin created: {settings.admin_email or 'admin@localhost'}\n Password: {generated}\n"
            f" Sign in at /login and change it under /admin/users.\n{banner}\n",
            flush=True,
        )


def create_api(settings: Settings, *, rate_limits: RateLimits | None = None, **fastapi_options: Any) -> FastAPI:
    """The REST router alone, for tests and for `bakeops api` (script traffic, many workers)."""
    api = FastAPI(
        title=f"{settings.bakery_name} API",
        version="1.0",
        description="Orders, catalogue and staff operations. Sign in with POST /auth/token.",
        docs_url=None,  # install_docs serves them with their files from this app
        redoc_url=None,
        **fastapi_options,
    )
    install_docs(api)
    install_api(api, settings, rate_limits)
    return api

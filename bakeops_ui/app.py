"""App factory: points the services at the database, then builds the REST-only or the full web app."""

import logging
from typing import Any

from fastapi import FastAPI

from bakeops_ui.api import install_api
from bakeops_ui.settings import Settings
from services import bakery
from services.database import make_engine, session_scope, upgrade, use_engine
from services.demo import load_demo_catalogue

log = logging.getLogger("bakeops")


def prepare(settings: Settings, *, migrate: bool = True) -> None:
    """Migrate, connect and, on an empty database, stock the demo catalogue."""
    if migrate:
        upgrade(settings.database_url)
    use_engine(make_engine(settings.database_url))
    bakery.configure(settings.bakery_rules())
    if settings.demo_data:
        with session_scope() as session:
            if added := load_demo_catalogue(session):
                log.info("Empty catalogue: added %d demo products", added)


def create_api(settings: Settings, **fastapi_options: Any) -> FastAPI:
    """The REST router alone, for tests and for `bakeops api` (script traffic, many workers)."""
    api = FastAPI(title=f"{settings.bakery_name} API", version="1.0", **fastapi_options)
    install_api(api, max_body_bytes=settings.max_body_bytes)
    return api

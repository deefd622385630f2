"""ASGI entry for `bakeops api` workers: each process connects, and relays the events it writes."""

from contextlib import asynccontextmanager

from fastapi import FastAPI

from bakeops_ui.app import create_api, prepare
from bakeops_ui.observability import install_metrics
from bakeops_ui.pipeline import EventPipeline
from bakeops_ui.settings import get_settings

_settings = get_settings()
prepare(_settings, migrate=False)  # the parent process already migrated
_pipeline = EventPipeline(_settings)  # no live bridge: no UI here


@asynccontextmanager
async def _lifespan(_app: FastAPI):
    _pipeline.start()
    yield
    _pipeline.stop()


api = create_api(_settings, lifespan=_lifespan)
api.state.broker_ready = _pipeline.broker_ready
install_metrics(api, count_ui_clients=False)

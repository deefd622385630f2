"""ASGI entry for `bakeops api` workers: each process connects to the database on import."""

from bakeops_ui.app import create_api, prepare
from bakeops_ui.settings import get_settings

_settings = get_settings()
prepare(_settings, migrate=False)  # the parent process already migrated
api = create_api(_settings)

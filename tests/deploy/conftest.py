"""Deployment tests reuse the live-loop fixtures: real bakeops processes, unique broker names."""

from tests.events.conftest import amqp_url, launch, pg_url, topology  # noqa: F401 (fixtures)

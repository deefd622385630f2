"""While PostgreSQL is unreachable, GET /products still shows the last catalogue this server knew and says
it may be out of date (`X-Catalogue-Stale: true`); what needs the database answers 503 in JSON."""

import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from bakeops_ui.app import create_api
from bakeops_ui.auth import issue_token
from bakeops_ui.settings import Settings
from services import accounts
from services.accounts import Role
from services.database import make_engine, session_scope, upgrade, use_engine
from services.demo import load_demo_catalogue
from tests.api.checks import refused
from tests.conftest import PASSWORD, PG_SERVER

pytestmark = pytest.mark.postgres


@pytest.fixture
def own_database() -> Iterator[tuple[str, TestClient]]:
    """A PostgreSQL database of this test's own, which the test may make disappear, and an admin's client."""
    name = f"bakeops_outage_{uuid.uuid4().hex[:12]}"
    server = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = f"{PG_SERVER}/{name}"
    upgrade(url)
    engine = make_engine(url)
    use_engine(engine)
    with session_scope() as session:
        load_demo_catalogue(session)
        admin = accounts.create_user(session, "olive@bakery.test", Role.ADMIN, PASSWORD)
    settings = Settings(_env_file=None, database_url=url, demo_data=False, env="test", secret_key="t" * 40)
    with TestClient(create_api(settings)) as client:
        client.headers["Authorization"] = f"Bearer {issue_token(admin, settings)}"
        yield name, client
    engine.dispose()
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def _make_unreachable(name: str) -> None:
    server = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    server.dispose()


def test_the_last_known_catalogue_is_served_and_marked_stale(own_database):
    name, api = own_database
    known = api.get("/products")
    assert known.status_code == 200 and "x-catalogue-stale" not in known.headers
    baguette = next(p for p in known.json() if p["name"] == "Baguette")
    assert api.patch(f"/products/{baguette['id']}", json={"price": 2.95}).status_code == 200  # cache forgotten
    _make_unreachable(name)

    during = api.get("/products")

    assert during.status_code == 200
    assert during.headers["x-catalogue-stale"] == "true"
    assert during.json() == known.json()
    assert "database" in refused(api.get(f"/products/{baguette['id']}"), 503)


def test_with_no_catalogue_known_yet_the_outage_answers_503(own_database):
    name, api = own_database
    _make_unreachable(name)

    assert "database" in refused(api.get("/products"), 503)

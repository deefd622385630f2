"""Shared fixtures: every database test runs on SQLite and on this machine's real PostgreSQL.

PostgreSQL gets a throwaway database per test run (dropped at the end), so runs never collide;
when it cannot be reached the tests fail, they never skip.
"""

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import datetime, time, timedelta

import pytest
from argon2 import PasswordHasher
from fastapi.dependencies import models as fastapi_dependency_models
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, SQLModel, select

from bakeops_ui.app import create_api
from bakeops_ui.auth import issue_token
from bakeops_ui.settings import Settings
from services import accounts, bakery, order_cache, ticket_numbers
from services.accounts import Role
from services.bakery import BakeryRules
from services.database import make_engine, session_scope, upgrade, use_engine
from services.demo import load_demo_catalogue
from services.models import Product, User

PG_SERVER = os.environ.get("BAKEOPS_TEST_POSTGRES", "postgresql+psycopg2://postgres@127.0.0.1:5432")
PASSWORD = "flour-and-water-42"
TEST_RULES = BakeryRules(timezone="Europe/London", opens=time(7, 0), closes=time(18, 0))


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing() -> Iterator[None]:
    """Argon2 at its production cost would dominate the suite's time; tests need correctness, not cost."""
    production = accounts._hasher
    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    accounts._hasher = production


@pytest.fixture(autouse=True)
def forget_old_apps() -> Iterator[None]:
    """Let each test's REST app be freed once the test is over.

    FastAPI remembers what kind of callable every endpoint and dependency is in module-level LRU caches
    (4096 entries each); their keys hold the endpoints, and the endpoints hold their app. A server builds one
    app, but the suite builds one per test, so without this dozens of dead apps stay reachable and every
    garbage collection (NiceGUI runs one per page test) walks them: late tests ran several times slower.
    """
    yield
    for cached in vars(fastapi_dependency_models).values():
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


@pytest.fixture(scope="session")
def pg_database_url() -> Iterator[str]:
    name = f"bakeops_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        pytest.fail(f"PostgreSQL is not reachable at {PG_SERVER}: {error}", pytrace=False)
    url = f"{PG_SERVER}/{name}"
    upgrade(url)
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("template") / "bakeops.db"
    upgrade(f"sqlite:///{path}")
    return str(path)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A migrated, empty database: a fresh SQLite file, or the run's PostgreSQL database emptied."""
    if request.param == "sqlite":
        path = tmp_path / "bakeops.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_database_url")
    empty_postgres(url)
    return url


def empty_postgres(url: str) -> None:
    """Every table emptied and every day's ticket sequence dropped, as on a fresh install."""
    engine = create_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        sequences = (
            connection.execute(text("SELECT relname FROM pg_class WHERE relkind = 'S' AND relname LIKE 'ticket\\_%'"))
            .scalars()
            .all()
        )
        for name in sequences:
            connection.execute(text(f'DROP SEQUENCE IF EXISTS "{name}"'))
    engine.dispose()
    ticket_numbers.known_sequences.clear()


@pytest.fixture
def db(database_url: str) -> Iterator[Engine]:
    """Points the services at the test database with fixed opening hours (07:00-18:00 London)."""
    engine = make_engine(database_url)
    use_engine(engine)
    bakery.configure(TEST_RULES)
    order_cache.hearing_refreshes(False)  # a test's app heard its own feed; the next test starts unheard
    yield engine
    order_cache.hearing_refreshes(False)
    engine.dispose()


@pytest.fixture
def session(db: Engine) -> Iterator[Session]:
    with session_scope() as session:
        yield session


@pytest.fixture
def settings(database_url: str) -> Settings:
    # Rate limits off: tests place many orders from one client; tests/api/test_rate_limits.py turns them on.
    return Settings(
        _env_file=None,
        database_url=database_url,
        demo_data=False,
        env="test",
        secret_key="test-secret-" + "x" * 32,
        rate_limit_orders="0",
        rate_limit_logins="0",
    )


@pytest.fixture
def staff_accounts(db: Engine) -> dict[str, User]:
    """An admin and a member of staff, both with the password in PASSWORD."""
    with session_scope() as session:
        return {
            "admin": accounts.create_user(session, "olive@bakery.test", Role.ADMIN, PASSWORD),
            "staff": accounts.create_user(session, "sam@bakery.test", Role.STAFF, PASSWORD),
        }


@pytest.fixture
def anonymous_api(db: Engine, settings: Settings) -> Iterator[TestClient]:
    """A client for the REST API (the same routers `bakeops serve` mounts), not signed in."""
    with TestClient(create_api(settings)) as client:
        yield client


@pytest.fixture
def api(anonymous_api: TestClient, settings: Settings, staff_accounts: dict[str, User]) -> TestClient:
    """The REST API as the admin (every route allowed); public routes ignore the token."""
    anonymous_api.headers["Authorization"] = f"Bearer {issue_token(staff_accounts['admin'], settings)}"
    return anonymous_api


def bearer(user: User, settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(user, settings)}"}


@pytest.fixture
def demo_catalogue(db: Engine) -> dict[str, Product]:
    """The demo products by name."""
    with session_scope() as session:
        load_demo_catalogue(session)
        return {p.name: p for p in session.exec(select(Product))}


def open_pickup_time(days_ahead: int = 3, hour: int = 12) -> datetime:
    """A pickup time when the test bakery is open, far enough ahead for any lead time in the demo."""
    day = datetime.now(TEST_RULES.zone).date() + timedelta(days=days_ahead)
    return datetime.combine(day, time(hour, 0), tzinfo=TEST_RULES.zone)


@pytest.fixture
def loose_page() -> Iterator[object]:
    """A NiceGUI client entered outside any request, for tests of single elements. NiceGUI 3 has no auto-index
    page: elements built outside one only work while some earlier test's slot happens to be left open."""
    from nicegui.client import Client
    from nicegui.page import page

    client = Client(page(f"/loose-{uuid.uuid4().hex}"))
    with client:
        yield client
    client.delete()

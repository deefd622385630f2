"""Fixtures for the REST tests: a stocked shop, placed orders, and a guard that a refusal changed nothing."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.api.checks import everything_stored
from tests.pages.midday import bakery_at_late_morning


@pytest.fixture
def late_morning(monkeypatch) -> None:
    """The bakery's clock at 11:00 London time, for tests about "today" that must pass at any hour
    (tests/pages/midday.py says how). Not for every test: expiry checks compare with the real clock."""
    bakery_at_late_morning(monkeypatch)


@pytest.fixture
def nothing_changes(db: Engine) -> Callable:
    """`with nothing_changes(): ...` fails unless every table holds exactly the same rows afterwards."""

    @contextmanager
    def guard() -> Iterator[None]:
        before = everything_stored(db)
        assert before["products"], "stock the shop first, or the check proves little"
        yield
        assert everything_stored(db) == before

    return guard


@pytest.fixture
def product_ids(api: TestClient, demo_catalogue) -> dict[str, int]:
    """The demo catalogue's ids by name, as a script reads them from GET /products."""
    return {p["name"]: p["id"] for p in api.get("/products", params={"include_retired": True}).json()}


@pytest.fixture
def place(api: TestClient, product_ids: dict[str, int]) -> Callable[..., str]:
    """Place an order for a product (by name) through the API and return its order_id."""

    def place_order(name: str = "Baguette", **extra) -> str:
        response = api.post("/order", json={"product_id": product_ids[name], **extra})
        assert response.status_code == 201, response.text
        return response.json()["order_id"]

    return place_order

"""Checks the REST tests share: how a refusal must look, and a snapshot of everything the bakery stores."""

from typing import Any

from httpx import Response
from sqlalchemy import Engine, select
from sqlmodel import SQLModel


def refused(response: Response, status_code: int) -> Any:
    """Assert a JSON refusal `{"detail": ...}` with this status (never an HTML page, never a 500); return the detail.

    A 422 also carries `message`, one readable sentence."""
    assert response.status_code == status_code, response.text
    assert response.headers["content-type"].startswith("application/json"), response.headers["content-type"]
    body = response.json()
    assert isinstance(body, dict) and set(body) == ({"detail", "message"} if status_code == 422 else {"detail"}), body
    assert body["detail"], body
    if status_code == 422:
        assert isinstance(body["message"], str) and body["message"], body
    return body["detail"]


def everything_stored(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table (products, orders, their items and history, events, ticket counters)."""
    with engine.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key))]
            for table in SQLModel.metadata.sorted_tables
        }

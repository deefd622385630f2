"""Text the API accepts always fits its column: the table and the request shapes take one figure (models.Longest)."""

import pytest
from pydantic import BaseModel
from sqlmodel import SQLModel

from services.models import Order, OrderStatusChange, Product
from services.schemas import OrderRequest, ProductCreate, ProductUpdate, StatusUpdate


def longest_accepted(shape: type[BaseModel], field: str) -> int:
    schema = shape.model_json_schema()["properties"][field]
    lengths = [option["maxLength"] for option in schema.get("anyOf", [schema]) if "maxLength" in option]
    assert len(lengths) == 1, f"{shape.__name__}.{field} accepts text of any length"
    return lengths[0]


@pytest.mark.parametrize(
    "table, shape, column, field",
    [
        (Product, ProductCreate, "name", "name"),
        (Product, ProductCreate, "category", "category"),
        (Product, ProductCreate, "description", "description"),
        (Product, ProductUpdate, "name", "name"),
        (Product, ProductUpdate, "category", "category"),
        (Product, ProductUpdate, "description", "description"),
        (Order, OrderRequest, "customer_name", "customer_name"),
        (Order, OrderRequest, "notes", "notes"),
        (OrderStatusChange, StatusUpdate, "note", "note"),
        (OrderStatusChange, StatusUpdate, "by", "by"),
    ],
)
def test_the_api_accepts_no_longer_text_than_the_column_holds(
    table: type[SQLModel], shape: type[BaseModel], column: str, field: str
) -> None:
    assert longest_accepted(shape, field) == table.__table__.c[column].type.length

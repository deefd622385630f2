"""Fixtures for the service tests: a stocked shop and a helper that places an order through the services."""

from collections.abc import Callable

import pytest
from sqlmodel import Session

from services import order_moves, orders
from services.models import Order, Product
from services.order_status import OrderStatus
from services.schemas import OrderRequest


@pytest.fixture
def place(session: Session, demo_catalogue: dict[str, Product]) -> Callable[..., Order]:
    """Place an order for one product (by name) and walk it along `route`; returns the order."""

    def place_order(name: str = "Baguette", route: tuple[OrderStatus, ...] = ()) -> Order:
        order, created = orders.place_order(session, OrderRequest(product_id=demo_catalogue[name].id))
        assert created
        for status in route:
            note = "Customer phoned" if status == OrderStatus.CANCELLED else None  # a cancellation needs a reason
            order_moves.change_status(session, order.public_id, status, by="setup", note=note)
        return order

    return place_order

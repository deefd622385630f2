"""The order lifecycle. This module is the only place that knows which move is legal."""

from enum import StrEnum

from services.errors import Conflict


class OrderStatus(StrEnum):
    PLACED = "Order Placed"
    IN_PROGRESS = "In Progress"
    READY = "Ready"
    PICKED_UP = "Picked Up"
    SHIPPED = "Shipped"
    DELIVERED = "Delivered"
    CANCELLED = "Cancelled"


# Forward moves. The first entry is what "advance" means on the board (a counter pickup is the usual case).
FORWARD: dict[OrderStatus, tuple[OrderStatus, ...]] = {
    OrderStatus.PLACED: (OrderStatus.IN_PROGRESS,),
    OrderStatus.IN_PROGRESS: (OrderStatus.READY,),
    OrderStatus.READY: (OrderStatus.PICKED_UP, OrderStatus.SHIPPED),
    OrderStatus.SHIPPED: (OrderStatus.DELIVERED,),
}

FINAL = frozenset({OrderStatus.PICKED_UP, OrderStatus.DELIVERED, OrderStatus.CANCELLED})


def is_final(status: OrderStatus) -> bool:
    return status in FINAL


def next_status(status: OrderStatus) -> OrderStatus | None:
    """What one click on the board moves an order to, or None when it has nowhere to go."""
    moves = FORWARD.get(status)
    return moves[0] if moves else None


DELIVERY = frozenset({OrderStatus.SHIPPED, OrderStatus.DELIVERED})


def other_moves(status: OrderStatus, *, delivery: bool = True) -> tuple[OrderStatus, ...]:
    """Forward moves besides the usual next step (Ready can also go to Shipped, if the bakery delivers).

    Only what the board offers: the REST contract accepts Shipped whatever the setting (check_move).
    """
    return tuple(move for move in FORWARD.get(status, ())[1:] if delivery or move not in DELIVERY)


def check_move(current: OrderStatus, target: OrderStatus) -> None:
    """Raise Conflict unless staff may move an order from `current` to `target`."""
    if target == OrderStatus.CANCELLED and not is_final(current):
        return
    if target in FORWARD.get(current, ()):
        return
    allowed = [*FORWARD.get(current, ()), *([] if is_final(current) else [OrderStatus.CANCELLED])]
    if not allowed:
        raise Conflict(f"Order is already {current.value!r}; it cannot change any more")
    choices = ", ".join(repr(s.value) for s in allowed)
    raise Conflict(f"Cannot move an order from {current.value!r} to {target.value!r}; allowed: {choices}")

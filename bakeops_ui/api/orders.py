"""Order routes: the seed's POST /order, GET /order/{id}, PUT /order/{id}/status, the customer's own cancel,
and the staff listing."""

from typing import Annotated

from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, Header, Query, Response, status
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from bakeops_ui.api.deps import OrderRateLimit, SessionDep, StaffCaller, StaffUser
from bakeops_ui.api.errors import refusals
from services import order_cache, order_moves, order_views, orders, pickup_slots
from services.account_schemas import SignedIn
from services.order_status import OrderStatus
from services.schemas import (
    CalendarDay,
    CustomerCancel,
    OrderPage,
    OrderPlaced,
    OrderPublic,
    OrderRequest,
    OrderStaffView,
    StatusUpdate,
    StatusUpdated,
    UndoRequest,
)

router = APIRouter(tags=["orders"])

IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", min_length=1, max_length=200)]
# Orders being placed all wait on their slot's row lock and on the process's one GIL: past a few at once, more
# threads add only switches between them (bench.rest, 16 clients: 77 orders/s on FastAPI's 40 threads, 85-89
# with 8). The rest wait their turn on the event loop, in arrival order.
PLACING_AT_ONCE = CapacityLimiter(8)


@router.post(
    "/order",
    status_code=status.HTTP_201_CREATED,
    response_model=OrderPlaced,
    dependencies=[OrderRateLimit],
    responses=refusals(404, 409, 429, 503, why={404: "No such product", 429: "Too many orders from you"}),
)
async def create_order(
    request: OrderRequest,
    session: SessionDep,
    staff_entry: StaffCaller,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Place an order: `{"product_id": 1}` or a basket in `items`. Without `pickup_at` it gets the earliest
    free pickup slot (named in the answer). Retrying with the same Idempotency-Key returns the first order."""
    placed, created = await to_thread.run_sync(
        _place, session, request, idempotency_key, staff_entry, limiter=PLACING_AT_ONCE
    )
    # The answer was built from the order just written: sent as it is, without FastAPI validating it again.
    return Response(
        placed.model_dump_json(),
        status_code=status.HTTP_201_CREATED,  # a replay too, as it always answered
        media_type="application/json",
        headers=None if created else {"Idempotent-Replayed": "true"},
    )


def _place(
    session: Session, request: OrderRequest, idempotency_key: str | None, staff_entry: bool
) -> tuple[OrderPlaced, bool]:
    order, created = orders.place_order(session, request, idempotency_key=idempotency_key, staff_entry=staff_entry)
    # The slot's end comes from the calendar, which a cache miss reads from the database: still in the thread.
    window = pickup_slots.pickup_window(order.pickup_at)
    placed = OrderPlaced(
        order_id=order.public_id, status=order.status, ticket_number=order.ticket_number, total=order.total, **window
    )
    return placed, created


@router.get("/order/{order_id}", response_model=OrderPublic, responses=refusals(404, 503, why={404: "No such order"}))
async def read_order(order_id: str) -> Response:
    """What the customer sees: status, items, total, pickup time, history. No contact data."""
    # A held answer never gets here: bakeops_ui/api/ready.py sends it before routing. Otherwise one hop to a
    # thread for the read and its ready JSON (kept if it may be), and no second validation on the way out.
    body = await run_in_threadpool(order_cache.public_json, order_id)
    return Response(body, media_type="application/json")


@router.put("/order/{order_id}/status", response_model=StatusUpdated, responses=refusals(401, 403, 404, 409, 503))
def update_order_status(order_id: str, update: StatusUpdate, session: SessionDep, staff: StaffUser) -> StatusUpdated:
    """Move an order along its lifecycle; an illegal move or a lost race answers 409."""
    order = order_moves.change_status(session, order_id, update.status, by=_who(staff, update.by), note=update.note)
    return StatusUpdated(status=order.status)


@router.post(
    "/order/{order_id}/cancel",
    response_model=StatusUpdated,
    responses=refusals(
        404, 409, 503, why={409: "The bakers have started on it (only an order still placed can be cancelled)"}
    ),
)
def cancel_my_order(order_id: str, cancel: CustomerCancel, session: SessionDep) -> StatusUpdated:
    """The customer cancels their own order while it is still `Order Placed`; the order code is the key, as
    on the tracking page. A reason is needed; send `expected_version` to refuse a cancel of a changed order."""
    order = order_moves.cancel_by_customer(
        session, order_id, reason=cancel.reason, expected_version=cancel.expected_version
    )
    return StatusUpdated(message="Order cancelled; nothing is owed", status=order.status)


@router.post(
    "/order/{order_id}/undo",
    response_model=StatusUpdated,
    responses=refusals(401, 403, 404, 409, 503, why={409: "Nothing to undo, or the order changed since"}),
)
def undo_order_status(
    order_id: str, session: SessionDep, staff: StaffUser, undo: UndoRequest | None = None
) -> StatusUpdated:
    """Revert the order's last status move (recorded in its history). Send `{"expected_version": N}` (the
    `version` you see) to refuse a stale undo with 409 and to walk back several moves; without it, an undo
    reverts only a move that is the order's newest change."""
    expected = undo.expected_version if undo else None
    order = order_moves.undo_last_move(session, order_id, by=staff.email, expected_version=expected)
    return StatusUpdated(message="Last status change undone", status=order.status)


@router.get("/orders", response_model=OrderPage, responses=refusals(401, 403, 503))
def read_orders(
    session: SessionDep,
    _staff: StaffUser,
    status_filter: Annotated[list[OrderStatus] | None, Query(alias="status")] = None,
    day: Annotated[CalendarDay | None, Query(description="Pickup day (the bakery's local date)")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,  # any larger number overflows the database
) -> OrderPage:
    """Orders for staff, newest first, with contact data."""
    page, total = order_views.list_orders(session, statuses=status_filter, due_day=day, limit=limit, offset=offset)
    return OrderPage(orders=page, total=total, limit=limit, offset=offset)


@router.get("/orders/{order_id}", response_model=OrderStaffView, responses=refusals(401, 403, 404, 503))
def read_order_details(order_id: str, session: SessionDep, _staff: StaffUser) -> OrderStaffView:
    """Everything about one order, for staff."""
    return order_views.staff_view(session, order_id)


def _who(staff: SignedIn, said: str | None) -> str:
    """History names the signed-in account; a script may add whose hands it was on its behalf."""
    return f"{staff.email} ({said})"[:80] if said else staff.email

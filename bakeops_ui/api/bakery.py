"""The bakery's own routes: GET/PATCH /bakery, the online-orders switch, GET /pickup-slots, moving a pickup."""

from typing import Annotated

from fastapi import APIRouter, Query

from bakeops_ui.api.deps import AdminUser, SessionDep, StaffUser
from bakeops_ui.api.errors import refusals
from services import bakery_settings, pickup_moves, pickup_slots
from services.bakery_schemas import BakeryInfo, BakerySettingsUpdate, DaySlots, OnlineOrders, PickupMove
from services.schemas import CalendarDay, OrderStaffView

router = APIRouter(tags=["bakery"])


@router.get("/bakery", response_model=BakeryInfo)
def read_bakery() -> BakeryInfo:
    """Name, address, phone, opening hours, closures and the pickup-slot rules."""
    return bakery_settings.bakery_info()


@router.patch("/bakery", response_model=BakeryInfo, responses=refusals(401, 403, 409, 503))
def update_bakery(changes: BakerySettingsUpdate, session: SessionDep, admin: AdminUser) -> BakeryInfo:
    """Change the bakery's settings; `hours` replaces the weekdays it names (`[]` closes a day)."""
    return bakery_settings.update_settings(session, changes, by=admin.email)


@router.put("/bakery/online-orders", response_model=BakeryInfo, responses=refusals(401, 403, 503))
def pause_online_orders(switch: OnlineOrders, session: SessionDep, staff: StaffUser) -> BakeryInfo:
    """Pause (`{"paused": true}`) or resume online orders; staff can still enter orders."""
    return bakery_settings.set_online_orders_paused(session, switch.paused, by=staff.email)


@router.get("/pickup-slots", response_model=DaySlots, responses=refusals(503))
def read_pickup_slots(session: SessionDep, day: Annotated[CalendarDay, Query(description="The bakery's local date")]):
    """Each pickup slot of `day` with its capacity, what is left, and why it cannot be chosen if it cannot."""
    return pickup_slots.day_slots(session, bakery_settings.current_calendar(session), day)


@router.put("/orders/{order_id}/pickup", response_model=OrderStaffView, responses=refusals(401, 403, 404, 409, 503))
def move_order_pickup(order_id: str, move: PickupMove, session: SessionDep, staff: StaffUser) -> OrderStaffView:
    """Move an order to another pickup time; its items move to that slot (409 when it is full)."""
    return pickup_moves.move_pickup(
        session, order_id, move.pickup_at, by=staff.email, expected_version=move.expected_version
    )

"""Liveness and readiness for load balancers, orchestrators and scripts."""

from fastapi import APIRouter, Response
from sqlalchemy import text

from bakeops_ui.api.deps import BrokerReadyDep
from services.database import session_scope

router = APIRouter(tags=["health"])


@router.get("/health")
async def read_health() -> dict[str, str]:
    """The process is up and answering."""
    return {"status": "ok"}


@router.get("/ready")
def read_ready(response: Response, broker_ready: BrokerReadyDep) -> dict[str, str]:
    """The database and the broker are reachable; 503 with the reason when not."""
    answer = {"status": "ready", "database": "ok", "broker": "ok"}
    try:
        with session_scope() as session:
            session.execute(text("SELECT 1"))
    except Exception as error:
        answer["database"] = f"unreachable: {type(error).__name__}"
    if broker_ready is not None:
        ok, reason = broker_ready()
        answer["broker"] = reason
        if not ok:
            answer["status"] = "unavailable"
    if answer["database"] != "ok":
        answer["status"] = "unavailable"
    if answer["status"] != "ready":
        response.status_code = 503
    return answer

"""Liveness for load balancers and scripts."""

from fastapi import APIRouter

router = APIRouter(tags=["health"])


@router.get("/health")
def read_health() -> dict[str, str]:
    """The process is up and answering."""
    return {"status": "ok"}

"""What routes need besides their input, as short Annotated aliases: the request's database session, the
settings, who is calling (and with which role), the per-client rate limits, and how to ask after the broker.

Each alias is a FastAPI dependency, so tests swap any of them with `app.dependency_overrides`.

FastAPI runs every plain `def` dependency in a worker thread, one hop each; a POST /order made seven. The ones
that only read the app's state or the request are `async def` so they run on the event loop, and the ones that
talk to the database or Redis hop to a thread only when they do (see request_session).
"""

import math
from collections.abc import AsyncIterator, Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from bakeops_ui.auth import BadToken, token_user_id
from bakeops_ui.settings import Settings
from services.account_schemas import SignedIn
from services.accounts import Role, may
from services.database import new_session
from services.limits import Budget, RateLimits
from services.models import User

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token", auto_error=False)


async def request_session() -> AsyncIterator[Session]:
    """One session per request. Making one does no I/O, so it is made on the event loop; closing one that still
    holds a connection (a read never committed, a write that failed) hands the connection back with a rollback,
    so that close goes to a thread, where a database that hangs holds one request and not the whole server."""
    session = new_session()
    try:
        yield session
    finally:
        if session.in_transaction():
            await run_in_threadpool(session.close)
        else:
            session.close()


SessionDep = Annotated[Session, Depends(request_session)]


async def get_settings(request: Request) -> Settings:
    """The settings this app was built with (see install_api)."""
    return request.app.state.settings


async def get_rate_limits(request: Request) -> RateLimits:
    """The counters this app shares with the pages of the same server (and, with Redis, every server)."""
    return request.app.state.rate_limits


BrokerCheck = Callable[[], tuple[bool, str]]


async def get_broker_ready(request: Request) -> BrokerCheck | None:
    """The event pipeline's check of its broker (set by the app factories), or None in an app without one."""
    return getattr(request.app.state, "broker_ready", None)


SettingsDep = Annotated[Settings, Depends(get_settings)]
RateLimitsDep = Annotated[RateLimits, Depends(get_rate_limits)]
BrokerReadyDep = Annotated[BrokerCheck | None, Depends(get_broker_ready)]


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})


def current_principal(
    token: Annotated[str | None, Depends(oauth2_scheme)], session: SessionDep, settings: SettingsDep
) -> SignedIn:
    """Whoever the bearer token speaks for, looked up in the request's own session."""
    if not token:
        raise _unauthorized("Sign in first: send 'Authorization: Bearer <token>' from POST /auth/token")
    try:
        user_id = token_user_id(token, settings)
    except BadToken:
        raise _unauthorized("The token is invalid or has expired; ask POST /auth/token for a new one") from None
    user = session.get(User, user_id)
    # End this read now: on SQLite every transaction takes the write lock (BEGIN IMMEDIATE, services/database.py),
    # and a route may open a session of its own (e.g. a calendar cache miss) that would wait for it.
    session.commit()
    # A switched-off account or a changed role takes effect at once, not when the token expires.
    if user is None or not user.active:
        raise _unauthorized("This account is no longer active")
    return SignedIn(user_id=user.id, email=user.email, role=Role(user.role))


CurrentPrincipal = Annotated[SignedIn, Depends(current_principal)]


async def staff_caller(
    token: Annotated[str | None, Depends(oauth2_scheme)], session: SessionDep, settings: SettingsDep
) -> bool:
    """True when the caller sends a valid staff token: their orders go in while online orders are paused.
    A customer's order (no token) is answered without a thread hop; a token is looked up in a thread."""
    if not token:
        return False
    return await run_in_threadpool(_is_staff, token, session, settings)


def _is_staff(token: str, session: Session, settings: Settings) -> bool:
    try:
        principal = current_principal(token, session, settings)
    except HTTPException:
        return False
    return may(principal.role, Role.STAFF)


StaffCaller = Annotated[bool, Depends(staff_caller)]


def require(role: Role):
    """Dependency: the caller, when their role includes `role`; 403 otherwise."""

    def check(principal: CurrentPrincipal) -> SignedIn:
        if not may(principal.role, role):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"This needs the {role.value} role")
        return principal

    return check


StaffUser = Annotated[SignedIn, Depends(require(Role.STAFF))]
AdminUser = Annotated[SignedIn, Depends(require(Role.ADMIN))]


def client_address(request: Request) -> str:
    """The caller's address; behind trusted proxies it is already the client's (see install_api)."""
    return request.client.host if request.client else "unknown"


def _rate_limited(budget: Budget, setting: str):
    async def check(request: Request, settings: SettingsDep, limits: RateLimitsDep) -> None:
        hit = (budget, getattr(settings, setting), client_address(request))
        # Counted in memory on the loop; a count kept in Redis is a network call, made from a thread.
        wait = await run_in_threadpool(limits.hit, *hit) if limits.shared else limits.hit(*hit)
        if wait > 0:
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                "Too many requests; slow down and try again",
                headers={"Retry-After": str(math.ceil(wait))},
            )

    return Depends(check)


# For `dependencies=[...]`: 429 with Retry-After once this client used up its budget.
OrderRateLimit = _rate_limited(Budget.ORDERS, "rate_limit_orders")
SignInRateLimit = _rate_limited(Budget.SIGN_INS, "rate_limit_logins")

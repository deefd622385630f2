"""Staff accounts for admins: GET/POST /users, PATCH /users/{id}."""

from fastapi import APIRouter, status

from bakeops_ui.api.deps import AdminUser, SessionDep
from bakeops_ui.api.errors import refusals
from services import accounts
from services.account_schemas import UserCreate, UserPublic, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])


@router.get("", response_model=list[UserPublic], responses=refusals(401, 403, 503))
def read_users(session: SessionDep, _admin: AdminUser) -> list:
    """Every account."""
    return accounts.list_users(session)


@router.post(
    "",
    response_model=UserPublic,
    status_code=status.HTTP_201_CREATED,
    responses=refusals(401, 403, 409, 503, why={409: "There is already an account for that email"}),
)
def create_user(new: UserCreate, session: SessionDep, _admin: AdminUser) -> object:
    """Add a staff member or an admin."""
    return accounts.create_user(session, new.email, new.role, new.password)


@router.patch(
    "/{user_id}",
    response_model=UserPublic,
    responses=refusals(401, 403, 404, 409, 503, why={409: "It would leave no active admin"}),
)
def update_user(user_id: int, changes: UserUpdate, session: SessionDep, _admin: AdminUser) -> object:
    """Change a role, switch an account off or on, or set a new password."""
    user = accounts.get_user(session, user_id) if 0 < user_id < 2**31 else accounts.get_user(session, 0)
    return accounts.update_user(session, user, role=changes.role, active=changes.active, password=changes.password)

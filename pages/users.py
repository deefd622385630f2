"""Staff accounts `/admin/users` (admins): add staff, change roles, switch accounts off, reset passwords."""

from nicegui import ui

from pages.access import signed_in
from pages.guard import staff_page
from pages.in_thread import in_thread
from pages.layout import frame
from services import accounts
from services.accounts import Role
from services.database import session_scope
from services.errors import BakeryError
from services.models import Longest, User


def register() -> None:
    @staff_page("/admin/users", role=Role.ADMIN)
    async def users_page() -> None:
        with frame("Staff accounts", staff=True):
            ui.label("Staff accounts").classes("text-3xl font-semibold")

            @ui.refreshable
            def listing(users: list[User]) -> None:
                for user in users:
                    _row(user, reload)

            async def reload() -> None:
                listing.refresh(await in_thread(_all))

            _add_form(reload)
            listing(await in_thread(_all))


def _all() -> list[User]:
    with session_scope() as session:
        return accounts.list_users(session)


def _change(user_id: int, **changes) -> None:
    with session_scope() as session:
        accounts.update_user(session, accounts.get_user(session, user_id), **changes)


async def _apply(user_id: int, done, **changes) -> bool:
    try:
        await in_thread(_change, user_id, **changes)
    except BakeryError as error:
        ui.notify(error.detail, type="warning")
        await done()
        return False
    ui.notify("Saved", type="positive")
    await done()
    return True


def _row(user: User, reload) -> None:
    me = signed_in()
    with ui.row().classes("w-full items-center gap-4 border-b py-1").mark(f"user-{user.email}"):
        ui.label(user.email).classes("w-64 font-medium")
        ui.select(
            {r.value: r.value for r in Role},
            value=user.role,
            on_change=lambda e: _apply(user.id, reload, role=Role(e.value)),
        ).props("dense outlined").classes("w-28").mark(f"role-{user.email}")
        ui.switch("Active", value=user.active, on_change=lambda e: _apply(user.id, reload, active=e.value)).mark(
            f"active-{user.email}"
        )
        ui.button("New password…", on_click=lambda: _password_dialog(user, reload)).props("flat dense")
        if me is not None and me.user_id == user.id:
            ui.badge("you", color="amber-9", text_color="black")


def _password_dialog(user: User, reload) -> None:
    with ui.dialog() as dialog, ui.card().classes("w-96"):
        ui.label(f"New password for {user.email}").classes("font-semibold")
        password = (
            ui.input("Password", password=True, password_toggle_button=True)
            .props("outlined")
            .classes("w-full")
            .mark("new-password")
        )

        async def save() -> None:
            if len(password.value or "") < accounts.MIN_PASSWORD:
                password.props(f'error error-message="At least {accounts.MIN_PASSWORD} characters"')
                return
            if await _apply(user.id, reload, password=password.value):
                dialog.close()

        ui.button("Save", on_click=save).props("color=primary")
    dialog.open()


def _add_form(reload) -> None:
    with ui.card().classes("w-full").mark("add-user"):
        ui.label("Add someone").classes("font-semibold")
        with ui.row().classes("w-full items-start gap-2"):
            email = (
                ui.input("Email")
                .props(f"outlined dense maxlength={Longest.EMAIL}")
                .classes("w-64")
                .mark("new-user-email")
            )
            role = (
                ui.select({r.value: r.value for r in Role}, value=Role.STAFF.value, label="Role")
                .props("outlined dense")
                .classes("w-28")
                .mark("new-user-role")
            )
            password = (
                ui.input("Password", password=True).props("outlined dense").classes("w-56").mark("new-user-password")
            )

            async def add() -> None:
                for field in (email, password):
                    field.props(remove="error error-message")

                def create() -> None:
                    with session_scope() as session:
                        accounts.create_user(session, email.value or "", Role(role.value), password.value or "")

                try:
                    await in_thread(create)
                except BakeryError as error:
                    target = password if error.field == "password" else email
                    target.props(f'error error-message="{error.detail.replace(chr(34), chr(39))}"')
                    return
                ui.notify(f"Added {email.value}", type="positive")
                email.value = password.value = ""
                await reload()

            ui.button("Add", icon="person_add", on_click=add).props("color=primary").mark("add-user-button")

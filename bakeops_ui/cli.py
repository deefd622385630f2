"""The `bakeops` command."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from sqlmodel import Session

from bakeops_ui.events_cli import events_cli
from bakeops_ui.observability import configure_logging
from bakeops_ui.settings import get_settings
from services import accounts
from services.accounts import Role
from services.errors import BakeryError

cli = typer.Typer(help="BakeOps: a bakery order system (storefront, live board, REST API).", no_args_is_help=True)
db_cli = typer.Typer(help="Database schema.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
cli.add_typer(events_cli, name="events")


@cli.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on"),
    port: int = typer.Option(3000, help="Port for the UI and the REST API"),
) -> None:
    """Serve the storefront, the staff pages and the REST API on one port (migrates first)."""
    from bakeops_ui.web import start

    start(host=host, port=port)


@cli.command()
def api(
    host: str = typer.Option("127.0.0.1"),
    port: int = typer.Option(5000),
    workers: int = typer.Option(1, min=1, help="uvicorn worker processes"),
) -> None:
    """Serve the REST API alone (no UI), with as many worker processes as you like."""
    import uvicorn

    from bakeops_ui.app import prepare

    prepare(get_settings())
    # proxy_headers off: uvicorn would believe X-Forwarded-For from loopback; BAKEOPS_TRUSTED_PROXIES decides.
    # A worker that is still importing the app does not answer uvicorn's health check; on a busy host that takes
    # longer than uvicorn's 5 s, and a healthy worker starting up was killed and restarted over and over.
    uvicorn.run(
        "bakeops_ui.asgi:api",
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        proxy_headers=False,
        timeout_worker_healthcheck=30,
    )


@cli.command()
def worker() -> None:
    """Handle order events from RabbitMQ (needs BAKEOPS_AMQP_URL); run as many as you like."""
    from bakeops_ui.app import prepare
    from bakeops_ui.pipeline import email_notifier, topology_for
    from worker.runner import run_worker

    settings = get_settings()
    if not settings.amqp_url:
        typer.echo("bakeops worker needs BAKEOPS_AMQP_URL; without it `bakeops serve` handles events itself.")
        raise typer.Exit(2)
    prepare(settings.model_copy(update={"demo_data": False}), first_admin=False)
    run_worker(
        settings.amqp_url,
        topology_for(settings),
        email=email_notifier(settings),
        prefetch=settings.worker_prefetch,
        lateness_seconds=settings.lateness_check_seconds,
        metrics_port=settings.worker_metrics_port,
    )


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    from services.database import upgrade

    upgrade(get_settings().database_url)
    typer.echo("Database is up to date.")


@cli.command("demo-data")
def demo_data() -> None:
    """Add the demo catalogue (breads, cakes, pastries) where those products are missing."""
    from bakeops_ui.app import prepare
    from services.database import session_scope
    from services.demo import load_demo_catalogue

    settings = get_settings().model_copy(update={"demo_data": False})
    prepare(settings)
    with session_scope() as session:
        added = load_demo_catalogue(session, only_if_empty=False, photos=True)
    typer.echo(f"Added {added} demo products.")


@cli.command("create-user")
def create_user(
    email: str,
    role: Role = typer.Option(Role.STAFF, help="admin (everything) or staff (orders and the board)"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input"),
) -> None:
    """Add a staff member or an admin (asks for the password)."""
    password = _read_password(password_stdin)
    with _accounts_session() as session:
        user = accounts.create_user(session, email, role, password)
    typer.echo(f"Created {user.role} {user.email}.")


@cli.command("list-users")
def list_users() -> None:
    """Every account with its role and whether it is active."""
    with _accounts_session() as session:
        for user in accounts.list_users(session):
            typer.echo(f"{user.email:40} {user.role:6} {'active' if user.active else 'switched off'}")


@cli.command("set-password")
def set_password(
    email: str,
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input"),
) -> None:
    """Give an account a new password."""
    password = _read_password(password_stdin)
    with _accounts_session() as session:
        accounts.set_password(session, accounts.find_user(session, email), password)
    typer.echo(f"Password changed for {email}.")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@contextmanager
def _accounts_session() -> Iterator[Session]:
    from bakeops_ui.app import prepare
    from services.database import session_scope

    prepare(get_settings().model_copy(update={"demo_data": False}), first_admin=False)
    try:
        with session_scope() as session:
            yield session
    except BakeryError as error:
        typer.echo(f"Error: {error.detail}", err=True)
        raise typer.Exit(1) from None


def main() -> None:
    configure_logging(json_lines=get_settings().log_format == "json")
    cli()

"""Ticket numbers: each bakery day's orders are numbered 1, 2, 3... as the counter's paper tickets are."""

from contextlib import suppress
from datetime import date

from sqlalchemy import text
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, ProgrammingError
from sqlmodel import Session

from services import bakery
from services.models import TicketCounter


def next_number(session: Session, day: date) -> int:
    """The next ticket of the bakery's day.

    PostgreSQL: a sequence per day, which never blocks (a counter row made every order of the day queue
    behind the one holding it; measured at ~110 orders/s). An order that fails after drawing its number
    leaves a gap, as a torn-off ticket would. SQLite has one writer at a time anyway: a counter row.
    """
    if session.get_bind().dialect.name == "postgresql":
        return _from_sequence(session, day)
    statement = (
        sqlite.insert(TicketCounter)
        .values(day=day, last_number=1)
        .on_conflict_do_update(index_elements=["day"], set_={"last_number": TicketCounter.last_number + 1})
        .returning(TicketCounter.last_number)
    )
    return session.execute(statement).scalar_one()


def prepare_day(session: Session) -> None:
    """PostgreSQL: make sure today's ticket sequence exists before the order's transaction takes a connection.

    Made later, inside the order, it needs a second connection while the first is held: a burst of first
    orders of the day then fills the pool with orders that each wait for a connection none will free.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    name = _sequence_name(bakery.rules().today())
    if name in known_sequences:
        return
    with session.get_bind().engine.connect() as connection:
        _create(connection.execution_options(isolation_level="AUTOCOMMIT"), name)
    known_sequences.add(name)


def known_sequence(session: Session, day: date) -> str | None:
    """The day's ticket sequence on PostgreSQL, if this process knows it exists (see prepare_day)."""
    name = _sequence_name(day)
    return name if name in known_sequences and session.get_bind().dialect.name == "postgresql" else None


def _from_sequence(session: Session, day: date) -> int:
    name = _sequence_name(day)
    draw = text("SELECT nextval(CAST(:name AS regclass))")
    if name in known_sequences:
        return session.execute(draw, {"name": name}).scalar_one()
    # The day turned since prepare_day: make sure the sequence exists, from a connection of its own
    # (an order's transaction that already looked for it may not see it appear), and draw there once.
    with session.get_bind().engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        _create(connection, name)
        number = connection.execute(draw, {"name": name}).scalar_one()
    known_sequences.add(name)
    return number


def _create(connection: Connection, name: str) -> None:
    with suppress(ProgrammingError, IntegrityError):  # another process may create it at the same moment
        connection.execute(text(f'CREATE SEQUENCE IF NOT EXISTS "{name}" MINVALUE 1'))


def _sequence_name(day: date) -> str:
    return f"ticket_{day:%Y%m%d}"


known_sequences: set[str] = set()  # what this process has made sure of; a test's fresh database clears it

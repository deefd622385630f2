"""Two SQL functions that read the same on SQLite and PostgreSQL: quarter hours since the epoch, minutes between.

Both databases group timestamps by whole quarter hours of UTC; Python folds those into local days and hours.
"""

from typing import Any

from sqlalchemy import BigInteger
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

BUCKET_SECONDS = 15 * 60


class quarter_hour(FunctionElement):  # named like the SQL function it stands for
    """Whole quarter hours since 1970-01-01 UTC of a stored timestamp."""

    type = BigInteger()
    inherit_cache = True
    name = "quarter_hour"


class minutes_between(FunctionElement):
    """Whole minutes (rounded) from the first timestamp to the second; NULL when either is NULL."""

    type = BigInteger()
    inherit_cache = True
    name = "minutes_between"


def _epoch_postgresql(sql: str) -> str:
    # date_part gives a double; EXTRACT's numeric (PostgreSQL 14+) is several times slower to compute on.
    return f"CAST(floor(date_part('epoch', {sql})) AS BIGINT)"


def _epoch_sqlite(sql: str) -> str:
    # Timestamps are stored as UTC text; strftime('%s') reads them as UTC, to the whole second.
    return f"CAST(strftime('%s', {sql}) AS INTEGER)"


_EPOCH = {"postgresql": _epoch_postgresql, "sqlite": _epoch_sqlite}


def _compile_quarter_hour(element: quarter_hour, compiler: Any, **kw: Any) -> str:
    (moment,) = element.clauses
    # Integer division on both databases; epochs are positive, so it is a floor.
    return f"({_EPOCH[compiler.dialect.name](compiler.process(moment, **kw))} / {BUCKET_SECONDS})"


def _compile_minutes_between(element: minutes_between, compiler: Any, **kw: Any) -> str:
    first, second = (_EPOCH[compiler.dialect.name](compiler.process(c, **kw)) for c in element.clauses)
    return f"(({second} - {first} + 30) / 60)"


for _dialect in _EPOCH:
    compiles(quarter_hour, _dialect)(_compile_quarter_hour)
    compiles(minutes_between, _dialect)(_compile_minutes_between)

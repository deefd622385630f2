"""The migrations build exactly the schema the models describe, on both databases (no drift, no create_all)."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import services.models  # noqa: F401  (registers every table)


def test_migrated_schema_matches_the_models(db):
    with db.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []

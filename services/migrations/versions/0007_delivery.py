"""bakery setting: does the bakery deliver (the board offers Shipped only if so)

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-01

Chained after 0005, the head when it was written; another branch adds 0006_recipes: whoever merges second
sets down_revision to that head.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # server_default: the settings row that already exists becomes a pickup bakery, as it was in practice.
    with op.batch_alter_table('bakery_settings') as batch:
        batch.add_column(sa.Column('delivery_enabled', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('bakery_settings') as batch:
        batch.drop_column('delivery_enabled')

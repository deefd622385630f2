"""ticket number set last in the order's transaction

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The row is inserted first and numbered just before commit, so the day's counter lock is held briefly.
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.alter_column('ticket_number', existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.alter_column('ticket_number', existing_type=sa.Integer(), nullable=False)

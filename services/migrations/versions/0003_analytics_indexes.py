"""analytics indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

The analytics summary looks up status changes by kind and time (first Ready, latest Cancelled of a
period's orders); without this index PostgreSQL scans every status change ever recorded.
"""
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('order_status_changes', schema=None) as batch_op:
        batch_op.create_index('ix_order_status_changes_to_status_at', ['to_status', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('order_status_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_order_status_changes_to_status_at')

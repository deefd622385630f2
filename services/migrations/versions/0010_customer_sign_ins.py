"""customer sign-ins and what each notification told

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

import services.sqltypes  # noqa: F401  (AwareDateTime columns)


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # One-time sign-in links for customers (only the token's hash is kept).
    op.create_table('customer_sign_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('created_at', services.sqltypes.AwareDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', services.sqltypes.AwareDateTime(timezone=True), nullable=False),
    sa.Column('used_at', services.sqltypes.AwareDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('customer_sign_ins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_sign_ins_email'), ['email'], unique=False)

    # The status each notification told the customer of: taking it back sends a correction.
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('about', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_column('about')

    with op.batch_alter_table('customer_sign_ins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_sign_ins_email'))

    op.drop_table('customer_sign_ins')

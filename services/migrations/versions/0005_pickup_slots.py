"""bakery settings, pickup-slot bookings and the slot each order holds

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

import services.sqltypes


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bakery_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('hours', sa.JSON(), nullable=False),
    sa.Column('closures', sa.JSON(), nullable=False),
    sa.Column('same_day_cutoff', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
    sa.Column('prep_buffer_minutes', sa.Integer(), nullable=False),
    sa.Column('slot_minutes', sa.Integer(), nullable=False),
    sa.Column('slot_capacity', sa.Integer(), nullable=True),
    sa.Column('category_capacity', sa.JSON(), nullable=False),
    sa.Column('online_orders_paused', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', services.sqltypes.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    )
    op.create_table('slot_bookings',
    sa.Column('slot_start', services.sqltypes.AwareDateTime(timezone=True), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('booked', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('slot_start', 'category'),
    )
    op.create_table('order_slots',
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('slot_start', services.sqltypes.AwareDateTime(timezone=True), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('released', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ),
    sa.PrimaryKeyConstraint('order_id'),
    )
    with op.batch_alter_table('order_slots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_slots_slot_start'), ['slot_start'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('order_slots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_slots_slot_start'))
    op.drop_table('order_slots')
    op.drop_table('slot_bookings')
    op.drop_table('bakery_settings')

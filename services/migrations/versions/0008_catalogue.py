"""catalogue a bakery can sell from: allergens, ingredients, options, quantity rules, ordering and photos

Revision ID: 0008_catalogue
Revises: 0007
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

import services.sqltypes


revision = '0008_catalogue'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('allergens', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('may_contain', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(
            sa.Column('ingredients', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False, server_default='')
        )
        batch_op.add_column(sa.Column('options', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('min_quantity', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('max_quantity', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('quantity_step', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('position', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('photo_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    with op.batch_alter_table('order_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('options', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(
            sa.Column('options_label', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False, server_default='')
        )
    op.create_table('category_positions',
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('category'),
    )
    op.create_table('product_photos',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('card', sa.LargeBinary(), nullable=False),
    sa.Column('thumbnail', sa.LargeBinary(), nullable=False),
    sa.Column('updated_at', services.sqltypes.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ),
    sa.PrimaryKeyConstraint('product_id'),
    )


def downgrade() -> None:
    op.drop_table('product_photos')
    op.drop_table('category_positions')
    with op.batch_alter_table('order_items', schema=None) as batch_op:
        batch_op.drop_column('options_label')
        batch_op.drop_column('options')
    with op.batch_alter_table('products', schema=None) as batch_op:
        for column in ('photo_hash', 'position', 'quantity_step', 'max_quantity', 'min_quantity', 'options',
                       'ingredients', 'may_contain', 'allergens'):
            batch_op.drop_column(column)

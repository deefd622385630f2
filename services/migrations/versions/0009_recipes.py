"""recipes and their ingredients, for the production sheet

Revision ID: 0009_recipes
Revises: 0008_catalogue
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

import services.sqltypes  # noqa: F401  (AwareDateTime columns)


revision = '0009'
down_revision = '0008_catalogue'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A recipe is a product's (product_id) or a named preparation; an ingredient is raw or uses another recipe.
    op.create_table('recipes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('yield_quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('yield_unit', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('entered_as', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('flour_grams', sa.Numeric(precision=14, scale=3), nullable=True),
    sa.Column('max_batch_grams', sa.Numeric(precision=14, scale=3), nullable=True),
    sa.Column('lead_time_hours', sa.Integer(), nullable=True),
    sa.Column('updated_at', services.sqltypes.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name'),
    sa.UniqueConstraint('product_id')
    )
    op.create_table('recipe_ingredients',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipe_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('uses_recipe_id', sa.Integer(), nullable=True),
    sa.Column('quantity', sa.Numeric(precision=14, scale=3), nullable=True),
    sa.Column('percent', sa.Numeric(precision=9, scale=3), nullable=True),
    sa.ForeignKeyConstraint(['recipe_id'], ['recipes.id'], ),
    sa.ForeignKeyConstraint(['uses_recipe_id'], ['recipes.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('recipe_ingredients', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recipe_ingredients_recipe_id'), ['recipe_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recipe_ingredients_uses_recipe_id'), ['uses_recipe_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('recipe_ingredients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recipe_ingredients_uses_recipe_id'))
        batch_op.drop_index(batch_op.f('ix_recipe_ingredients_recipe_id'))

    op.drop_table('recipe_ingredients')
    op.drop_table('recipes')

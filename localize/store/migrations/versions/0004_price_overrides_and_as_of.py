"""price overrides, batch as-of date, what a localisation waits for

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 17:00:00.000000

A market price a seller or reviewer set by hand for a SKU (used instead of FX for that SKU and
market from then on), and the date a batch is localised as of (rates and calendar rules for it).
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('price_overrides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=200), nullable=False),
    sa.Column('market', sa.String(length=10), nullable=False),
    sa.Column('amount', sa.String(length=40), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('set_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('seller_id', 'sku', 'market')
    )
    with op.batch_alter_table('batches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('as_of', sa.Date(), nullable=True))
    with op.batch_alter_table('localizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('needs_translation', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('needs_price', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('localizations', schema=None) as batch_op:
        batch_op.drop_column('needs_price')
        batch_op.drop_column('needs_translation')
    with op.batch_alter_table('batches', schema=None) as batch_op:
        batch_op.drop_column('as_of')
    op.drop_table('price_overrides')

"""one listing per seller and SKU with versions, stale localisations, seller profiles

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 21:00:00.000000

A seller's submissions of one SKU become the versions of one listing: `listings.version` counts
them in the order they arrived, `first_id` is the id they share (the first version's), and
`superseded_at` marks every version but the newest. Localisations stored before stay as they were.
`localizations.source_changes` holds the source's edits since the text was approved (a `stale`
item's diff); `sellers.profile` the facts that satisfy `required` rules; `batches.unchanged` the
rows a batch skipped because their source was already there.
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('first_id', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=True))
    op.create_index('ix_listings_seller_sku', 'listings', ['seller_id', 'sku', 'version'])
    listings = sa.table('listings', sa.column('id', sa.String), sa.column('seller_id', sa.Integer),
                        sa.column('sku', sa.String), sa.column('created_at', sa.DateTime),
                        sa.column('version', sa.Integer), sa.column('first_id', sa.String),
                        sa.column('superseded_at', sa.DateTime))
    connection = op.get_bind()
    rows = connection.execute(sa.select(listings.c.id, listings.c.seller_id, listings.c.sku, listings.c.created_at)
                              .order_by(listings.c.seller_id, listings.c.sku, listings.c.created_at,
                                        listings.c.id)).all()
    lineages: dict[tuple[int, str], list[tuple[str, object]]] = {}
    for listing_id, seller_id, sku, created_at in rows:
        lineages.setdefault((seller_id, sku), []).append((listing_id, created_at))
    for versions in lineages.values():
        first_id, newest_at = versions[0][0], versions[-1][1]
        for number, (listing_id, _) in enumerate(versions, start=1):
            connection.execute(listings.update().where(listings.c.id == listing_id).values(
                version=number, first_id=first_id, superseded_at=None if number == len(versions) else newest_at))
    with op.batch_alter_table('localizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_changes', sa.JSON(), nullable=True))
    with op.batch_alter_table('sellers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('profile', sa.JSON(), nullable=True))
    with op.batch_alter_table('batches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unchanged', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('batches', schema=None) as batch_op:
        batch_op.drop_column('unchanged')
    with op.batch_alter_table('sellers', schema=None) as batch_op:
        batch_op.drop_column('profile')
    with op.batch_alter_table('localizations', schema=None) as batch_op:
        batch_op.drop_column('source_changes')
    op.drop_index('ix_listings_seller_sku', table_name='listings')
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.drop_column('superseded_at')
        batch_op.drop_column('first_id')
        batch_op.drop_column('version')

"""localisation confidence

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 16:00:00.000000

The lowest field confidence of each localisation as a column, so the queue and the API can sort by
it; rows stored before have none (NULL sorts last).
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('localizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confidence', sa.Float(), nullable=True))
        batch_op.create_index('ix_localizations_confidence', ['market', 'status', 'confidence'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('localizations', schema=None) as batch_op:
        batch_op.drop_index('ix_localizations_confidence')
        batch_op.drop_column('confidence')

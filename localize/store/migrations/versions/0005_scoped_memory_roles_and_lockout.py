"""translation memory per seller, API key roles, sign-in lockout and its audit

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 18:30:00.000000

The translation memory becomes per seller (`memory_entries.seller_id`; NULL is the shared layer,
fed only by reviewers' approvals and read only by sellers who opt in with `sellers.shares_memory`).
Entries a seller taught through the API (`created_by` `seller:<name>`) stay that seller's; the
rest (reviewers' approvals, imports) become the shared layer. API keys get a role (`submit`, or
`approve` to approve through the API); users count failed sign-ins and can be locked for a while;
`account_events` is the audit of sign-in failures, lockouts and password changes.
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

MEMORY_COLUMNS = ("source_lang, target_lang, source_key, source_text, target_text, origin, created_by, "
                  "created_at, updated_at")


def upgrade() -> None:
    op.create_table('memory_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.Integer(), nullable=True),
    sa.Column('source_lang', sa.String(length=10), nullable=False),
    sa.Column('target_lang', sa.String(length=10), nullable=False),
    sa.Column('source_key', sa.String(length=64), nullable=False),
    sa.Column('source_text', sa.Text(), nullable=False),
    sa.Column('target_text', sa.Text(), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ),
    sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('uq_memory_entries_seller', 'memory_entries',
                    ['seller_id', 'source_lang', 'target_lang', 'source_key'], unique=True)
    op.create_index('uq_memory_entries_shared', 'memory_entries', ['source_lang', 'target_lang', 'source_key'],
                    unique=True, sqlite_where=sa.text('seller_id IS NULL'),
                    postgresql_where=sa.text('seller_id IS NULL'))
    owner = "SELECT sellers.id FROM sellers WHERE 'seller:' || sellers.name = translation_memory.created_by"
    op.execute(f"INSERT INTO memory_entries (seller_id, {MEMORY_COLUMNS}) "
               f"SELECT ({owner}), {MEMORY_COLUMNS} FROM translation_memory")
    op.drop_table('translation_memory')
    with op.batch_alter_table('sellers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shares_memory', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(length=20), nullable=False, server_default='submit'))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_logins', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True))
    op.create_table('account_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_account_events_username', 'account_events', ['username'])


def downgrade() -> None:
    op.drop_index('ix_account_events_username', table_name='account_events')
    op.drop_table('account_events')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins')
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.drop_column('role')
    with op.batch_alter_table('sellers', schema=None) as batch_op:
        batch_op.drop_column('shares_memory')
    op.create_table('translation_memory',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_lang', sa.String(length=10), nullable=False),
    sa.Column('target_lang', sa.String(length=10), nullable=False),
    sa.Column('source_key', sa.String(length=64), nullable=False),
    sa.Column('source_text', sa.Text(), nullable=False),
    sa.Column('target_text', sa.Text(), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('source_lang', 'target_lang', 'source_key')
    )
    op.execute(f"INSERT INTO translation_memory ({MEMORY_COLUMNS}) SELECT {MEMORY_COLUMNS} FROM memory_entries "
               "WHERE seller_id IS NULL")
    op.drop_index('uq_memory_entries_shared', table_name='memory_entries')
    op.drop_index('uq_memory_entries_seller', table_name='memory_entries')
    op.drop_table('memory_entries')

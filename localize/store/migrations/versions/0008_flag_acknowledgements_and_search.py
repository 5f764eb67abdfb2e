"""flag acknowledgements, rule and full-text filters

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 09:00:00.000000

`localizations.acknowledgements` holds the warn and info flags a reviewer let stand, with who and
why; `open_severity` is the worst flag not acknowledged (what approving by filter weighs);
`flag_rules` the rule ids of the flags (" a.b c.d ", so LIKE finds one on any database);
`search_text` the source's and the target's text casefolded (JSON keeps non-ASCII escaped, so LIKE
cannot search the JSON). Rows stored before are filled in: nothing is acknowledged yet.
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

SEARCHED = ('title', 'description', 'bullets', 'keywords', 'colors')


def _text(data: dict[str, Any]) -> list[str]:
    texts: list[str] = []
    for name in SEARCHED:
        value = data.get(name) or ''
        texts += value if isinstance(value, list) else [value]
    return texts


def upgrade() -> None:
    with op.batch_alter_table('localizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acknowledgements', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('open_severity', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('flag_rules', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=False, server_default=''))
    localizations = sa.table('localizations', sa.column('id', sa.String), sa.column('listing_id', sa.String),
                             sa.column('data', sa.JSON), sa.column('severity', sa.String),
                             sa.column('open_severity', sa.String), sa.column('flag_rules', sa.Text),
                             sa.column('search_text', sa.Text))
    listings = sa.table('listings', sa.column('id', sa.String), sa.column('data', sa.JSON))
    connection = op.get_bind()
    rows = connection.execute(sa.select(localizations.c.id, localizations.c.severity, localizations.c.data,
                                        listings.c.data).join(listings, listings.c.id == localizations.c.listing_id))
    values = []
    for localization_id, severity, target, source in rows:
        rules = sorted({flag['rule'] for flag in target.get('flags', [])})
        texts = dict.fromkeys(text for text in _text(source) + _text(target) if text)
        values.append({'key': localization_id, 'open': severity, 'rules': ' ' + ''.join(f'{rule} ' for rule in rules),
                       'text': '\n'.join(texts).casefold()})
    if values:
        connection.execute(localizations.update().where(localizations.c.id == sa.bindparam('key')).values(
            open_severity=sa.bindparam('open'), flag_rules=sa.bindparam('rules'), search_text=sa.bindparam('text')),
            values)


def downgrade() -> None:
    with op.batch_alter_table('localizations', schema=None) as batch_op:
        batch_op.drop_column('search_text')
        batch_op.drop_column('flag_rules')
        batch_op.drop_column('open_severity')
        batch_op.drop_column('acknowledgements')

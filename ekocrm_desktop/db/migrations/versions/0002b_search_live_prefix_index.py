"""Search index v2: live parties only, with 2- and 3-letter prefix indexes (SQLite); a stored
tsvector column with a partial GIN index on live parties (PostgreSQL), so that walking the name
index and testing each row's words is cheap.

Revision ID: 0002b
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

from ekocrm_desktop.db.migrations.helpers import (
    create_party_fts,
    create_party_fts_v2,
    drop_party_fts,
    drop_party_fts_v2,
)

revision: str = "0002b"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        drop_party_fts(op)
        create_party_fts_v2(op)
    else:
        op.execute("DROP INDEX IF EXISTS ix_party_search_doc_tsv")
        op.execute(
            "ALTER TABLE party ADD COLUMN search_tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_doc)) STORED"
        )
        op.execute("CREATE INDEX ix_party_search_tsv ON party USING gin (search_tsv) WHERE deleted_at IS NULL")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        drop_party_fts_v2(op)
        create_party_fts(op)
    else:
        op.execute("DROP INDEX IF EXISTS ix_party_search_tsv")
        op.execute("ALTER TABLE party DROP COLUMN search_tsv")
        op.execute(
            "CREATE INDEX ix_party_search_doc_tsv ON party USING gin (to_tsvector('simple'::regconfig, search_doc))"
        )

"""Contacts list (issue 2): scrolling a million contacts by name read one table page per row
(200 scattered reads a page), and a search sorted by name that walks the name index read the
table for each row it tested.

`ix_party_live_list` replaces `ix_party_live_sort_name`: the name order with what a list row
shows, so a page is read from consecutive index pages. On SQLite those columns follow the key;
on PostgreSQL they are INCLUDEd with the stored tsvector, so the walk of a search tests each
row's words in the index (it lives outside the ORM metadata: its form differs per backend).
The party_role index on (party_id, since, until, role) replaces the one on party_id (its
prefix): a row's current roles come from the index alone.

Revision ID: 0022
Revises: 0017
Create Date: 2026-12-06 15:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ekocrm_desktop.db.migrations.helpers import PARTY_LIST_COLUMNS_V1

revision: str = "0022"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROW_COLUMNS = PARTY_LIST_COLUMNS_V1


def _live() -> dict[str, sa.ColumnElement[bool]]:
    live = sa.column("deleted_at").is_(None)
    return {"sqlite_where": live, "postgresql_where": live}


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.create_index("ix_party_live_list", "party", ["sort_name", "id", *ROW_COLUMNS], **_live())
    else:
        op.create_index(
            "ix_party_live_list",
            "party",
            ["sort_name", "id"],
            postgresql_include=[*ROW_COLUMNS, "search_tsv"],
            **_live(),
        )
    op.drop_index("ix_party_live_sort_name", table_name="party")
    op.create_index("ix_party_role_party_id_since_until_role", "party_role", ["party_id", "since", "until", "role"])
    op.drop_index("ix_party_role_party_id", table_name="party_role")
    if sqlite:
        # Statistics for the new indexes now, while the upgrade runs: without them SQLite's
        # planner may prefer an older index (and `PRAGMA optimize` would analyse at closing).
        op.execute("ANALYZE party")
        op.execute("ANALYZE party_role")


def downgrade() -> None:
    op.create_index("ix_party_role_party_id", "party_role", ["party_id"])
    op.drop_index("ix_party_role_party_id_since_until_role", table_name="party_role")
    op.create_index("ix_party_live_sort_name", "party", ["sort_name", "id"], **_live())
    op.drop_index("ix_party_live_list", table_name="party")

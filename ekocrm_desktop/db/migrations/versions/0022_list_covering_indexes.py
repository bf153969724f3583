"""Contacts list (issue 2): scrolling a million contacts by name read one table page per row
(200 scattered reads a page). The name index now carries the columns a list row shows, and a
party's roles with their dates are read from an index alone.

`ix_party_live_list` replaces `ix_party_live_sort_name` (its prefix); the party_role index on
(party_id, since, until, role) replaces the one on party_id (its prefix).

Revision ID: 0022
Revises: 0017
Create Date: 2026-12-06 15:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIST_COLUMNS = [
    "sort_name",
    "id",
    "kind",
    "display_name",
    "organisation_name",
    "primary_email",
    "primary_phone",
    "city",
    "postcode",
    "updated_at",
    "deleted_at",
]


def _live() -> dict[str, sa.ColumnElement[bool]]:
    live = sa.column("deleted_at").is_(None)
    return {"sqlite_where": live, "postgresql_where": live}


def upgrade() -> None:
    op.create_index("ix_party_live_list", "party", LIST_COLUMNS, **_live())
    op.drop_index("ix_party_live_sort_name", table_name="party")
    op.create_index("ix_party_role_party_id_since_until_role", "party_role", ["party_id", "since", "until", "role"])
    op.drop_index("ix_party_role_party_id", table_name="party_role")


def downgrade() -> None:
    op.create_index("ix_party_role_party_id", "party_role", ["party_id"])
    op.drop_index("ix_party_role_party_id_since_until_role", table_name="party_role")
    op.create_index("ix_party_live_sort_name", "party", ["sort_name", "id"], **_live())
    op.drop_index("ix_party_live_list", table_name="party")

"""Reports (issue 7): the dashboard counts members per dues status from `party_role`; an index
on (role, party_id, since, until) answers it from the index alone, in party order, instead of
reading 350,000 table rows on a million-contact workspace. It replaces (role, party_id), its prefix.

Revision ID: 0016
Revises: 0020
Create Date: 2026-12-06 12:31:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_party_role_role_party_id_since_until", "party_role", ["role", "party_id", "since", "until"])
    op.drop_index("ix_party_role_role_party_id", table_name="party_role")


def downgrade() -> None:
    op.create_index("ix_party_role_role_party_id", "party_role", ["role", "party_id"])
    op.drop_index("ix_party_role_role_party_id_since_until", table_name="party_role")

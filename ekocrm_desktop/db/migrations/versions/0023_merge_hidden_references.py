"""Merges on a team database (issue 3 with issue 4): `ekocrm_party_reference_counts(party)`
counts the rows pointing at a party, including those private to colleagues, so that a merge
that could not move them all is refused instead of leaving them on the record it trashes.
PostgreSQL only; SQLite databases only record the revision.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06 16:25:00
"""

from collections.abc import Sequence

from alembic import op

from ekocrm_desktop.db.migrations.security import (
    create_reference_count_function_v3,
    drop_reference_count_function_v3,
)

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_reference_count_function_v3(op)


def downgrade() -> None:
    drop_reference_count_function_v3(op)

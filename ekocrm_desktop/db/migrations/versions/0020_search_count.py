"""Text search under row-level security counts without materialising (issue 4's search figure).

PostgreSQL only: `ekocrm_count_party_matches(query, cap)` counts the visible matches through the
GIN index, optionally stopping at a cap; the contacts list uses it for its count and to learn
whether a prefix is dense enough to walk the name index instead. No table changes; SQLite
databases only record the revision.

Revision ID: 0020
Revises: 0012
Create Date: 2026-12-06 13:05:00
"""

from collections.abc import Sequence

from alembic import op

from ekocrm_desktop.db.migrations.security import create_search_count_function_v2, drop_search_count_function_v2

revision: str = "0020"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_search_count_function_v2(op)


def downgrade() -> None:
    drop_search_count_function_v2(op)

"""History of bulk inserts (issue 8's PostgreSQL import): `ekocrm_track()` v4 records the same
rows, but looks each inserted child row's record up by index instead of hashing every history row
of the transaction at each statement. PostgreSQL only; SQLite databases only record the revision.

Revision ID: 0024
Revises: 0025
Create Date: 2026-12-06 18:00:00
"""

from collections.abc import Sequence

from alembic import op

from ekocrm_desktop.db.migrations.security import replace_track_function_v4, restore_track_function_v1

revision: str = "0024"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    replace_track_function_v4(op)


def downgrade() -> None:
    restore_track_function_v1(op)

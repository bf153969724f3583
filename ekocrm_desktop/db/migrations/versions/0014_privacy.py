"""Personal data rights: erasure tombstones, hashed suppression entries and the privacy log.

Only new tables, none holding personal data in clear (ids, keyed hashes, counts). The lead
re-chains this revision after the revisions written in parallel at merge.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 10:20:47.361251
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ekocrm_desktop.db.migrations.security import grant_v1

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "erasure_tombstone",
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("erased_by", sa.String(length=120), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.CheckConstraint("reason IN ('gdpr-erase', 'retention', 'moved')", name=op.f("ck_erasure_tombstone_reason")),
        sa.PrimaryKeyConstraint("party_id", name=op.f("pk_erasure_tombstone")),
    )
    op.create_table(
        "privacy_log",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column(
            "counts", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.CheckConstraint(
            "action IN ('gdpr-export', 'gdpr-erase', 'retention', 'moved')", name=op.f("ck_privacy_log_action")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_log")),
    )
    with op.batch_alter_table("privacy_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_privacy_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_privacy_log_party_id"), ["party_id"], unique=False)

    op.create_table(
        "suppression_entry",
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("channel IN ('email', 'phone')", name=op.f("ck_suppression_entry_channel")),
        sa.PrimaryKeyConstraint("hash", "channel", name=op.f("pk_suppression_entry")),
    )
    _team_security()


def _team_security() -> None:
    """Rights on a team database (no-ops on SQLite).

    Erasing is for administrators: only they write tombstones and suppression entries (the
    party DELETE and `ekocrm_erase_history` are theirs already). Everyone reads both, since an
    import or a transfer by a collaborator must honour them. The log is append-only for all:
    whoever exports records it; nobody rewrites it.
    """
    for table in ("erasure_tombstone", "suppression_entry"):
        grant_v1(op, table, reader="SELECT", collaborator="SELECT", administrator="SELECT, INSERT")
    grant_v1(op, "privacy_log", reader="SELECT, INSERT", collaborator="SELECT, INSERT", administrator="SELECT, INSERT")


def downgrade() -> None:
    op.drop_table("suppression_entry")
    with op.batch_alter_table("privacy_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_privacy_log_party_id"))
        batch_op.drop_index(batch_op.f("ix_privacy_log_at"))

    op.drop_table("privacy_log")
    op.drop_table("erasure_tombstone")

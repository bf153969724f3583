"""Imports of members, subscriptions and articles: the batch records of rows other than parties,
and external ids of parties (the id a row had in the system it was imported from).

Only new tables. The lead re-chains this revision after the revisions written in parallel at merge.

Revision ID: 0017
Revises: 0016c
Create Date: 2026-12-06 12:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ekocrm_desktop.db.migrations.security import ALL, drop_policies_v1, grant_v1, install_child_security_v1

revision: str = "0017"
down_revision: str | None = "0016c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _audit() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "import_batch_record",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("version_after", sa.Integer(), nullable=False),
        sa.Column(
            "previous", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=True
        ),
        *_audit(),
        sa.CheckConstraint("action IN ('created', 'updated')", name=op.f("ck_import_batch_record_action")),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batch.id"],
            name=op.f("fk_import_batch_record_batch_id_import_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch_record")),
    )
    with op.batch_alter_table("import_batch_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batch_record_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_import_batch_record_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "party_external_id",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("source", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=120), nullable=False),
        sa.Column("value_key", sa.String(length=120), nullable=False),
        *_audit(),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_party_external_id_party_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_external_id")),
        sa.UniqueConstraint("source", "value_key", name=op.f("uq_party_external_id_source_value_key")),
    )
    with op.batch_alter_table("party_external_id", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_external_id_party_id"), ["party_id"], unique=False)
    # Imports match e-mail addresses case-insensitively: an index on lower(address) keeps each
    # look-up from scanning every address of the workspace.
    op.create_index("ix_party_email_lower_address", "party_email", [sa.text("lower(address)")], unique=False)
    _team_security()


def _team_security() -> None:
    """Rights on a team database (no-ops on SQLite): as for the import batches and a party's rows."""
    install_child_security_v1(op, "party_external_id", parent_table="party", parent_column="party_id")
    grant_v1(op, "party_external_id", reader="SELECT", collaborator="SELECT, INSERT, UPDATE, DELETE", administrator=ALL)
    grant_v1(op, "import_batch_record", reader="SELECT", collaborator=ALL, administrator=ALL)


def downgrade() -> None:
    op.drop_index("ix_party_email_lower_address", table_name="party_email")
    drop_policies_v1(op, "party_external_id")
    with op.batch_alter_table("party_external_id", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_party_external_id_party_id"))
    op.drop_table("party_external_id")
    with op.batch_alter_table("import_batch_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batch_record_entity_id"))
        batch_op.drop_index(batch_op.f("ix_import_batch_record_batch_id"))
    op.drop_table("import_batch_record")

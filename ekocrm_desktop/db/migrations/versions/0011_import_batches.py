"""Import batches: each import run and the parties it created or updated, so it can be undone.

Only new tables. The lead re-chains this revision after 0010 (written in parallel) at merge.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 09:39:19.931557
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ekocrm_desktop.db.migrations.security import ALL, drop_policies_v1, grant_v1, install_child_security_v1

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("source_format", sa.String(length=8), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("created_count", sa.Integer(), nullable=False),
        sa.Column("updated_count", sa.Integer(), nullable=False),
        sa.Column("skipped_count", sa.Integer(), nullable=False),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.Column(
            "options", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("status IN ('running', 'done', 'cancelled', 'undone')", name=op.f("ck_import_batch_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    op.create_table(
        "import_batch_item",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("version_after", sa.Integer(), nullable=False),
        sa.Column(
            "previous", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=True
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("action IN ('created', 'updated')", name=op.f("ck_import_batch_item_action")),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batch.id"],
            name=op.f("fk_import_batch_item_batch_id_import_batch"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_import_batch_item_party_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch_item")),
    )
    with op.batch_alter_table("import_batch_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batch_item_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_import_batch_item_party_id"), ["party_id"], unique=False)

    _team_security()


def _team_security() -> None:
    """Rights on a team database (no-ops on SQLite).

    Batches (file name, counts, options) are seen by everyone who may import; the items, which
    keep a party's previous values, follow the party they are about.
    """
    install_child_security_v1(op, "import_batch_item", parent_table="party", parent_column="party_id")
    grant_v1(op, "import_batch", reader="SELECT", collaborator="SELECT, INSERT, UPDATE", administrator=ALL)
    grant_v1(op, "import_batch_item", reader="SELECT", collaborator=ALL, administrator=ALL)


def downgrade() -> None:
    drop_policies_v1(op, "import_batch_item")
    with op.batch_alter_table("import_batch_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batch_item_party_id"))
        batch_op.drop_index(batch_op.f("ix_import_batch_item_batch_id"))

    op.drop_table("import_batch_item")
    op.drop_table("import_batch")

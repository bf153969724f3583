"""Party owner (the collaborator who looks after it) and workspace-wide settings.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ekocrm_desktop.db.migrations.helpers import create_party_fts_triggers

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_setting")),
    )
    # On SQLite this recreates `party` (move and copy): it runs with foreign keys off, or
    # ON DELETE CASCADE would empty every child table (ARCHITECTURE §6).
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_party_owner_id"), ["owner_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_party_owner_id_party"), "party", ["owner_id"], ["id"], ondelete="SET NULL"
        )
    if op.get_bind().dialect.name == "sqlite":
        # Triggers die with the table they belong to.
        create_party_fts_triggers(op)


def downgrade() -> None:
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_party_owner_id_party"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_party_owner_id"))
        batch_op.drop_column("owner_id")
    if op.get_bind().dialect.name == "sqlite":
        create_party_fts_triggers(op)
    op.drop_table("app_setting")

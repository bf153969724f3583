"""Bounces (issue 6): e-mail addresses that bounced for good, left out of later campaigns.

Not about one person (a household address may be shared) nor owned by anyone: the table has
no row-level security; collaborators record bounces when they import them (and clear an address that
works again), readers only read.

Revision ID: 0016c
Revises: 0019
Create Date: 2026-12-06 12:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ekocrm_desktop.db.migrations.security import ALL, grant_v1

revision: str = "0016c"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bounced_address",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("bounced_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("diagnostic", sa.String(length=500), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_bounced_address_campaign_id_campaign"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bounced_address")),
        sa.UniqueConstraint("address", name=op.f("uq_bounced_address_address")),
    )
    grant_v1(op, "bounced_address", reader="SELECT", collaborator=ALL, administrator=ALL)


def downgrade() -> None:
    op.drop_table("bounced_address")
